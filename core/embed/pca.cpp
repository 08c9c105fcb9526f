#include "embed/pca.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "embed/cpu_clones.h"
#include "util/random.h"
#include "util/thread_pool.h"

namespace fedhap {
namespace {

using Vectors = std::vector<std::vector<double>>;

// Four fixed lanes: vectorisable without reassociation, and the same sum on every run and CPU.
FEDHAP_EMBED_AVX2
double dot(const double* a, const double* b, std::size_t n) {
    double s[4] = {0, 0, 0, 0};
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4)
        for (int l = 0; l < 4; ++l) s[l] += a[i + l] * b[i + l];
    for (; i < n; ++i) s[0] += a[i] * b[i];
    return (s[0] + s[1]) + (s[2] + s[3]);
}

// Unnormalised covariance Σ (x − mean)(x − mean)ᵀ, full D × D. Rows are taken in slabs,
// transposed so that each entry is a contiguous dot product and the slab stays in cache.
std::vector<double> scatter_matrix(const float* data, std::size_t n, std::size_t d, const std::vector<double>& mean,
                                   ThreadPool& pool) {
    constexpr std::size_t kSlab = 256;
    std::vector<double> c(d * d, 0.0), slab(d * kSlab);
    for (std::size_t r0 = 0; r0 < n; r0 += kSlab) {
        const std::size_t rows = std::min(kSlab, n - r0);
        for (std::size_t r = 0; r < rows; ++r)
            for (std::size_t i = 0; i < d; ++i) slab[i * rows + r] = data[(r0 + r) * d + i] - mean[i];
        pool.run_blocks(d, 4, [&](std::size_t b, std::size_t e, std::size_t) {
            for (std::size_t i = b; i < e; ++i)
                for (std::size_t j = i; j < d; ++j) c[i * d + j] += dot(&slab[i * rows], &slab[j * rows], rows);
        });
    }
    for (std::size_t i = 0; i < d; ++i)
        for (std::size_t j = 0; j < i; ++j) c[i * d + j] = c[j * d + i];
    return c;
}

// Orthonormalises the vectors in place (Gram–Schmidt, twice for stability); a vector that
// falls into the span of the earlier ones is replaced by a random one.
void orthonormalise(Vectors& v, Rng& rng) {
    for (std::size_t j = 0; j < v.size(); ++j) {
        auto& x = v[j];
        for (int attempt = 0;; ++attempt) {
            const double before = std::sqrt(dot(x.data(), x.data(), x.size()));
            for (int pass = 0; pass < 2; ++pass)
                for (std::size_t i = 0; i < j; ++i) {
                    const double p = dot(x.data(), v[i].data(), x.size());
                    for (std::size_t r = 0; r < x.size(); ++r) x[r] -= p * v[i][r];
                }
            const double norm = std::sqrt(dot(x.data(), x.data(), x.size()));
            if (norm > 1e-10 * before && norm > 1e-300) {
                for (auto& e : x) e /= norm;
                break;
            }
            if (attempt > 8) throw std::logic_error("PCA: cannot complete an orthonormal basis");
            for (auto& e : x) e = rng.normal();
        }
    }
}

// Eigen-decomposition of a small symmetric matrix (cyclic Jacobi): eigenvalues in decreasing
// order, eigenvectors as the columns of `vectors` (row-major m × m).
void symmetric_eigen(std::vector<double> a, std::size_t m, std::vector<double>& values, std::vector<double>& vectors) {
    std::vector<double> v(m * m, 0.0);
    for (std::size_t i = 0; i < m; ++i) v[i * m + i] = 1.0;
    for (int sweep = 0; sweep < 100; ++sweep) {
        double off = 0.0, total = 0.0;
        for (std::size_t i = 0; i < m; ++i)
            for (std::size_t j = 0; j < m; ++j) (i == j ? total : off) += a[i * m + j] * a[i * m + j];
        if (off <= 1e-30 * (total + off) || off == 0.0) break;
        for (std::size_t p = 0; p < m; ++p)
            for (std::size_t q = p + 1; q < m; ++q) {
                const double apq = a[p * m + q];
                if (apq == 0.0) continue;
                const double theta = (a[q * m + q] - a[p * m + p]) / (2.0 * apq);
                const double t = (theta >= 0 ? 1.0 : -1.0) / (std::abs(theta) + std::sqrt(theta * theta + 1.0));
                const double c = 1.0 / std::sqrt(t * t + 1.0), s = t * c;
                for (std::size_t k = 0; k < m; ++k) {  // A ← A·J
                    const double akp = a[k * m + p], akq = a[k * m + q];
                    a[k * m + p] = c * akp - s * akq;
                    a[k * m + q] = s * akp + c * akq;
                }
                for (std::size_t k = 0; k < m; ++k) {  // A ← Jᵀ·A
                    const double apk = a[p * m + k], aqk = a[q * m + k];
                    a[p * m + k] = c * apk - s * aqk;
                    a[q * m + k] = s * apk + c * aqk;
                }
                for (std::size_t k = 0; k < m; ++k) {
                    const double vkp = v[k * m + p], vkq = v[k * m + q];
                    v[k * m + p] = c * vkp - s * vkq;
                    v[k * m + q] = s * vkp + c * vkq;
                }
            }
    }
    std::vector<std::size_t> order(m);
    for (std::size_t i = 0; i < m; ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](auto x, auto y) { return a[x * m + x] > a[y * m + y]; });
    values.assign(m, 0.0);
    vectors.assign(m * m, 0.0);
    for (std::size_t c = 0; c < m; ++c) {
        values[c] = a[order[c] * m + order[c]];
        for (std::size_t r = 0; r < m; ++r) vectors[r * m + c] = v[r * m + order[c]];
    }
}

// vectors ← vectors · U (U is m × m, row-major).
void rotate(Vectors& vectors, const std::vector<double>& u) {
    const std::size_t m = vectors.size(), d = vectors[0].size();
    Vectors out(m, std::vector<double>(d, 0.0));
    for (std::size_t c = 0; c < m; ++c)
        for (std::size_t j = 0; j < m; ++j)
            for (std::size_t r = 0; r < d; ++r) out[c][r] += vectors[j][r] * u[j * m + c];
    vectors.swap(out);
}

}  // namespace

std::vector<float> Pca::transform(const float* data, std::size_t n) const {
    const std::size_t k = size();
    std::vector<float> out(n * k);
    std::vector<double> x(dims);
    for (std::size_t r = 0; r < n; ++r) {
        for (std::size_t i = 0; i < dims; ++i) x[i] = data[r * dims + i] - mean[i];
        for (std::size_t c = 0; c < k; ++c)
            out[r * k + c] = static_cast<float>(dot(x.data(), &components[c * dims], dims));
    }
    return out;
}

Pca fit_pca(const float* data, std::size_t n, std::size_t dims, std::size_t k, ThreadPool& pool) {
    if (n == 0 || dims == 0) throw std::invalid_argument("PCA needs at least one point of at least one dimension");
    if (k == 0 || k > dims)
        throw std::invalid_argument("PCA: cannot take " + std::to_string(k) + " components of " + std::to_string(dims) +
                                    "-D data");
    Pca pca;
    pca.dims = dims;
    pca.mean.assign(dims, 0.0);
    for (std::size_t r = 0; r < n; ++r)
        for (std::size_t i = 0; i < dims; ++i) pca.mean[i] += data[r * dims + i];
    for (auto& m : pca.mean) m /= static_cast<double>(n);
    const std::vector<double> c = scatter_matrix(data, n, dims, pca.mean, pool);

    // Subspace iteration with Rayleigh–Ritz on more vectors than asked, which speeds up
    // convergence; with dims ≤ block the block is the whole space and the first step is exact.
    // It stops when the Ritz values settle to 1e-6 (relative; the vectors of well-separated
    // components are then far more accurate than that): a flat tail of near-equal variances
    // would otherwise take hundreds of steps for directions it barely defines.
    const std::size_t block = std::min(dims, k + std::max<std::size_t>(8, k / 2));
    Rng rng(0x5ca1ab1e);
    Vectors v(block, std::vector<double>(dims)), w = v;
    for (auto& x : v)
        for (auto& e : x) e = rng.normal();
    orthonormalise(v, rng);
    std::vector<double> values, previous, u;
    for (int it = 0; it < 300; ++it) {
        pool.run_blocks(dims, 16, [&](std::size_t b, std::size_t e, std::size_t) {
            for (std::size_t r = b; r < e; ++r)
                for (std::size_t j = 0; j < block; ++j) w[j][r] = dot(&c[r * dims], v[j].data(), dims);
        });
        std::vector<double> t(block * block);
        for (std::size_t i = 0; i < block; ++i)
            for (std::size_t j = 0; j < block; ++j)
                t[i * block + j] = 0.5 * (dot(v[i].data(), w[j].data(), dims) + dot(v[j].data(), w[i].data(), dims));
        symmetric_eigen(t, block, values, u);
        rotate(v, u);
        bool converged = !previous.empty();
        for (std::size_t i = 0; i < k && converged; ++i)
            converged = std::abs(values[i] - previous[i]) <= 1e-6 * values[i] + 1e-12 * values[0];
        if (converged) break;
        previous = values;
        rotate(w, u);
        v.swap(w);
        orthonormalise(v, rng);
    }

    for (std::size_t j = 0; j < k; ++j) {
        auto& x = v[j];
        std::size_t big = 0;
        for (std::size_t i = 1; i < dims; ++i)
            if (std::abs(x[i]) > std::abs(x[big]) * (1.0 + 1e-9)) big = i;
        if (x[big] < 0)
            for (auto& e : x) e = -e;
        pca.components.insert(pca.components.end(), x.begin(), x.end());
        pca.variances.push_back(n > 1 ? std::max(values[j], 0.0) / static_cast<double>(n - 1) : 0.0);
    }
    return pca;
}

Pca fit_pca(const float* data, std::size_t n, std::size_t dims, std::size_t k, int threads) {
    ThreadPool pool(threads);
    return fit_pca(data, n, dims, k, pool);
}

}  // namespace fedhap
