#include "fl/local_client_pool.h"

#include <torch/torch.h>

#include <algorithm>

#include "fl/federation.h"
#include "fl/serialised_observer.h"
#include "fl/torch_tasks.h"
#include "nn/weights.h"

namespace fedhap {

void LocalClientPool::NetworkShelf::put(ClientNetworks networks) {
    const std::lock_guard<std::mutex> lock(mutex_);
    free_.push_back(std::move(networks));
}

ClientNetworks LocalClientPool::NetworkShelf::take() {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (free_.empty()) return make_client_networks(net_, classes_, device_);  // under the lock: one draw at a time
    ClientNetworks n = std::move(free_.back());
    free_.pop_back();
    return n;
}

LocalClientPool::LocalClientPool(const FederationSetup& setup, TrainData data, torch::Device device)
    : data_(std::move(data)), device_(device), threads_(setup.threads),
      shelf_(std::make_unique<NetworkShelf>(setup.net, setup.classes, device)) {
    // One draw of the initial weights for all clients; the networks drawn in are the first lent.
    SeededNetworks seeded = seeded_networks(setup.net, setup.classes, device, setup.seed);
    shelf_->put(std::move(seeded.networks));
    clients_.reserve(setup.client_rows.size());
    for (std::size_t k = 0; k < setup.client_rows.size(); ++k) {
        const double sigma = k < setup.feature_noise_sigma.size() ? setup.feature_noise_sigma[k] : 0.0;
        clients_.push_back(std::make_unique<Client>(static_cast<int>(k), setup.client_rows[k], sigma, setup.net,
                                                    setup.classes, setup.method, setup.train, device, setup.seed,
                                                    seeded.initial));
    }
}

PoolRound LocalClientPool::train(const std::vector<int>& chosen, const Bytes& down, int round, StopToken& stop,
                                 RunObserver& observer) {
    PoolRound out;
    out.trained.resize(chosen.size());
    SerialisedObserver serial(observer);
    // Largest clients first: the threads then finish together (a partition is uneven: 88 to
    // 1,232 images in the classroom's). The updates stay in the chosen order. Every round has its
    // own generator, so the result depends neither on the thread, nor on the order, nor on the
    // networks a client is lent (their weights are overwritten first).
    std::vector<std::size_t> order(chosen.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return clients_[static_cast<std::size_t>(chosen[a])]->size() > clients_[static_cast<std::size_t>(chosen[b])]->size();
    });
    run_torch_tasks(chosen.size(), threads_, device_, [&](std::size_t j) {
        const std::size_t i = order[j];
        const int k = chosen[i];
        serial.on_client_start(round, k, static_cast<int>(chosen.size()));
        ClientNetworks networks = shelf_->take();
        ClientRound& r = out.trained[i];
        try {
            r = clients_[static_cast<std::size_t>(k)]->train_round(down, round, data_, stop, serial, networks);
        } catch (...) {
            shelf_->put(std::move(networks));
            throw;
        }
        shelf_->put(std::move(networks));
        r.result.bytes_down = down.size();
        r.result.bytes_up = r.update.size();
        serial.on_client_end(round, r.result);
    });
    return out;
}

HashNet LocalClientPool::model(std::size_t client) { return clients_.at(client)->model(); }

std::vector<HashNet> LocalClientPool::models() {
    std::vector<HashNet> models;
    for (std::size_t k = 0; k < clients_.size(); ++k) models.push_back(model(k));
    return models;
}

std::vector<std::vector<float>> LocalClientPool::save_state() const {
    std::vector<std::vector<float>> state;
    state.reserve(2 * clients_.size());
    for (const auto& c : clients_) {
        state.push_back(c->state().model);
        state.push_back(c->state().discriminator);
    }
    return state;
}

void LocalClientPool::load_state(const std::vector<std::vector<float>>& state) {
    for (std::size_t k = 0; k < clients_.size(); ++k) clients_[k]->load_state({state[2 * k], state[2 * k + 1]});
}

}  // namespace fedhap
