#pragma once
// The one thread pool of the core: evaluation, embedding, the client loop and the encoder all
// run their parallel loops on it. Persistent threads, because a t-SNE step runs a few loops per
// iteration and starting threads for each would cost more than the work in small runs.
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace fedhap {

// The one place "0 = all cores" is decided: `requested` when positive (at most 4 per core),
// else the hardware concurrency (at least 1).
int resolve_thread_count(int requested);

class ThreadPool {
public:
    using Task = std::function<void(std::size_t index, std::size_t slot)>;
    using BlockTask = std::function<void(std::size_t begin, std::size_t end, std::size_t slot)>;
    // Wraps one thread's share of a run and must call share() once: for thread-local state that
    // has to hold while the thread works (LibTorch's grad mode and intra-op thread count are
    // per thread). share() itself never throws.
    using ThreadScope = std::function<void(std::size_t slot, const std::function<void()>& share)>;

    // resolve_thread_count(threads) threads in all, the caller's included: threads() - 1 are
    // started here and joined by the destructor.
    explicit ThreadPool(int threads = 0);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    std::size_t threads() const { return workers_.size() + 1; }

    // Calls task(i, slot) once for each i in [0, n) on all threads, the caller's being slot 0, and
    // returns when all are done. Indices go to whichever thread is free, so a task writes only
    // its own outputs (and per-slot scratch); then the result does not depend on the thread count.
    // After a task throws no further index starts; the first exception is rethrown here once
    // every thread has stopped. A run called from inside a task of this pool runs inline.
    void run(std::size_t n, const Task& task, const ThreadScope& scope = nullptr);

    // run() over consecutive blocks [begin, end) of `grain` indices (the last may be shorter)
    // covering [0, n): block b is [b·grain, …), whatever the thread count. grain 0 throws
    // std::invalid_argument.
    void run_blocks(std::size_t n, std::size_t grain, const BlockTask& body);

private:
    struct Job;
    void work(Job& job, std::size_t slot);
    void worker(std::size_t slot);
    void stop_workers();

    std::vector<std::thread> workers_;
    std::mutex run_mutex_;  // one run at a time when several threads share a pool
    std::mutex mutex_;
    std::condition_variable wake_, finished_;
    Job* job_ = nullptr;
    unsigned long long generation_ = 0;
    std::size_t running_ = 0;
    bool stop_ = false;
};

}  // namespace fedhap
