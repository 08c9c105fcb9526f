#pragma once
// What the GUI thread uses to steer one run while the worker trains: stop and pause through the
// StopToken (checked between batches), and "pause when this round ends" for Step.
#include <atomic>
#include <memory>

#include "fl/stop_token.h"

namespace fedhap::workbench {

struct RunControl {
    StopToken stop;
    std::atomic<bool> pause_after_round{false};
};

using SharedRunControl = std::shared_ptr<RunControl>;

}  // namespace fedhap::workbench
