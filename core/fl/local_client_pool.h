#pragma once
// The clients as objects of this process, trained in parallel threads (one core each).
#include <memory>

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
    std::vector<std::vector<float>> save_state() const override;  // each client's network and discriminator
    void load_state(const std::vector<std::vector<float>>& state) override;
    std::size_t state_arrays() const override { return 2 * clients_.size(); }

private:
    TrainData data_;
    torch::Device device_;
    int threads_;
    std::vector<std::unique_ptr<Client>> clients_;
};

}  // namespace fedhap
