#pragma once
// The server: aggregates client weights (FedAvg, sample-weighted) and the global prototypes.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "fl/messages.h"
#include "method/method_options.h"
#include "method/prototype_aggregation.h"

namespace fedhap {

// What the server carries from round to round, which is what a checkpoint keeps of it.
struct ServerState {
    std::vector<float> weights, prototypes, discriminator, velocity;  // velocity: FedAvgM's, else empty
    std::vector<std::uint8_t> known;                                  // per class: has a prototype

    // The checkpoint's layout, fixed so that earlier checkpoints still load: kArrays arrays, in
    // the order weights, prototypes, known (0/1 as floats), discriminator, velocity.
    static constexpr std::size_t kArrays = 5;
    std::vector<std::vector<float>> to_arrays() const;
    static ServerState from_arrays(const std::vector<std::vector<float>>& arrays);  // the first kArrays
};

class Server {
public:
    // initial_prototypes: classes × bits, or empty when the method starts without prototypes.
    Server(std::vector<float> initial_weights, int classes, int bits, const MethodOptions& options,
           std::vector<float> initial_prototypes, std::vector<float> initial_discriminator);

    GlobalMessage global_message() const;
    // Folds this round's updates in (a class nobody holds keeps its previous prototype).
    void aggregate(const std::vector<ClientUpdate>& updates);

    const std::vector<float>& weights() const { return weights_; }
    const std::vector<float>& prototypes() const { return prototypes_; }
    const std::vector<std::uint8_t>& known() const { return known_; }
    const std::vector<std::uint8_t>& flipped() const { return flipped_; }
    int bits_flipped() const;
    int prototype_min_distance() const;  // over known classes; −1 without binary prototypes
    bool binary_prototypes() const { return aggregation_traits(options_.aggregation).binary; }

    // For checkpoints.
    ServerState state() const;
    void restore(ServerState state);
    const std::vector<float>& discriminator() const { return discriminator_; }

private:
    void aggregate_prototypes(const std::vector<ClientUpdate>& updates);
    int classes_, bits_;
    MethodOptions options_;
    std::vector<float> weights_, prototypes_, discriminator_, velocity_;
    std::vector<std::uint8_t> known_, flipped_;
};

}  // namespace fedhap
