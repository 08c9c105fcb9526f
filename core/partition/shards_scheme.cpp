#include "partition/schemes.h"

#include <algorithm>

namespace fedhap::schemes {

// FedAvg (McMahan et al. 2017): sort by label, cut into clients·s equal shards, give each client
// s shards at random.
Groups shards(const Labels& labels, const PartitionConfig& c, Rng& rng) {
    const std::size_t n = labels.size(), count = c.clients * c.shards_per_client;
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    rng.shuffle(order);  // random order within a label
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return labels[a] < labels[b]; });
    std::vector<std::size_t> shard_ids(count);
    for (std::size_t s = 0; s < count; ++s) shard_ids[s] = s;
    rng.shuffle(shard_ids);
    Groups out(c.clients);
    for (std::size_t s = 0; s < count; ++s) {
        const std::size_t id = shard_ids[s], from = id * n / count, to = (id + 1) * n / count;
        auto& g = out[s / c.shards_per_client];
        g.insert(g.end(), order.begin() + static_cast<std::ptrdiff_t>(from), order.begin() + static_cast<std::ptrdiff_t>(to));
    }
    return out;
}

}  // namespace fedhap::schemes
