#include "partition/schemes.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace fedhap::schemes {

// NIID-Bench "noniid-labeldir": each class is spread over the clients with proportions drawn
// from Dir(alpha); the whole draw is repeated until every client holds min_partition_size items.
Groups dirichlet(const Labels& labels, std::size_t num_classes, const PartitionConfig& c, Rng& rng) {
    constexpr int kMaxDraws = 1000;  // an unreachable minimum is an error, never a hang
    const Groups by_class = indices_by_class(labels, num_classes);
    const double mean_size = static_cast<double>(labels.size()) / static_cast<double>(c.clients);
    for (int attempt = 0; attempt < kMaxDraws; ++attempt) {
        Groups out(c.clients);
        for (std::size_t cls = 0; cls < num_classes; ++cls) {
            std::vector<std::size_t> items = by_class[cls];
            rng.shuffle(items);
            std::vector<double> p = rng.dirichlet(c.alpha, c.clients);
            if (c.self_balancing) {
                double sum = 0.0;
                for (std::size_t k = 0; k < c.clients; ++k) sum += (p[k] *= (out[k].size() < mean_size ? 1.0 : 0.0));
                if (sum > 0.0) for (auto& x : p) x /= sum;
                else p.assign(c.clients, 1.0 / static_cast<double>(c.clients));
            }
            const Groups runs = split_by_proportions(items, p);
            for (std::size_t k = 0; k < c.clients; ++k) out[k].insert(out[k].end(), runs[k].begin(), runs[k].end());
        }
        const bool ok = std::all_of(out.begin(), out.end(),
                                    [&](const auto& g) { return g.size() >= c.min_partition_size; });
        if (ok) return out;
    }
    throw std::invalid_argument("dirichlet: no draw in " + std::to_string(kMaxDraws) +
                                " gave every client at least " + std::to_string(c.min_partition_size) +
                                " samples; raise --alpha or lower --min-size");
}

}  // namespace fedhap::schemes
