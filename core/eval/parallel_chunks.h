#pragma once
// Work over many queries split into fixed-size chunks and shared by a few threads. The chunk
// boundaries do not depend on the thread count, so per-chunk partial sums reduced in chunk
// order give the same result with any number of threads.
#include <cstddef>
#include <functional>

namespace fedhap {

// `requested`, or the hardware concurrency (at least 1) when it is 0.
std::size_t resolve_threads(std::size_t requested);

// Calls fn(chunk, begin, end, slot) for each chunk [begin, end) of [0, n), chunk = begin / chunk_size,
// on min(resolve_threads(threads), chunk count) threads, the caller's included; slot (below that
// thread count) names the calling thread, for per-thread scratch. Rethrows the first exception
// a call threw, after the other threads have stopped.
void parallel_chunks(std::size_t n, std::size_t chunk_size, std::size_t threads,
                     const std::function<void(std::size_t chunk, std::size_t begin, std::size_t end,
                                              std::size_t slot)>& fn);

}  // namespace fedhap
