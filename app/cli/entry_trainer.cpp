// fedhap-train: every command and every dataset is here, so nothing is handed over.
#include <cstdlib>
#include <iostream>
#include <string>

#include "config.h"
#include "data/enable_image_datasets.h"
#include "entry.h"
#include "runtime/torch_runtime.h"

namespace fedhap::cli {

void prepare_process() { enable_image_datasets(); }

bool has_command(const char*) { return true; }

int print_version(char**) {
    std::cout << "fedhap " << FEDHAP_VERSION << " (LibTorch " << fedhap::torch_version() << ", CUDA "
              << (fedhap::cuda_available() ? "available, " + std::to_string(fedhap::cuda_device_count()) + " device(s)"
                                           : "not available")
              << ")\n";
    return 0;
}

void hand_over(char**) {
    std::cerr << "fedhap-train: internal error: nothing to hand over to\n";
    std::abort();
}

}  // namespace fedhap::cli
