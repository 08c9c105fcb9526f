#pragma once
// A client: its share of the train set, its own copy of the hashing network and its
// discriminator. It talks to the server only in encoded messages.
#include <cstdint>
#include <vector>

#include "fl/messages.h"
#include "fl/method_options.h"
#include "fl/run_observer.h"
#include "fl/stop_token.h"
#include "fl/train_data.h"
#include "nn/hash_net.h"

#include <ATen/core/Generator.h>
#include <torch/optim/optimizer.h>

namespace fedhap {

// What one client's round produced.
struct ClientRound {
    Bytes update;              // the encoded ClientUpdate for the server
    ClientRoundResult result;  // loss, samples, seconds; the federation adds the byte counts
};

class Client {
public:
    Client(int id, std::vector<std::int64_t> rows, double feature_noise_sigma, const NetSpec& net, int classes,
           const MethodOptions& options, const TrainSettings& train, torch::Device device, std::uint64_t seed);

    // One round: adopt the global message, train local_epochs epochs, return the encoded update.
    // Checks `stop` between batches; throws StopRequested when it fires.
    ClientRound train_round(const Bytes& global_message, int round, const TrainData& data, StopToken& stop,
                            RunObserver& observer);

    int id() const { return id_; }
    std::size_t size() const { return rows_.size(); }
    HashNet& model() { return model_; }
    Discriminator& discriminator() { return discriminator_; }

private:
    class Round;  // one round's state and steps (client.cpp)
    struct Global {
        torch::Tensor prototypes, known;    // undefined when the server sends no prototypes
        std::vector<torch::Tensor> anchor;  // w_t for FedProx
    };

    Global adopt_global(const Bytes& global_message, const TrainData& data);
    ClientUpdate make_update(const torch::Tensor& proto_sum, const torch::Tensor& proto_count, std::uint64_t samples);
    torch::Tensor batch_loss(const torch::Tensor& u, const torch::Tensor& y, const torch::Tensor& prototypes,
                             const torch::Tensor& with_prototype, const std::vector<torch::Tensor>& anchor);
    torch::Tensor normal_noise(torch::IntArrayRef sizes);
    void set_class_prior(const TrainData& data);
    void discriminator_step(const torch::Tensor& u, const torch::Tensor& y, const torch::Tensor& prototypes,
                            const torch::Tensor& with_prototype, torch::optim::Optimizer& optimizer);

    int id_;
    torch::Tensor rows_tensor_;
    std::vector<std::int64_t> rows_;
    double noise_sigma_;
    int classes_, bits_;
    MethodOptions options_;
    TrainSettings train_;
    torch::Device device_;
    std::uint64_t seed_;
    HashNet model_{nullptr};
    Discriminator discriminator_{nullptr};
    torch::Generator generator_;
    torch::Tensor logit_offset_;  // τ·log prior, when logit adjustment is on
};

}  // namespace fedhap
