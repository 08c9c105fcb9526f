#pragma once
// Independent LibTorch tasks (one client's round, one batch to encode) spread over the CPU cores.
#include <cstddef>
#include <functional>

#include <c10/core/Device.h>

namespace fedhap {

// Calls task(i) once for each i in [0, n) on min(cores, n) threads of a ThreadPool (one on a GPU,
// which has its own parallelism), each thread with cores / threads LibTorch intra-op threads: small
// networks use the cores better as independent single-threaded tasks than one after another with
// intra-op parallelism. The intra-op count is thread-local, so it is set in each thread, and the
// caller's is restored afterwards. A task must not depend on the thread it runs on (its own
// generator, its own outputs). Rethrows the first exception of a task, after all have stopped.
void run_torch_tasks(std::size_t n, int cores, c10::Device device, const std::function<void(std::size_t)>& task);

}  // namespace fedhap
