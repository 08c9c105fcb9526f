#pragma once
// The round loop: sample clients, send the global message, train, aggregate. Owns the server
// and a pool of clients (in this process, or silos elsewhere: fl/client_pool.h); evaluation and
// persistence are the caller's.
#include <memory>
#include <vector>

#include "fl/client_pool.h"
#include "fl/server.h"

namespace fedhap {

struct FederationSetup {
    std::vector<std::vector<std::int64_t>> client_rows;  // rows of TrainData per client
    std::vector<double> feature_noise_sigma;            // per client
    NetSpec net;
    int classes = 0;
    MethodOptions method;
    TrainSettings train;
    std::uint64_t seed = 0;
    int threads = 1;  // CPU cores to use: clients train in parallel, one core each (fl/torch_tasks.h)
};

class Federation {
public:
    // The clients as threads of this process.
    Federation(const FederationSetup& setup, TrainData data, torch::Device device);
    // The clients wherever `pool` keeps them.
    Federation(const FederationSetup& setup, std::unique_ptr<ClientPool> pool, torch::Device device);

    // Runs round `round` (1-based). Throws StopRequested when stopped mid-round (the state is then
    // that of the previous round end for the server; clients may have moved: resume from a
    // checkpoint for exact continuation).
    RoundMetrics run_round(int round, StopToken& stop, RunObserver& observer);

    // Hands the pool the final global message (after the last round's evaluation).
    void finish();
    // The models to evaluate, one at a time: the global one, or every client's own when weights
    // stay local (a client's is built on request: memory for one network).
    std::size_t evaluation_model_count() const { return personalised() ? pool_->size() : 1; }
    HashNet evaluation_model(std::size_t i);
    bool personalised() const { return !shares_weights(setup_.method.upload); }
    PrototypeSnapshot prototypes(int round) const;
    const Server& server() const { return *server_; }

    // Checkpoint state: the server's, then the pool's (every local client's kept network and
    // discriminator: fl/local_client_pool.h).
    std::vector<std::vector<float>> save_state() const;
    void load_state(const std::vector<std::vector<float>>& state);

private:
    std::vector<int> choose_clients(int round) const;

    FederationSetup setup_;
    torch::Device device_;
    std::unique_ptr<ClientPool> pool_;
    std::unique_ptr<Server> server_;
    HashNet global_model_{nullptr};
};

}  // namespace fedhap
