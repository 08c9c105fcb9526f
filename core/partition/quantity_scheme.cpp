#include "partition/schemes.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace fedhap::schemes {

// NIID-Bench "iid-diff-quantity": IID labels, client sizes from Dir(alpha), redrawn until every
// client holds min_partition_size items.
Groups quantity(std::size_t n, const PartitionConfig& c, Rng& rng) {
    constexpr int kMaxDraws = 1000;
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    rng.shuffle(order);
    for (int attempt = 0; attempt < kMaxDraws; ++attempt) {
        Groups out = split_by_proportions(order, rng.dirichlet(c.alpha, c.clients));
        if (std::all_of(out.begin(), out.end(), [&](const auto& g) { return g.size() >= c.min_partition_size; }))
            return out;
    }
    throw std::invalid_argument("quantity: no draw in " + std::to_string(kMaxDraws) + " gave every client at least " +
                                std::to_string(c.min_partition_size) + " samples; raise --alpha or lower --min-size");
}

}  // namespace fedhap::schemes
