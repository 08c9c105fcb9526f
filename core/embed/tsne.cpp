#include "embed/tsne.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "embed/grid_repulsion.h"
#include "embed/pca.h"
#include "embed/quadtree.h"
#include "util/random.h"
#include "util/thread_pool.h"

namespace fedhap {
namespace {

// The grid repulsion costs about (2G)² log G for G nodes a side, the quadtree about N log N and
// more while the map is compact (early exaggeration). Measured at 70,000 codes (2 cores), the
// grid is the faster while G² ≤ N / 2. Below 20,000 points the quadtree is kept: it is the more
// accurate (relative force error ~0.4 % against ~1 %), and there the time goes elsewhere.
constexpr std::size_t kGridPoints = 20000;
bool grid_is_cheaper(std::size_t nodes, std::size_t n) { return n >= kGridPoints && 2 * nodes * nodes <= n; }

// Exact repulsion: force_i = Σ_j≠i w_ij² (y_i − y_j), z_i = Σ_j≠i w_ij.
void exact_repulsion(const std::vector<float>& y, ThreadPool& pool, float* force, double* z) {
    const std::size_t n = y.size() / 2;
    pool.run_blocks(n, 16, [&](std::size_t b, std::size_t e, std::size_t) {
        for (std::size_t i = b; i < e; ++i) {
            float fx = 0.0f, fy = 0.0f;
            double sum = 0.0;
            for (std::size_t j = 0; j < n; ++j) {
                if (j == i) continue;
                const float dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                const float w = 1.0f / (1.0f + dx * dx + dy * dy);
                sum += w;
                fx += w * w * dx;
                fy += w * w * dy;
            }
            force[2 * i] = fx;
            force[2 * i + 1] = fy;
            z[i] = sum;
        }
    });
}

// Σ p log(p / q) with q = w / z, over the stored entries of P.
double kl_with_normaliser(const SparseMatrix& p, const std::vector<float>& y, double z) {
    double kl = 0.0, mass = 0.0;
    for (std::size_t i = 0; i < p.rows(); ++i)
        for (std::size_t t = p.row_start[i]; t < p.row_start[i + 1]; ++t) {
            const double pij = p.value[t];
            if (pij <= 0.0) continue;
            const std::size_t j = p.column[t];
            const double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
            kl += pij * (std::log(pij) + std::log1p(dx * dx + dy * dy));
            mass += pij;
        }
    return kl + mass * std::log(z);
}

double sum_in_order(const std::vector<double>& values) {
    double s = 0.0;
    for (double v : values) s += v;
    return s;
}

}  // namespace

double exact_kl_divergence(const SparseMatrix& p, const std::vector<float>& y, ThreadPool& pool) {
    const std::size_t n = y.size() / 2;
    if (p.rows() != n) throw std::invalid_argument("KL divergence: P and the embedding differ in size");
    std::vector<float> force(2 * n);
    std::vector<double> z(n);
    exact_repulsion(y, pool, force.data(), z.data());
    return kl_with_normaliser(p, y, sum_in_order(z));
}

TsneEmbedding::TsneEmbedding(const std::vector<float>& data, std::size_t dims, const TsneOptions& options,
                             const std::vector<float>& extra)
    : options_(options) {
    if (dims == 0 || data.size() % dims != 0 || extra.size() % dims != 0)
        throw std::invalid_argument("t-SNE: the data are not rows of " + std::to_string(dims) + " values");
    data_points_ = data.size() / dims;
    n_ = data_points_ + extra.size() / dims;
    const double perplexity = options.perplexity;
    if (!(perplexity > 0.0) || !(3.0 * perplexity < static_cast<double>(n_)))
        throw std::invalid_argument("t-SNE: perplexity must be in (0, N/3) = (0, " + std::to_string(n_ / 3.0) +
                                    "), got " + std::to_string(perplexity));
    if (options.iterations <= 0) throw std::invalid_argument("t-SNE: iterations must be positive");
    if (!(options.theta >= 0.0) || !(options.learning_rate >= 0.0) || !(options.early_exaggeration > 0.0) ||
        !(options.min_gain >= 0.0))
        throw std::invalid_argument("t-SNE: theta, learning rate, exaggeration and min gain must not be negative");
    std::vector<float> x(data);
    x.insert(x.end(), extra.begin(), extra.end());
    if (!std::all_of(x.begin(), x.end(), [](float v) { return std::isfinite(v); }))
        throw std::invalid_argument("t-SNE: the data contain NaN or infinite values");

    pool_ = std::make_unique<ThreadPool>(options.threads);
    grid_ = std::make_unique<GridRepulsion>();
    // Wide features are reduced first; ±1 codes are kept whole, as their bit scan is cheap at any width.
    if (dims > options.max_input_dims && options.pca_dims > 0 && options.pca_dims < dims &&
        !sign_codes(x.data(), x.size())) {
        x = fit_pca(x.data(), n_, dims, options.pca_dims, *pool_).transform(x.data(), n_);
        dims = options.pca_dims;
    }

    // scikit-learn's neighbour count, so that both optimise the same P.
    const std::size_t k = options.method == TsneMethod::Exact
                              ? n_ - 1
                              : std::min(n_ - 1, static_cast<std::size_t>(3.0 * perplexity + 1.0));
    p_ = joint_probabilities(nearest_neighbours(x.data(), n_, dims, k, options.seed, *pool_), perplexity, *pool_);

    y_.resize(2 * n_);
    bool random = options.init == TsneInit::Random || dims < 2;
    if (!random) {
        y_ = fit_pca(x.data(), n_, dims, 2, *pool_).transform(x.data(), n_);
        double mean = 0.0, var = 0.0;
        for (std::size_t i = 0; i < n_; ++i) mean += y_[2 * i];
        mean /= static_cast<double>(n_);
        for (std::size_t i = 0; i < n_; ++i) var += (y_[2 * i] - mean) * (y_[2 * i] - mean);
        const double sd = std::sqrt(var / static_cast<double>(n_));
        random = !(sd > 0.0);  // all points alike: no direction to start from
        for (auto& v : y_) v = static_cast<float>(v / sd * 1e-4);
    }
    if (random) {
        Rng rng(options.seed);
        for (auto& v : y_) v = static_cast<float>(1e-4 * rng.normal());
    }
    update_.assign(2 * n_, 0.0f);
    gains_.assign(2 * n_, 1.0f);
    attraction_.resize(2 * n_);
    repulsion_.resize(2 * n_);
    z_.resize(n_);
    learning_rate_ = options.learning_rate > 0.0
                         ? options.learning_rate
                         : std::max(static_cast<double>(n_) / options.early_exaggeration / 4.0, 50.0);
}

TsneEmbedding::~TsneEmbedding() = default;
TsneEmbedding::TsneEmbedding(TsneEmbedding&&) noexcept = default;
TsneEmbedding& TsneEmbedding::operator=(TsneEmbedding&&) noexcept = default;

void TsneEmbedding::gradient(float exaggeration) {
    // Attraction Σ_j P_ij w_ij (y_i − y_j) from the sparse P; repulsion from the tree or exactly.
    pool_->run_blocks(n_, 64, [&](std::size_t b, std::size_t e, std::size_t) {
        const float* y = y_.data();
        for (std::size_t i = b; i < e; ++i) {
            const float yx = y[2 * i], yy = y[2 * i + 1];
            float fx = 0.0f, fy = 0.0f;
            for (std::size_t t = p_.row_start[i]; t < p_.row_start[i + 1]; ++t) {
                const std::size_t j = p_.column[t];
                const float dx = yx - y[2 * j], dy = yy - y[2 * j + 1];
                const float pw = p_.value[t] / (1.0f + dx * dx + dy * dy);
                fx += pw * dx;
                fy += pw * dy;
            }
            attraction_[2 * i] = exaggeration * fx;
            attraction_[2 * i + 1] = exaggeration * fy;
        }
    });
    if (options_.method == TsneMethod::Exact)
        exact_repulsion(y_, *pool_, repulsion_.data(), z_.data());
    else if (options_.theta > 0.0 && (options_.repulsion == TsneRepulsion::Grid ||
                                      (options_.repulsion == TsneRepulsion::Auto &&
                                       grid_is_cheaper(grid_->nodes_for(y_.data(), n_), n_))))
        grid_->repulsion(y_.data(), n_, *pool_, repulsion_.data(), z_.data());
    else
        QuadTree(y_.data(), n_).repulsion(static_cast<float>(options_.theta), *pool_, repulsion_.data(), z_.data());
    z_total_ = sum_in_order(z_);
}

void TsneEmbedding::step(int iterations) {
    for (int s = 0; s < iterations && !done(); ++s, ++iteration_) {
        const bool early = iteration_ < options_.exaggeration_iterations;
        gradient(static_cast<float>(early ? options_.early_exaggeration : 1.0));
        const float momentum = static_cast<float>(early ? options_.momentum : options_.final_momentum);
        const float rate = static_cast<float>(learning_rate_), min_gain = static_cast<float>(options_.min_gain);
        const float inv_z = static_cast<float>(1.0 / z_total_);
        for (std::size_t c = 0; c < 2 * n_; ++c) {
            const float grad = 4.0f * (attraction_[c] - repulsion_[c] * inv_z);
            // Delta-bar-delta: grow the gain while the step keeps its direction, shrink it otherwise.
            float& gain = gains_[c];
            gain = grad * update_[c] < 0.0f ? gain + 0.2f : gain * 0.8f;
            gain = std::max(gain, min_gain);
            update_[c] = momentum * update_[c] - rate * gain * grad;
            y_[c] += update_[c];
        }
    }
}

double TsneEmbedding::kl_divergence() const {
    if (options_.method == TsneMethod::Exact) return exact_kl_divergence();
    std::vector<float> force(2 * n_);
    std::vector<double> z(n_);
    QuadTree(y_.data(), n_).repulsion(static_cast<float>(options_.theta), *pool_, force.data(), z.data());
    return kl_with_normaliser(p_, y_, sum_in_order(z));
}

double TsneEmbedding::exact_kl_divergence() const {
    return fedhap::exact_kl_divergence(p_, y_, *pool_);
}

}  // namespace fedhap
