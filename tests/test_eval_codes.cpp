// Packed codes (pack/unpack, distances), label sets, code statistics and the .npy inputs of eval.
#include <QtTest>

#include <cmath>

#include "data/data_error.h"
#include "eval/code_stats.h"
#include "eval/label_set.h"
#include "eval/npy_inputs.h"
#include "eval/packed_codes.h"
#include "io/npy.h"
#include "test_files.h"
#include "util/random.h"

using namespace fedhap;

namespace {

std::vector<float> random_signs(Rng& rng, std::size_t n) {
    std::vector<float> v(n);
    for (auto& x : v) x = rng.uniform() < 0.5 ? -1.0f : 1.0f;
    return v;
}

template <typename E, typename F>
void expect_error(F&& f, const char* needle) {
    try {
        f();
        QFAIL("no error");
    } catch (const E& e) {
        QVERIFY2(std::string(e.what()).find(needle) != std::string::npos, e.what());
    }
}

}  // namespace

class EvalCodesTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void pack_unpack_round_trip() {
        Rng rng(1);
        for (std::size_t bits : {1, 8, 33, 63, 64, 65, 100, 128}) {
            const std::vector<float> v = random_signs(rng, 37 * bits);
            const PackedCodes c = pack_codes(37, bits, v);
            QCOMPARE(c.count, std::size_t(37));
            QCOMPARE(c.words_per_code, bits > 64 ? std::size_t(2) : std::size_t(1));
            QCOMPARE(c.words.size(), 37 * c.words_per_code);
            const std::vector<std::int8_t> back = unpack_codes(c);
            for (std::size_t i = 0; i < v.size(); ++i) QCOMPARE(int(back[i]), int(v[i]));
            // Bits past `bits` stay zero, so distances count real bits only.
            if (bits % 64) {
                for (std::size_t i = 0; i < c.count; ++i)
                    QCOMPARE(c.code(i)[c.words_per_code - 1] >> (bits % 64), std::uint64_t(0));
            }
            QCOMPARE(pack_codes(37, bits, std::vector<float>(back.begin(), back.end())).words, c.words);
        }
    }

    void relaxed_values_take_the_sign_and_zero_is_plus_one() {
        const PackedCodes c = pack_codes(1, 6, {0.3f, -0.01f, 0.0f, -0.0f, -7.0f, 1e-30f});
        const std::vector<std::int8_t> expected{1, -1, 1, 1, -1, 1};
        QVERIFY(unpack_codes(c) == expected);
        QCOMPARE(c.sign(0, 1), -1);
    }

    void hamming_distance_counts_differing_bits() {
        const PackedCodes a = pack_codes(2, 3, {1, 1, 1, -1, 1, -1});
        QCOMPARE(hamming_distance(a, 0, a, 1), std::size_t(2));
        QCOMPARE(hamming_distance(a, 1, a, 1), std::size_t(0));
        // Across the word boundary: 100 bits, all different.
        std::vector<float> v(200, 1.0f);
        std::fill(v.begin() + 100, v.end(), -1.0f);
        const PackedCodes b = pack_codes(2, 100, v);
        QCOMPARE(hamming_distance(b, 0, b, 1), std::size_t(100));
        expect_error<std::invalid_argument>([&] { hamming_distance(a, 0, b, 0); }, "cannot be compared");
    }

    void pack_refuses_bad_input() {
        expect_error<std::invalid_argument>([] { pack_codes(1, 0, {}); }, "0 bits");
        expect_error<std::invalid_argument>([] { pack_codes(1, 129, std::vector<float>(129, 1.0f)); }, "129 bits");
        expect_error<std::invalid_argument>([] { pack_codes(2, 4, std::vector<float>(7, 1.0f)); }, "7 code values");
        expect_error<std::invalid_argument>([] { pack_codes(1, 2, {1.0f, std::nanf("")}); }, "NaN");
    }

    void label_sets() {
        const LabelSet s = LabelSet::single({3, -1, 3});
        QVERIFY(!s.multi_label());
        QVERIFY(s.relevant(0, s, 2));
        QVERIFY(!s.relevant(0, s, 1));
        // 70 classes: class 65 lives in the second mask word.
        std::vector<std::int64_t> v(3 * 70, 0);
        v[0 * 70 + 65] = 1;
        v[1 * 70 + 65] = 1;
        v[1 * 70 + 2] = 1;
        v[2 * 70 + 2] = 1;
        const LabelSet m = LabelSet::multi_hot(3, 70, v);
        QCOMPARE(m.words_per_item(), std::size_t(2));
        QCOMPARE(m.classes(), std::size_t(70));
        QVERIFY(m.relevant(0, m, 1));
        QVERIFY(m.relevant(1, m, 2));
        QVERIFY(!m.relevant(0, m, 2));
        expect_error<std::invalid_argument>([] { LabelSet::multi_hot(1, 2, {1, 2}); }, "holds 2");
        expect_error<std::invalid_argument>([] { LabelSet::multi_hot(2, 2, {1, 0, 1}); }, "3 label values");
    }

    void code_stats_hand_case() {
        // bit 0: + + - -  (mean 0);  bit 1: + + + -  (mean 1/2).
        // E[b0 b1] = (1 + 1 - 1 + 1)/4 = 1/2;  r = (1/2 - 0) / sqrt(1 · 3/4) = 1/√3.
        const PackedCodes c = pack_codes(4, 2, {1, 1, 1, 1, -1, 1, -1, -1});
        const CodeStats s = code_stats(c);
        QCOMPARE(s.bit_mean[0], 0.0);
        QCOMPARE(s.bit_mean[1], 0.5);
        QCOMPARE(s.mean_abs_bit_mean, 0.25);
        QVERIFY(std::abs(s.mean_abs_correlation - 1.0 / std::sqrt(3.0)) < 1e-12);
        // A constant bit has no correlation.
        QCOMPARE(code_stats(pack_codes(3, 2, {1, 1, 1, -1, 1, 1})).mean_abs_correlation, 0.0);
        QCOMPARE(code_stats(pack_codes(2, 1, {1, -1})).mean_abs_correlation, 0.0);
        expect_error<std::invalid_argument>([] { code_stats(pack_codes(0, 4, {})); }, "at least one");
    }

    void code_stats_match_direct_formulas() {
        Rng rng(2);
        const std::size_t n = 70, bits = 33;  // 70 items: the bit columns span two words
        const std::vector<float> v = random_signs(rng, n * bits);
        const CodeStats s = code_stats(pack_codes(n, bits, v));
        std::vector<double> mean(bits, 0.0);
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t b = 0; b < bits; ++b) mean[b] += v[i * bits + b] / double(n);
        double total = 0;
        for (std::size_t a = 0; a < bits; ++a) {
            QVERIFY(std::abs(s.bit_mean[a] - mean[a]) < 1e-12);
            for (std::size_t b = 0; b < bits; ++b) {
                if (a == b) continue;
                double cov = 0;
                for (std::size_t i = 0; i < n; ++i) cov += (v[i * bits + a] - mean[a]) * (v[i * bits + b] - mean[b]) / double(n);
                total += std::abs(cov / std::sqrt((1 - mean[a] * mean[a]) * (1 - mean[b] * mean[b])));
            }
        }
        QVERIFY(std::abs(s.mean_abs_correlation - total / double(bits * (bits - 1))) < 1e-12);
    }

    void pairwise_hamming_of_prototypes() {
        const PackedCodes c = pack_codes(3, 4, {1, 1, 1, 1, -1, -1, 1, 1, -1, -1, -1, -1});
        const std::vector<std::uint32_t> expected{0, 2, 4, 2, 0, 2, 4, 2, 0};
        QVERIFY(pairwise_hamming(c) == expected);
    }

    void npy_inputs() {
        test::TempDir dir;
        write_npy(dir.file("codes_f.npy"), npy_from_floats({2, 3}, {0.5f, -0.5f, 0.0f, -1.0f, 2.0f, -3.0f}));
        write_npy(dir.file("codes_i.npy"), npy_from_int8({2, 3}, {1, -1, 1, -1, 1, -1}));
        QCOMPARE(read_codes_npy(dir.file("codes_f.npy")).words, read_codes_npy(dir.file("codes_i.npy")).words);
        write_npy(dir.file("ids.npy"), npy_from_int32({3}, {4, 5, 4}));
        const LabelSet ids = read_labels_npy(dir.file("ids.npy"));
        QVERIFY(!ids.multi_label());
        QVERIFY(ids.relevant(0, ids, 2));
        write_npy(dir.file("hot.npy"), npy_from_floats({2, 3}, {1, 0, 1, 0, 0, 1}));
        const LabelSet hot = read_labels_npy(dir.file("hot.npy"));
        QVERIFY(hot.multi_label());
        QCOMPARE(hot.classes(), std::size_t(3));
        QVERIFY(hot.relevant(0, hot, 1));

        write_npy(dir.file("flat.npy"), npy_from_int8({6}, {1, -1, 1, -1, 1, -1}));
        expect_error<DataError>([&] { read_codes_npy(dir.file("flat.npy")); }, "2-D");
        write_npy(dir.file("wide.npy"), npy_from_int8({1, 129}, std::vector<std::int8_t>(129, 1)));
        expect_error<DataError>([&] { read_codes_npy(dir.file("wide.npy")); }, "129 bits");
        write_npy(dir.file("float_ids.npy"), npy_from_floats({2}, {1, 2}));
        expect_error<DataError>([&] { read_labels_npy(dir.file("float_ids.npy")); }, "integers");
        write_npy(dir.file("soft.npy"), npy_from_floats({1, 2}, {0.5f, 1}));
        expect_error<DataError>([&] { read_labels_npy(dir.file("soft.npy")); }, "0 or 1");
        write_npy(dir.file("cube.npy"), npy_from_int8({1, 1, 1}, {1}));
        expect_error<DataError>([&] { read_labels_npy(dir.file("cube.npy")); }, "(1, 1, 1)");
    }
};

QTEST_APPLESS_MAIN(EvalCodesTest)
#include "test_eval_codes.moc"
