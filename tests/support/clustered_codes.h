#pragma once
// Clustered ±1 codes for the t-SNE tests, and how well a 2-D map keeps their clusters.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "util/random.h"

namespace fedhap::test {

struct Codes {
    std::size_t n = 0, bits = 0;
    std::vector<float> x, centres;
    std::vector<int> label;
};

// `classes` random ±1 centres; each code copies one and flips every bit with probability `flip`.
inline Codes clustered_codes(std::size_t n, std::size_t bits, int classes, double flip, std::uint64_t seed) {
    Rng rng(seed);
    Codes c;
    c.n = n;
    c.bits = bits;
    for (std::size_t i = 0; i < classes * bits; ++i) c.centres.push_back(rng.uniform() < 0.5 ? -1.0f : 1.0f);
    for (std::size_t i = 0; i < n; ++i) {
        const int k = static_cast<int>(rng.below(classes));
        c.label.push_back(k);
        for (std::size_t b = 0; b < bits; ++b)
            c.x.push_back(c.centres[k * bits + b] * (rng.uniform() < flip ? -1.0f : 1.0f));
    }
    return c;
}

inline double d2(const float* y, std::size_t i, std::size_t j) {
    const double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
    return dx * dx + dy * dy;
}

// Fraction of points whose nearest other point in the embedding has the same label.
inline double one_nn_accuracy(const std::vector<float>& y, const std::vector<int>& label) {
    const std::size_t n = label.size();
    std::size_t hits = 0;
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t best = i == 0 ? 1 : 0;
        for (std::size_t j = 0; j < n; ++j)
            if (j != i && d2(y.data(), i, j) < d2(y.data(), i, best)) best = j;
        hits += label[best] == label[i];
    }
    return static_cast<double>(hits) / n;
}

}  // namespace fedhap::test
