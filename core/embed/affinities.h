#pragma once
// The input similarities of t-SNE: Gaussian conditional probabilities over each point's nearest
// neighbours with a per-point bandwidth set by the perplexity, symmetrised into a sparse joint P.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "embed/neighbours.h"

namespace fedhap {

class ThreadPool;

// Square sparse matrix in compressed-row form.
struct SparseMatrix {
    std::vector<std::size_t> row_start;  // rows + 1
    std::vector<std::uint32_t> column;   // ascending within a row
    std::vector<float> value;

    std::size_t rows() const { return row_start.empty() ? 0 : row_start.size() - 1; }
};

// Fills p[0..k) with p_j ∝ exp(−β·d2[j]), summing to 1, with β found by bisection so that the
// entropy −Σ p log p is log(perplexity) within 1e-5. Returns β. Ties and zero distances are fine:
// when more than `perplexity` neighbours share the smallest distance the target is out of reach,
// and the result is uniform over those (β = +∞).
double conditional_probabilities(const float* d2, std::size_t k, double perplexity, float* p);

// Symmetrised joint probabilities P = (P_{j|i} + P_{i|j}) / 2N over the neighbour graph; sums to 1.
SparseMatrix joint_probabilities(const Neighbours& neighbours, double perplexity, ThreadPool& pool);

}  // namespace fedhap
