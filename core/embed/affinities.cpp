#include "embed/affinities.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "util/thread_pool.h"

namespace fedhap {
namespace {

// Entropy of p ∝ exp(−β·s) over shifted distances s ≥ 0, writing the weights (unnormalised) to w,
// and its slope dH/dβ = −β·Var_p(s).
double entropy(const std::vector<double>& s, double beta, std::vector<double>& w, double& z, double& slope) {
    z = 0.0;
    double mean = 0.0, square = 0.0;
    for (std::size_t j = 0; j < s.size(); ++j) {
        w[j] = std::exp(-beta * s[j]);
        z += w[j];
        mean += w[j] * s[j];
        square += w[j] * s[j] * s[j];
    }
    mean /= z;
    slope = -beta * (square / z - mean * mean);
    return std::log(z) + beta * mean;
}

}  // namespace

double conditional_probabilities(const float* d2, std::size_t k, double perplexity, float* p) {
    if (k == 0) return 0.0;
    const double target = std::log(perplexity);
    const double nearest = *std::min_element(d2, d2 + k);
    // Shifting by the nearest distance leaves p unchanged and keeps the largest weight at 1,
    // so the sums can neither overflow nor vanish.
    std::vector<double> s(k), w(k);
    std::size_t ties = 0;
    double scale = 0.0;
    for (std::size_t j = 0; j < k; ++j) {
        s[j] = static_cast<double>(d2[j]) - nearest;
        ties += s[j] == 0.0;
        scale += s[j];
    }
    if (std::log(static_cast<double>(ties)) >= target - 1e-5) {
        for (std::size_t j = 0; j < k; ++j) p[j] = s[j] == 0.0 ? static_cast<float>(1.0 / ties) : 0.0f;
        return std::numeric_limits<double>::infinity();
    }
    // Now log(ties) < target < log(k): H(β) falls continuously from log k to log(ties), so a
    // root exists. Start from the scale of the distances and take Newton steps (a few, where
    // bisection took ~30 at 70,000 points); a step that leaves the bracket known so far is replaced
    // by doubling, halving or a geometric bisection, so the search cannot diverge.
    double z = 0.0, slope = 0.0, beta = static_cast<double>(k - ties) / scale, lo = 0.0, hi = 0.0;
    double h = entropy(s, beta, w, z, slope);
    for (int it = 0; it < 200 && std::abs(h - target) > 1e-5; ++it) {
        (h > target ? lo : hi) = beta;
        const double newton = slope < 0.0 ? beta - (h - target) / slope : 0.0;
        if (newton > lo && (hi == 0.0 || newton < hi))
            beta = newton;
        else
            beta = hi == 0.0 ? 2.0 * beta : lo == 0.0 ? 0.5 * beta : std::sqrt(lo * hi);
        h = entropy(s, beta, w, z, slope);
    }
    for (std::size_t j = 0; j < k; ++j) p[j] = static_cast<float>(w[j] / z);
    return beta;
}

SparseMatrix joint_probabilities(const Neighbours& nb, double perplexity, ThreadPool& pool) {
    const std::size_t k = nb.k, n = k == 0 ? 0 : nb.index.size() / k;
    std::vector<float> conditional(n * k);
    pool.run_blocks(n, 32, [&](std::size_t b, std::size_t e, std::size_t) {
        for (std::size_t i = b; i < e; ++i)
            conditional_probabilities(&nb.distance2[i * k], k, perplexity, &conditional[i * k]);
    });

    // Row i gathers p_{j|i} from its own list and p_{i|j} from every j that lists i; a pair
    // listed both ways appears twice in the row and is merged.
    std::vector<std::size_t> start(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        start[i + 1] += k;
        for (std::size_t t = 0; t < k; ++t) ++start[nb.index[i * k + t] + 1];
    }
    for (std::size_t i = 0; i < n; ++i) start[i + 1] += start[i];
    std::vector<std::pair<std::uint32_t, float>> entries(start[n]);
    std::vector<std::size_t> fill(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t t = 0; t < k; ++t) {
            const std::uint32_t j = nb.index[i * k + t];
            const float c = conditional[i * k + t];
            entries[fill[i]++] = {j, c};
            entries[fill[j]++] = {static_cast<std::uint32_t>(i), c};
        }
    std::vector<std::size_t> kept(n, 0);
    const float norm = static_cast<float>(1.0 / (2.0 * static_cast<double>(n)));
    pool.run_blocks(n, 64, [&](std::size_t b, std::size_t e, std::size_t) {
        for (std::size_t i = b; i < e; ++i) {
            auto first = entries.begin() + static_cast<std::ptrdiff_t>(start[i]);
            auto last = entries.begin() + static_cast<std::ptrdiff_t>(start[i + 1]);
            std::sort(first, last, [](const auto& x, const auto& y) { return x.first < y.first; });
            auto out = first;
            for (auto it = first; it != last; ++it) {
                if (out != first && (out - 1)->first == it->first)
                    (out - 1)->second += it->second;  // two terms: their order cannot matter
                else
                    *out++ = *it;
            }
            for (auto it = first; it != out; ++it) it->second *= norm;
            kept[i] = static_cast<std::size_t>(out - first);
        }
    });
    SparseMatrix p;
    p.row_start.assign(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) p.row_start[i + 1] = p.row_start[i] + kept[i];
    p.column.reserve(p.row_start[n]);
    p.value.reserve(p.row_start[n]);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t t = 0; t < kept[i]; ++t) {
            p.column.push_back(entries[start[i] + t].first);
            p.value.push_back(entries[start[i] + t].second);
        }
    return p;
}

}  // namespace fedhap
