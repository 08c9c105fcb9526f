#include "eval/parallel_chunks.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace fedhap {

std::size_t resolve_threads(std::size_t requested) {
    return requested ? requested : std::max(1u, std::thread::hardware_concurrency());
}

void parallel_chunks(std::size_t n, std::size_t chunk_size, std::size_t threads,
                     const std::function<void(std::size_t, std::size_t, std::size_t, std::size_t)>& fn) {
    if (chunk_size == 0) throw std::invalid_argument("parallel_chunks: chunk size must be positive");
    const std::size_t chunks = (n + chunk_size - 1) / chunk_size;
    const std::size_t workers = std::min(resolve_threads(threads), chunks);
    std::atomic<std::size_t> next{0};
    std::exception_ptr error;
    std::mutex error_mutex;
    auto work = [&](std::size_t slot) {
        for (std::size_t c; (c = next.fetch_add(1)) < chunks;) {
            try {
                fn(c, c * chunk_size, std::min(n, (c + 1) * chunk_size), slot);
            } catch (...) {
                std::lock_guard<std::mutex> lock(error_mutex);
                if (!error) error = std::current_exception();
                next = chunks;  // stop handing out work
            }
        }
    };
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < workers; ++t) pool.emplace_back(work, t);
    if (workers > 0) work(0);  // the caller is worker 0
    for (auto& t : pool) t.join();
    if (error) std::rethrow_exception(error);
}

}  // namespace fedhap
