#pragma once
// What a config means for one federation over loaded data: the network, the method and the
// partition of the train set into clients. Every process of a run derives it the same way (the
// in-process run, the server of a cross-silo run and each silo), so they agree without talking.
#include <cstdint>
#include <vector>

#include "data/protocol_data.h"
#include "experiment/experiment_config.h"
#include "fl/federation.h"

namespace fedhap {

FederationSetup plan_federation(const ExperimentConfig& config, const ProtocolData& data, int threads);

// The images and labels of train rows `rows` (indices into data.split.train), in that order, as
// tensors on `device`.
TrainData train_tensors(const ProtocolData& data, const std::vector<std::int64_t>& rows, torch::Device device);

// Every train row: what the in-process federation holds and indexes with each client's rows.
std::vector<std::int64_t> all_train_rows(const ProtocolData& data);

}  // namespace fedhap
