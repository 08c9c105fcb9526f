#pragma once
// How the GUI thread steers one run while the worker trains. Stop goes through the core's
// StopToken (checked between batches). Pause is held by the worker itself, in its observer
// between two batches, so that it can acknowledge the moment it stops moving.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>

#include "fl/stop_token.h"

namespace fedhap::workbench {

class RunControl {
public:
    // GUI thread.
    void request_stop();          // the run ends at its next batch; wakes a held worker
    void pause();                 // hold at the next batch boundary
    void resume();                // also cancels a pending "pause after this round"
    void pause_after_round();     // hold once the current round has ended (Step while running)
    void resume_for_one_round();  // Step while paused
    int pause_count() const;      // numbers the pauses, so an acknowledgement can be matched

    // Training thread.
    StopToken& stop_token() { return stop_; }
    // At the end of a round: turns a requested "pause after round" into a pause; returns whether it did.
    bool pause_if_round_step_requested();
    // Blocks while paused; just before blocking it calls `on_hold` with the pause's number.
    // Returns whether it held.
    bool hold_while_paused(const std::function<void(int pause)>& on_hold);

private:
    void release(bool pause_after_next_round);
    StopToken stop_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::atomic<bool> paused_{false};  // read without the lock once per batch
    bool pause_after_round_ = false;   // under mutex_
    int pauses_ = 0;                   // under mutex_
};

using SharedRunControl = std::shared_ptr<RunControl>;

}  // namespace fedhap::workbench
