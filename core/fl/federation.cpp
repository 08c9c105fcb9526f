#include "fl/federation.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>

#include "fl/local_client_pool.h"
#include "losses/hash_centers.h"
#include "nn/weights.h"
#include "util/random.h"

namespace fedhap {
namespace {

std::vector<float> initial_prototypes(const MethodOptions& m, int classes, int bits, std::uint64_t seed) {
    switch (m.init) {
        case PrototypeInit::Hadamard: return hadamard_centers(classes, bits, seed);
        case PrototypeInit::Random: return random_balanced_codes(classes, bits, seed);
        case PrototypeInit::None: return {};
    }
    return {};
}

}  // namespace

Federation::Federation(const FederationSetup& setup, TrainData data, torch::Device device)
    : Federation(setup, std::make_unique<LocalClientPool>(setup, std::move(data), device), device) {}

Federation::Federation(const FederationSetup& setup, std::unique_ptr<ClientPool> pool, torch::Device device)
    : setup_(setup), device_(device), pool_(std::move(pool)) {
    if (setup.client_rows.empty() || pool_->size() == 0) throw std::invalid_argument("federation: no clients");
    // The same draws as seeded_networks (client.cpp), so the server starts from the
    // weights and discriminator every client starts from, wherever the clients live.
    torch::manual_seed(setup.seed);
    global_model_ = HashNet(setup.net);
    Discriminator discriminator(setup.net.bits, setup.classes);
    global_model_->to(device);
    server_ = std::make_unique<Server>(flatten_weights(*global_model_), setup.classes, setup.net.bits, setup.method,
                                       initial_prototypes(setup.method, setup.classes, setup.net.bits, setup.seed),
                                       flatten_weights(*discriminator));
}

std::vector<int> Federation::choose_clients(int round) const {
    // A seeded draw per round, at least one client.
    std::vector<int> chosen(pool_->size());
    for (std::size_t k = 0; k < chosen.size(); ++k) chosen[k] = static_cast<int>(k);
    if (setup_.method.participation < 1.0) {
        Rng rng(stream_seed(setup_.seed, static_cast<std::uint64_t>(round), 0, StreamPurpose::Participation));
        rng.shuffle(chosen);
        const auto m = std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(setup_.method.participation * chosen.size())));
        chosen.resize(std::min(m, chosen.size()));
        std::sort(chosen.begin(), chosen.end());
    }
    return chosen;
}

RoundMetrics Federation::run_round(int round, StopToken& stop, RunObserver& observer) {
    const auto start = std::chrono::steady_clock::now();
    RoundMetrics metrics;
    metrics.round = round;
    const std::vector<int> chosen = choose_clients(round);
    const Bytes down = encode(server_->global_message());
    const auto train_start = std::chrono::steady_clock::now();
    // A StopRequested (or any failure) in a client ends the round here, without aggregating.
    const PoolRound trained = pool_->train(chosen, down, round, stop, observer);
    metrics.train_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - train_start).count();
    for (const MissingClient& m : trained.missing) metrics.missing.push_back(m.client);
    std::vector<ClientUpdate> updates;
    double loss_sum = 0.0;
    for (const ClientRound& c : trained.trained) {
        const ClientRoundResult& r = c.result;
        updates.push_back(decode_update(c.update));
        metrics.bytes_down += r.bytes_down;
        metrics.bytes_up += r.bytes_up;
        metrics.train_samples += r.samples;
        loss_sum += r.loss * static_cast<double>(r.samples);
        metrics.clients.push_back(r);
    }
    server_->aggregate(updates);
    metrics.loss = metrics.train_samples ? loss_sum / static_cast<double>(metrics.train_samples) : 0.0;
    metrics.prototype_min_distance = server_->prototype_min_distance();
    metrics.prototype_bits_flipped = server_->bits_flipped();
    metrics.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return metrics;
}

void Federation::finish() { pool_->finish(encode(server_->global_message())); }

HashNet Federation::evaluation_model(std::size_t i) {
    if (personalised()) return pool_->model(i);
    load_weights(*global_model_, server_->weights());
    return global_model_;
}

PrototypeSnapshot Federation::prototypes(int round) const {
    PrototypeSnapshot s;
    s.round = round;
    s.classes = setup_.classes;
    s.bits = setup_.net.bits;
    s.values = server_->prototypes();
    s.known = server_->known();
    s.flipped = server_->flipped();
    return s;
}

std::vector<std::vector<float>> Federation::save_state() const {
    std::vector<std::vector<float>> state = server_->state().to_arrays();
    for (auto& a : pool_->save_state()) state.push_back(std::move(a));
    return state;
}

void Federation::load_state(const std::vector<std::vector<float>>& state) {
    if (state.size() != ServerState::kArrays + pool_->state_arrays())
        throw std::invalid_argument("checkpoint: it holds a different number of clients");
    server_->restore(ServerState::from_arrays(state));
    pool_->load_state({state.begin() + ServerState::kArrays, state.end()});
}

}  // namespace fedhap
