#include "runtime/torch_runtime.h"

#include <dlfcn.h>

#include "util/thread_pool.h"

namespace fedhap {
namespace {

// OpenBLAS (the BLAS of Debian's LibTorch) keeps a thread pool of its own, sized to all cores,
// which at::set_num_threads does not reach. Our parallel loops already give every core a task
// (run_torch_tasks: one client or batch per core), so its threads only competed with ours: in a
// profile of the classroom run on 2 cores, 4 % of the samples were its exec_blas_async and 5 %
// sched_yield. Looked up at run time: LibTorch builds on other BLASes lack the symbol.
void use_one_blas_thread() {
    using SetThreads = void (*)(int);
    if (auto set = reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) set(1);
}

}  // namespace

std::string torch_version() {
    return std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "." +
           std::to_string(TORCH_VERSION_PATCH);
}

bool cuda_available() { return torch::cuda::is_available(); }

int cuda_device_count() { return static_cast<int>(torch::cuda::device_count()); }

int set_torch_threads(int threads) {
    use_one_blas_thread();
    torch::set_num_threads(resolve_thread_count(threads));
    return torch::get_num_threads();
}

}  // namespace fedhap
