#pragma once
// A small pool of persistent threads for the embedding loops: a t-SNE step runs a few parallel
// loops per iteration, and starting threads for each would cost more than the work in small runs.
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace fedhap {

class ParallelFor {
public:
    using Body = std::function<void(std::size_t begin, std::size_t end)>;

    explicit ParallelFor(int threads);  // 0 = one per core
    ~ParallelFor();
    ParallelFor(const ParallelFor&) = delete;
    ParallelFor& operator=(const ParallelFor&) = delete;

    int threads() const { return static_cast<int>(workers_.size()) + 1; }

    // Calls body on consecutive blocks of at most `grain` indices covering [0, n), on all threads,
    // and returns when all are done. Blocks go to whichever thread is free, so a body must write
    // only to its own indices; then the result does not depend on the thread count.
    void run(std::size_t n, std::size_t grain, const Body& body);

private:
    void take_blocks();
    void worker();

    std::vector<std::thread> workers_;
    std::mutex mutex_;
    std::condition_variable wake_, finished_;
    const Body* body_ = nullptr;
    std::size_t n_ = 0, grain_ = 1;
    std::atomic<std::size_t> next_{0};
    unsigned long long round_ = 0;
    int running_ = 0;
    bool stop_ = false;
};

}  // namespace fedhap
