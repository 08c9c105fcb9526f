#pragma once
// Codes of one evaluation, packed for Hamming ranking, with the PR curve of the whole query set.
// Built off the GUI thread; ranking one query is then cheap enough for the GUI thread.
#include <memory>
#include <vector>

#include "eval/hamming_ranking.h"
#include "eval/retrieval_metrics.h"
#include "fl/run_observer.h"

namespace fedhap {
struct Dataset;
}

namespace fedhap::workbench {

struct RetrievalIndex {
    int round = 0;
    bool final = false;
    std::vector<std::size_t> query_rows, database_rows;  // rows of the joined dataset
    PackedCodes queries, database;
    LabelSet query_labels, database_labels;
    RetrievalMetrics metrics;  // precision/recall over Hamming radius, P@H≤2, mAP
    // The model that encoded these codes (null for codes without one): other images are encoded
    // with it, so their distances to the database compare like with like.
    NetSpec net;
    std::shared_ptr<const std::vector<float>> weights;
};

// Throws std::invalid_argument on inconsistent codes.
std::shared_ptr<const RetrievalIndex> build_retrieval_index(const CodesSnapshot& codes, const Dataset& data);

// The top k of the database for query `q`, or for database item `d` used as the query.
std::vector<RankedItem> rank_query(const RetrievalIndex& index, std::size_t q, std::size_t k);
std::vector<RankedItem> rank_database_item(const RetrievalIndex& index, std::size_t d, std::size_t k);
// The top k for a relaxed code from outside the query set (an image file). Its class is unknown,
// so no item is marked relevant.
std::vector<RankedItem> rank_unlabelled_code(const RetrievalIndex& index, const std::vector<float>& code, std::size_t k);

// Precision and recall over Hamming radius of query `q` alone, by the definition the whole
// set's curve averages (eval/retrieval_metrics.h).
RetrievalMetrics query_metrics(const RetrievalIndex& index, std::size_t q);

}  // namespace fedhap::workbench
