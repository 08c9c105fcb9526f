#include "crosssilo/federated_retrieval.h"

#include <algorithm>
#include <stdexcept>

#include "io/byte_codec.h"

namespace fedhap {

std::uint64_t own_data_key(int silo, std::uint64_t index) {
    return (std::uint64_t{1} << 63) | (static_cast<std::uint64_t>(silo) << 40) | index;
}

Bytes encode(const RetrievalRequest& r) {
    ByteWriter w;
    w.put(r.top_k);
    w.put_array(r.final_model);
    w.put<std::uint64_t>(r.queries.count);
    w.put<std::uint64_t>(r.queries.bits);
    w.put_array(r.queries.words);
    return std::move(w.out);
}

RetrievalRequest decode_retrieval_request(const Bytes& bytes) {
    ByteReader in(bytes, "retrieval request");
    RetrievalRequest r;
    r.top_k = in.get<std::uint32_t>();
    r.final_model = in.get_array<std::uint8_t>();
    r.queries.count = in.get<std::uint64_t>();
    r.queries.bits = in.get<std::uint64_t>();
    r.queries.words = in.get_array<std::uint64_t>();
    in.finish();
    if (r.queries.bits < 1 || r.queries.bits > kMaxCodeBits) throw std::invalid_argument("retrieval request: bad code length");
    r.queries.words_per_code = (r.queries.bits + 63) / 64;
    if (r.queries.words.size() != r.queries.count * r.queries.words_per_code)
        throw std::invalid_argument("retrieval request: query codes do not match their count");
    return r;
}

Bytes encode(const RetrievalAnswer& a) {
    ByteWriter w;
    w.put(a.database);
    w.put<std::uint64_t>(a.hits.size());
    for (const auto& list : a.hits) {
        w.put<std::uint32_t>(static_cast<std::uint32_t>(list.size()));
        for (const RetrievalHit& h : list) {
            w.put(h.key);
            w.put(h.distance);
            w.put(h.label);
        }
    }
    return std::move(w.out);
}

RetrievalAnswer decode_retrieval_answer(const Bytes& bytes, std::size_t queries, std::uint32_t top_k) {
    ByteReader in(bytes, "retrieval answer");
    RetrievalAnswer a;
    a.database = in.get<std::uint64_t>();
    if (in.get<std::uint64_t>() != queries) throw std::invalid_argument("retrieval answer: another number of queries");
    a.hits.resize(queries);
    for (auto& list : a.hits) {
        const auto n = in.get<std::uint32_t>();
        if (n > top_k) throw std::invalid_argument("retrieval answer: more hits than asked for");
        list.resize(n);
        for (RetrievalHit& h : list) {
            h.key = in.get<std::uint64_t>();
            h.distance = in.get<std::uint32_t>();
            h.label = in.get<std::int32_t>();
        }
        if (!std::is_sorted(list.begin(), list.end(), [](const RetrievalHit& x, const RetrievalHit& y) {
                return x.distance != y.distance ? x.distance < y.distance : x.key < y.key;
            }))
            throw std::invalid_argument("retrieval answer: a list is not ranked");
    }
    in.finish();
    return a;
}

std::vector<RetrievalHit> merge_top_k(const std::vector<const std::vector<RetrievalHit>*>& lists, std::size_t k) {
    std::vector<RetrievalHit> all;
    for (const auto* l : lists) all.insert(all.end(), l->begin(), l->end());
    const auto better = [](const RetrievalHit& x, const RetrievalHit& y) {
        return x.distance != y.distance ? x.distance < y.distance : x.key < y.key;
    };
    const std::size_t n = std::min(k, all.size());
    std::partial_sort(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(n), all.end(), better);
    all.resize(n);
    return all;
}

double average_precision(const std::vector<RetrievalHit>& ranked, std::int32_t query_label) {
    // The same operations in the same order as eval/retrieval_metrics.cpp's AP@K, which adds
    // the precisions up in database order (keys), not in rank order: equal to the last bit.
    std::vector<std::pair<std::uint64_t, double>> precisions;
    for (std::size_t i = 0; i < ranked.size(); ++i)
        if (ranked[i].label == query_label)
            precisions.emplace_back(ranked[i].key, double(precisions.size() + 1) / double(i + 1));
    std::sort(precisions.begin(), precisions.end());
    double sum = 0.0;
    for (const auto& p : precisions) sum += p.second;
    return precisions.empty() ? 0.0 : sum / double(precisions.size());
}

}  // namespace fedhap
