#include "eval/hamming_ranking.h"

#include <cstdint>
#include <stdexcept>
#include <string>

#include "eval/hamming_topk.h"

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
    if (k == 0 || database.count == 0) return {};
    PackedCodes one;
    one.count = 1;
    one.bits = queries.bits;
    one.words_per_code = queries.words_per_code;
    one.words.assign(queries.code(q), queries.code(q) + queries.words_per_code);
    const HammingNeighbours found = hamming_top_k(one, database, k, 1);  // one query: one thread
    std::vector<RankedItem> out(found.k);
    for (std::size_t i = 0; i < found.k; ++i) {
        const auto index = static_cast<std::size_t>(found.indices[i]);
        out[i] = {static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(found.distances[i]),
                  query_labels.relevant(q, database_labels, index)};
    }
    return out;
}

}  // namespace fedhap
