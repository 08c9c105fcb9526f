#pragma once
// LibTorch facts and process-wide settings, behind a torch-free header.
#include <string>

namespace fedhap {

std::string torch_version();      // e.g. "1.13.1"
bool cuda_available();
int cuda_device_count();
// Sets LibTorch's intra-op threads (0 = all hardware threads); returns the number in force.
int set_torch_threads(int threads);

}  // namespace fedhap
