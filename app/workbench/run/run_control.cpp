#include "run/run_control.h"

namespace fedhap::workbench {

void RunControl::request_stop() {
    stop_.request_stop();
    // A held worker checks the stop under the lock: taking it here means it cannot miss the wake-up.
    { const std::lock_guard<std::mutex> lock(mutex_); }
    wake_.notify_all();
}

void RunControl::pause() {
    const std::lock_guard<std::mutex> lock(mutex_);
    ++pauses_;
    paused_ = true;
}

void RunControl::resume() { release(false); }

void RunControl::pause_after_round() {
    const std::lock_guard<std::mutex> lock(mutex_);
    pause_after_round_ = true;
}

void RunControl::resume_for_one_round() { release(true); }

void RunControl::release(bool pause_after_next_round) {
    {
        const std::lock_guard<std::mutex> lock(mutex_);
        paused_ = false;
        pause_after_round_ = pause_after_next_round;
    }
    wake_.notify_all();
}

int RunControl::pause_count() const {
    const std::lock_guard<std::mutex> lock(mutex_);
    return pauses_;
}

bool RunControl::pause_if_round_step_requested() {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (!pause_after_round_) return false;
    pause_after_round_ = false;
    ++pauses_;
    paused_ = true;
    return true;
}

bool RunControl::hold_while_paused(const std::function<void(int pause)>& on_hold) {
    if (!paused_.load()) return false;
    std::unique_lock<std::mutex> lock(mutex_);
    if (!paused_ || stop_.stop_requested()) return false;
    on_hold(pauses_);
    wake_.wait(lock, [&] { return !paused_ || stop_.stop_requested(); });
    return true;
}

}  // namespace fedhap::workbench
