#pragma once
// The individual schemes behind make_partition (one file each). Inputs are already validated.
#include <vector>

#include "partition/partition.h"
#include "util/random.h"

namespace fedhap::schemes {

using Groups = std::vector<std::vector<std::size_t>>;
using Labels = std::vector<std::int32_t>;

Groups iid(std::size_t n, std::size_t clients, Rng& rng);
Groups dirichlet(const Labels& labels, std::size_t num_classes, const PartitionConfig& c, Rng& rng);
Groups pathological(const Labels& labels, std::size_t num_classes, const PartitionConfig& c, Rng& rng);
Groups shards(const Labels& labels, const PartitionConfig& c, Rng& rng);
Groups quantity(std::size_t n, const PartitionConfig& c, Rng& rng);

// Cuts `items` into consecutive runs at the cumulative proportions p (as numpy.split does);
// the last run takes the remainder.
Groups split_by_proportions(const std::vector<std::size_t>& items, const std::vector<double>& p);

// Items of each class, in ascending order.
Groups indices_by_class(const Labels& labels, std::size_t num_classes);

}  // namespace fedhap::schemes
