#include "eval/code_stats.h"

#include <cmath>
#include <stdexcept>

namespace fedhap {

CodeStats code_stats(const PackedCodes& codes) {
    if (codes.count == 0) throw std::invalid_argument("code statistics need at least one code");
    const std::size_t n = codes.count, bits = codes.bits, words = (n + 63) / 64;
    // Bit columns over the items: agreement of two bits is then a popcount of their XOR.
    std::vector<std::uint64_t> column(bits * words, 0);
    CodeStats s;
    s.bit_mean.assign(bits, 0.0);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t b = 0; b < bits; ++b)
            if (codes.sign(i, b) > 0) column[b * words + i / 64] |= std::uint64_t{1} << (i % 64);
    for (std::size_t b = 0; b < bits; ++b) {
        std::size_t ones = 0;
        for (std::size_t w = 0; w < words; ++w) ones += static_cast<std::size_t>(__builtin_popcountll(column[b * words + w]));
        s.bit_mean[b] = (2.0 * double(ones) - double(n)) / double(n);
        s.mean_abs_bit_mean += std::abs(s.bit_mean[b]) / double(bits);
    }
    if (bits < 2) return s;
    double total = 0.0;
    for (std::size_t a = 0; a < bits; ++a) {
        for (std::size_t b = a + 1; b < bits; ++b) {
            const double var = (1.0 - s.bit_mean[a] * s.bit_mean[a]) * (1.0 - s.bit_mean[b] * s.bit_mean[b]);
            if (var <= 0.0) continue;
            std::size_t differ = 0;
            for (std::size_t w = 0; w < words; ++w)
                differ += static_cast<std::size_t>(__builtin_popcountll(column[a * words + w] ^ column[b * words + w]));
            const double product_mean = (double(n) - 2.0 * double(differ)) / double(n);
            total += std::abs((product_mean - s.bit_mean[a] * s.bit_mean[b]) / std::sqrt(var));
        }
    }
    s.mean_abs_correlation = total / (double(bits) * double(bits - 1) / 2.0);
    return s;
}

std::vector<std::uint32_t> pairwise_hamming(const PackedCodes& codes) {
    std::vector<std::uint32_t> d(codes.count * codes.count, 0);
    for (std::size_t i = 0; i < codes.count; ++i)
        for (std::size_t j = i + 1; j < codes.count; ++j)
            d[i * codes.count + j] = d[j * codes.count + i] = static_cast<std::uint32_t>(hamming_distance(codes, i, codes, j));
    return d;
}

}  // namespace fedhap
