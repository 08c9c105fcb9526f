// fedhap-train: every command is here, so nothing runs elsewhere.
#include <iostream>
#include <string>

#include "config.h"
#include "entry.h"
#include "runtime/torch_runtime.h"

namespace fedhap::cli {

int print_version(char**) {
    std::cout << "fedhap " << FEDHAP_VERSION << " (LibTorch " << fedhap::torch_version() << ", CUDA "
              << (fedhap::cuda_available() ? "available, " + std::to_string(fedhap::cuda_device_count()) + " device(s)"
                                           : "not available")
              << ")\n";
    return 0;
}

void hand_over_if_elsewhere(const char*, char**) {}

}  // namespace fedhap::cli
