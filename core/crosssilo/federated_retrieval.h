#pragma once
// Cross-silo retrieval: the server sends every silo the final model and the query codes; each
// silo ranks its own database and answers with its top K (key, distance, label); the server
// merges the lists. Keys order ties the way the pooled evaluation does (eval/retrieval_metrics.h:
// by database index), so the merged top K and its mAP@K equal the pooled ones. Plain C++.
#include <cstdint>
#include <vector>

#include "eval/packed_codes.h"
#include "fl/messages.h"

namespace fedhap {

struct RetrievalHit {
    std::uint64_t key = 0;       // the item's position in the pooled database, or kOwnDataKey + silo/index
    std::uint32_t distance = 0;  // Hamming distance to the query
    std::int32_t label = 0;
};
// Keys of items from a silo's own folder (--data), which the pooled database does not hold.
std::uint64_t own_data_key(int silo, std::uint64_t index);

struct RetrievalRequest {
    std::uint32_t top_k = 0;
    Bytes final_model;  // the encoded GlobalMessage after the last round
    PackedCodes queries;
};

struct RetrievalAnswer {
    std::uint64_t database = 0;                   // items this silo ranked
    std::vector<std::vector<RetrievalHit>> hits;  // per query, best first, at most top_k
};

Bytes encode(const RetrievalRequest& r);
Bytes encode(const RetrievalAnswer& a);
// Throw std::invalid_argument on a malformed payload.
RetrievalRequest decode_retrieval_request(const Bytes& bytes);
RetrievalAnswer decode_retrieval_answer(const Bytes& bytes, std::size_t queries, std::uint32_t top_k);

// The best `k` of several per-query lists, by (distance, key).
std::vector<RetrievalHit> merge_top_k(const std::vector<const std::vector<RetrievalHit>*>& lists, std::size_t k);

// AP@K of one ranked list (eval/retrieval_metrics.h's definition; 0 without a relevant item).
double average_precision(const std::vector<RetrievalHit>& ranked, std::int32_t query_label);

}  // namespace fedhap
