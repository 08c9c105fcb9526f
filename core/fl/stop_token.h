#pragma once
// Stop for a training run, checked between batches (never a queued slot: the worker's event loop
// is busy while it trains). A lock-free flag, so a signal handler may set it (the CLI's Ctrl-C).
// Pausing is the driver's business: the workbench holds its worker in the observer's callbacks
// (app/workbench/run/run_control.h), where it can also say that it has paused.
#include <atomic>

namespace fedhap {

class StopToken {
public:
    void request_stop() { stop_.store(true); }
    bool stop_requested() const { return stop_.load(); }

private:
    std::atomic<bool> stop_{false};
    static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");
};

// Thrown out of the round loop when a stop was requested mid-round.
struct StopRequested {};

}  // namespace fedhap
