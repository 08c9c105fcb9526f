#include "fl/federation.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <mutex>
#include <stdexcept>

#include "fl/torch_tasks.h"
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

// Forwards observer calls from parallel client threads one at a time.
class SerialisedObserver : public RunObserver {
public:
    explicit SerialisedObserver(RunObserver& inner) : inner_(inner) {}
    void on_client_start(int round, int client, int clients) override {
        std::lock_guard<std::mutex> lock(mutex_);
        inner_.on_client_start(round, client, clients);
    }
    void on_batch(int round, int client, int batch, int batches, double loss) override {
        std::lock_guard<std::mutex> lock(mutex_);
        inner_.on_batch(round, client, batch, batches, loss);
    }
    void on_client_end(int round, const ClientRoundResult& r) override {
        std::lock_guard<std::mutex> lock(mutex_);
        inner_.on_client_end(round, r);
    }

private:
    RunObserver& inner_;
    std::mutex mutex_;
};

}  // namespace

Federation::Federation(const FederationSetup& setup, TrainData data, torch::Device device)
    : setup_(setup), data_(std::move(data)), device_(device) {
    if (setup.client_rows.empty()) throw std::invalid_argument("federation: no clients");
    for (std::size_t k = 0; k < setup.client_rows.size(); ++k) {
        const double sigma = k < setup.feature_noise_sigma.size() ? setup.feature_noise_sigma[k] : 0.0;
        clients_.push_back(std::make_unique<Client>(static_cast<int>(k), setup.client_rows[k], sigma, setup.net,
                                                    setup.classes, setup.method, setup.train, device, setup.seed));
    }
    torch::manual_seed(setup.seed);
    global_model_ = HashNet(setup.net);
    global_model_->to(device);
    server_ = std::make_unique<Server>(flatten_weights(*global_model_), setup.classes, setup.net.bits, setup.method,
                                       initial_prototypes(setup.method, setup.classes, setup.net.bits, setup.seed),
                                       flatten_weights(*clients_.front()->discriminator()));
}

std::vector<int> Federation::choose_clients(int round) const {
    // A seeded draw per round, at least one client.
    std::vector<int> chosen(clients_.size());
    for (std::size_t k = 0; k < chosen.size(); ++k) chosen[k] = static_cast<int>(k);
    if (setup_.method.participation < 1.0) {
        Rng rng(stream_seed(setup_.seed, static_cast<std::uint64_t>(round), 0, 3));
        rng.shuffle(chosen);
        const auto m = std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(setup_.method.participation * chosen.size())));
        chosen.resize(std::min(m, chosen.size()));
        std::sort(chosen.begin(), chosen.end());
    }
    return chosen;
}

std::vector<ClientRound> Federation::train_clients(const std::vector<int>& chosen, const Bytes& down, int round,
                                                   StopToken& stop, RunObserver& observer) {
    std::vector<ClientRound> trained(chosen.size());
    SerialisedObserver serial(observer);
    // Every client has its own generator, so the result does not depend on which thread trains it.
    run_torch_tasks(chosen.size(), setup_.threads, device_, [&](std::size_t i) {
        const int k = chosen[i];
        serial.on_client_start(round, k, static_cast<int>(chosen.size()));
        trained[i] = clients_[static_cast<std::size_t>(k)]->train_round(down, round, data_, stop, serial);
        trained[i].result.bytes_down = down.size();
        trained[i].result.bytes_up = trained[i].update.size();
        serial.on_client_end(round, trained[i].result);
    });
    return trained;
}

RoundMetrics Federation::run_round(int round, StopToken& stop, RunObserver& observer) {
    const auto start = std::chrono::steady_clock::now();
    RoundMetrics metrics;
    metrics.round = round;
    const std::vector<int> chosen = choose_clients(round);
    const Bytes down = encode(server_->global_message());
    const auto train_start = std::chrono::steady_clock::now();
    // A StopRequested (or any failure) in a client ends the round here, without aggregating.
    const std::vector<ClientRound> trained = train_clients(chosen, down, round, stop, observer);
    metrics.train_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - train_start).count();
    std::vector<ClientUpdate> updates;
    double loss_sum = 0.0;
    for (const ClientRound& c : trained) {
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

std::vector<HashNet> Federation::evaluation_models() {
    if (personalised()) {
        std::vector<HashNet> models;
        for (auto& c : clients_) models.push_back(c->model());
        return models;
    }
    load_weights(*global_model_, server_->weights());
    return {global_model_};
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
    std::vector<std::vector<float>> state{server_->weights(), server_->prototypes(),
                                          std::vector<float>(server_->known().begin(), server_->known().end()),
                                          server_->discriminator(), server_->velocity()};
    for (const auto& c : clients_) {
        state.push_back(flatten_weights(*c->model()));
        state.push_back(flatten_weights(*c->discriminator()));
    }
    return state;
}

void Federation::load_state(const std::vector<std::vector<float>>& state) {
    constexpr std::size_t kServerArrays = 5;
    if (state.size() != kServerArrays + 2 * clients_.size())
        throw std::invalid_argument("checkpoint: it holds a different number of clients");
    server_->restore(state[0], state[1], std::vector<std::uint8_t>(state[2].begin(), state[2].end()), state[3], state[4]);
    for (std::size_t k = 0; k < clients_.size(); ++k) {
        load_weights(*clients_[k]->model(), state[kServerArrays + 2 * k]);
        load_weights(*clients_[k]->discriminator(), state[kServerArrays + 1 + 2 * k]);
    }
}

}  // namespace fedhap
