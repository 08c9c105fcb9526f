#pragma once
// Principal component analysis of N × D row-major float data: the 2-D view of codes and the
// reduction of wide features before the t-SNE neighbour search.
#include <cstddef>
#include <vector>

namespace fedhap {

class ThreadPool;

struct Pca {
    std::size_t dims = 0;
    std::vector<double> mean;        // dims
    std::vector<double> components;  // k × dims, orthonormal rows, largest variance first
    std::vector<double> variances;   // k, variance along each component (divided by N − 1)

    std::size_t size() const { return variances.size(); }
    // N × k row-major coordinates of `data` (N × dims) on the components.
    std::vector<float> transform(const float* data, std::size_t n) const;
};

// The top k components (k ≤ dims). Sign convention: the largest-magnitude entry of each component
// (the first of equals) is positive, so a result does not depend on the solver's start.
Pca fit_pca(const float* data, std::size_t n, std::size_t dims, std::size_t k, ThreadPool& pool);
Pca fit_pca(const float* data, std::size_t n, std::size_t dims, std::size_t k, int threads = 0);

}  // namespace fedhap
