#include "embed/parallel_for.h"

#include <algorithm>

namespace fedhap {

ParallelFor::ParallelFor(int threads) {
    if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    for (int t = 1; t < threads; ++t) workers_.emplace_back([this] { worker(); });
}

ParallelFor::~ParallelFor() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    for (auto& w : workers_) w.join();
}

void ParallelFor::take_blocks() {
    for (;;) {
        const std::size_t begin = next_.fetch_add(grain_);
        if (begin >= n_) return;
        (*body_)(begin, std::min(n_, begin + grain_));
    }
}

void ParallelFor::worker() {
    unsigned long long seen = 0;
    for (;;) {
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [&] { return stop_ || round_ != seen; });
            if (stop_) return;
            seen = round_;
        }
        take_blocks();
        std::lock_guard<std::mutex> lock(mutex_);
        if (--running_ == 0) finished_.notify_one();
    }
}

void ParallelFor::run(std::size_t n, std::size_t grain, const Body& body) {
    if (n == 0) return;
    grain = std::max<std::size_t>(grain, 1);
    if (workers_.empty() || n <= grain) {
        for (std::size_t b = 0; b < n; b += grain) body(b, std::min(n, b + grain));
        return;
    }
    {
        std::lock_guard<std::mutex> lock(mutex_);
        body_ = &body;
        n_ = n;
        grain_ = grain;
        next_ = 0;
        running_ = static_cast<int>(workers_.size());
        ++round_;
    }
    wake_.notify_all();
    take_blocks();
    std::unique_lock<std::mutex> lock(mutex_);
    finished_.wait(lock, [&] { return running_ == 0; });
}

}  // namespace fedhap
