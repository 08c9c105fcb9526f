#include "fl/local_client_pool.h"

#include <torch/torch.h>

#include "fl/federation.h"
#include "fl/serialised_observer.h"
#include "fl/torch_tasks.h"
#include "nn/weights.h"

namespace fedhap {

LocalClientPool::LocalClientPool(const FederationSetup& setup, TrainData data, torch::Device device)
    : data_(std::move(data)), device_(device), threads_(setup.threads) {
    for (std::size_t k = 0; k < setup.client_rows.size(); ++k) {
        const double sigma = k < setup.feature_noise_sigma.size() ? setup.feature_noise_sigma[k] : 0.0;
        clients_.push_back(std::make_unique<Client>(static_cast<int>(k), setup.client_rows[k], sigma, setup.net,
                                                    setup.classes, setup.method, setup.train, device, setup.seed));
    }
}

PoolRound LocalClientPool::train(const std::vector<int>& chosen, const Bytes& down, int round, StopToken& stop,
                                 RunObserver& observer) {
    PoolRound out;
    out.trained.resize(chosen.size());
    SerialisedObserver serial(observer);
    // Every client has its own generator, so the result does not depend on which thread trains it.
    run_torch_tasks(chosen.size(), threads_, device_, [&](std::size_t i) {
        const int k = chosen[i];
        serial.on_client_start(round, k, static_cast<int>(chosen.size()));
        ClientRound& r = out.trained[i];
        r = clients_[static_cast<std::size_t>(k)]->train_round(down, round, data_, stop, serial);
        r.result.bytes_down = down.size();
        r.result.bytes_up = r.update.size();
        serial.on_client_end(round, r.result);
    });
    return out;
}

std::vector<HashNet> LocalClientPool::models() {
    std::vector<HashNet> models;
    for (auto& c : clients_) models.push_back(c->model());
    return models;
}

std::vector<std::vector<float>> LocalClientPool::save_state() const {
    std::vector<std::vector<float>> state;
    for (const auto& c : clients_) {
        state.push_back(flatten_weights(*c->model()));
        state.push_back(flatten_weights(*c->discriminator()));
    }
    return state;
}

void LocalClientPool::load_state(const std::vector<std::vector<float>>& state) {
    for (std::size_t k = 0; k < clients_.size(); ++k) {
        load_weights(*clients_[k]->model(), state[2 * k]);
        load_weights(*clients_[k]->discriminator(), state[2 * k + 1]);
    }
}

}  // namespace fedhap
