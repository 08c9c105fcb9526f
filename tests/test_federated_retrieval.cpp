// Cross-silo retrieval: per-silo top-K lists merged by the server give the pooled evaluation's
// mAP@K to the last bit, for any split of the database; the payloads round-trip and refuse damage.
#include <QtTest>

#include <random>

#include "crosssilo/federated_retrieval.h"
#include "eval/hamming_ranking.h"
#include "eval/retrieval_metrics.h"

using namespace fedhap;

namespace {

struct Data {
    PackedCodes queries, database;
    std::vector<std::int64_t> query_labels, database_labels;
};

Data random_silo_data(std::size_t nq, std::size_t nd, std::size_t bits, int classes, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal;
    auto codes = [&](std::size_t n, std::vector<std::int64_t>& labels) {
        std::vector<float> v(n * bits);
        for (std::size_t i = 0; i < n; ++i) {
            labels.push_back(static_cast<std::int64_t>(rng() % static_cast<unsigned>(classes)));
            for (std::size_t b = 0; b < bits; ++b)  // a class direction plus noise: ties and structure
                v[i * bits + b] = ((labels.back() * 7 + static_cast<std::int64_t>(b)) % 3 == 0 ? 1.0f : -1.0f) + 1.2f * normal(rng);
        }
        return pack_codes(n, bits, v);
    };
    Data d;
    d.queries = codes(nq, d.query_labels);
    d.database = codes(nd, d.database_labels);
    return d;
}

}  // namespace

class FederatedRetrievalTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void merged_silo_lists_give_the_pooled_map_at_k_exactly() {
        for (const auto& [bits, k, silos] : std::vector<std::tuple<std::size_t, std::size_t, int>>{
                 {16, 50, 3}, {32, 100, 10}, {12, 1000, 4}, {64, 7, 1}}) {
            const Data d = random_silo_data(70, 900, bits, 6, static_cast<unsigned>(bits + k));
            RetrievalOptions options;
            options.top_k = k;
            const LabelSet ql = LabelSet::single(d.query_labels), dl = LabelSet::single(d.database_labels);
            const RetrievalMetrics pooled = evaluate_retrieval(d.queries, ql, d.database, dl, options);
            QCOMPARE(mean_over_queries(pooled.average_precision), pooled.map);  // the same summation

            // Deal the database out to the silos; each ranks its own part.
            std::vector<std::vector<std::vector<RetrievalHit>>> answers(static_cast<std::size_t>(silos));
            for (int s = 0; s < silos; ++s) {
                std::vector<float> mine;
                std::vector<std::int64_t> labels, keys;
                const auto all = unpack_codes(d.database);
                for (std::size_t p = static_cast<std::size_t>(s); p < d.database.count; p += static_cast<std::size_t>(silos)) {
                    for (std::size_t b = 0; b < bits; ++b) mine.push_back(all[p * bits + b]);
                    labels.push_back(d.database_labels[p]);
                    keys.push_back(static_cast<std::int64_t>(p));
                }
                const PackedCodes part = pack_codes(labels.size(), bits, mine);
                for (std::size_t q = 0; q < d.queries.count; ++q) {
                    std::vector<RetrievalHit> hits;
                    for (const RankedItem& item : top_k(d.queries, ql, q, part, LabelSet::single(labels), k))
                        hits.push_back({static_cast<std::uint64_t>(keys[item.index]), item.distance,
                                        static_cast<std::int32_t>(labels[item.index])});
                    answers[static_cast<std::size_t>(s)].push_back(hits);
                }
            }
            std::vector<double> ap;
            for (std::size_t q = 0; q < d.queries.count; ++q) {
                std::vector<const std::vector<RetrievalHit>*> lists;
                for (const auto& a : answers) lists.push_back(&a[q]);
                const auto merged = merge_top_k(lists, k);
                QCOMPARE(merged.size(), std::min(k, d.database.count));
                ap.push_back(average_precision(merged, static_cast<std::int32_t>(d.query_labels[q])));
            }
            QCOMPARE(mean_over_queries(ap), pooled.map_at_k);  // bit for bit, not approximately
            QVERIFY(pooled.map_at_k > 0.0);
        }
    }

    void payloads_round_trip_and_refuse_damage() {
        const Data d = random_silo_data(5, 10, 24, 3, 1);
        const RetrievalRequest r{7, Bytes{1, 2, 3}, d.queries};
        const RetrievalRequest back = decode_retrieval_request(encode(r));
        QCOMPARE(back.top_k, 7u);
        QVERIFY(back.final_model == r.final_model);
        QVERIFY(back.queries.words == d.queries.words);
        QCOMPARE(back.queries.words_per_code, std::size_t{1});
        Bytes cut = encode(r);
        cut.resize(cut.size() - 3);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, decode_retrieval_request(cut));

        RetrievalAnswer a;
        a.database = 10;
        a.hits = {{{3, 0, 1}, {1, 2, 0}}, {}};
        const RetrievalAnswer b = decode_retrieval_answer(encode(a), 2, 2);
        QCOMPARE(b.hits[0].size(), std::size_t{2});
        QCOMPARE(b.hits[0][1].key, std::uint64_t{1});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, decode_retrieval_answer(encode(a), 3, 2));  // other query count
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, decode_retrieval_answer(encode(a), 2, 1));  // more than K
        a.hits[0] = {{1, 2, 0}, {3, 0, 1}};  // not ranked
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, decode_retrieval_answer(encode(a), 2, 2));
    }

    void average_precision_follows_the_definition() {
        // Ranked: relevant, not, relevant → (1/1 + 2/3) / 2.
        const std::vector<RetrievalHit> ranked{{5, 0, 1}, {2, 1, 0}, {9, 1, 1}};
        QCOMPARE(average_precision(ranked, 1), (1.0 + 2.0 / 3.0) / 2.0);
        QCOMPARE(average_precision(ranked, 4), 0.0);
        QVERIFY(own_data_key(2, 5) != own_data_key(3, 5));
        QVERIFY(own_data_key(0, 0) > 1'000'000'000'000ull);  // never a pooled position
    }
};

QTEST_APPLESS_MAIN(FederatedRetrievalTest)
#include "test_federated_retrieval.moc"
