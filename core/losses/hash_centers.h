#pragma once
// Data-independent class codes (±1): CSQ's Hadamard centres, or random balanced codes.
#include <cstdint>
#include <vector>

namespace fedhap {

// classes × bits values in row order. Rows of [H_B; −H_B] from the Sylvester–Hadamard matrix
// when bits is a power of two and 2·bits ≥ classes; otherwise random balanced codes.
std::vector<float> hadamard_centers(int classes, int bits, std::uint64_t seed);
// Random codes with bits/2 ones each, redrawn until every pair differs in more than bits/4
// positions (best of 1000 draws when that cannot be met).
std::vector<float> random_balanced_codes(int classes, int bits, std::uint64_t seed);
// Smallest Hamming distance between two rows of a classes × bits ±1 matrix (bits when classes < 2).
int min_pairwise_distance(const std::vector<float>& codes, int classes, int bits);

}  // namespace fedhap
