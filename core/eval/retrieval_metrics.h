#pragma once
// Retrieval quality of binary codes by Hamming ranking.
//
// Ranking: database items by ascending Hamming distance to the query, ties broken by ascending
// database index. Relevant: shares a label with the query (see LabelSet).
// AP@K of a query = (1/R_K) Σ_{i ≤ K, item i relevant} precision@i, where R_K is the number of
// relevant items among the top K; a query with no relevant item in its top K scores 0 (the
// DPSH/HashNet convention). mAP@all is K = database size. Every metric is a mean over queries.
#include <cstddef>
#include <vector>

#include "eval/label_set.h"
#include "eval/packed_codes.h"

namespace fedhap {

struct RetrievalOptions {
    std::size_t top_k = 0;                   // also compute mAP@K when > 0
    std::vector<std::size_t> precision_at;   // N values of the precision@N curve (each > 0)
    std::size_t threads = 0;                 // 0 = hardware concurrency
};

struct RetrievalMetrics {
    std::size_t queries = 0, database = 0, bits = 0;
    double map = 0.0;  // mAP@all
    std::size_t top_k = 0;
    double map_at_k = 0.0;  // when top_k > 0
    // Index r = 0..bits: items within Hamming radius r. Precision of a query with nothing within
    // the radius is 0; recall of a query with no relevant item in the database is 0.
    std::vector<double> precision_at_radius, recall_at_radius;
    double p_at_h2 = 0.0;  // precision_at_radius[min(2, bits)]
    // Precision of the top N (N capped at the database size), one per options.precision_at.
    std::vector<double> precision_at_n;
    std::vector<double> average_precision;  // per query, the terms of map
};

// One pass over the database per query, on options.threads threads; per-thread memory is
// O(database), nothing of size queries × database. No comparison sort: within a distance
// bucket the ranking is index order, so positions follow from the bucket counts. The result
// does not depend on the thread count. Throws std::invalid_argument for mismatched bit counts,
// label/code counts or label kinds, an empty query set or database, or precision_at holding 0.
RetrievalMetrics evaluate_retrieval(const PackedCodes& queries, const LabelSet& query_labels,
                                    const PackedCodes& database, const LabelSet& database_labels,
                                    const RetrievalOptions& options = {});

// The mean of per-query values summed the way evaluate_retrieval sums them (in fixed chunks of
// queries, then the chunks), so a mean computed elsewhere (cross-silo retrieval) matches its
// metrics to the last bit.
double mean_over_queries(const std::vector<double>& per_query);

}  // namespace fedhap
