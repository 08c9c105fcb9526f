#include "crosssilo/c10d_link.h"

#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#include <torch/torch.h>

#include "runtime/torch_compat.h"

#include <cstring>
#include <regex>

namespace fedhap {
namespace {

constexpr int kPeerOf[2] = {1, 0};

// c10d reports failures as c10::Error (timeouts as its subclasses) or gloo exceptions; both
// become one-line LinkErrors, without Gloo's source locations ("[./gloo/…/pair.cc:598] ").
std::string first_line(const std::string& what) {
    static const std::regex location(R"(\[\.?/?[A-Za-z0-9_./-]+:[0-9]+\] ?)");
    return std::regex_replace(what.substr(0, what.find('\n')), location, "");
}

template <typename F>
auto translate(const std::string& context, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const LinkError&) {
        throw;
    } catch (const std::exception& e) {
        throw LinkError(context + ": " + first_line(e.what()));
    }
}

}  // namespace

struct RendezvousStore::Impl {
    c10::intrusive_ptr<c10d::TCPStore> store;
};

RendezvousStore::RendezvousStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RendezvousStore::~RendezvousStore() = default;

std::unique_ptr<RendezvousStore> RendezvousStore::open(const std::string& host, int port, Millis timeout, bool listen) {
    const std::string where = host + ":" + std::to_string(port);
    return translate(listen ? "cannot listen on " + where : "no server at " + where, [&] {
        c10d::TCPStoreOptions o;
        o.port = static_cast<std::uint16_t>(port);
        o.isServer = listen;
        o.waitWorkers = false;
        o.timeout = timeout;  // a client also retries its connection until then
        torch_compat::use_plain_socket_store(o);
        auto impl = std::make_unique<Impl>();
        impl->store = c10::make_intrusive<c10d::TCPStore>(host, o);
        return std::unique_ptr<RendezvousStore>(new RendezvousStore(std::move(impl)));
    });
}

std::unique_ptr<RendezvousStore> RendezvousStore::host(const std::string& host, int port, Millis timeout) {
    return open(host, port, timeout, true);
}

std::unique_ptr<RendezvousStore> RendezvousStore::connect(const std::string& host, int port, Millis timeout) {
    return open(host, port, timeout, false);
}

int RendezvousStore::port() const { return impl_->store->getPort(); }

void RendezvousStore::set(const std::string& key, const std::vector<std::uint8_t>& value) {
    translate("store set " + key, [&] { impl_->store->set(key, value); });
}

std::vector<std::uint8_t> RendezvousStore::get(const std::string& key) {
    return translate("store get " + key, [&] { return impl_->store->get(key); });
}

std::int64_t RendezvousStore::add(const std::string& key, std::int64_t delta) {
    return translate("store add " + key, [&] { return impl_->store->add(key, delta); });
}

struct PeerLink::Impl {
    c10::intrusive_ptr<c10d::ProcessGroupGloo> group;
    int peer = 0;
    // Gloo keeps raw pointers to the tensors of a send or receive until it completes; after a
    // timeout it may still write or read them, so they live as long as the group.
    std::vector<at::Tensor> in_flight;
};

PeerLink::PeerLink(RendezvousStore& store, const std::string& prefix, int rank, const std::string& bind_host, Millis timeout)
    : impl_(std::make_unique<Impl>()) {
    translate("connecting " + prefix, [&] {
        auto scoped = c10::make_intrusive<c10d::PrefixStore>(prefix, store.impl_->store);
        auto options = c10d::ProcessGroupGloo::Options::create();
        options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname(bind_host));
        options->timeout = timeout;
        options->threads = 1;
        impl_->group = c10::make_intrusive<c10d::ProcessGroupGloo>(scoped, rank, 2, options);
        impl_->peer = kPeerOf[rank];
    });
}

PeerLink::~PeerLink() = default;

void PeerLink::send(const std::vector<std::uint8_t>& bytes, Millis timeout) {
    translate("send", [&] {
        std::vector<at::Tensor> size{torch::tensor({static_cast<std::int64_t>(bytes.size())}, torch::kInt64)};
        std::vector<at::Tensor> data{torch::empty({static_cast<std::int64_t>(bytes.size())}, torch::kUInt8)};
        std::memcpy(data[0].data_ptr<std::uint8_t>(), bytes.data(), bytes.size());
        impl_->in_flight = {size[0], data[0]};
        auto w1 = impl_->group->send(size, impl_->peer, 0);
        auto w2 = impl_->group->send(data, impl_->peer, 0);
        w1->wait(timeout);
        w2->wait(timeout);
    });
    sent_ += sizeof(std::int64_t) + bytes.size();
}

std::vector<std::uint8_t> PeerLink::receive(std::size_t max_bytes, Millis timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    const std::int64_t n = translate("receive", [&] {
        std::vector<at::Tensor> size{torch::zeros({1}, torch::kInt64)};
        impl_->in_flight = {size[0]};
        impl_->group->recv(size, impl_->peer, 0)->wait(timeout);
        return size[0].item<std::int64_t>();
    });
    received_ += sizeof(std::int64_t);
    if (n <= 0 || static_cast<std::uint64_t>(n) > max_bytes)
        throw LinkError("refused a message of " + std::to_string(n) + " bytes (limit " + std::to_string(max_bytes) + ")");
    std::vector<at::Tensor> data{torch::empty({n}, torch::kUInt8)};
    impl_->in_flight = {data[0]};
    translate("receive", [&] {
        const auto left = std::chrono::duration_cast<Millis>(deadline - std::chrono::steady_clock::now());
        impl_->group->recv(data, impl_->peer, 0)->wait(std::max(left, Millis(1)));
    });
    const std::uint8_t* p = data[0].data_ptr<std::uint8_t>();
    received_ += static_cast<std::uint64_t>(n);
    return std::vector<std::uint8_t>(p, p + n);
}

}  // namespace fedhap
