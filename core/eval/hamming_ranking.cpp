#include "eval/hamming_ranking.h"

#include <cstdint>
#include <stdexcept>
#include <string>

namespace fedhap {

void check_retrieval_inputs(const PackedCodes& queries, const LabelSet& query_labels, const PackedCodes& database,
                            const LabelSet& database_labels) {
    if (queries.bits != database.bits)
        throw std::invalid_argument("query codes have " + std::to_string(queries.bits) + " bits, database codes have " +
                                    std::to_string(database.bits));
    if (query_labels.count() != queries.count)
        throw std::invalid_argument(std::to_string(query_labels.count()) + " query labels for " +
                                    std::to_string(queries.count) + " query codes");
    if (database_labels.count() != database.count)
        throw std::invalid_argument(std::to_string(database_labels.count()) + " database labels for " +
                                    std::to_string(database.count) + " database codes");
    if (database.count > UINT32_MAX)
        throw std::invalid_argument("a database of " + std::to_string(database.count) + " items is too large");
    check_comparable(query_labels, database_labels, "query labels", "database labels");
}

std::vector<RankedItem> top_k(const PackedCodes& queries, const LabelSet& query_labels, std::size_t q,
                              const PackedCodes& database, const LabelSet& database_labels, std::size_t k) {
    check_retrieval_inputs(queries, query_labels, database, database_labels);
    if (q >= queries.count)
        throw std::invalid_argument("query " + std::to_string(q) + " out of range (" + std::to_string(queries.count) +
                                    " queries)");
    const std::size_t n = database.count;
    std::vector<std::uint32_t> distance(n);
    std::vector<std::size_t> next(queries.bits + 2, 0);  // bucket d starts at next[d] after the prefix sum
    for (std::size_t j = 0; j < n; ++j) {
        distance[j] = static_cast<std::uint32_t>(hamming_distance(queries, q, database, j));
        ++next[distance[j] + 1];
    }
    for (std::size_t d = 1; d < next.size(); ++d) next[d] += next[d - 1];
    // Placing items in index order keeps each bucket sorted by index.
    std::vector<RankedItem> out(std::min(k, n));
    for (std::size_t j = 0; j < n; ++j) {
        const std::size_t pos = next[distance[j]]++;
        if (pos < out.size())
            out[pos] = {static_cast<std::uint32_t>(j), distance[j], query_labels.relevant(q, database_labels, j)};
    }
    return out;
}

}  // namespace fedhap
