#include "losses/hash_centers.h"

#include <algorithm>
#include <stdexcept>

#include "util/random.h"

namespace fedhap {

std::vector<float> hadamard_centers(int classes, int bits, std::uint64_t seed) {
    const bool power_of_two = bits > 0 && (bits & (bits - 1)) == 0;
    if (!power_of_two || 2 * bits < classes) return random_balanced_codes(classes, bits, seed);
    // Sylvester: H_1 = [1], H_2n = [[H, H], [H, −H]]; entry (i, j) = (−1)^popcount(i & j).
    std::vector<float> out(static_cast<std::size_t>(classes) * bits);
    for (int c = 0; c < classes; ++c) {
        const int row = c % bits;
        const float flip = c < bits ? 1.0f : -1.0f;
        for (int j = 0; j < bits; ++j)
            out[static_cast<std::size_t>(c) * bits + j] = flip * ((__builtin_popcount(row & j) & 1) ? -1.0f : 1.0f);
    }
    return out;
}

int min_pairwise_distance(const std::vector<float>& codes, int classes, int bits) {
    int best = bits;
    for (int a = 0; a < classes; ++a)
        for (int b = a + 1; b < classes; ++b) {
            int d = 0;
            for (int j = 0; j < bits; ++j)
                d += (codes[static_cast<std::size_t>(a) * bits + j] > 0) != (codes[static_cast<std::size_t>(b) * bits + j] > 0);
            best = std::min(best, d);
        }
    return best;
}

std::vector<float> random_balanced_codes(int classes, int bits, std::uint64_t seed) {
    if (classes <= 0 || bits <= 0) throw std::invalid_argument("hash centres need classes and bits > 0");
    Rng rng(seed);
    std::vector<float> best;
    int best_distance = -1;
    for (int attempt = 0; attempt < 1000 && best_distance <= bits / 4; ++attempt) {
        std::vector<float> codes;
        for (int c = 0; c < classes; ++c) {
            std::vector<float> row(static_cast<std::size_t>(bits), -1.0f);
            std::fill(row.begin(), row.begin() + bits / 2, 1.0f);
            rng.shuffle(row);
            codes.insert(codes.end(), row.begin(), row.end());
        }
        const int d = min_pairwise_distance(codes, classes, bits);
        if (d > best_distance) best_distance = d, best = std::move(codes);
    }
    return best;
}

}  // namespace fedhap
