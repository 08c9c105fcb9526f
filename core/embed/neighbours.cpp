#include "embed/neighbours.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

#include "embed/cpu_clones.h"
#include "embed/vp_tree.h"
#include "util/thread_pool.h"

namespace fedhap {
namespace {

FEDHAP_EMBED_POPCNT
void hamming_scan(const std::uint64_t* codes, std::size_t words, std::size_t n, const std::uint64_t* query,
                  std::uint32_t* distance) {
    for (std::size_t j = 0; j < n; ++j) {
        std::uint32_t d = 0;
        for (std::size_t w = 0; w < words; ++w)
            d += static_cast<std::uint32_t>(__builtin_popcountll(query[w] ^ codes[j * words + w]));
        distance[j] = d;
    }
}

Neighbours code_neighbours(const float* data, std::size_t n, std::size_t dims, std::size_t k, ThreadPool& pool) {
    const std::size_t words = (dims + 63) / 64;
    std::vector<std::uint64_t> codes(n * words, 0);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t d = 0; d < dims; ++d)
            if (data[i * dims + d] > 0) codes[i * words + d / 64] |= std::uint64_t{1} << (d % 64);
    Neighbours nb;
    nb.k = k;
    nb.index.resize(n * k);
    nb.distance2.resize(n * k);
    pool.run_blocks(n, 16, [&](std::size_t b, std::size_t e, std::size_t) {
        std::vector<std::uint32_t> distance(n), count(dims + 1), offset(dims + 1);
        for (std::size_t q = b; q < e; ++q) {
            hamming_scan(codes.data(), words, n, &codes[q * words], distance.data());
            // Counting selection: the cut distance holding the k-th neighbour, then the points
            // below it and enough of those at it, all in index order.
            std::fill(count.begin(), count.end(), 0u);
            for (std::size_t j = 0; j < n; ++j) ++count[distance[j]];
            --count[0];  // the query itself
            std::size_t cut = 0, below = 0;
            while (below + count[cut] < k) below += count[cut++];
            for (std::size_t d = 0, at = 0; d <= cut; at += count[d++]) offset[d] = static_cast<std::uint32_t>(at);
            std::size_t ties = k - below;
            std::uint32_t* index = &nb.index[q * k];
            float* distance2 = &nb.distance2[q * k];
            for (std::size_t j = 0; j < n; ++j) {
                const std::uint32_t d = distance[j];
                if (d > cut || j == q || (d == cut && ties == 0)) continue;
                if (d == cut) --ties;
                index[offset[d]] = static_cast<std::uint32_t>(j);
                distance2[offset[d]++] = 4.0f * static_cast<float>(d);
            }
        }
    });
    return nb;
}

}  // namespace

bool sign_codes(const float* values, std::size_t count) {
    return std::all_of(values, values + count, [](float v) { return v == 1.0f || v == -1.0f; });
}

Neighbours nearest_neighbours(const float* data, std::size_t n, std::size_t dims, std::size_t k, std::uint64_t seed,
                              ThreadPool& pool) {
    if (k >= n)
        throw std::invalid_argument("asked for " + std::to_string(k) + " neighbours of each of " + std::to_string(n) +
                                    " points");
    if (n >= std::numeric_limits<std::uint32_t>::max())
        throw std::invalid_argument("too many points for the neighbour search");
    if (sign_codes(data, n * dims)) return code_neighbours(data, n, dims, k, pool);
    Neighbours nb;
    nb.k = k;
    nb.index.resize(n * k);
    nb.distance2.resize(n * k);
    const VpTree tree(data, n, dims, seed);
    pool.run_blocks(n, 16, [&](std::size_t b, std::size_t e, std::size_t) {
        for (std::size_t i = b; i < e; ++i) tree.search(i, k, &nb.index[i * k], &nb.distance2[i * k]);
    });
    return nb;
}

}  // namespace fedhap
