#include "crosssilo/silo_messages.h"

#include "io/byte_codec.h"

namespace fedhap {

Bytes encode(const SiloHello& hello) {
    ByteWriter w;
    w.put_array(hello.class_counts);
    return std::move(w.out);
}

Bytes encode(const SiloReply& reply) {
    ByteWriter w;
    w.put(reply.loss);
    w.put(reply.seconds);
    w.put(reply.samples);
    w.put_array(reply.update);
    return std::move(w.out);
}

SiloHello decode_hello(const Bytes& bytes) {
    ByteReader r(bytes, "hello");
    SiloHello h;
    h.class_counts = r.get_array<std::int32_t>();
    r.finish();
    for (auto c : h.class_counts)
        if (c < 0) throw std::invalid_argument("hello: negative class count");
    return h;
}

SiloReply decode_reply(const Bytes& bytes) {
    ByteReader r(bytes, "reply");
    SiloReply s;
    s.loss = r.get<double>();
    s.seconds = r.get<double>();
    s.samples = r.get<std::uint64_t>();
    s.update = r.get_array<std::uint8_t>();
    r.finish();
    return s;
}

}  // namespace fedhap
