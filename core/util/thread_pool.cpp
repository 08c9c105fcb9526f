#include "util/thread_pool.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <stdexcept>

namespace fedhap {
namespace {

// The pool and slot the current thread is working for, so that a nested run() can go inline
// instead of waiting for threads that are busy running its caller.
struct Current {
    const ThreadPool* pool = nullptr;
    std::size_t slot = 0;
};
thread_local Current current;

class CurrentScope {
public:
    CurrentScope(const ThreadPool* pool, std::size_t slot) : saved_(current) { current = {pool, slot}; }
    ~CurrentScope() { current = saved_; }
    CurrentScope(const CurrentScope&) = delete;
    CurrentScope& operator=(const CurrentScope&) = delete;

private:
    Current saved_;
};

}  // namespace

int resolve_thread_count(int requested) {
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    // More threads than a few per core only adds overhead, and a thousand of them can exhaust
    // the address space (LibTorch's pool then hangs): capped at 4 per core.
    return requested > 0 ? std::min(requested, 4 * cores) : cores;
}

struct ThreadPool::Job {
    Job(std::size_t count, const Task& t, const ThreadScope& s) : n(count), task(t), scope(s) {}

    void fail(std::exception_ptr e) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!error) error = std::move(e);
        next = n;  // hand out no further index
    }

    const std::size_t n;
    const Task& task;
    const ThreadScope& scope;
    std::atomic<std::size_t> next{0};
    std::mutex error_mutex;
    std::exception_ptr error;
};

ThreadPool::ThreadPool(int threads) {
    const int count = resolve_thread_count(threads);
    try {
        for (int t = 1; t < count; ++t) workers_.emplace_back([this, t] { worker(static_cast<std::size_t>(t)); });
    } catch (...) {
        stop_workers();  // the destructor does not run when the constructor throws
        throw;
    }
}

ThreadPool::~ThreadPool() { stop_workers(); }

void ThreadPool::stop_workers() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    for (auto& w : workers_) w.join();
}

// Never throws: every failure is recorded in the job.
void ThreadPool::work(Job& job, std::size_t slot) {
    const CurrentScope here(this, slot);
    const std::function<void()> share = [&] {
        for (std::size_t i; (i = job.next.fetch_add(1)) < job.n;) {
            try {
                job.task(i, slot);
            } catch (...) {
                job.fail(std::current_exception());
            }
        }
    };
    try {
        if (job.scope)
            job.scope(slot, share);
        else
            share();
    } catch (...) {
        job.fail(std::current_exception());
    }
}

void ThreadPool::worker(std::size_t slot) {
    unsigned long long seen = 0;
    for (;;) {
        Job* job = nullptr;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
            if (stop_) return;
            seen = generation_;
            job = job_;
        }
        work(*job, slot);
        std::lock_guard<std::mutex> lock(mutex_);
        if (--running_ == 0) finished_.notify_one();
    }
}

void ThreadPool::run(std::size_t n, const Task& task, const ThreadScope& scope) {
    if (n == 0) return;
    Job job(n, task, scope);
    if (workers_.empty() || n == 1 || current.pool == this) {
        work(job, current.pool == this ? current.slot : 0);
    } else {
        std::lock_guard<std::mutex> one_run(run_mutex_);
        {
            std::lock_guard<std::mutex> lock(mutex_);
            job_ = &job;
            running_ = workers_.size();
            ++generation_;
        }
        wake_.notify_all();
        work(job, 0);
        std::unique_lock<std::mutex> lock(mutex_);
        finished_.wait(lock, [&] { return running_ == 0; });
        job_ = nullptr;
    }
    if (job.error) std::rethrow_exception(job.error);
}

void ThreadPool::run_blocks(std::size_t n, std::size_t grain, const BlockTask& body) {
    if (grain == 0) throw std::invalid_argument("thread pool: the block size must be positive");
    const std::size_t blocks = n / grain + (n % grain != 0);
    run(blocks, [&](std::size_t b, std::size_t slot) { body(b * grain, std::min(n, (b + 1) * grain), slot); });
}

}  // namespace fedhap
