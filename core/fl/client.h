#pragma once
// A client: its share of the train set and what it must keep between its rounds. Its networks
// exist only while it trains (built for the round, or lent by the pool), so a federation of many
// clients holds networks only for the clients of the current round. It talks to the server only
// in encoded messages.
#include <cstdint>
#include <memory>
#include <vector>

#include "fl/messages.h"
#include "method/method_options.h"
#include "fl/run_observer.h"
#include "fl/stop_token.h"
#include "fl/train_data.h"
#include "nn/hash_net.h"

namespace fedhap {

// What one client's round produced.
struct ClientRound {
    Bytes update;              // the encoded ClientUpdate for the server
    ClientRoundResult result;  // loss, samples, seconds; the federation adds the byte counts
};

// The weights every client starts from: the seed's draws, the same for all clients (and for
// the server, fl/federation.cpp), so one copy is shared.
struct InitialWeights {
    std::vector<float> model, discriminator;
};

// The networks a round trains in. Their weights are overwritten at the start of every round, so
// one pair can serve any number of clients, one after another.
struct ClientNetworks {
    HashNet model{nullptr};
    Discriminator discriminator{nullptr};
};

// Draws the initial weights (torch::manual_seed(seed), then the network, then the
// discriminator: the order the server draws them in) and keeps the networks they were drawn in.
struct SeededNetworks {
    ClientNetworks networks;
    std::shared_ptr<const InitialWeights> initial;
};
SeededNetworks seeded_networks(const NetSpec& net, int classes, torch::Device device, std::uint64_t seed);
// Networks with arbitrary weights (drawn from the global generator), for lending.
ClientNetworks make_client_networks(const NetSpec& net, int classes, torch::Device device);

// What a client keeps between its rounds. Empty = still the initial weights.
struct ClientState {
    std::vector<float> model;          // only when the backbone stays local (no weights from the server)
    std::vector<float> discriminator;  // only when the discriminator stays local (not share_disc)
};

class Client {
public:
    // Draws the initial weights itself (a client alone: tests, a silo).
    Client(int id, std::vector<std::int64_t> rows, double feature_noise_sigma, const NetSpec& net, int classes,
           const MethodOptions& options, const TrainSettings& train, torch::Device device, std::uint64_t seed);
    // Shares `initial` with the other clients of a pool.
    Client(int id, std::vector<std::int64_t> rows, double feature_noise_sigma, const NetSpec& net, int classes,
           const MethodOptions& options, const TrainSettings& train, torch::Device device, std::uint64_t seed,
           std::shared_ptr<const InitialWeights> initial);

    // One round: adopt the global message, train local_epochs epochs, return the encoded update.
    // Trains in `networks` (any weights: they are overwritten), or in networks built for the round.
    // Checks `stop` between batches; throws StopRequested when it fires (the state is then unchanged).
    ClientRound train_round(const Bytes& global_message, int round, const TrainData& data, StopToken& stop,
                            RunObserver& observer, ClientNetworks& networks);
    ClientRound train_round(const Bytes& global_message, int round, const TrainData& data, StopToken& stop,
                            RunObserver& observer);

    int id() const { return id_; }
    std::size_t size() const { return rows_.size(); }
    // Whether the backbone's weights stay with the client (personalised methods: local-only,
    // fedproto-hash): then every client keeps a full copy and memory grows with all clients.
    bool keeps_model() const { return !shares_weights(options_.upload); }
    // Its own weights as networks built now: the kept ones, or the initial ones where the server
    // sends the weights every round.
    HashNet model() const;
    Discriminator discriminator() const;
    const std::vector<float>& model_weights() const { return state_.model.empty() ? initial_->model : state_.model; }

    // For checkpoints. load_state ignores a model it does not keep (a version-2 checkpoint holds
    // every client's network; the server's weights replace it at the next round anyway).
    const ClientState& state() const { return state_; }
    void load_state(ClientState state);

private:
    class Round;  // one round's state and steps (client.cpp)

    void set_class_weights(const TrainData& data);
    const std::vector<float>& discriminator_weights() const {
        return state_.discriminator.empty() ? initial_->discriminator : state_.discriminator;
    }

    int id_;
    torch::Tensor rows_tensor_;
    std::vector<std::int64_t> rows_;
    double noise_sigma_;
    NetSpec net_;
    int classes_, bits_;
    MethodOptions options_;
    TrainSettings train_;
    torch::Device device_;
    std::uint64_t seed_;
    std::shared_ptr<const InitialWeights> initial_;
    ClientState state_;
    // Derived from the rows' labels once: τ·log prior when logit adjustment is on, and FedRS's
    // per-class logit scale when the restricted softmax is on (else undefined).
    torch::Tensor logit_offset_, logit_scale_;
};

}  // namespace fedhap
