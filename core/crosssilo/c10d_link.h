#pragma once
// The only code that touches PyTorch's distributed engine (c10d): a TCPStore for rendezvous and
// two-member Gloo groups (server + one silo) that carry message bytes as uint8 tensors. The c10d
// C++ API changed between LibTorch 1.13 and 2.x (ProcessGroup vs Backend, ProcessGroup::Work vs
// c10d::Work); this header hides it, so that change touches one file. Every wait has a timeout.
#include <chrono>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace fedhap {

using Millis = std::chrono::milliseconds;

// A transport failure: unreachable, timed out, the peer gone, or a size out of bounds.
class LinkError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class RendezvousStore {
public:
    // Listens on host:port (port 0: a free one, see port()). `timeout` bounds every get.
    static std::unique_ptr<RendezvousStore> host(const std::string& host, int port, Millis timeout);
    // Connects to a listening store, retrying until `timeout` runs out (a silo may start first).
    static std::unique_ptr<RendezvousStore> connect(const std::string& host, int port, Millis timeout);
    ~RendezvousStore();

    int port() const;
    void set(const std::string& key, const std::vector<std::uint8_t>& value);
    std::vector<std::uint8_t> get(const std::string& key);  // waits for the key up to the timeout
    std::int64_t add(const std::string& key, std::int64_t delta);

    struct Impl;

private:
    explicit RendezvousStore(std::unique_ptr<Impl> impl);
    static std::unique_ptr<RendezvousStore> open(const std::string& host, int port, Millis timeout, bool listen);
    std::unique_ptr<Impl> impl_;
    friend class PeerLink;
};

// A Gloo group of two under `prefix` in the store: rank 0 is the server, rank 1 the silo.
class PeerLink {
public:
    // Blocks until the other side has joined under the same prefix, or throws LinkError after
    // `timeout`. `bind_host`: the address this side listens on for the peer.
    PeerLink(RendezvousStore& store, const std::string& prefix, int rank, const std::string& bind_host, Millis timeout);
    ~PeerLink();
    PeerLink(const PeerLink&) = delete;
    PeerLink& operator=(const PeerLink&) = delete;

    // The size (int64), then the bytes.
    void send(const std::vector<std::uint8_t>& bytes, Millis timeout);
    // Refuses (LinkError) a size of 0 or above max_bytes before receiving it.
    std::vector<std::uint8_t> receive(std::size_t max_bytes, Millis timeout);

    // Bytes handed to Gloo and taken from it, size headers included.
    std::uint64_t bytes_sent() const { return sent_; }
    std::uint64_t bytes_received() const { return received_; }

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
    std::uint64_t sent_ = 0, received_ = 0;
};

}  // namespace fedhap
