// Partition schemes and the retrieval split: coverage, seeding, skew, and impossible requests.
#include <QtTest>

#include <algorithm>
#include <chrono>
#include <numeric>
#include <set>

#include "data/dataset.h"
#include "data/feature_noise.h"
#include "data/retrieval_split.h"
#include "partition/partition.h"

using namespace fedhap;

namespace {

// 500 samples of each of 10 classes, interleaved.
std::vector<std::int32_t> balanced_labels(std::size_t per_class = 500, std::size_t classes = 10) {
    std::vector<std::int32_t> y;
    for (std::size_t i = 0; i < per_class * classes; ++i) y.push_back(static_cast<std::int32_t>(i % classes));
    return y;
}

PartitionConfig config(PartitionScheme s, std::uint64_t seed = 1) {
    PartitionConfig c;
    c.scheme = s;
    c.seed = seed;
    if (s == PartitionScheme::Quantity) c.alpha = 1.0;  // Dir(0.1) sizes leave clients under the minimum
    return c;
}

void expect_exact_cover(const Partition& p, std::size_t n) {
    std::vector<int> seen(n, 0);
    for (const auto& client : p.clients)
        for (auto i : client) {
            QVERIFY(i < n);
            ++seen[i];
        }
    QVERIFY2(std::all_of(seen.begin(), seen.end(), [](int s) { return s == 1; }), "a sample is missing or duplicated");
}

std::size_t classes_held(const std::vector<std::size_t>& row) {
    return static_cast<std::size_t>(std::count_if(row.begin(), row.end(), [](std::size_t n) { return n > 0; }));
}

template <typename F>
void expect_invalid(F&& f, const char* needle) {
    const auto start = std::chrono::steady_clock::now();
    try {
        f();
        QFAIL("no error");
    } catch (const std::invalid_argument& e) {
        QVERIFY2(std::string(e.what()).find(needle) != std::string::npos, e.what());
    }
    QVERIFY(std::chrono::steady_clock::now() - start < std::chrono::seconds(10));  // an error, not a hang
}

}  // namespace

class PartitionTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void every_scheme_assigns_each_sample_once_and_is_seeded() {
        const auto y = balanced_labels();
        for (const auto& name : partition_scheme_names()) {
            const auto scheme = parse_partition_scheme(name);
            QCOMPARE(to_string(scheme), name);
            const Partition a = make_partition(y, 10, config(scheme, 7));
            QCOMPARE(a.clients.size(), std::size_t(10));
            expect_exact_cover(a, y.size());
            QVERIFY2(make_partition(y, 10, config(scheme, 7)).clients == a.clients, name.c_str());
            QVERIFY2(make_partition(y, 10, config(scheme, 8)).clients != a.clients, name.c_str());
        }
    }
    void iid_sizes_differ_by_at_most_one() {
        auto c = config(PartitionScheme::Iid);
        c.clients = 7;
        const Partition p = make_partition(balanced_labels(), 10, c);
        std::size_t lo = SIZE_MAX, hi = 0;
        for (const auto& g : p.clients) lo = std::min(lo, g.size()), hi = std::max(hi, g.size());
        QVERIFY(hi - lo <= 1);
    }
    void dirichlet_large_alpha_gives_every_client_every_class() {
        auto c = config(PartitionScheme::Dirichlet);
        c.alpha = 1000;
        const auto y = balanced_labels();
        for (const auto& row : partition_counts(make_partition(y, 10, c), y, 10)) {
            QCOMPARE(classes_held(row), std::size_t(10));
            for (auto n : row) QVERIFY2(n > 25 && n < 75, "alpha=1000 should be close to 50 per class");
        }
    }
    void dirichlet_small_alpha_concentrates_classes() {
        auto c = config(PartitionScheme::Dirichlet);
        c.alpha = 0.1;
        const auto y = balanced_labels();
        const auto counts = partition_counts(make_partition(y, 10, c), y, 10);
        double top_share = 0.0;
        for (const auto& row : counts) {
            const double total = std::accumulate(row.begin(), row.end(), 0.0);
            top_share += *std::max_element(row.begin(), row.end()) / total;
            QVERIFY(total >= c.min_partition_size);
        }
        top_share /= counts.size();
        QVERIFY2(top_share > 0.5, qPrintable(QString("mean share of a client's top class %1").arg(top_share)));
    }
    void dirichlet_self_balancing_evens_sizes() {
        auto c = config(PartitionScheme::Dirichlet);
        c.alpha = 0.1;
        c.self_balancing = true;
        const Partition p = make_partition(balanced_labels(), 10, c);
        for (const auto& g : p.clients) QVERIFY2(g.size() < 1500, "a balanced client grew far past the mean of 500");
    }
    void pathological_gives_exactly_k_classes() {
        const auto y = balanced_labels();
        for (std::size_t k : {1, 2, 3, 10}) {
            auto c = config(PartitionScheme::Pathological);
            c.classes_per_client = k;
            for (const auto& row : partition_counts(make_partition(y, 10, c), y, 10)) QCOMPARE(classes_held(row), k);
        }
    }
    void shards_give_few_classes() {
        const auto y = balanced_labels();
        const auto counts = partition_counts(make_partition(y, 10, config(PartitionScheme::Shards)), y, 10);
        for (const auto& row : counts) QVERIFY(classes_held(row) <= 4);  // 2 shards can straddle a label edge
    }
    void quantity_skews_sizes_not_labels() {
        auto c = config(PartitionScheme::Quantity);
        c.alpha = 0.5;
        const Partition p = make_partition(balanced_labels(), 10, c);
        std::size_t lo = SIZE_MAX, hi = 0;
        for (const auto& g : p.clients) lo = std::min(lo, g.size()), hi = std::max(hi, g.size());
        QVERIFY2(hi > 2 * lo, "Dir(0.5) sizes should differ widely");
    }
    void feature_noise_sigma_grows_with_client_index() {
        auto c = config(PartitionScheme::FeatureNoise);
        c.clients = 5;
        c.noise_sigma = 0.2;
        const Partition p = make_partition(balanced_labels(), 10, c);
        QCOMPARE(p.feature_noise_sigma.front(), 0.0);
        QCOMPARE(p.feature_noise_sigma[2], 0.1);
        QCOMPARE(p.feature_noise_sigma.back(), 0.2);
        Dataset d;
        d.height = d.width = 100;
        d.class_names = {"x"};
        d.labels = {0};
        d.pixels.assign(10000, 128);
        apply_feature_noise(d, 0.1, 3);
        double mean = 0, var = 0;
        for (auto px : d.pixels) mean += px;
        mean /= d.pixels.size();
        for (auto px : d.pixels) var += (px - mean) * (px - mean);
        const double sd = std::sqrt(var / d.pixels.size());
        QVERIFY2(std::abs(sd - 25.5) < 1.5, qPrintable(QString("noise sd %1").arg(sd)));
    }
    void impossible_requests_are_errors() {
        const auto y = balanced_labels(2, 10);  // 20 samples
        auto c = config(PartitionScheme::Iid);
        c.clients = 21;
        expect_invalid([&] { make_partition(y, 10, c); }, "among 21 clients");
        c = config(PartitionScheme::Dirichlet);
        c.alpha = 0;
        expect_invalid([&] { make_partition(y, 10, c); }, "alpha must be > 0");
        c.alpha = -1;
        expect_invalid([&] { make_partition(y, 10, c); }, "alpha must be > 0");
        c = config(PartitionScheme::Pathological);
        c.classes_per_client = 11;
        expect_invalid([&] { make_partition(y, 10, c); }, "classes per client must be in 1..10");
        c.classes_per_client = 2;
        c.clients = 3;
        expect_invalid([&] { make_partition(y, 10, c); }, "cannot cover all 10 classes");
        c = config(PartitionScheme::Dirichlet);
        c.clients = 3;
        c.min_partition_size = 7;
        expect_invalid([&] { make_partition(y, 10, c); }, "needs more than 20 samples");
        // Allowed by the sizes, but at alpha 0.001 each of 5 classes lands on one client, so
        // 10 clients never all get 2 samples: the redraws must give up.
        c = config(PartitionScheme::Dirichlet);
        c.min_partition_size = 2;
        c.alpha = 0.001;
        expect_invalid([&] { make_partition(balanced_labels(4, 5), 5, c); }, "raise --alpha");
        expect_invalid([] { parse_partition_scheme("labeldir"); }, "unknown partition scheme");
    }

    void retrieval_split_follows_the_protocol() {
        // 60 train + 40 test images over 4 classes.
        std::vector<std::int32_t> y;
        for (int i = 0; i < 100; ++i) y.push_back(i % 4);
        const SplitSizes sizes{5, 8};
        const RetrievalSplit s = make_retrieval_split(y, 60, 4, sizes, 3);
        QCOMPARE(s.query.size(), std::size_t(20));
        QCOMPARE(s.database.size(), std::size_t(80));
        QCOMPARE(s.train.size(), std::size_t(32));
        for (auto q : s.query) QVERIFY(q >= 60);  // queries come from the test part
        std::set<std::size_t> db(s.database.begin(), s.database.end());
        for (auto q : s.query) QVERIFY(!db.count(q));
        for (auto t : s.train) QVERIFY(db.count(t));
        std::vector<int> per_class(4, 0);
        for (auto q : s.query) ++per_class[y[q]];
        QCOMPARE(per_class, (std::vector<int>{5, 5, 5, 5}));
        QVERIFY(std::is_sorted(s.database.begin(), s.database.end()));
        QVERIFY(make_retrieval_split(y, 60, 4, sizes, 3).train == s.train);
        QVERIFY(make_retrieval_split(y, 60, 4, sizes, 4).train != s.train);
        expect_invalid([&] { make_retrieval_split(y, 60, 4, SplitSizes{11, 8}, 3); }, "the query set needs 11 images of class 0");
        expect_invalid([&] { make_retrieval_split(y, 60, 4, SplitSizes{5, 21}, 3); }, "the train set needs 21");
        // Without a test part, queries come from everything.
        QCOMPARE(make_retrieval_split(y, 100, 4, sizes, 3).query.size(), std::size_t(20));
    }
};

QTEST_APPLESS_MAIN(PartitionTest)
#include "test_partition.moc"
