#include "runtime/torch_runtime.h"

#include "util/thread_pool.h"

namespace fedhap {

std::string torch_version() {
    return std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "." +
           std::to_string(TORCH_VERSION_PATCH);
}

bool cuda_available() { return torch::cuda::is_available(); }

int cuda_device_count() { return static_cast<int>(torch::cuda::device_count()); }

int set_torch_threads(int threads) {
    torch::set_num_threads(resolve_thread_count(threads));
    return torch::get_num_threads();
}

}  // namespace fedhap
