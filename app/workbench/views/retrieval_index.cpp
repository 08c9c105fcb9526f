#include "views/retrieval_index.h"

#include "data/dataset.h"
#include "eval/hamming_topk.h"

namespace fedhap::workbench {
namespace {

LabelSet labels_of(const Dataset& d, const std::vector<std::size_t>& rows) {
    std::vector<std::int64_t> ids;
    ids.reserve(rows.size());
    for (auto r : rows) ids.push_back(d.labels[r]);
    return LabelSet::single(std::move(ids));
}

PackedCodes one_code_of(const PackedCodes& codes, std::size_t i) {
    PackedCodes one;
    one.count = 1;
    one.bits = codes.bits;
    one.words_per_code = codes.words_per_code;
    one.words.assign(codes.code(i), codes.code(i) + one.words_per_code);
    return one;
}

}  // namespace

std::shared_ptr<const RetrievalIndex> build_retrieval_index(const CodesSnapshot& codes, const Dataset& data) {
    auto index = std::make_shared<RetrievalIndex>();
    index->round = codes.round;
    index->final = codes.final;
    index->query_rows = codes.query_rows;
    index->database_rows = codes.database_rows;
    const auto bits = static_cast<std::size_t>(codes.bits);
    index->queries = pack_codes(codes.query_rows.size(), bits, codes.query_codes);
    index->database = pack_codes(codes.database_rows.size(), bits, codes.database_codes);
    index->query_labels = labels_of(data, codes.query_rows);
    index->database_labels = labels_of(data, codes.database_rows);
    RetrievalOptions options;
    options.threads = 1;  // the training thread needs the cores more
    index->metrics = evaluate_retrieval(index->queries, index->query_labels, index->database, index->database_labels, options);
    index->net = codes.net;
    index->weights = codes.weights;
    return index;
}

std::vector<RankedItem> rank_query(const RetrievalIndex& index, std::size_t q, std::size_t k) {
    return top_k(index.queries, index.query_labels, q, index.database, index.database_labels, k);
}

std::vector<RankedItem> rank_database_item(const RetrievalIndex& index, std::size_t d, std::size_t k) {
    PackedCodes one;
    one.count = 1;
    one.bits = index.database.bits;
    one.words_per_code = index.database.words_per_code;
    one.words.assign(index.database.code(d), index.database.code(d) + one.words_per_code);
    const LabelSet label = LabelSet::single({index.database_labels.ids()[d]});
    return top_k(one, label, 0, index.database, index.database_labels, k);
}

std::vector<RankedItem> rank_unlabelled_code(const RetrievalIndex& index, const std::vector<float>& code, std::size_t k) {
    const PackedCodes one = pack_codes(1, index.database.bits, code);
    // The database's labels are class ids ≥ 0: −1 matches none of them.
    return top_k(one, LabelSet::single({-1}), 0, index.database, index.database_labels, k);
}

RetrievalMetrics query_metrics(const RetrievalIndex& index, std::size_t q) {
    RetrievalOptions options;
    options.threads = 1;  // one query: a pass over the database, quick on the GUI thread
    return evaluate_retrieval(one_code_of(index.queries, q), LabelSet::single({index.query_labels.ids()[q]}), index.database,
                              index.database_labels, options);
}

}  // namespace fedhap::workbench
