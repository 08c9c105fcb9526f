#pragma once
// Stop and pause for a training run, checked by the worker between batches (never a queued
// slot: the worker's event loop is busy while it trains).
#include <atomic>
#include <condition_variable>
#include <mutex>

namespace fedhap {

class StopToken {
public:
    void request_stop() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
    }
    void set_paused(bool paused) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            paused_ = paused;
        }
        wake_.notify_all();
    }
    bool stop_requested() const { return stop_.load(); }
    bool paused() const { return paused_.load(); }
    // Blocks while paused; returns false when a stop was requested (also while paused).
    bool keep_going() {
        if (!paused_.load()) return !stop_.load();
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return !paused_.load() || stop_.load(); });
        return !stop_.load();
    }

private:
    std::atomic<bool> stop_{false}, paused_{false};
    std::mutex mutex_;
    std::condition_variable wake_;
};

// Thrown out of the round loop when a stop was requested mid-round.
struct StopRequested {};

}  // namespace fedhap
