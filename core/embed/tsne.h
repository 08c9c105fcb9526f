#pragma once
// t-SNE of hash codes (±1 or relaxed) or any float features into 2-D, as a resumable optimisation:
// a worker thread calls step() and hands coordinates() to the plot between steps, and may stop
// at any time. Barnes–Hut (exact k-NN: a bit scan or, from 10,000 codes, a pivot index for ±1
// codes, a vantage-point tree for other features; quadtree repulsion, or FIt-SNE's grid
// interpolation in the iterations where its grid is small next to N) for real data, the exact
// O(N²) method for small checks. The
// schedule follows scikit-learn ≥ 1.2: early exaggeration 12 for 250 iterations, momentum 0.5
// then 0.8, delta-bar-delta gains, learning rate "auto", PCA initialisation scaled to std 1e-4.
// Same seed and input → same coordinates, bit for bit, with any thread count. One object is used
// by one thread at a time: a worker that steps it copies coordinates() out between steps.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "embed/affinities.h"

namespace fedhap {

class GridRepulsion;
class ThreadPool;

enum class TsneMethod { BarnesHut, Exact };
// The repulsion of the Barnes–Hut method, per iteration: Auto takes the grid where it measured
// faster (from 20,000 points, while the grid is small next to N), else the quadtree.
enum class TsneRepulsion { Auto, QuadTree, Grid };
enum class TsneInit { Pca, Random };

struct TsneOptions {
    double perplexity = 30.0;  // 0 < perplexity < N / 3
    int iterations = 1000;
    TsneMethod method = TsneMethod::BarnesHut;  // Exact: P over all pairs, O(N²) time and memory
    TsneInit init = TsneInit::Pca;
    TsneRepulsion repulsion = TsneRepulsion::Auto;
    double theta = 0.5;          // Barnes–Hut accuracy (0 = exact repulsion, slowly, never the grid)
    double learning_rate = 0.0;  // 0 = "auto": max(N / early_exaggeration / 4, 50)
    double early_exaggeration = 12.0;
    int exaggeration_iterations = 250;  // also when momentum switches
    double momentum = 0.5, final_momentum = 0.8;
    double min_gain = 0.01;
    std::size_t max_input_dims = 128;  // wider features (not ±1 codes) are first reduced by PCA to pca_dims
    std::size_t pca_dims = 50;
    std::uint64_t seed = 0;  // vantage points of the neighbour search (features), random initialisation
    int threads = 0;         // 0 = one per core; the result does not depend on it
};

class TsneEmbedding {
public:
    // `data` holds N × dims row-major features; `extra` (M × dims, e.g. the class prototypes) is
    // embedded with them as points N..N+M−1. Throws std::invalid_argument on bad sizes or options.
    TsneEmbedding(const std::vector<float>& data, std::size_t dims, const TsneOptions& options = {},
                  const std::vector<float>& extra = {});
    ~TsneEmbedding();
    TsneEmbedding(TsneEmbedding&&) noexcept;
    TsneEmbedding& operator=(TsneEmbedding&&) noexcept;

    // Runs up to `iterations` more gradient steps, fewer if the schedule ends first; stopping
    // early (not calling it again) leaves a usable, if less refined, map.
    void step(int iterations = 1);
    int iteration() const { return iteration_; }
    bool done() const { return iteration_ >= options_.iterations; }

    std::size_t size() const { return n_; }  // N + M
    bool is_extra(std::size_t i) const { return i >= data_points_; }
    const std::vector<float>& coordinates() const { return y_; }  // size() × 2 row-major
    const SparseMatrix& affinities() const { return p_; }         // the joint P
    double learning_rate() const { return learning_rate_; }

    // KL(P‖Q) of the current coordinates: Barnes–Hut estimate of the normaliser for the
    // Barnes–Hut method (O(N log N)), exact for the exact method.
    double kl_divergence() const;
    double exact_kl_divergence() const;  // O(N²) time, O(N) memory: checks, N up to a few ten thousand

private:
    void gradient(float exaggeration);

    TsneOptions options_;
    std::size_t n_ = 0, data_points_ = 0;
    std::unique_ptr<ThreadPool> pool_;
    std::unique_ptr<GridRepulsion> grid_;  // buffers kept between iterations
    SparseMatrix p_;
    std::vector<float> y_, update_, gains_, attraction_, repulsion_;
    std::vector<double> z_;
    double learning_rate_ = 0.0, z_total_ = 0.0;
    int iteration_ = 0;
};

// KL(P‖Q) of a 2-D embedding y (N × 2) with the exact normaliser Σ_{i≠j} 1/(1+|y_i−y_j|²); O(N²).
double exact_kl_divergence(const SparseMatrix& p, const std::vector<float>& y, ThreadPool& pool);

}  // namespace fedhap
