// Retrieval metrics: hand-computed cases (ties included) and a brute-force reference on random
// codes, single- and multi-label, at several bit counts; top-k lists; thread independence.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "eval/hamming_ranking.h"
#include "eval/retrieval_metrics.h"
#include "util/random.h"

using namespace fedhap;

namespace {

// Codes from rows of '+'/'-' characters.
PackedCodes codes_of(const std::vector<std::string>& rows) {
    std::vector<float> v;
    for (const auto& r : rows)
        for (char c : r) v.push_back(c == '+' ? 1.0f : -1.0f);
    return pack_codes(rows.size(), rows.empty() ? 1 : rows[0].size(), v);
}

struct Brute {
    double map = 0, map_at_k = 0;
    std::vector<double> precision, recall, precision_at_n, ap;
};

// The definitions read literally: sort every database item by (distance, index), then walk the list.
Brute brute_force(const PackedCodes& q, const LabelSet& ql, const PackedCodes& db, const LabelSet& dbl,
                  std::size_t k, const std::vector<std::size_t>& at_n) {
    Brute b;
    b.precision.assign(q.bits + 1, 0.0);
    b.recall.assign(q.bits + 1, 0.0);
    b.precision_at_n.assign(at_n.size(), 0.0);
    for (std::size_t i = 0; i < q.count; ++i) {
        std::vector<std::pair<std::size_t, std::size_t>> ranked;  // (distance, index)
        for (std::size_t j = 0; j < db.count; ++j) ranked.emplace_back(hamming_distance(q, i, db, j), j);
        std::sort(ranked.begin(), ranked.end());
        std::vector<bool> rel;
        for (const auto& r : ranked) rel.push_back(ql.relevant(i, dbl, r.second));
        const double total = double(std::count(rel.begin(), rel.end(), true));
        double ap = 0, ap_k = 0, hits = 0, hits_k = 0;
        for (std::size_t p = 0; p < rel.size(); ++p) {
            if (!rel[p]) continue;
            ap += ++hits / double(p + 1);
            if (p < k) ap_k += ++hits_k / double(p + 1);
        }
        b.ap.push_back(total ? ap / total : 0.0);
        b.map += b.ap.back();
        b.map_at_k += hits_k ? ap_k / hits_k : 0.0;
        for (std::size_t r = 0; r <= q.bits; ++r) {
            double within = 0, good = 0;
            for (std::size_t p = 0; p < ranked.size(); ++p)
                if (ranked[p].first <= r) {
                    ++within;
                    good += rel[p];
                }
            b.precision[r] += within ? good / within : 0.0;
            b.recall[r] += total ? good / total : 0.0;
        }
        for (std::size_t n = 0; n < at_n.size(); ++n) {
            const std::size_t top = std::min(at_n[n], rel.size());
            b.precision_at_n[n] += double(std::count(rel.begin(), rel.begin() + long(top), true)) / double(top);
        }
    }
    const double nq = double(q.count);
    b.map /= nq;
    b.map_at_k /= nq;
    for (auto* v : {&b.precision, &b.recall, &b.precision_at_n})
        for (auto& x : *v) x /= nq;
    return b;
}

// Codes around a few random centres, so that distances repeat (ties) and labels matter.
PackedCodes clustered_codes(Rng& rng, std::size_t n, std::size_t bits, const std::vector<std::size_t>& cluster,
                            const std::vector<std::vector<float>>& centres) {
    std::vector<float> v(n * bits);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t b = 0; b < bits; ++b)
            v[i * bits + b] = centres[cluster[i]][b] * (rng.uniform() < 0.3 ? -1.0f : 1.0f);
    return pack_codes(n, bits, v);
}

LabelSet random_labels(Rng& rng, const std::vector<std::size_t>& cluster, bool multi, std::size_t classes) {
    if (!multi) return LabelSet::single(std::vector<std::int64_t>(cluster.begin(), cluster.end()));
    // Multi-hot: the cluster's class plus, now and then, one more (some items also get none).
    std::vector<std::int64_t> v(cluster.size() * classes, 0);
    for (std::size_t i = 0; i < cluster.size(); ++i) {
        if (rng.uniform() < 0.9) v[i * classes + cluster[i] % classes] = 1;
        if (rng.uniform() < 0.4) v[i * classes + rng.below(classes)] = 1;
    }
    return LabelSet::multi_hot(cluster.size(), classes, v);
}

void compare(const RetrievalMetrics& m, const Brute& b) {
    const double eps = 1e-12;
    QVERIFY2(std::abs(m.map - b.map) < eps, qPrintable(QString("map %1 vs %2").arg(m.map).arg(b.map)));
    QVERIFY2(std::abs(m.map_at_k - b.map_at_k) < eps, qPrintable(QString("map@k %1 vs %2").arg(m.map_at_k).arg(b.map_at_k)));
    QCOMPARE(m.precision_at_radius.size(), b.precision.size());
    for (std::size_t r = 0; r < b.precision.size(); ++r) {
        QVERIFY(std::abs(m.precision_at_radius[r] - b.precision[r]) < eps);
        QVERIFY(std::abs(m.recall_at_radius[r] - b.recall[r]) < eps);
    }
    QVERIFY(std::abs(m.p_at_h2 - b.precision[std::min<std::size_t>(2, m.bits)]) < eps);
    for (std::size_t n = 0; n < b.precision_at_n.size(); ++n) QVERIFY(std::abs(m.precision_at_n[n] - b.precision_at_n[n]) < eps);
    for (std::size_t i = 0; i < b.ap.size(); ++i) QVERIFY(std::abs(m.average_precision[i] - b.ap[i]) < eps);
}

template <typename F>
void expect_invalid(F&& f, const char* needle) {
    try {
        f();
        QFAIL("no error");
    } catch (const std::invalid_argument& e) {
        QVERIFY2(std::string(e.what()).find(needle) != std::string::npos, e.what());
    }
}

}  // namespace

class EvalMetricsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void hand_computed_single_label_with_ties() {
        // One query ++++; database distances [1, 0, 1, 2, 0]; labels make items 0, 3, 4 relevant.
        // Ranking by (distance, index): 1, 4 | 0, 2 | 3  →  relevance 0, 1, 1, 0, 1.
        //   AP@all = (1/3)(1/2 + 2/3 + 3/5) = 0.588888…
        //   AP@3   = top 3 holds 2 relevant: (1/2)(1/2 + 2/3) = 0.583333…;  AP@1 = 0 (none in the top 1)
        //   radius 0: {1, 4} → P 1/2, R 1/3;  radius 1: {1, 4, 0, 2} → P 2/4, R 2/3;  radius ≥ 2: P 3/5, R 1
        //   P@N: N=1 → 0, N=2 → 1/2, N=3 → 2/3, N=5 → 3/5, N=10 (capped at 5) → 3/5
        const PackedCodes q = codes_of({"++++"});
        const PackedCodes db = codes_of({"+-++", "++++", "-+++", "--++", "++++"});
        const LabelSet ql = LabelSet::single({7});
        const LabelSet dbl = LabelSet::single({7, 1, 2, 7, 7});
        RetrievalOptions o;
        o.top_k = 3;
        o.precision_at = {1, 2, 3, 5, 10};
        const RetrievalMetrics m = evaluate_retrieval(q, ql, db, dbl, o);
        QCOMPARE(m.map, (1.0 / 2 + 2.0 / 3 + 3.0 / 5) / 3);
        QCOMPARE(m.map_at_k, (1.0 / 2 + 2.0 / 3) / 2);
        const std::vector<double> p{0.5, 0.5, 0.6, 0.6, 0.6}, r{1.0 / 3, 2.0 / 3, 1, 1, 1};
        for (std::size_t i = 0; i < 5; ++i) {
            QCOMPARE(m.precision_at_radius[i], p[i]);
            QCOMPARE(m.recall_at_radius[i], r[i]);
        }
        QCOMPARE(m.p_at_h2, 0.6);
        const std::vector<double> pn{0.0, 0.5, 2.0 / 3, 0.6, 0.6};
        for (std::size_t i = 0; i < pn.size(); ++i) QCOMPARE(m.precision_at_n[i], pn[i]);
        o.top_k = 1;
        QCOMPARE(evaluate_retrieval(q, ql, db, dbl, o).map_at_k, 0.0);

        const auto top = top_k(q, ql, 0, db, dbl, 3);
        QCOMPARE(top.size(), std::size_t(3));
        const std::uint32_t index[] = {1, 4, 0}, distance[] = {0, 0, 1};
        const bool relevant[] = {false, true, true};
        for (std::size_t i = 0; i < 3; ++i) {
            QCOMPARE(top[i].index, index[i]);
            QCOMPARE(top[i].distance, distance[i]);
            QCOMPARE(top[i].relevant, relevant[i]);
        }
        QCOMPARE(top_k(q, ql, 0, db, dbl, 99).size(), std::size_t(5));
    }

    void hand_computed_two_queries_multi_label() {
        // Classes 0..2. Query A {0, 2}, query B {} (relevant to nothing: AP 0, precision 0, recall 0).
        // Database: d0 {1} dist 2, d1 {2} dist 1, d2 {0, 1} dist 1, d3 {} dist 0 (3 bits, both queries +++).
        // Ranking: d3 | d1, d2 | d0 → relevance for A: 0, 1, 1, 0.
        //   AP_A = (1/2)(1/2 + 2/3) = 7/12;  mAP = (7/12 + 0)/2 = 7/24.
        //   radius 0: A P 0 R 0;  radius 1: A P 2/3 R 1;  radius 2, 3: A P 2/4 R 1  (each halved by B's zeros)
        const PackedCodes q = codes_of({"+++", "+++"});
        const PackedCodes db = codes_of({"--+", "-++", "+-+", "+++"});
        const LabelSet ql = LabelSet::multi_hot(2, 3, {1, 0, 1, 0, 0, 0});
        const LabelSet dbl = LabelSet::multi_hot(4, 3, {0, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0});
        const RetrievalMetrics m = evaluate_retrieval(q, ql, db, dbl);
        QCOMPARE(m.map, 7.0 / 24);
        QCOMPARE(m.average_precision[0], 7.0 / 12);
        QCOMPARE(m.average_precision[1], 0.0);
        const std::vector<double> p{0, 1.0 / 3, 0.25, 0.25}, r{0, 0.5, 0.5, 0.5};
        for (std::size_t i = 0; i < 4; ++i) {
            QCOMPARE(m.precision_at_radius[i], p[i]);
            QCOMPARE(m.recall_at_radius[i], r[i]);
        }
        QCOMPARE(m.p_at_h2, 0.25);
    }

    void matches_brute_force_on_random_codes_data() {
        QTest::addColumn<int>("bits");
        QTest::addColumn<bool>("multi");
        QTest::addColumn<int>("classes");
        for (int bits : {8, 16, 33, 64, 100, 128}) {
            QTest::newRow(qPrintable(QString("%1 bits single").arg(bits))) << bits << false << 6;
            QTest::newRow(qPrintable(QString("%1 bits multi").arg(bits))) << bits << true << 6;
        }
        QTest::newRow("24 bits multi, 70 classes (two mask words)") << 24 << true << 70;
        QTest::newRow("1 bit single") << 1 << false << 3;
    }
    void matches_brute_force_on_random_codes() {
        QFETCH(int, bits);
        QFETCH(bool, multi);
        QFETCH(int, classes);
        Rng rng(std::uint64_t(bits) * 31 + multi);
        std::vector<std::vector<float>> centres(6, std::vector<float>(std::size_t(bits)));
        for (auto& c : centres)
            for (auto& v : c) v = rng.uniform() < 0.5 ? -1.0f : 1.0f;
        auto clusters = [&](std::size_t n) {
            std::vector<std::size_t> c(n);
            for (auto& x : c) x = rng.below(6);
            return c;
        };
        const auto qc = clusters(23), dc = clusters(301);
        const PackedCodes q = clustered_codes(rng, qc.size(), std::size_t(bits), qc, centres);
        const PackedCodes db = clustered_codes(rng, dc.size(), std::size_t(bits), dc, centres);
        const LabelSet ql = random_labels(rng, qc, multi, std::size_t(classes));
        const LabelSet dbl = random_labels(rng, dc, multi, std::size_t(classes));
        for (std::size_t k : {std::size_t(1), std::size_t(50), std::size_t(1000)}) {
            RetrievalOptions o;
            o.top_k = k;
            o.precision_at = {1, 10, 100, 301, 500};
            o.threads = 2;
            compare(evaluate_retrieval(q, ql, db, dbl, o), brute_force(q, ql, db, dbl, k, o.precision_at));
        }
        // top-k lists against the same (distance, index) sort.
        for (std::size_t i = 0; i < q.count; i += 5) {
            std::vector<std::pair<std::size_t, std::size_t>> ranked;
            for (std::size_t j = 0; j < db.count; ++j) ranked.emplace_back(hamming_distance(q, i, db, j), j);
            std::sort(ranked.begin(), ranked.end());
            const auto top = top_k(q, ql, i, db, dbl, 40);
            QCOMPARE(top.size(), std::size_t(40));
            for (std::size_t p = 0; p < top.size(); ++p) {
                QCOMPARE(std::size_t(top[p].distance), ranked[p].first);
                QCOMPARE(std::size_t(top[p].index), ranked[p].second);
                QCOMPARE(top[p].relevant, ql.relevant(i, dbl, ranked[p].second));
            }
        }
    }

    void result_does_not_depend_on_thread_count() {
        Rng rng(5);
        std::vector<float> qv(150 * 48), dv(2000 * 48);
        for (auto& v : qv) v = float(rng.normal());
        for (auto& v : dv) v = float(rng.normal());
        std::vector<std::int64_t> ql(150), dl(2000);
        for (auto& l : ql) l = std::int64_t(rng.below(4));
        for (auto& l : dl) l = std::int64_t(rng.below(4));
        const PackedCodes q = pack_codes(150, 48, qv), db = pack_codes(2000, 48, dv);
        RetrievalOptions o;
        o.top_k = 100;
        o.precision_at = {10, 100};
        o.threads = 1;
        const RetrievalMetrics one = evaluate_retrieval(q, LabelSet::single(ql), db, LabelSet::single(dl), o);
        for (std::size_t t : {2, 3, 8}) {
            o.threads = t;
            const RetrievalMetrics m = evaluate_retrieval(q, LabelSet::single(ql), db, LabelSet::single(dl), o);
            QCOMPARE(m.map, one.map);  // bit for bit
            QCOMPARE(m.map_at_k, one.map_at_k);
            QVERIFY(m.precision_at_radius == one.precision_at_radius);
            QVERIFY(m.recall_at_radius == one.recall_at_radius);
            QVERIFY(m.precision_at_n == one.precision_at_n);
        }
    }

    void refuses_mismatched_inputs() {
        const PackedCodes q = codes_of({"++++"}), db = codes_of({"++++", "----"}), db3 = codes_of({"+++"});
        const LabelSet one = LabelSet::single({0}), two = LabelSet::single({0, 1});
        expect_invalid([&] { evaluate_retrieval(q, one, db3, LabelSet::single({0}), {}); }, "bits");
        expect_invalid([&] { evaluate_retrieval(q, one, db, one, {}); }, "1 database labels for 2");
        expect_invalid([&] { evaluate_retrieval(q, two, db, two, {}); }, "2 query labels for 1");
        expect_invalid([&] { evaluate_retrieval(q, LabelSet::multi_hot(1, 2, {1, 0}), db, two, {}); }, "multi-hot");
        expect_invalid([&] { evaluate_retrieval(q, LabelSet::multi_hot(1, 2, {1, 0}), db, LabelSet::multi_hot(2, 3, {1, 0, 0, 0, 1, 0}), {}); },
                       "classes");
        const PackedCodes empty = pack_codes(0, 4, {});
        expect_invalid([&] { evaluate_retrieval(q, one, empty, LabelSet::single({}), {}); }, "empty");
        expect_invalid([&] { evaluate_retrieval(empty, LabelSet::single({}), db, two, {}); }, "no queries");
        RetrievalOptions o;
        o.precision_at = {0};
        expect_invalid([&] { evaluate_retrieval(q, one, db, two, o); }, "N > 0");
        expect_invalid([&] { top_k(q, one, 1, db, two, 3); }, "out of range");
    }
};

QTEST_APPLESS_MAIN(EvalMetricsTest)
#include "test_eval_metrics.moc"
