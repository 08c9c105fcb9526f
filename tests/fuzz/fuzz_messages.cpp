// Everything that arrives from another process or machine: the cross-silo envelope and every
// payload it carries (global message, client update, hello, reply, retrieval request and answer).
// The first byte picks the decoder; a refusal is an exception, anything else a finding.
#include <cstdint>
#include <stdexcept>

#include "crosssilo/federated_retrieval.h"
#include "crosssilo/frame.h"
#include "crosssilo/silo_messages.h"
#include "fl/messages.h"

using namespace fedhap;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const Bytes bytes(data + 1, data + size);
    try {
        switch (data[0] % 7) {
            case 0: {
                static const FrameKey key(std::vector<std::uint8_t>(16, 'k'));
                const Frame f = open_frame(bytes, key);
                check_frame(f, FrameKind::Update, 1, 2, f.session);
                break;
            }
            case 1: decode_global(bytes); break;
            case 2: decode_update(bytes); break;
            case 3: decode_hello(bytes); break;
            case 4: decode_reply(bytes); break;
            case 5: decode_retrieval_request(bytes); break;
            case 6: decode_retrieval_answer(bytes, 3, 10); break;
        }
    } catch (const std::exception&) {
        // Refused with a message: what hostile bytes should get.
    }
    return 0;
}
