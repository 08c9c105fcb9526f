#pragma once
// The clients as objects of this process, trained in parallel threads (one core each). A client
// between its rounds is its rows and its small state (fl/client.h); networks exist only for the
// clients training now, one pair per worker thread, lent to each client in turn. So memory grows
// with the clients of a round, not with all clients, except where the backbone stays local
// (local-only, fedproto-hash): each client then keeps its own weights.
#include <memory>
#include <mutex>

#include "fl/client_pool.h"

namespace fedhap {

struct FederationSetup;

class LocalClientPool : public ClientPool {
public:
    LocalClientPool(const FederationSetup& setup, TrainData data, torch::Device device);

    std::size_t size() const override { return clients_.size(); }
    PoolRound train(const std::vector<int>& chosen, const Bytes& down, int round, StopToken& stop,
                    RunObserver& observer) override;
    std::vector<HashNet> models() override;
    HashNet model(std::size_t client) override;
    // Per client: its kept network (empty unless the backbone stays local) and its discriminator
    // (empty while it is the initial one, or when the server shares it).
    std::vector<std::vector<float>> save_state() const override;
    void load_state(const std::vector<std::vector<float>>& state) override;
    std::size_t state_arrays() const override { return 2 * clients_.size(); }

private:
    // Networks waiting for the next client; a worker takes one, or builds one when none is free.
    class NetworkShelf {
    public:
        NetworkShelf(const NetSpec& net, int classes, torch::Device device) : net_(net), classes_(classes), device_(device) {}
        void put(ClientNetworks networks);
        ClientNetworks take();

    private:
        std::mutex mutex_;
        NetSpec net_;
        int classes_;
        torch::Device device_;
        std::vector<ClientNetworks> free_;
    };

    TrainData data_;
    torch::Device device_;
    int threads_;
    std::unique_ptr<NetworkShelf> shelf_;
    std::vector<std::unique_ptr<Client>> clients_;
};

}  // namespace fedhap
