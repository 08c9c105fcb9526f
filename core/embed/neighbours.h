#pragma once
// Exact k-nearest-neighbour graphs for t-SNE. ±1 hash codes of up to kMaxCodeBits bits are
// packed into bits (eval/packed_codes.h) and compared by Hamming distance (squared Euclidean
// distance = 4 × Hamming): a scan with a counting selection up to 10,000 codes, a pivot index
// above (embed/hamming_neighbours.h; the same answer). Other features use a vantage-point tree.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace fedhap {

class ThreadPool;

// The k nearest neighbours of each of N points (themselves excluded), nearest first.
struct Neighbours {
    std::size_t k = 0;
    std::vector<std::uint32_t> index;  // N × k
    std::vector<float> distance2;      // N × k squared Euclidean distances
};

// True when every value is +1 or −1: such rows are searched as packed bits.
bool sign_codes(const float* values, std::size_t count);

// Ties at the k-th distance are broken by ascending index for codes and by the tree's order
// otherwise; either way the result depends only on the data and the seed. Requires k < N.
Neighbours nearest_neighbours(const float* data, std::size_t n, std::size_t dims, std::size_t k, std::uint64_t seed,
                              ThreadPool& pool);

}  // namespace fedhap
