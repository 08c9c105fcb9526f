#pragma once
// Code quality at a glance: are the bits balanced and independent, and how far apart are
// codes that should be (e.g. the class prototypes)?
#include <cstddef>
#include <cstdint>
#include <vector>

#include "eval/packed_codes.h"

namespace fedhap {

struct CodeStats {
    std::vector<double> bit_mean;      // per bit, the mean of its ±1 values (0 = balanced)
    double mean_abs_bit_mean = 0.0;    // mean of |bit_mean|
    // Mean |Pearson correlation| over the ordered bit pairs i != j (0 for one bit). A constant
    // bit has no correlation; its pairs count as 0.
    double mean_abs_correlation = 0.0;
};

// Throws std::invalid_argument for an empty code set.
CodeStats code_stats(const PackedCodes& codes);

// count × count Hamming distances in row order; O(count²), meant for small sets such as prototypes.
std::vector<std::uint32_t> pairwise_hamming(const PackedCodes& codes);

}  // namespace fedhap
