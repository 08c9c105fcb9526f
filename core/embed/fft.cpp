#include "embed/fft.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "embed/cpu_clones.h"
#include "util/thread_pool.h"

namespace fedhap {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr std::size_t kBlock = 16;  // sequences transformed together by one task of transform_2d

// One Stockham stage: y[(r·p + u)·len + c] = w^{p·u} Σ_t x[(p + t·m)·len + c] ω^{t·u}, with
// ω = exp(∓2πi/r), for p < m and the len contiguous values c of the strided sub-sequences.
FEDHAP_EMBED_AVX2
void radix2(std::size_t m, std::size_t len, const double* wr, const double* wi, double sign, const double* xr,
            const double* xi, double* yr, double* yi) {
    for (std::size_t p = 0; p < m; ++p) {
        const double cr = wr[2 * p + 1], ci = sign * wi[2 * p + 1];
        const double *ar = xr + p * len, *ai = xi + p * len, *br = xr + (p + m) * len, *bi = xi + (p + m) * len;
        double *o0r = yr + 2 * p * len, *o0i = yi + 2 * p * len, *o1r = o0r + len, *o1i = o0i + len;
        for (std::size_t c = 0; c < len; ++c) {
            const double dr = ar[c] - br[c], di = ai[c] - bi[c];
            o0r[c] = ar[c] + br[c];
            o0i[c] = ai[c] + bi[c];
            o1r[c] = dr * cr - di * ci;
            o1i[c] = dr * ci + di * cr;
        }
    }
}

FEDHAP_EMBED_AVX2
void radix4(std::size_t m, std::size_t len, const double* wr, const double* wi, double sign, const double* xr,
            const double* xi, double* yr, double* yi) {
    for (std::size_t p = 0; p < m; ++p) {
        double cr[4], ci[4];
        for (int u = 0; u < 4; ++u) {
            cr[u] = wr[4 * p + u];
            ci[u] = sign * wi[4 * p + u];
        }
        const double* ar[4];
        const double* ai[4];
        double* orr[4];
        double* oi[4];
        for (int t = 0; t < 4; ++t) {
            ar[t] = xr + (p + t * m) * len;
            ai[t] = xi + (p + t * m) * len;
            orr[t] = yr + (4 * p + t) * len;
            oi[t] = yi + (4 * p + t) * len;
        }
        for (std::size_t c = 0; c < len; ++c) {
            const double t0r = ar[0][c] + ar[2][c], t0i = ai[0][c] + ai[2][c];
            const double t1r = ar[0][c] - ar[2][c], t1i = ai[0][c] - ai[2][c];
            const double t2r = ar[1][c] + ar[3][c], t2i = ai[1][c] + ai[3][c];
            // (a1 − a3) · ω with ω = ∓i: forward multiplies by −i, inverse by +i.
            const double dr = ar[1][c] - ar[3][c], di = ai[1][c] - ai[3][c];
            const double t3r = sign * di, t3i = -sign * dr;
            const double vr[4] = {t0r + t2r, t1r + t3r, t0r - t2r, t1r - t3r};
            const double vi[4] = {t0i + t2i, t1i + t3i, t0i - t2i, t1i - t3i};
            for (int u = 0; u < 4; ++u) {
                orr[u][c] = vr[u] * cr[u] - vi[u] * ci[u];
                oi[u][c] = vr[u] * ci[u] + vi[u] * cr[u];
            }
        }
    }
}

// Radix 3 and 5: the small DFT written out as sums (r² products), rare enough not to matter.
void radix_odd(std::size_t r, std::size_t m, std::size_t len, const double* wr, const double* wi, double sign,
               const double* xr, const double* xi, double* yr, double* yi) {
    double omega_r[25], omega_i[25];
    for (std::size_t k = 0; k < r * r; ++k) {
        const double angle = 2.0 * kPi * static_cast<double>(k % r) / static_cast<double>(r);
        omega_r[k] = std::cos(angle);
        omega_i[k] = -sign * std::sin(angle);
    }
    for (std::size_t p = 0; p < m; ++p)
        for (std::size_t u = 0; u < r; ++u) {
            const double cr = wr[r * p + u], ci = sign * wi[r * p + u];
            double* orr = yr + (r * p + u) * len;
            double* oi = yi + (r * p + u) * len;
            for (std::size_t c = 0; c < len; ++c) {
                double sr = 0.0, si = 0.0;
                for (std::size_t t = 0; t < r; ++t) {
                    const double a = xr[(p + t * m) * len + c], b = xi[(p + t * m) * len + c];
                    const double er = omega_r[t * u], ei = omega_i[t * u];
                    sr += a * er - b * ei;
                    si += a * ei + b * er;
                }
                orr[c] = sr * cr - si * ci;
                oi[c] = sr * ci + si * cr;
            }
        }
}

}  // namespace

Fft::Fft(std::size_t n) : n_(n) {
    if (n == 0) throw std::invalid_argument("FFT of length 0");
    std::size_t rest = n;
    std::vector<std::size_t> radices;
    while (rest % 4 == 0) radices.push_back(4), rest /= 4;
    while (rest % 2 == 0) radices.push_back(2), rest /= 2;
    while (rest % 3 == 0) radices.push_back(3), rest /= 3;
    while (rest % 5 == 0) radices.push_back(5), rest /= 5;
    if (rest != 1) throw std::invalid_argument("FFT length " + std::to_string(n) + " is not 2^a 3^b 5^c");
    std::size_t length = n;
    for (std::size_t r : radices) {
        Stage s;
        s.radix = r;
        s.span = length / r;
        s.twiddle_re.resize(length);
        s.twiddle_im.resize(length);
        for (std::size_t p = 0; p < s.span; ++p)
            for (std::size_t u = 0; u < r; ++u) {
                const double angle = -2.0 * kPi * static_cast<double>(p * u) / static_cast<double>(length);
                s.twiddle_re[p * r + u] = std::cos(angle);
                s.twiddle_im[p * r + u] = std::sin(angle);
            }
        stages_.push_back(std::move(s));
        length /= r;
    }
}

std::size_t Fft::good_size(std::size_t at_least) {
    // 2^a, 3·2^a or 5·2^a: mostly radix-4 stages, at most one of the slower odd ones.
    std::size_t best = 0;
    for (std::size_t odd : {1, 3, 5}) {
        std::size_t n = odd;
        while (n < at_least) n *= 2;
        if (best == 0 || n < best) best = n;
    }
    return best;
}

void Fft::transform(double* re, double* im, std::size_t batch, bool inverse, double* work) const {
    const double sign = inverse ? -1.0 : 1.0;  // applied to the stored (forward) twiddles' sines
    double *xr = re, *xi = im, *yr = work, *yi = work + n_ * batch;
    std::size_t len = batch;  // contiguous values per sub-sequence element: stride × batch
    for (const Stage& s : stages_) {
        if (s.radix == 4)
            radix4(s.span, len, s.twiddle_re.data(), s.twiddle_im.data(), sign, xr, xi, yr, yi);
        else if (s.radix == 2)
            radix2(s.span, len, s.twiddle_re.data(), s.twiddle_im.data(), sign, xr, xi, yr, yi);
        else
            radix_odd(s.radix, s.span, len, s.twiddle_re.data(), s.twiddle_im.data(), sign, xr, xi, yr, yi);
        std::swap(xr, yr);
        std::swap(xi, yi);
        len *= s.radix;
    }
    if (xr != re) {
        std::copy_n(xr, n_ * batch, re);
        std::copy_n(xi, n_ * batch, im);
    }
}

void Fft::transform_2d(double* re, double* im, bool inverse, ThreadPool& pool, std::size_t corner) const {
    const std::size_t n = n_;
    if (corner == 0 || corner > n) corner = n;
    std::vector<std::vector<double>> scratch(pool.threads());
    // Columns, then rows: each task gathers kBlock sequences side by side, transforms them together
    // and puts them back. A row block is gathered transposed. Forward, the columns right of the
    // corner are zero and stay zero; inverse, the rows below it are not wanted.
    for (int axis = 0; axis < 2; ++axis) {
        const std::size_t sequences = (axis == 0) != inverse ? corner : n;
        pool.run((sequences + kBlock - 1) / kBlock, [&](std::size_t block, std::size_t slot) {
            const std::size_t first = block * kBlock, count = std::min(kBlock, sequences - first);
            std::vector<double>& buffer = scratch[slot];
            buffer.resize(4 * n * count);
            double *br = buffer.data(), *bi = br + n * count, *work = bi + n * count;
            for (std::size_t t = 0; t < n; ++t)
                for (std::size_t b = 0; b < count; ++b) {
                    const std::size_t at = axis == 0 ? t * n + first + b : (first + b) * n + t;
                    br[t * count + b] = re[at];
                    bi[t * count + b] = im[at];
                }
            transform(br, bi, count, inverse, work);
            for (std::size_t t = 0; t < n; ++t)
                for (std::size_t b = 0; b < count; ++b) {
                    const std::size_t at = axis == 0 ? t * n + first + b : (first + b) * n + t;
                    re[at] = br[t * count + b];
                    im[at] = bi[t * count + b];
                }
        });
    }
}

}  // namespace fedhap
