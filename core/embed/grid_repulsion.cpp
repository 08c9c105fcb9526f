#include "embed/grid_repulsion.h"

#include <algorithm>
#include <cmath>

#include "embed/fft.h"
#include "util/thread_pool.h"

namespace fedhap {
namespace {

// Nodes a side of a point's interpolation window. Quadratic, as cubic windows measured no more
// accurate at the same cost: the kernels' width (~1) spans only a few nodes either way.
constexpr std::size_t kWindow = 3;

struct Square {
    float lo[2];
    double extent;
};

Square bounding_square(const float* y, std::size_t n) {
    float lo[2] = {y[0], y[1]}, hi[2] = {y[0], y[1]};
    for (std::size_t i = 0; i < n; ++i)
        for (int a = 0; a < 2; ++a) {
            lo[a] = std::min(lo[a], y[2 * i + a]);
            hi[a] = std::max(hi[a], y[2 * i + a]);
        }
    return {{lo[0], lo[1]}, std::max(static_cast<double>(hi[0]) - lo[0], static_cast<double>(hi[1]) - lo[1])};
}

// A compact map gets finer nodes, as many as a map 64 × 0.4 wide: its points sit closer than the
// kernels' width, and a small grid is cheap (the kernels are then transformed again each call).
constexpr double kFinerNodes = 64.0;

double spacing_for(double extent, double spacing) { return std::min(spacing, extent / kFinerNodes); }

// At least one window a side.
std::size_t intervals_for(double extent, double spacing) {
    const double h = spacing_for(extent, spacing);
    return h > 0.0 ? std::max<std::size_t>(kWindow - 1, static_cast<std::size_t>(std::ceil(extent / h))) : kWindow - 1;
}

}  // namespace

GridRepulsion::GridRepulsion(double spacing) : spacing_(spacing) {}
GridRepulsion::~GridRepulsion() = default;
GridRepulsion::GridRepulsion(GridRepulsion&&) noexcept = default;
GridRepulsion& GridRepulsion::operator=(GridRepulsion&&) noexcept = default;

std::size_t GridRepulsion::nodes_for(const float* y, std::size_t n) const {
    return n == 0 ? 0 : intervals_for(bounding_square(y, n).extent, spacing_) + 1;
}

void GridRepulsion::transform_kernels(ThreadPool& pool) {
    const std::size_t m = fft_->size();
    const double h = kernel_spacing_;
    // Kernels on the lags (row: y lag, column: x lag), both in one transform: 1/(1+d²) real and
    // even, dx/(1+d²)² real and odd (zero at the Nyquist lag, which no pair uses).
    pool.run_blocks(m, 16, [&](std::size_t b, std::size_t e, std::size_t) {
        for (std::size_t r = b; r < e; ++r) {
            const double ly = (2 * r <= m ? static_cast<double>(r) : static_cast<double>(r) - m) * h;
            for (std::size_t c = 0; c < m; ++c) {
                const double lx = (2 * c <= m ? static_cast<double>(c) : static_cast<double>(c) - m) * h;
                const double w = 1.0 / (1.0 + lx * lx + ly * ly);
                kernel_re_[r * m + c] = w;
                kernel_im_[r * m + c] = 2 * c == m ? 0.0 : lx * w * w;
            }
        }
    });
    fft_->transform_2d(kernel_re_.data(), kernel_im_.data(), false, pool);
    // Split the two spectra: the even kernel's is real, the odd one's i·κ with κ real.
    pool.run_blocks(m, 16, [&](std::size_t b, std::size_t e, std::size_t) {
        for (std::size_t r = b; r < e; ++r)
            for (std::size_t c = 0; c < m; ++c) {
                const double here = kernel_re_[r * m + c], mirror = kernel_re_[((m - r) % m) * m + (m - c) % m];
                spectrum_1_[r * m + c] = 0.5 * (here + mirror);
                spectrum_x_[r * m + c] = -0.5 * (here - mirror);
            }
    });
}

void GridRepulsion::repulsion(const float* y, std::size_t n, ThreadPool& pool, float* force, double* z) {
    if (n == 0) return;
    const Square square = bounding_square(y, n);
    const float* lo = square.lo;
    const double extent = square.extent;
    // Nodes at the fixed spacing from the square's corner (finer on a compact map): the kernels
    // then depend only on the grid's size and spacing, and are transformed when either changes.
    const std::size_t g = intervals_for(extent, spacing_) + 1;
    const double h = spacing_for(extent, spacing_) > 0.0 ? spacing_for(extent, spacing_) : 1.0;
    // Lags run from −(g − 1) to g − 1: a circular convolution of at least 2g − 1 never wraps.
    const std::size_t m = Fft::good_size(2 * g - 1), mm = m * m;
    if (!fft_ || fft_->size() != m) {
        fft_ = std::make_unique<Fft>(m);
        for (auto* v : {&kernel_re_, &kernel_im_, &spectrum_1_, &spectrum_x_, &charge_re_, &charge_im_, &sums_re_,
                        &sums_im_, &forces_y_re_, &forces_y_im_})
            v->assign(mm, 0.0);
        kernel_spacing_ = 0.0;
    }
    if (h != kernel_spacing_) {
        kernel_spacing_ = h;
        transform_kernels(pool);
    }
    nodes_ = g;

    // Each point's window: the nodes nearest it, moved inwards at the edges (still interpolating).
    corner_.resize(n);
    weight_.resize(2 * kWindow * n);
    pool.run_blocks(n, 1024, [&](std::size_t b, std::size_t e, std::size_t) {
        for (std::size_t i = b; i < e; ++i) {
            std::size_t node[2];
            for (int a = 0; a < 2; ++a) {
                // The nearest node and its two neighbours: quadratic Lagrange weights.
                const double u = (static_cast<double>(y[2 * i + a]) - lo[a]) / h;
                const double c = std::clamp(std::floor(u + 0.5), 1.0, static_cast<double>(g - 2));
                const double t = u - c;
                double* w = &weight_[2 * kWindow * i + kWindow * a];
                node[a] = static_cast<std::size_t>(c) - 1;
                w[0] = 0.5 * t * (t - 1.0);
                w[1] = 1.0 - t * t;
                w[2] = 0.5 * t * (t + 1.0);
            }
            corner_[i] = node[1] * m + node[0];
        }
    });

    // Charges, point by point in index order (so the sums do not depend on the threads).
    std::fill(charge_re_.begin(), charge_re_.end(), 0.0);
    std::fill(charge_im_.begin(), charge_im_.end(), 0.0);
    for (std::size_t i = 0; i < n; ++i) {
        const double* w = &weight_[2 * kWindow * i];
        for (std::size_t b = 0; b < kWindow; ++b)
            for (std::size_t a = 0; a < kWindow; ++a) charge_re_[corner_[i] + b * m + a] += w[kWindow + b] * w[a];
    }
    fft_->transform_2d(charge_re_.data(), charge_im_.data(), false, pool, g);

    // (K̂₁ − κx)·Q transforms back to K₁∗q + i·Kx∗q; i·κy·Q (κy: κx transposed) to Ky∗q.
    pool.run_blocks(m, 16, [&](std::size_t b, std::size_t e, std::size_t) {
        for (std::size_t r = b; r < e; ++r)
            for (std::size_t c = 0; c < m; ++c) {
                const std::size_t k = r * m + c;
                const double qr = charge_re_[k], qi = charge_im_[k];
                const double a = spectrum_1_[k] - spectrum_x_[k], ky = spectrum_x_[c * m + r];
                sums_re_[k] = a * qr;
                sums_im_[k] = a * qi;
                forces_y_re_[k] = -ky * qi;
                forces_y_im_[k] = ky * qr;
            }
    });
    fft_->transform_2d(sums_re_.data(), sums_im_.data(), true, pool, g);
    fft_->transform_2d(forces_y_re_.data(), forces_y_im_.data(), true, pool, g);

    const double scale = 1.0 / static_cast<double>(mm);
    pool.run_blocks(n, 1024, [&](std::size_t b, std::size_t e, std::size_t) {
        for (std::size_t i = b; i < e; ++i) {
            const double* w = &weight_[2 * kWindow * i];
            double s1 = 0.0, sx = 0.0, sy = 0.0;
            for (std::size_t r = 0; r < kWindow; ++r)
                for (std::size_t a = 0; a < kWindow; ++a) {
                    const std::size_t k = corner_[i] + r * m + a;
                    const double wa = w[kWindow + r] * w[a];
                    s1 += wa * sums_re_[k];
                    sx += wa * sums_im_[k];
                    sy += wa * forces_y_re_[k];
                }
            z[i] = s1 * scale - 1.0;  // less the point's own w = 1
            force[2 * i] = static_cast<float>(sx * scale);
            force[2 * i + 1] = static_cast<float>(sy * scale);
        }
    });
}

}  // namespace fedhap
