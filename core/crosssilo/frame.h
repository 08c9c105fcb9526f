#pragma once
// The envelope of every cross-silo message: a fixed header (kind, silo, round, the server's
// session id), the payload, and an HMAC-SHA256 over all of it with the federation's shared
// secret. Gloo and the TCPStore neither encrypt nor authenticate, so this is what makes a forged,
// replayed, truncated or damaged message detectable. Plain C++ (OpenSSL's libcrypto), no torch.
#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace fedhap {

using FrameBytes = std::vector<std::uint8_t>;
using SessionId = std::array<std::uint8_t, 16>;

enum class FrameKind : std::uint8_t {
    Config = 1,  // server → store: the experiment config (JSON) every silo reads
    Hello = 2,   // silo → server, once per connection: who it is and its class counts
    Global = 3,  // server → silo: the round's encoded GlobalMessage
    Update = 4,  // silo → server: the round's encoded ClientUpdate and its training result
    Finish = 5,    // server → silo: the run is over
    Retrieve = 6,  // server → silo, after the last round: the final model and the query codes
    Answer = 7,    // silo → server: its top K per query over its own database
};
const char* to_string(FrameKind kind);

struct Frame {
    FrameKind kind = FrameKind::Config;
    std::uint32_t silo = 0;
    std::uint32_t round = 0;
    SessionId session{};
    FrameBytes payload;
};

// A refused frame; what() is one line saying why.
class FrameError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

constexpr std::size_t kFrameHeaderBytes = 40;
constexpr std::size_t kFrameMacBytes = 32;

// The shared secret; empty = no secret (frames are still checked for damage, not for origin).
class FrameKey {
public:
    FrameKey() = default;
    explicit FrameKey(std::vector<std::uint8_t> secret) : secret_(std::move(secret)) {}
    // Reads --secret-file: its bytes, without one trailing newline; refuses one under 16 bytes.
    static FrameKey from_file(const std::string& path);
    bool authenticates() const { return !secret_.empty(); }
    const std::vector<std::uint8_t>& secret() const { return secret_; }

private:
    std::vector<std::uint8_t> secret_;
};

FrameBytes seal(const Frame& frame, const FrameKey& key);
// Checks size, magic, version, kind and MAC; throws FrameError naming what is wrong. The caller
// checks kind, silo, round and session against what it expects (check_frame below).
Frame open_frame(const FrameBytes& bytes, const FrameKey& key);
// Throws FrameError unless the frame is of `kind`, from/for `silo`, of `round`, in `session`.
void check_frame(const Frame& frame, FrameKind kind, std::uint32_t silo, std::uint32_t round, const SessionId& session);

SessionId random_session();

}  // namespace fedhap
