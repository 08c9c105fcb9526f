#include "partition/schemes.h"

#include <stdexcept>
#include <string>

namespace fedhap::schemes {

// NIID-Bench "noniid-#label k": every client holds exactly k classes. Client i takes the k
// consecutive classes from position i·k of a shuffled class ring, so the classes are covered
// whenever clients·k ≥ classes; each class is then dealt evenly among the clients holding it.
Groups pathological(const Labels& labels, std::size_t num_classes, const PartitionConfig& c, Rng& rng) {
    const std::size_t k = c.classes_per_client;
    std::vector<std::size_t> ring(num_classes);
    for (std::size_t i = 0; i < num_classes; ++i) ring[i] = i;
    rng.shuffle(ring);
    std::vector<std::vector<std::size_t>> holders(num_classes);
    for (std::size_t client = 0; client < c.clients; ++client)
        for (std::size_t j = 0; j < k; ++j) holders[ring[(client * k + j) % num_classes]].push_back(client);

    Groups by_class = indices_by_class(labels, num_classes);
    Groups out(c.clients);
    for (std::size_t cls = 0; cls < num_classes; ++cls) {
        auto& items = by_class[cls];
        const auto& h = holders[cls];
        if (items.size() < h.size())
            throw std::invalid_argument("pathological: class " + std::to_string(cls) + " has " +
                                        std::to_string(items.size()) + " samples, fewer than the " +
                                        std::to_string(h.size()) + " clients that must hold it");
        rng.shuffle(items);
        for (std::size_t i = 0; i < items.size(); ++i) out[h[i % h.size()]].push_back(items[i]);
    }
    return out;
}

}  // namespace fedhap::schemes
