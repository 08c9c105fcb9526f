#pragma once
// The training images of a run as tensors on the run's device, shared by all clients.
#include <torch/types.h>

#include <cstdint>

namespace fedhap {

struct TrainData {
    torch::Tensor images;  // N×C×H×W float32 in [0,1]
    torch::Tensor labels;  // N int64
    int classes = 0;
};

struct TrainSettings {
    int local_epochs = 1;
    int batch_size = 64;
    double lr = 1e-3;
};

// Mixes a run seed with round and client numbers into an independent stream seed, so every
// (round, client) draws the same numbers whether a run is resumed or not.
std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t round, std::uint64_t client, std::uint64_t purpose = 0);

}  // namespace fedhap
