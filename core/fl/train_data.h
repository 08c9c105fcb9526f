#pragma once
// The training images of a run as tensors on the run's device, shared by all clients.
#include <torch/types.h>

#include <cstdint>

#include "fl/lr_schedule.h"

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
    LrSchedule lr_schedule = LrSchedule::Constant;
    int rounds = 1;  // the run's, for the schedule
};

// What a random stream is for. The numbers are mixed into the stream seeds, so they are part of
// every run's results: never renumber one (a new purpose takes a new number).
enum class StreamPurpose : std::uint64_t {
    TrainingNoise = 1,   // a client's round: feature noise and the discriminator's real-sample noise
    BatchOrder = 2,      // a client's round: the order of its samples in each epoch
    Participation = 3,   // a round: which clients take part
    DatabaseSample = 4,  // the run: the database rows of the per-round evaluation
};

// Mixes a run seed with round and client numbers into an independent stream seed, so every
// (round, client) draws the same numbers whether a run is resumed or not.
std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t round, std::uint64_t client, StreamPurpose purpose);

}  // namespace fedhap
