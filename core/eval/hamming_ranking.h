#pragma once
// Ranking a database by Hamming distance to one query, for galleries and result lists.
// Order: ascending distance, ties broken by ascending database index (a stable ranking), the
// same order the retrieval metrics assume.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "eval/label_set.h"
#include "eval/packed_codes.h"

namespace fedhap {

struct RankedItem {
    std::uint32_t index = 0;     // database item
    std::uint32_t distance = 0;  // Hamming distance to the query
    bool relevant = false;       // shares a label with the query
};

// Throws std::invalid_argument unless queries and database have the same bit count, each label
// set has one entry per code, the database has fewer than 2^32 items, and the two label sets are comparable (check_comparable).
void check_retrieval_inputs(const PackedCodes& queries, const LabelSet& query_labels, const PackedCodes& database,
                            const LabelSet& database_labels);

// The first min(k, database.count) items for query q, found by hamming_top_k (eval/hamming_topk.h,
// what `fedhap search` runs): O(database), memory O(k). Throws std::invalid_argument when the
// codes or labels do not match up.
std::vector<RankedItem> top_k(const PackedCodes& queries, const LabelSet& query_labels, std::size_t q,
                              const PackedCodes& database, const LabelSet& database_labels, std::size_t k);

}  // namespace fedhap
