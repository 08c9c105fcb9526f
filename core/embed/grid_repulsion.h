#pragma once
// The repulsive forces of a 2-D t-SNE embedding by polynomial interpolation on a grid (FIt-SNE,
// Linderman et al. 2019): each point spreads a unit charge onto the 3 × 3 nearest nodes of an
// equispaced grid with quadratic Lagrange weights, the node-to-node sums of the kernels
//   1/(1+d²)  and  (dx, dy)/(1+d²)²
// are circular convolutions done by FFT, and each point reads its sums back with the same
// weights. O(N + G² log G) for G nodes a side: linear in N, and cheap while the map is compact.
// Using the vector kernel d/(1+d²)² directly (not y_i Σ w² − Σ w² y_j) keeps large coordinates
// from cancelling. Buffers are kept between calls.
#include <cstddef>
#include <memory>
#include <vector>

namespace fedhap {

class Fft;
class ThreadPool;

class GridRepulsion {
public:
    // Nodes `spacing` apart (in embedding units; the kernels' width is 1), closer on a compact map.
    explicit GridRepulsion(double spacing = 0.4);
    ~GridRepulsion();
    GridRepulsion(GridRepulsion&&) noexcept;
    GridRepulsion& operator=(GridRepulsion&&) noexcept;

    // The QuadTree's contract: for every point i, with w_ij = 1 / (1 + |y_i − y_j|²) over j ≠ i,
    //   force[2i..2i+1] ≈ Σ_j w_ij² (y_i − y_j),   z[i] ≈ Σ_j w_ij;
    // the same for any thread count.
    void repulsion(const float* y, std::size_t n, ThreadPool& pool, float* force, double* z);

    // Nodes a side of the grid for these coordinates (what a call would use).
    std::size_t nodes_for(const float* y, std::size_t n) const;
    std::size_t nodes() const { return nodes_; }  // of the last call

private:
    void transform_kernels(ThreadPool& pool);  // for the current grid size and kernel_spacing_

    double spacing_, kernel_spacing_ = 0.0;
    std::size_t nodes_ = 0;
    std::unique_ptr<Fft> fft_;
    std::vector<double> kernel_re_, kernel_im_, spectrum_1_, spectrum_x_;
    std::vector<double> charge_re_, charge_im_, sums_re_, sums_im_, forces_y_re_, forces_y_im_;
    std::vector<std::size_t> corner_;  // per point: grid index of its window's first node
    std::vector<double> weight_;       // per point: the window's x-weights, then its y-weights
};

}  // namespace fedhap
