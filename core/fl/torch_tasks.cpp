#include "fl/torch_tasks.h"

#include <torch/torch.h>

#include <algorithm>

#include "util/thread_pool.h"

namespace fedhap {
namespace {

// Puts the caller's intra-op thread count back, also when a task threw.
class RestoreTorchThreads {
public:
    RestoreTorchThreads() : threads_(torch::get_num_threads()) {}
    ~RestoreTorchThreads() { torch::set_num_threads(threads_); }
    RestoreTorchThreads(const RestoreTorchThreads&) = delete;
    RestoreTorchThreads& operator=(const RestoreTorchThreads&) = delete;

private:
    int threads_;
};

}  // namespace

void run_torch_tasks(std::size_t n, int cores, c10::Device device, const std::function<void(std::size_t)>& task) {
    if (n == 0) return;
    cores = std::max(1, cores);
    const int workers = device.is_cuda() ? 1 : static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(cores), n));
    ThreadPool pool(workers);
    auto one = [&](std::size_t i, std::size_t) { task(i); };
    if (workers == 1) {  // the caller alone, with the intra-op threads it has
        pool.run(n, one);
        return;
    }
    const RestoreTorchThreads restore;
    const int per_worker = std::max(1, cores / workers);
    pool.run(n, one, [per_worker](std::size_t, const std::function<void()>& share) {
        torch::set_num_threads(per_worker);
        share();
    });
}

}  // namespace fedhap
