#include "experiment/federation_plan.h"

#include <torch/torch.h>

#include "experiment/code_encoder.h"
#include "partition/partition.h"

namespace fedhap {

std::vector<std::int64_t> all_train_rows(const ProtocolData& data) {
    std::vector<std::int64_t> all(data.split.train.size());
    for (std::size_t i = 0; i < all.size(); ++i) all[i] = static_cast<std::int64_t>(i);
    return all;
}

FederationSetup plan_federation(const ExperimentConfig& config, const ProtocolData& data, int threads) {
    const Dataset& joined = data.joined;
    FederationSetup setup;
    setup.classes = static_cast<int>(joined.num_classes());
    setup.net = NetSpec{config.net, joined.channels, joined.height, joined.width, config.bits, config.hidden};
    setup.method = config.method;
    setup.train = TrainSettings{config.local_epochs, config.batch_size, config.lr, config.lr_schedule, config.rounds};
    setup.seed = config.seed;
    setup.threads = threads;
    if (config.method.method == Method::Centralized || config.pooled) {
        // One node holds the pooled train set: the upper reference, same budget.
        setup.client_rows = {all_train_rows(data)};
    } else {
        PartitionConfig pc = config.partition;
        pc.seed = config.seed;
        const Partition p = make_partition(data.train_labels, joined.num_classes(), pc);
        for (const auto& c : p.clients) setup.client_rows.emplace_back(c.begin(), c.end());
        setup.feature_noise_sigma = p.feature_noise_sigma;
    }
    return setup;
}

TrainData train_tensors(const ProtocolData& data, const std::vector<std::int64_t>& rows, torch::Device device) {
    std::vector<std::size_t> joined_rows(rows.size());
    std::vector<std::int64_t> labels(rows.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto r = static_cast<std::size_t>(rows[i]);
        joined_rows[i] = data.split.train.at(r);
        labels[i] = data.train_labels.at(r);
    }
    TrainData train;
    train.images = image_tensor(data.joined, joined_rows, device);
    train.labels = torch::tensor(labels, torch::kInt64).to(device);
    train.classes = static_cast<int>(data.joined.num_classes());
    return train;
}

}  // namespace fedhap
