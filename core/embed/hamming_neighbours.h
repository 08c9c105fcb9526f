#pragma once
// Exact k nearest neighbours of ±1 codes by Hamming distance, two ways with the same answer: a
// scan of all codes (O(N²), cheapest for a few thousand points) and a pivot index, which skips
// whole blocks of codes that the triangle inequality puts beyond the k-th neighbour, so clustered
// codes (hash codes of a trained network) are compared with their own cluster only. Multi-index
// hashing was tried first: at 64 bits it looked at thousands of candidates a query through random
// accesses (70,000 clustered codes: 11.7 s against the scan's 15.7 s; slower at 20,000).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "embed/neighbours.h"
#include "eval/packed_codes.h"

namespace fedhap {

class ThreadPool;

// Both give, for each code, the k codes nearest to it (itself excluded) ordered by (distance,
// index): ties at the k-th distance go to the lowest indices. distance2 = 4 × Hamming. k < n.
Neighbours hamming_neighbours_by_scan(const PackedCodes& codes, std::size_t k, ThreadPool& pool);
Neighbours hamming_neighbours_by_index(const PackedCodes& codes, std::size_t k, ThreadPool& pool);

}  // namespace fedhap
