#pragma once
// Non-IID client partitions of the train set, with the community's scheme names
// (NIID-Bench / Flower). All are seeded; impossible requests throw std::invalid_argument.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace fedhap {

enum class PartitionScheme { Iid, Dirichlet, Pathological, Shards, Quantity, FeatureNoise };

PartitionScheme parse_partition_scheme(const std::string& text);
std::string to_string(PartitionScheme scheme);
std::vector<std::string> partition_scheme_names();

struct PartitionConfig {
    PartitionScheme scheme = PartitionScheme::Dirichlet;
    std::size_t clients = 10;
    double alpha = 0.1;                  // dirichlet, quantity
    std::size_t min_partition_size = 10; // dirichlet, quantity: redraw until every client has this many
    bool self_balancing = false;         // dirichlet: stop giving to clients above the mean size
    std::size_t classes_per_client = 2;  // pathological
    std::size_t shards_per_client = 2;   // shards
    double noise_sigma = 0.1;            // feature-noise: client i gets sigma·i/(K−1)
    std::uint64_t seed = 0;
};

struct Partition {
    std::vector<std::vector<std::size_t>> clients;  // positions into the label vector, ascending
    std::vector<double> feature_noise_sigma;       // per client; all 0 except for feature-noise
};

// Splits positions 0..labels.size()-1 among config.clients clients.
Partition make_partition(const std::vector<std::int32_t>& labels, std::size_t num_classes,
                         const PartitionConfig& config);

// clients × classes counts.
std::vector<std::vector<std::size_t>> partition_counts(const Partition& partition,
                                                       const std::vector<std::int32_t>& labels,
                                                       std::size_t num_classes);

}  // namespace fedhap
