#pragma once
// The payloads a silo sends inside frames (crosssilo/frame.h): its hello, and each round's reply
// (the encoded ClientUpdate exactly as the in-process federation makes it, plus the training
// result the server logs). Plain C++.
#include <cstdint>
#include <vector>

#include "fl/messages.h"

namespace fedhap {

struct SiloHello {
    std::vector<std::int32_t> class_counts;  // its training images per class
};

struct SiloReply {
    double loss = 0.0;          // mean training loss of the round
    double seconds = 0.0;       // local training time
    std::uint64_t samples = 0;  // training samples processed
    Bytes update;               // the encoded ClientUpdate
};

Bytes encode(const SiloHello& hello);
Bytes encode(const SiloReply& reply);
// Throw std::invalid_argument on a malformed payload.
SiloHello decode_hello(const Bytes& bytes);
SiloReply decode_reply(const Bytes& bytes);

}  // namespace fedhap
