#pragma once
// Ctrl-C (SIGINT) and SIGTERM ask a StopToken to stop while this object lives: a run finishes
// its batch (or its round's exchange) and keeps its last checkpoint.
#include "fl/stop_token.h"

namespace fedhap::cli {

class StopOnInterrupt {
public:
    explicit StopOnInterrupt(StopToken& stop);
    ~StopOnInterrupt();
    StopOnInterrupt(const StopOnInterrupt&) = delete;
    StopOnInterrupt& operator=(const StopOnInterrupt&) = delete;
};

}  // namespace fedhap::cli
