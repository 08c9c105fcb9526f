#pragma once
// Binary hash codes packed into 64-bit words, so that a Hamming distance is one or two
// XOR + popcount operations.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace fedhap {

constexpr std::size_t kMaxCodeBits = 128;

// Bit b of code i is bit (b % 64) of words[i * words_per_code + b / 64]; a set bit means +1.
// Bits past `bits` in the last word are always zero, so XOR + popcount counts only real bits.
struct PackedCodes {
    std::size_t count = 0, bits = 0, words_per_code = 0;
    std::vector<std::uint64_t> words;

    const std::uint64_t* code(std::size_t i) const { return words.data() + i * words_per_code; }
    int sign(std::size_t i, std::size_t b) const {  // +1 or -1
        return (code(i)[b / 64] >> (b % 64)) & 1u ? 1 : -1;
    }
};

// count × bits values in row order, ±1 or relaxed (tanh outputs, embeddings): the sign is taken,
// 0 counts as +1. Throws std::invalid_argument for bits outside 1..128, a size mismatch or NaN.
PackedCodes pack_codes(std::size_t count, std::size_t bits, const std::vector<float>& values);
// The same over count × bits values in memory the caller owns (no copy of a large matrix).
PackedCodes pack_codes(std::size_t count, std::size_t bits, const float* values);
// The same for int8 values (a bit is set for a value >= 0), packed from the bytes sixteen at a
// time instead of through a float copy four times their size: codes read from int8 .npy files.
PackedCodes pack_int8_codes(std::size_t count, std::size_t bits, const std::int8_t* values);
// count × bits values, each +1 or -1.
std::vector<std::int8_t> unpack_codes(const PackedCodes& codes);

// Hamming distance between code i of `a` and code j of `b` (same bit count).
std::size_t hamming_distance(const PackedCodes& a, std::size_t i, const PackedCodes& b, std::size_t j);

}  // namespace fedhap
