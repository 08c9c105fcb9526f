#include "data/retrieval_split.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "util/random.h"

namespace fedhap {
namespace {

// Draws `per_class` items of every class from `pool` (order of pool is kept per class).
std::vector<std::size_t> draw_per_class(const std::vector<std::size_t>& pool,
                                        const std::vector<std::int32_t>& labels, std::size_t num_classes,
                                        std::size_t per_class, Rng& rng, const char* what) {
    std::vector<std::vector<std::size_t>> by_class(num_classes);
    for (auto i : pool) by_class[static_cast<std::size_t>(labels[i])].push_back(i);
    std::vector<std::size_t> drawn;
    for (std::size_t c = 0; c < num_classes; ++c) {
        auto& items = by_class[c];
        if (items.size() < per_class)
            throw std::invalid_argument(std::string(what) + " needs " + std::to_string(per_class) +
                                        " images of class " + std::to_string(c) + " but only " +
                                        std::to_string(items.size()) + " are available");
        rng.shuffle(items);
        drawn.insert(drawn.end(), items.begin(), items.begin() + static_cast<std::ptrdiff_t>(per_class));
    }
    std::sort(drawn.begin(), drawn.end());
    return drawn;
}

}  // namespace

RetrievalSplit make_retrieval_split(const std::vector<std::int32_t>& labels, std::size_t test_offset,
                                    std::size_t num_classes, const SplitSizes& sizes, std::uint64_t seed) {
    if (num_classes == 0) throw std::invalid_argument("the dataset has no classes");
    if (test_offset > labels.size()) throw std::invalid_argument("test part starts past the end");
    Rng rng(seed);
    const std::size_t query_from = test_offset < labels.size() ? test_offset : 0;
    std::vector<std::size_t> query_pool;
    for (std::size_t i = query_from; i < labels.size(); ++i) query_pool.push_back(i);

    RetrievalSplit split;
    split.query = draw_per_class(query_pool, labels, num_classes, sizes.query_per_class, rng, "the query set");
    split.database.reserve(labels.size() - split.query.size());
    std::size_t q = 0;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (q < split.query.size() && split.query[q] == i) ++q;
        else split.database.push_back(i);
    }
    split.train = draw_per_class(split.database, labels, num_classes, sizes.train_per_class, rng, "the train set");
    return split;
}

}  // namespace fedhap
