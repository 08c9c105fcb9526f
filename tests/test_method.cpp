// core/method/: the prototype aggregation rules as pure functions (hand-worked reports), the
// dispatch from every switch value to its rule, and the traits the workbench greys fields by.
#include <QtTest>

#include <cmath>
#include <vector>

#include "method/method_options.h"
#include "method/method_traits.h"
#include "method/prototype_aggregation.h"

using namespace fedhap;

namespace {

// Two holders of one class, 3 bits: 3 samples with (0.2, −0.5, 0.4), 1 sample with (−0.9, 0.1, −0.4).
const std::vector<float> kFirst = {0.2f, -0.5f, 0.4f}, kSecond = {-0.9f, 0.1f, -0.4f};
std::vector<ClassReport> two_holders() { return {{3.0, kFirst.data()}, {1.0, kSecond.data()}}; }

}  // namespace

class MethodTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void count_weighted_sign_votes_with_binary_prototypes() {
        // bit 0: 3·(+1) + 1·(−1) = 2 → +1; bit 1: −3 + 1 → −1; bit 2: 3 − 1 → +1.
        QCOMPARE(count_weighted_sign(two_holders(), {0, 0, 0}, 0.0), (std::vector<float>{1, -1, 1}));
    }

    void count_weighted_mean_sign_weighs_the_values() {
        // bit 0: 0.6 − 0.9 = −0.3 → −1 (the sign vote above said +1); bit 1: −1.5 + 0.1 → −1;
        // bit 2: 1.2 − 0.4 → +1.
        QCOMPARE(count_weighted_mean_sign(two_holders(), {0, 0, 0}, 0.0), (std::vector<float>{-1, -1, 1}));
    }

    void majority_vote_counts_each_client_once() {
        // One vote each: every bit ties at 0, so each keeps its previous value.
        QCOMPARE(majority_vote(two_holders(), {-1, 1, -1}, 0.0), (std::vector<float>{-1, 1, -1}));
        // A fresh class (a row of zeros): a tie gives +1.
        QCOMPARE(majority_vote(two_holders(), {0, 0, 0}, 0.0), (std::vector<float>{1, 1, 1}));
    }

    void count_weighted_mean_is_real_valued() {
        const std::vector<float> m = count_weighted_mean(two_holders(), {0, 0, 0}, 0.0);
        QCOMPARE(m.size(), std::size_t{3});
        QCOMPARE(m[0], static_cast<float>((3 * double(kFirst[0]) + double(kSecond[0])) / 4.0));  // −0.075
        QCOMPARE(m[1], static_cast<float>((3 * double(kFirst[1]) + double(kSecond[1])) / 4.0));
        QCOMPARE(m[2], static_cast<float>((3 * double(kFirst[2]) + double(kSecond[2])) / 4.0));
    }

    void smoothed_mean_blends_directions() {
        // Two holders along +x (3 samples, |p| = 2) and +y (1 sample, |p| = 0.5), 2 bits: each
        // counts by direction, so the mean is (3, 1)/4 → unit (3, 1)/√10.
        const std::vector<float> a = {2.0f, 0.0f}, b = {0.0f, 0.5f};
        const std::vector<ClassReport> reports = {{3.0, a.data()}, {1.0, b.data()}};
        const double r10 = std::sqrt(10.0), r2 = std::sqrt(2.0);
        // A fresh class takes the mean's direction, at norm √B.
        std::vector<float> row = smoothed_mean(reports, {0, 0}, 0.9);
        QVERIFY(std::abs(row[0] - 3 / r10 * r2) < 1e-5 && std::abs(row[1] - 1 / r10 * r2) < 1e-5);
        // Otherwise ρ of the previous direction (here (−1, 0) at any length) and 1 − ρ of the mean:
        // 0.5·(−1, 0) + 0.5·(3, 1)/√10, normalised, × √2.
        row = smoothed_mean(reports, {-4, 0}, 0.5);
        const double x = -0.5 + 0.5 * 3 / r10, y = 0.5 * 1 / r10, n = std::sqrt(x * x + y * y);
        QVERIFY(std::abs(row[0] - x / n * r2) < 1e-5 && std::abs(row[1] - y / n * r2) < 1e-5);
        // ρ = 1 never moves; ρ = 0 forgets the previous row.
        row = smoothed_mean(reports, {-1, 1}, 1.0);
        QVERIFY(std::abs(row[0] + 1) < 1e-5 && std::abs(row[1] - 1) < 1e-5);
        QCOMPARE(smoothed_mean(reports, {-1, 1}, 0.0), smoothed_mean(reports, {0, 0}, 0.9));
        // Reports that cancel the previous direction exactly keep it.
        const std::vector<float> back = {1.0f, 0.0f};
        QCOMPARE(smoothed_mean({{1.0, back.data()}}, {-1, 0}, 0.5), (std::vector<float>{-1, 0}));
    }

    void fixed_keeps_the_previous_row() {
        QCOMPARE(keep_previous(two_holders(), {1, -1, -1}, 0.0), (std::vector<float>{1, -1, -1}));
    }

    void every_switch_value_has_its_rule_and_traits() {
        const std::vector<float> previous = {-1, 1, -1};
        for (const std::string& name : prototype_aggregation_names()) {
            const PrototypeAggregation a = parse_prototype_aggregation(name);
            const AggregationRule rule = aggregation_rule(a);
            QVERIFY2(rule != nullptr, name.c_str());
            const std::vector<float> row = rule(two_holders(), previous, 0.9);
            const AggregationTraits t = aggregation_traits(a);
            QCOMPARE(t.learned, a != PrototypeAggregation::Fixed);
            if (!t.learned) QCOMPARE(row, previous);
            if (t.binary)
                for (float v : row) QVERIFY2(v == 1.0f || v == -1.0f, name.c_str());
        }
        QVERIFY(aggregation_rule(PrototypeAggregation::CountWeightedSign) == &count_weighted_sign);
        QVERIFY(aggregation_rule(PrototypeAggregation::CountWeightedMeanSign) == &count_weighted_mean_sign);
        QVERIFY(aggregation_rule(PrototypeAggregation::MajorityVote) == &majority_vote);
        QVERIFY(aggregation_rule(PrototypeAggregation::Mean) == &count_weighted_mean);
        QVERIFY(aggregation_rule(PrototypeAggregation::SmoothedMean) == &smoothed_mean);
        QVERIFY(!aggregation_traits(PrototypeAggregation::Mean).binary);
        QVERIFY(!aggregation_traits(PrototypeAggregation::SmoothedMean).binary);
    }

    void traits_follow_the_presets() {
        const MethodTraits fedhap = method_traits(method_preset(Method::FedHap));
        QVERIFY(fedhap.prototype_term && fedhap.cosine_ce_term && fedhap.adversarial_term && fedhap.separation_guard);
        QVERIFY(fedhap.shares_weights && fedhap.shares_prototypes && !fedhap.similarity_term);
        QVERIFY(fedhap.distillation_term && !fedhap.smoothed_prototypes);
        MethodOptions nh = method_preset(Method::FedHap);
        nh.aggregation = PrototypeAggregation::SmoothedMean;
        QVERIFY(method_traits(nh).smoothed_prototypes && !method_traits(nh).separation_guard);  // real-valued rows

        const MethodTraits csq = method_traits(method_preset(Method::FedAvgCsq));
        QVERIFY(csq.prototype_term && !csq.cosine_ce_term && !csq.adversarial_term);
        QVERIFY(!csq.separation_guard);  // fixed centres: nothing to guard
        QVERIFY(csq.shares_weights && !csq.shares_prototypes);

        const MethodTraits proto = method_traits(method_preset(Method::FedProtoHash));
        QVERIFY(proto.similarity_term && proto.prototype_term && !proto.separation_guard);  // real-valued prototypes
        QVERIFY(!proto.shares_weights && proto.shares_prototypes);

        const MethodTraits local = method_traits(method_preset(Method::LocalOnly));
        QVERIFY(local.similarity_term && !local.prototype_term && !local.shares_weights && !local.shares_prototypes);

        MethodOptions off = method_preset(Method::FedHap);
        off.adversarial = false;
        off.prototype_loss = PrototypeLoss::Mse;
        const MethodTraits t = method_traits(off);
        QVERIFY(!t.adversarial_term && t.prototype_term && !t.cosine_ce_term);
    }
};

QTEST_APPLESS_MAIN(MethodTest)
#include "test_method.moc"
