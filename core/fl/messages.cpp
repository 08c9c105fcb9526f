#include "fl/messages.h"

#include <cstring>
#include <stdexcept>
#include <string>

#include "io/byte_codec.h"

namespace fedhap {
namespace {

constexpr std::uint32_t kGlobalMagic = 0x48504731;  // "HPG1"
constexpr std::uint32_t kUpdateMagic = 0x48505531;  // "HPU1"

std::vector<std::uint8_t> pack_signs(const std::vector<float>& v) {
    std::vector<std::uint8_t> bits((v.size() + 7) / 8, 0);
    for (std::size_t i = 0; i < v.size(); ++i)
        if (v[i] > 0) bits[i / 8] |= static_cast<std::uint8_t>(1u << (i % 8));
    return bits;
}

std::vector<float> unpack_signs(const std::vector<std::uint8_t>& bits, std::size_t n) {
    if (bits.size() != (n + 7) / 8) throw std::invalid_argument("message: prototype bits do not match its shape");
    std::vector<float> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = (bits[i / 8] >> (i % 8)) & 1u ? 1.0f : -1.0f;
    return v;
}

// The shape a message claims is checked before anything of that size is allocated: a few
// hostile bytes must not ask for gigabytes (found by fuzzing, tests/fuzz/fuzz_messages.cpp).
void check_shape(int classes, int bits) {
    if (classes < 0 || classes > kMaxMessageClasses || bits < 0 || bits > kMaxMessageBits)
        throw std::invalid_argument("message: impossible shape (" + std::to_string(classes) + " classes x " + std::to_string(bits) + " bits)");
}

}  // namespace

Bytes encode(const GlobalMessage& m) {
    ByteWriter w;
    w.put(kGlobalMagic);
    w.put<std::int32_t>(m.classes);
    w.put<std::int32_t>(m.bits);
    w.put_array(m.weights);
    w.put<std::uint8_t>(m.binary_prototypes ? 1 : 0);
    if (m.binary_prototypes) w.put_array(pack_signs(m.prototypes));
    else w.put_array(m.prototypes);
    w.put_array(pack_signs(std::vector<float>(m.known.begin(), m.known.end())));
    w.put_array(m.discriminator);
    return std::move(w.out);
}

GlobalMessage decode_global(const Bytes& bytes) {
    ByteReader r(bytes);
    if (r.get<std::uint32_t>() != kGlobalMagic) throw std::invalid_argument("message: not a global model message");
    GlobalMessage m;
    m.classes = r.get<std::int32_t>();
    m.bits = r.get<std::int32_t>();
    check_shape(m.classes, m.bits);
    m.weights = r.get_array<float>();
    m.binary_prototypes = r.get<std::uint8_t>() != 0;
    if (m.binary_prototypes) {
        const auto bits = r.get_array<std::uint8_t>();
        if (!bits.empty()) m.prototypes = unpack_signs(bits, static_cast<std::size_t>(m.classes) * m.bits);
    } else {
        m.prototypes = r.get_array<float>();
    }
    const auto known_bits = r.get_array<std::uint8_t>();
    for (float v : known_bits.empty() ? std::vector<float>() : unpack_signs(known_bits, static_cast<std::size_t>(m.classes)))
        m.known.push_back(v > 0 ? 1 : 0);
    m.discriminator = r.get_array<float>();
    r.finish();
    return m;
}

Bytes encode(const ClientUpdate& m) {
    ByteWriter w;
    w.put(kUpdateMagic);
    w.put<std::int32_t>(m.classes);
    w.put<std::int32_t>(m.bits);
    w.put<std::uint64_t>(m.samples);
    w.put_array(m.weights);
    // Only the rows of held classes travel: (class id, count, row) each.
    std::vector<std::int32_t> held;
    for (std::size_t c = 0; c < m.counts.size(); ++c)
        if (m.counts[c] > 0) held.push_back(static_cast<std::int32_t>(c));
    w.put<std::uint8_t>(m.counts.empty() ? 0 : 1);
    w.put_array(held);
    for (auto c : held) {
        w.put<std::int32_t>(m.counts[static_cast<std::size_t>(c)]);
        for (int b = 0; b < m.bits; ++b) w.put<float>(m.prototypes[static_cast<std::size_t>(c) * m.bits + b]);
    }
    w.put_array(m.discriminator);
    return std::move(w.out);
}

ClientUpdate decode_update(const Bytes& bytes) {
    ByteReader r(bytes);
    if (r.get<std::uint32_t>() != kUpdateMagic) throw std::invalid_argument("message: not a client update");
    ClientUpdate m;
    m.classes = r.get<std::int32_t>();
    m.bits = r.get<std::int32_t>();
    check_shape(m.classes, m.bits);
    m.samples = r.get<std::uint64_t>();
    m.weights = r.get_array<float>();
    const bool has_prototypes = r.get<std::uint8_t>() != 0;
    const auto held = r.get_array<std::int32_t>();
    if (!has_prototypes && !held.empty()) throw std::invalid_argument("message: prototype rows without counts");
    if (has_prototypes) {
        m.counts.assign(static_cast<std::size_t>(m.classes), 0);
        m.prototypes.assign(static_cast<std::size_t>(m.classes) * m.bits, 0.0f);
    }
    for (auto c : held) {
        if (c < 0 || c >= m.classes) throw std::invalid_argument("message: class id out of range");
        m.counts[static_cast<std::size_t>(c)] = r.get<std::int32_t>();
        for (int b = 0; b < m.bits; ++b) m.prototypes[static_cast<std::size_t>(c) * m.bits + b] = r.get<float>();
    }
    m.discriminator = r.get_array<float>();
    r.finish();
    return m;
}

}  // namespace fedhap
