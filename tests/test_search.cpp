// Top-k Hamming search (eval/hamming_topk.h) against a brute-force ranking, the streamed mAP@all
// against evaluate_retrieval, the int8 packer against the float one, and `fedhap search`
// end to end.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <numeric>

#include "eval/hamming_ranking.h"
#include "eval/hamming_topk.h"
#include "eval/npy_inputs.h"
#include "eval/retrieval_metrics.h"
#include "eval/streamed_average_precision.h"
#include "io/npy.h"
#include "test_files.h"
#include "util/random.h"

using namespace fedhap;
using fedhap::test::run_cli;

namespace {

std::vector<float> random_signs(Rng& rng, std::size_t n, std::size_t bits) {
    std::vector<float> v(n * bits);
    for (auto& x : v) x = rng.uniform() < 0.5 ? -1.0f : 1.0f;
    return v;
}

PackedCodes random_codes(Rng& rng, std::size_t n, std::size_t bits) { return pack_codes(n, bits, random_signs(rng, n, bits)); }

// The plain definition: every distance, a stable sort (ties stay in index order), the first k.
HammingNeighbours brute_force(const PackedCodes& queries, const PackedCodes& db, std::size_t k) {
    HammingNeighbours r;
    r.queries = queries.count;
    r.k = std::min(k, db.count);
    std::vector<std::size_t> distance(db.count), order(db.count);
    for (std::size_t q = 0; q < queries.count; ++q) {
        for (std::size_t j = 0; j < db.count; ++j) distance[j] = hamming_distance(queries, q, db, j);
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return distance[a] < distance[b]; });
        for (std::size_t i = 0; i < r.k; ++i) {
            r.indices.push_back(std::int64_t(order[i]));
            r.distances.push_back(std::int32_t(distance[order[i]]));
        }
    }
    return r;
}

std::string describe(const HammingNeighbours& got, const HammingNeighbours& want) {
    if (got.queries != want.queries || got.k != want.k)
        return "shape " + std::to_string(got.queries) + "x" + std::to_string(got.k) + ", want " +
               std::to_string(want.queries) + "x" + std::to_string(want.k);
    for (std::size_t i = 0; i < want.indices.size(); ++i)
        if (got.indices[i] != want.indices[i] || got.distances[i] != want.distances[i])
            return "entry " + std::to_string(i) + ": " + std::to_string(got.indices[i]) + "@" +
                   std::to_string(got.distances[i]) + ", want " + std::to_string(want.indices[i]) + "@" +
                   std::to_string(want.distances[i]);
    return "";
}

QJsonObject parse_json_line(const std::string& out) {
    if (std::count(out.begin(), out.end(), '\n') != 1) qWarning("not one line: %.200s", out.c_str());
    return QJsonDocument::fromJson(QByteArray::fromStdString(out)).object();
}

}  // namespace

class SearchTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    // Few bits make ties the rule; database sizes straddle the 4,096-code tile; k from 1 past N.
    void top_k_equals_brute_force_data() {
        QTest::addColumn<int>("bits");
        QTest::addColumn<int>("queries");
        QTest::addColumn<int>("database");
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("threads");
        QTest::newRow("3 bits, k 1") << 3 << 5 << 50 << 1 << 1;
        QTest::newRow("8 bits, one query") << 8 << 1 << 9000 << 37 << 2;
        QTest::newRow("8 bits, tile - 1") << 8 << 40 << 4095 << 100 << 3;
        QTest::newRow("8 bits, tile") << 8 << 33 << 4096 << 300 << 2;
        QTest::newRow("8 bits, tile + 1") << 8 << 17 << 4097 << 700 << 1;
        QTest::newRow("8 bits, k = N") << 8 << 20 << 3000 << 3000 << 2;
        QTest::newRow("8 bits, k > N") << 8 << 20 << 300 << 1000 << 3;
        QTest::newRow("12 bits, large k") << 12 << 50 << 10000 << 2500 << 4;
        QTest::newRow("64 bits") << 64 << 70 << 12000 << 50 << 2;
        QTest::newRow("65 bits") << 65 << 19 << 5000 << 64 << 3;
        QTest::newRow("128 bits") << 128 << 16 << 8200 << 10 << 2;
        QTest::newRow("one database code") << 8 << 3 << 1 << 5 << 1;
    }
    void top_k_equals_brute_force() {
        QFETCH(int, bits);
        QFETCH(int, queries);
        QFETCH(int, database);
        QFETCH(int, k);
        QFETCH(int, threads);
        Rng rng(std::uint64_t(bits * 1000 + database));
        const PackedCodes q = random_codes(rng, std::size_t(queries), std::size_t(bits));
        const PackedCodes db = random_codes(rng, std::size_t(database), std::size_t(bits));
        const HammingNeighbours want = brute_force(q, db, std::size_t(k));
        const HammingNeighbours got = hamming_top_k(q, db, std::size_t(k), std::size_t(threads));
        QCOMPARE(got.k, std::min<std::size_t>(std::size_t(k), std::size_t(database)));
        QCOMPARE(got.indices.size(), got.queries * got.k);
        QCOMPARE(got.distances.size(), got.queries * got.k);
        const std::string diff = describe(got, want);
        QVERIFY2(diff.empty(), diff.c_str());
    }

    // The database in uneven blocks gives what it gives in one piece, on any thread count.
    void blocks_and_threads_do_not_change_the_result() {
        Rng rng(5);
        const PackedCodes q = random_codes(rng, 45, 8);
        std::vector<PackedCodes> blocks;
        std::vector<float> all;
        for (std::size_t n : {1u, 4096u, 0u, 777u, 5000u, 3u}) {
            const auto values = random_signs(rng, n, 8);
            blocks.push_back(pack_codes(n, 8, values));
            all.insert(all.end(), values.begin(), values.end());
        }
        const PackedCodes db = pack_codes(all.size() / 8, 8, all);
        const HammingNeighbours want = brute_force(q, db, 250);
        for (std::size_t threads : {1u, 2u, 5u}) {
            HammingTopK search(q, 250, threads);
            for (const auto& b : blocks) search.add(b);
            const std::string diff = describe(search.finish(), want);
            QVERIFY2(diff.empty(), (std::to_string(threads) + " threads: " + diff).c_str());
        }
    }

    void refuses_k_zero_and_mismatched_bits() {
        Rng rng(1);
        const PackedCodes q = random_codes(rng, 2, 8), db = random_codes(rng, 10, 16);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, hamming_top_k(q, q, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, hamming_top_k(q, db, 3));
    }

    // The gallery's ranking (top_k, through hamming_top_k) is a stable sort by distance.
    void gallery_ranking_is_a_stable_sort_by_distance() {
        Rng rng(8);
        const PackedCodes q = random_codes(rng, 6, 8), db = random_codes(rng, 5000, 8);
        std::vector<std::int64_t> ql(6), dl(5000);
        for (auto& l : ql) l = std::int64_t(rng.below(4));
        for (auto& l : dl) l = std::int64_t(rng.below(4));
        const LabelSet qls = LabelSet::single(ql), dls = LabelSet::single(dl);
        for (std::size_t i = 0; i < q.count; ++i)
            for (std::size_t k : {1u, 30u, 5000u, 6000u}) {
                std::vector<RankedItem> want(db.count);
                for (std::size_t j = 0; j < db.count; ++j)
                    want[j] = {std::uint32_t(j), std::uint32_t(hamming_distance(q, i, db, j)), ql[i] == dl[j]};
                std::stable_sort(want.begin(), want.end(), [](const RankedItem& a, const RankedItem& b) { return a.distance < b.distance; });
                want.resize(std::min<std::size_t>(k, db.count));
                const auto got = top_k(q, qls, i, db, dls, k);
                QCOMPARE(got.size(), want.size());
                for (std::size_t r = 0; r < want.size(); ++r) {
                    QCOMPARE(got[r].index, want[r].index);
                    QCOMPARE(got[r].distance, want[r].distance);
                    QCOMPARE(got[r].relevant, want[r].relevant);
                }
            }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, top_k(q, qls, 6, db, dls, 3));
    }

    // Streamed mAP@all equals evaluate_retrieval's to the last bit: single-label, one-word and
    // two-word multi-hot labels, 8 (many ties), 64 and 100 bits, blocks of uneven sizes.
    void streamed_map_equals_evaluate_retrieval_data() {
        QTest::addColumn<int>("bits");
        QTest::addColumn<int>("classes");  // 0: single-label over 5 classes
        QTest::newRow("8 bits, single-label") << 8 << 0;
        QTest::newRow("64 bits, single-label") << 64 << 0;
        QTest::newRow("100 bits, single-label") << 100 << 0;
        QTest::newRow("8 bits, 6-class multi-hot") << 8 << 6;
        QTest::newRow("64 bits, 70-class multi-hot") << 64 << 70;
    }
    void streamed_map_equals_evaluate_retrieval() {
        QFETCH(int, bits);
        QFETCH(int, classes);
        Rng rng(std::uint64_t(bits + 7 * classes));
        const auto labels = [&](std::size_t n) {
            if (classes == 0) {
                std::vector<std::int64_t> ids(n);
                for (auto& id : ids) id = std::int64_t(rng.below(5));
                return std::make_pair(ids, LabelSet::single(ids));
            }
            std::vector<std::int64_t> hot(n * std::size_t(classes));
            for (auto& h : hot) h = rng.uniform() < 0.1;
            return std::make_pair(hot, LabelSet::multi_hot(n, std::size_t(classes), hot));
        };
        const std::size_t nq = 70, b = std::size_t(bits);
        const PackedCodes q = random_codes(rng, nq, b);
        const LabelSet ql = labels(nq).second;
        std::vector<PackedCodes> block_codes;
        std::vector<LabelSet> block_labels;
        std::vector<float> all_codes;
        std::vector<std::int64_t> all_labels;
        for (std::size_t n : {3000u, 1u, 0u, 4500u, 999u}) {
            const auto values = random_signs(rng, n, b);
            auto [raw, set] = labels(n);
            block_codes.push_back(pack_codes(n, b, values));
            block_labels.push_back(set);
            all_codes.insert(all_codes.end(), values.begin(), values.end());
            all_labels.insert(all_labels.end(), raw.begin(), raw.end());
        }
        const std::size_t n_db = all_codes.size() / b;
        const PackedCodes db = pack_codes(n_db, b, all_codes);
        const LabelSet dl = classes ? LabelSet::multi_hot(n_db, std::size_t(classes), all_labels) : LabelSet::single(all_labels);
        const RetrievalMetrics m = evaluate_retrieval(q, ql, db, dl);
        const DatabaseBlocks blocks = [&](std::size_t i, PackedCodes& codes, LabelSet& set) {
            if (i >= block_codes.size()) return false;
            codes = block_codes[i];
            set = block_labels[i];
            return true;
        };
        for (std::size_t threads : {1u, 3u}) {
            const std::vector<double> ap = streamed_average_precision(q, ql, blocks, threads);
            QCOMPARE(ap.size(), nq);
            for (std::size_t i = 0; i < nq; ++i) QVERIFY2(ap[i] == m.average_precision[i], qPrintable(QString::number(i)));
            QVERIFY(mean_over_queries(ap) == m.map);
        }
        QVERIFY(m.map > 0.0);
    }

    void streamed_map_refuses_an_empty_database_and_changed_blocks() {
        Rng rng(2);
        const PackedCodes q = random_codes(rng, 3, 8);
        const LabelSet ql = LabelSet::single({0, 1, 0});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 streamed_average_precision(q, ql, [](std::size_t, PackedCodes&, LabelSet&) { return false; }));
        std::size_t blocks_this_pass = 1;  // the second pass sees one block more than the first
        const PackedCodes one = random_codes(rng, 4, 8);
        const DatabaseBlocks growing = [&](std::size_t i, PackedCodes& codes, LabelSet& labels) {
            if (i >= blocks_this_pass) {
                blocks_this_pass = 2;
                return false;
            }
            codes = one;
            labels = LabelSet::single({0, 1, 1, 0});
            return true;
        };
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, streamed_average_precision(q, ql, growing));
    }

    // The int8 packer (what read_codes_npy uses for int8 files) packs what pack_codes packs from
    // the same values as floats, for any bit count around the 16-bit steps.
    void int8_packer_equals_the_float_packer() {
        test::TempDir dir;
        Rng rng(4);
        for (std::size_t bits : {1u, 15u, 16u, 17u, 63u, 64u, 65u, 100u, 128u}) {
            std::vector<std::int8_t> v(33 * bits);
            for (auto& x : v) x = static_cast<std::int8_t>(int(rng.below(256)) - 128);  // 0 and -128 included
            v[0] = 0;
            const PackedCodes want = pack_codes(33, bits, std::vector<float>(v.begin(), v.end()));
            const PackedCodes got = pack_int8_codes(33, bits, v.data());
            QCOMPARE(got.count, want.count);
            QCOMPARE(got.bits, want.bits);
            QVERIFY(got.words == want.words);
            const std::string path = dir.file("c" + std::to_string(bits) + ".npy");
            write_npy(path, npy_from_int8({33, bits}, v));
            QVERIFY(read_codes_npy(path).words == want.words);
        }
        const std::string wide = dir.file("w.npy");
        write_npy(wide, npy_from_int8({2, 129}, std::vector<std::int8_t>(258, 1)));
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, read_codes_npy(wide));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, pack_int8_codes(2, 129, std::vector<std::int8_t>(258, 1).data()));
    }

    void cli_writes_npy_and_prints_json() {
        test::TempDir dir;
        Rng rng(9);
        const std::string q = dir.file("q.npy"), d = dir.file("d.npy"), idx = dir.file("idx.npy"), dist = dir.file("dist.npy");
        std::vector<std::int8_t> qv(12 * 8), dv(5000 * 8);
        for (auto& x : qv) x = rng.uniform() < 0.5 ? -1 : 1;
        for (auto& x : dv) x = rng.uniform() < 0.5 ? -1 : 1;
        write_npy(q, npy_from_int8({12, 8}, qv));
        write_npy(d, npy_from_int8({5000, 8}, dv));
        const HammingNeighbours want = brute_force(read_codes_npy(q), read_codes_npy(d), 40);

        const auto r = run_cli({"search", "--query-codes", q, "--db-codes", d, "--k", "40", "--out", idx, "--distances", dist,
                                "--format", "json", "--threads", "2"});
        QVERIFY2(r.exit_code == 0, r.err.c_str());
        const QJsonObject j = parse_json_line(r.out);
        QCOMPARE(j["queries"].toInt(), 12);
        QCOMPARE(j["database"].toInt(), 5000);
        QCOMPARE(j["bits"].toInt(), 8);
        QCOMPARE(j["k"].toInt(), 40);
        const QJsonArray rows = j["indices"].toArray(), drows = j["distances"].toArray();
        QCOMPARE(rows.size(), 12);
        for (int i = 0; i < 12; ++i) {
            QCOMPARE(rows[i].toArray().size(), 40);
            for (int c = 0; c < 40; ++c) {
                QCOMPARE(rows[i].toArray()[c].toInteger(), want.indices[std::size_t(i * 40 + c)]);
                QCOMPARE(drows[i].toArray()[c].toInt(), want.distances[std::size_t(i * 40 + c)]);
            }
        }
        const NpyArray ia = read_npy(idx), da = read_npy(dist);
        QCOMPARE(ia.type, NpyType::Int64);
        QCOMPARE(da.type, NpyType::Int32);
        QCOMPARE(ia.shape, (std::vector<std::size_t>{12, 40}));
        QCOMPARE(da.shape, (std::vector<std::size_t>{12, 40}));
        QVERIFY(ia.to_int64() == want.indices);
        const auto d64 = da.to_int64();
        QVERIFY(std::equal(d64.begin(), d64.end(), want.distances.begin()));

        // Text format: one summary line; k past the database gives one column per database code.
        const auto small = dir.file("small.npy");
        write_npy(small, npy_from_int8({3, 8}, std::vector<std::int8_t>(dv.begin(), dv.begin() + 24)));
        const auto t = run_cli({"search", "--query-codes", q, "--db-codes", small, "--k", "10", "--out", idx});
        QVERIFY2(t.exit_code == 0, t.err.c_str());
        QCOMPARE(std::count(t.out.begin(), t.out.end(), '\n'), 1L);
        QCOMPARE(read_npy(idx).shape, (std::vector<std::size_t>{12, 3}));
    }

    void cli_refuses_with_one_line() {
        test::TempDir dir;
        const std::string q = dir.file("q.npy"), d16 = dir.file("d16.npy");
        write_npy(q, npy_from_int8({2, 8}, std::vector<std::int8_t>(16, 1)));
        write_npy(d16, npy_from_int8({3, 16}, std::vector<std::int8_t>(48, -1)));
        const auto expect = [](const test::CliResult& r, int code, const std::string& needle) {
            QVERIFY2(r.exit_code == code, qPrintable(QString("exit %1, stderr: %2").arg(r.exit_code).arg(r.err.c_str())));
            QCOMPARE(std::count(r.err.begin(), r.err.end(), '\n'), 1L);
            QVERIFY2(r.err.find(needle) != std::string::npos, r.err.c_str());
        };
        const std::string out = dir.file("i.npy");
        expect(run_cli({"search", "--query-codes", q, "--db-codes", d16, "--k", "1", "--out", out}), 1, "d16.npy has 16-bit codes");
        expect(run_cli({"search", "--query-codes", q, "--db-codes", q, "--k", "0", "--out", out}), 2, "--k must be positive");
        expect(run_cli({"search", "--query-codes", q, "--db-codes", q, "--k", "3"}), 2, "--out is required");
        expect(run_cli({"search", "--query-codes", q, "--db-codes", dir.file("none.npy"), "--k", "3", "--format", "json"}), 1,
               "none.npy");
        QVERIFY(!QFile::exists(QString::fromStdString(out)));
    }
};

QTEST_APPLESS_MAIN(SearchTest)
#include "test_search.moc"
