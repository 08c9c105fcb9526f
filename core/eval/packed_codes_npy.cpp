#include "eval/packed_codes_npy.h"

#include <stdexcept>

#include "data/data_error.h"
#include "io/npy.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace fedhap {
namespace {

std::string shape_text(const NpyArray& a) {
    std::string s = "(";
    for (std::size_t i = 0; i < a.shape.size(); ++i) s += (i ? ", " : "") + std::to_string(a.shape[i]);
    return s + ")";
}

// Bit set for a value >= 0: the sign rule of pack_codes, on int8 without converting.
PackedCodes pack_int8(std::size_t count, std::size_t bits, const std::int8_t* values) {
    PackedCodes c;
    c.count = count;
    c.bits = bits;
    c.words_per_code = (bits + 63) / 64;
    c.words.assign(count * c.words_per_code, 0);
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

}  // namespace

PackedCodes read_packed_codes_npy(const std::string& path) {
    const NpyArray a = read_npy(path);
    if (a.shape.size() != 2) throw DataError(path, "codes must be a 2-D array (items x bits), got shape " + shape_text(a));
    const std::size_t count = a.shape[0], bits = a.shape[1];
    try {
        if (a.type == NpyType::Int8 && bits >= 1 && bits <= kMaxCodeBits)
            return pack_int8(count, bits, reinterpret_cast<const std::int8_t*>(a.bytes.data()));
        return pack_codes(count, bits, a.to_float());  // other dtypes, and the refusals
    } catch (const std::invalid_argument& e) {
        throw DataError(path, e.what());
    }
}

}  // namespace fedhap
