#include "crosssilo/frame.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <random>

#include "io/byte_codec.h"
#include "io/input_file.h"
#include "util/printable_path.h"

namespace fedhap {
namespace {

constexpr std::uint32_t kMagic = 0x50414846;  // "FHAP"
constexpr std::uint8_t kVersion = 1;

std::array<std::uint8_t, kFrameMacBytes> mac(const FrameKey& key, const std::uint8_t* data, std::size_t size) {
    std::array<std::uint8_t, kFrameMacBytes> out{};
    unsigned int length = 0;
    static const std::uint8_t no_key = 0;
    const auto& secret = key.secret();
    if (!HMAC(EVP_sha256(), secret.empty() ? &no_key : secret.data(), static_cast<int>(secret.size()), data, size,
              out.data(), &length) ||
        length != out.size())
        throw FrameError("HMAC-SHA256 failed");
    return out;
}


}  // namespace

const char* to_string(FrameKind kind) {
    switch (kind) {
        case FrameKind::Config: return "config";
        case FrameKind::Hello: return "hello";
        case FrameKind::Global: return "global";
        case FrameKind::Update: return "update";
        case FrameKind::Finish: return "finish";
        case FrameKind::Retrieve: return "retrieve";
        case FrameKind::Answer: return "answer";
    }
    return "unknown";
}

FrameKey FrameKey::from_file(const std::string& path) {
    std::vector<std::uint8_t> secret;
    try {
        secret = read_input_bytes(path, input_limits::kSecret);
    } catch (const InputFileError& e) {
        throw std::invalid_argument(e.what());  // every fault of the option, one kind of error
    }
    if (!secret.empty() && secret.back() == '\n') secret.pop_back();
    if (secret.size() < 16)
        throw std::invalid_argument(printable_path(path) + ": the secret has " + std::to_string(secret.size()) +
                                    " bytes; use at least 16 (e.g. head -c 32 /dev/urandom | base64 > FILE)");
    return FrameKey(std::move(secret));
}

FrameBytes seal(const Frame& frame, const FrameKey& key) {
    ByteWriter w;
    w.put<std::uint32_t>(kMagic);
    w.put<std::uint8_t>(kVersion);
    w.put<std::uint8_t>(static_cast<std::uint8_t>(frame.kind));
    w.put<std::uint16_t>(0);
    w.put<std::uint32_t>(frame.silo);
    w.put<std::uint32_t>(frame.round);
    w.out.insert(w.out.end(), frame.session.begin(), frame.session.end());
    w.put_array(frame.payload);
    const auto tag = mac(key, w.out.data(), w.out.size());
    w.out.insert(w.out.end(), tag.begin(), tag.end());
    return std::move(w.out);
}

Frame open_frame(const FrameBytes& bytes, const FrameKey& key) {
    if (bytes.size() < kFrameHeaderBytes + kFrameMacBytes)
        throw FrameError("truncated message (" + std::to_string(bytes.size()) + " bytes, less than a header)");
    const std::size_t body = bytes.size() - kFrameMacBytes;
    std::uint32_t magic = 0;
    std::memcpy(&magic, bytes.data(), sizeof magic);
    if (magic != kMagic) throw FrameError("not a FedHAP message (bad magic)");
    if (bytes[4] != kVersion) throw FrameError("message version " + std::to_string(bytes[4]) + " (this build speaks 1)");
    std::uint64_t payload = 0;
    std::memcpy(&payload, bytes.data() + 32, sizeof payload);
    if (payload != body - kFrameHeaderBytes)
        throw FrameError("truncated or padded message (header says " + std::to_string(payload) + " payload bytes, " +
                         std::to_string(body - kFrameHeaderBytes) + " arrived)");
    const auto expected = mac(key, bytes.data(), body);
    // Constant-time comparison: a forger learns nothing from how long the check takes.
    if (CRYPTO_memcmp(expected.data(), bytes.data() + body, kFrameMacBytes) != 0)
        throw FrameError(key.authenticates() ? "bad HMAC: forged, damaged or signed with another secret"
                                             : "bad checksum: damaged, or the sender uses a --secret-file");
    Frame f;
    const std::uint8_t kind = bytes[5];
    if (kind < 1 || kind > 7) throw FrameError("unknown message kind " + std::to_string(kind));
    f.kind = static_cast<FrameKind>(kind);
    std::memcpy(&f.silo, bytes.data() + 8, sizeof f.silo);
    std::memcpy(&f.round, bytes.data() + 12, sizeof f.round);
    std::memcpy(f.session.data(), bytes.data() + 16, f.session.size());
    f.payload.assign(bytes.begin() + kFrameHeaderBytes, bytes.begin() + static_cast<std::ptrdiff_t>(body));
    return f;
}

void check_frame(const Frame& f, FrameKind kind, std::uint32_t silo, std::uint32_t round, const SessionId& session) {
    if (f.session != session) throw FrameError(std::string("replayed ") + to_string(f.kind) + " message from another session");
    if (f.kind != kind) throw FrameError(std::string("expected a ") + to_string(kind) + " message, got " + to_string(f.kind));
    if (f.silo != silo) throw FrameError("message for silo " + std::to_string(f.silo) + " on silo " + std::to_string(silo) + "'s link");
    if (f.round != round)
        throw FrameError(std::string("replayed or stale ") + to_string(f.kind) + " message of round " + std::to_string(f.round) +
                         " in round " + std::to_string(round));
}

SessionId random_session() {
    std::random_device device;
    SessionId id{};
    for (auto& b : id) b = static_cast<std::uint8_t>(device());
    return id;
}

}  // namespace fedhap
