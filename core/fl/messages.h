#pragma once
// What crosses the server ↔ client boundary, and its byte encoding. Messages are serialised
// even in-process, so the byte counts shown to users are exact and a network transport can
// carry the same bytes later. Little-endian; float32 weights; binary prototypes as packed bits.
#include <cstdint>
#include <vector>

namespace fedhap {

using Bytes = std::vector<std::uint8_t>;

// The largest shape a decoded message may claim (the experiment allows ≤ 128 bits).
constexpr int kMaxMessageClasses = 100000;
constexpr int kMaxMessageBits = 128;

// Server → client.
struct GlobalMessage {
    std::vector<float> weights;        // empty when weights are not shared
    std::vector<float> prototypes;     // classes × bits; empty when there are none yet
    std::vector<std::uint8_t> known;   // per class: 1 when the prototype row is meaningful
    bool binary_prototypes = true;     // ±1 rows (sent as bits) or real rows (float32)
    std::vector<float> discriminator;  // only with share_disc
    int classes = 0, bits = 0;
};

// Client → server. Prototype rows are sent only for the classes the client holds.
struct ClientUpdate {
    std::vector<float> weights;          // empty when not uploaded
    std::vector<float> prototypes;       // classes × bits means of u (rows of absent classes are 0)
    std::vector<std::int32_t> counts;    // per class; empty when prototypes are not uploaded
    std::vector<float> discriminator;    // only with share_disc
    std::uint64_t samples = 0;           // training samples seen this round (for weighting)
    int classes = 0, bits = 0;
};

Bytes encode(const GlobalMessage& m);
Bytes encode(const ClientUpdate& m);
// Throw std::invalid_argument on a malformed message.
GlobalMessage decode_global(const Bytes& bytes);
ClientUpdate decode_update(const Bytes& bytes);

}  // namespace fedhap
