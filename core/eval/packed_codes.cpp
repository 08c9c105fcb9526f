#include "eval/packed_codes.h"

#include <cmath>
#include <stdexcept>
#include <string>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace fedhap {
namespace {

void check_bits(std::size_t bits) {
    if (bits == 0 || bits > kMaxCodeBits)
        throw std::invalid_argument("codes have " + std::to_string(bits) + " bits; 1 to " +
                                    std::to_string(kMaxCodeBits) + " are supported");
}

// count codes of `bits` (checked) bits, every bit clear.
PackedCodes zero_codes(std::size_t count, std::size_t bits) {
    PackedCodes c;
    c.count = count;
    c.bits = bits;
    c.words_per_code = (bits + 63) / 64;
    c.words.assign(count * c.words_per_code, 0);
    return c;
}

}  // namespace

PackedCodes pack_codes(std::size_t count, std::size_t bits, const std::vector<float>& values) {
    check_bits(bits);
    if (values.size() != count * bits)
        throw std::invalid_argument(std::to_string(values.size()) + " code values for " + std::to_string(count) +
                                    " codes of " + std::to_string(bits) + " bits");
    return pack_codes(count, bits, values.data());
}

PackedCodes pack_codes(std::size_t count, std::size_t bits, const float* values) {
    check_bits(bits);
    PackedCodes c = zero_codes(count, bits);
    for (std::size_t i = 0; i < count; ++i) {
        const float* row = values + i * bits;
        std::uint64_t* out = c.words.data() + i * c.words_per_code;
        for (std::size_t b = 0; b < bits; ++b) {
            if (std::isnan(row[b])) throw std::invalid_argument("code " + std::to_string(i) + " has a NaN value");
            if (row[b] >= 0.0f) out[b / 64] |= std::uint64_t{1} << (b % 64);
        }
    }
    return c;
}

PackedCodes pack_int8_codes(std::size_t count, std::size_t bits, const std::int8_t* values) {
    check_bits(bits);
    PackedCodes c = zero_codes(count, bits);
    for (std::size_t i = 0; i < count; ++i) {
        const std::int8_t* row = values + i * bits;
        std::uint64_t* out = c.words.data() + i * c.words_per_code;
        std::size_t b = 0;
#if defined(__SSE2__)
        // Sixteen sign bits per instruction; a 16-bit run never straddles a 64-bit word.
        for (; b + 16 <= bits; b += 16) {
            const auto negative = static_cast<unsigned>(
                _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(row + b))));
            out[b / 64] |= static_cast<std::uint64_t>(~negative & 0xFFFFu) << (b % 64);
        }
#endif
        for (; b < bits; ++b)
            if (row[b] >= 0) out[b / 64] |= std::uint64_t{1} << (b % 64);
    }
    return c;
}

std::vector<std::int8_t> unpack_codes(const PackedCodes& codes) {
    std::vector<std::int8_t> out(codes.count * codes.bits);
    for (std::size_t i = 0; i < codes.count; ++i)
        for (std::size_t b = 0; b < codes.bits; ++b)
            out[i * codes.bits + b] = static_cast<std::int8_t>(codes.sign(i, b));
    return out;
}

std::size_t hamming_distance(const PackedCodes& a, std::size_t i, const PackedCodes& b, std::size_t j) {
    if (a.bits != b.bits)
        throw std::invalid_argument("codes of " + std::to_string(a.bits) + " and " + std::to_string(b.bits) +
                                    " bits cannot be compared");
    std::size_t d = 0;
    for (std::size_t w = 0; w < a.words_per_code; ++w)
        d += static_cast<std::size_t>(__builtin_popcountll(a.code(i)[w] ^ b.code(j)[w]));
    return d;
}

}  // namespace fedhap
