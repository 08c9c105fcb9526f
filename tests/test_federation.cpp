// Server aggregation rules, message encoding and exact byte counts, client prototype bookkeeping.
#include <QtTest>

#include <torch/torch.h>

#include "fl/client.h"
#include "fl/messages.h"
#include "fl/server.h"
#include "losses/hash_centers.h"
#include "nn/weights.h"

using namespace fedhap;

namespace {

ClientUpdate update(std::vector<float> weights, std::uint64_t samples, std::vector<float> protos,
                    std::vector<std::int32_t> counts, int classes, int bits) {
    ClientUpdate u;
    u.weights = std::move(weights);
    u.samples = samples;
    u.prototypes = std::move(protos);
    u.counts = std::move(counts);
    u.classes = classes;
    u.bits = bits;
    return u;
}

MethodOptions with_aggregation(PrototypeAggregation a) {
    MethodOptions m = method_preset(Method::FedHap);
    m.aggregation = a;
    return m;
}

}  // namespace

class FederationTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void weights_are_sample_weighted() {
        Server s({0, 0}, 1, 1, method_preset(Method::FedAvgDpsh), {}, {});
        s.aggregate({update({1, 2}, 1, {}, {}, 1, 1), update({4, 8}, 3, {}, {}, 1, 1)});
        QCOMPARE(s.weights(), (std::vector<float>{3.25f, 6.5f}));  // (1·1 + 3·4)/4, (2 + 24)/4
        QVERIFY(decode_global(encode(s.global_message())).prototypes.empty());
    }
    void prototype_aggregation_rules() {
        // 3 classes × 2 bits. Client A holds class 0 (n=1) and 1 (n=3); client B holds class 0 (n=2).
        // Class 0: A = (0.9, −0.1), B = (−0.2, −0.3).
        //   count-weighted sign: sign(1·(+1) + 2·(−1)), sign(1·(−1) + 2·(−1)) = (−1, −1)
        //   mean-sign: sign(0.9 − 0.4) = +1, sign(−0.1 − 0.6) = −1 → (+1, −1)
        //   majority: sign(+1 − 1) = tie → keeps the previous bit; sign(−2) = −1
        //   mean: (0.9 − 0.4)/3, (−0.1 − 0.6)/3
        // Class 2: nobody → keeps its initial row.
        const std::vector<float> init{1, 1, 1, -1, -1, 1};
        auto a = update({0}, 4, {0.9f, -0.1f, 0.5f, 0.5f, 0, 0}, {1, 3, 0}, 3, 2);
        auto b = update({0}, 2, {-0.2f, -0.3f, 0, 0, 0, 0}, {2, 0, 0}, 3, 2);
        auto run = [&](PrototypeAggregation agg) {
            Server s({0}, 3, 2, with_aggregation(agg), init, {});
            s.aggregate({a, b});
            return s;
        };
        QCOMPARE(run(PrototypeAggregation::CountWeightedSign).prototypes(), (std::vector<float>{-1, -1, 1, 1, -1, 1}));
        QCOMPARE(run(PrototypeAggregation::CountWeightedMeanSign).prototypes(), (std::vector<float>{1, -1, 1, 1, -1, 1}));
        QCOMPARE(run(PrototypeAggregation::MajorityVote).prototypes(), (std::vector<float>{1, -1, 1, 1, -1, 1}));
        const auto mean = run(PrototypeAggregation::Mean).prototypes();
        QVERIFY(std::abs(mean[0] - 0.5f / 3) < 1e-6 && std::abs(mean[1] + 0.7f / 3) < 1e-6);
        QCOMPARE(mean[4], -1.0f);
        QCOMPARE(run(PrototypeAggregation::Fixed).prototypes(), init);
        // Flipped bits: count-weighted sign changed (1,1) → (−1,−1) for class 0 and (1,−1) → (1,1) for class 1.
        const Server cws = run(PrototypeAggregation::CountWeightedSign);
        QCOMPARE(cws.bits_flipped(), 3);
        QCOMPARE(cws.flipped(), (std::vector<std::uint8_t>{1, 1, 0, 1, 0, 0}));
        QCOMPARE(cws.prototype_min_distance(), 1);  // rows (−1,−1), (1,1), (−1,1)
    }
    void separation_guard_keeps_prototypes_apart() {
        // 2 classes × 4 bits, rows (1,1,1,1) and (−1,−1,−1,−1). Class 0's clients now say (−1,−1,−1,1):
        // 1 bit from class 1, under the guard of 2 → class 0 keeps its row; class 1 may move to
        // (−1,−1,1,1), 2 bits from class 0's, which the guard allows.
        MethodOptions m = with_aggregation(PrototypeAggregation::CountWeightedMeanSign);
        m.proto_min_distance = 2;
        Server s({0}, 2, 4, m, {1, 1, 1, 1, -1, -1, -1, -1}, {});
        s.aggregate({update({0}, 3, {-0.5f, -0.5f, -0.5f, 0.5f, -0.5f, -0.5f, 0.5f, 0.5f}, {2, 1}, 2, 4)});
        QCOMPARE(s.prototypes(), (std::vector<float>{1, 1, 1, 1, -1, -1, 1, 1}));
        QCOMPARE(s.bits_flipped(), 2);
        QCOMPARE(s.prototype_min_distance(), 2);
        m.proto_min_distance = 0;  // off: the classes may collide
        Server off({0}, 2, 4, m, {1, 1, 1, 1, -1, -1, -1, -1}, {});
        off.aggregate({update({0}, 3, {-0.5f, -0.5f, -0.5f, 0.5f, -0.5f, -0.5f, 0.5f, 0.5f}, {2, 1}, 2, 4)});
        QCOMPARE(off.prototype_min_distance(), 1);
    }
    void prototypes_start_unknown_without_init() {
        Server s({0}, 2, 2, method_preset(Method::FedProtoHash), {}, {});
        QVERIFY(s.global_message().prototypes.empty());
        s.aggregate({update({}, 5, {0.5f, -0.5f, 0, 0}, {5, 0}, 2, 2)});
        const GlobalMessage g = decode_global(encode(s.global_message()));
        QCOMPARE(g.known, (std::vector<std::uint8_t>{1, 0}));
        QVERIFY(!g.binary_prototypes);
        QCOMPARE(g.prototypes[0], 0.5f);
        QVERIFY(g.weights.empty());  // prototypes-only upload: the backbone stays local
    }
    void messages_round_trip_with_exact_sizes() {
        GlobalMessage g;
        g.classes = 10;
        g.bits = 32;
        g.weights.assign(1000, 0.25f);
        g.prototypes.assign(320, -1.0f);
        g.prototypes[5] = 1.0f;
        g.known.assign(10, 1);
        const Bytes gb = encode(g);
        // magic 4 + classes 4 + bits 4 + (8 + 4·1000) + flag 1 + (8 + 320/8) + (8 + 2) + (8 + 0)
        QCOMPARE(gb.size(), std::size_t(4 + 4 + 4 + 8 + 4000 + 1 + 8 + 40 + 8 + 2 + 8));
        const GlobalMessage g2 = decode_global(gb);
        QCOMPARE(g2.weights, g.weights);
        QCOMPARE(g2.prototypes, g.prototypes);
        QCOMPARE(g2.known, g.known);

        ClientUpdate u = update(std::vector<float>(7, 1.5f), 42, std::vector<float>(3 * 4, 0.0f), {0, 9, 0}, 3, 4);
        u.prototypes[4] = 0.75f;
        const Bytes ub = encode(u);
        // magic 4 + 4 + 4 + samples 8 + (8 + 28) + flag 1 + (8 + 4·1 held) + (4 count + 16 row) + (8 + 0)
        QCOMPARE(ub.size(), std::size_t(4 + 4 + 4 + 8 + 8 + 28 + 1 + 8 + 4 + 4 + 16 + 8));
        const ClientUpdate u2 = decode_update(ub);
        QCOMPARE(u2.counts, u.counts);
        QCOMPARE(u2.prototypes, u.prototypes);
        QCOMPARE(u2.samples, std::uint64_t(42));
        Bytes cut(ub.begin(), ub.end() - 3);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, decode_update(cut));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, decode_global(ub));
    }
    void client_reports_counts_and_class_means() {
        torch::manual_seed(0);
        TrainData data;
        data.images = torch::rand({12, 1, 8, 8});
        data.labels = torch::tensor(std::vector<std::int64_t>{0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2});
        data.classes = 4;
        NetSpec net;
        net.height = net.width = 8;
        net.bits = 16;
        MethodOptions m = method_preset(Method::FedHap);
        TrainSettings t{2, 4, 1e-3};
        Client client(0, {0, 1, 3, 4, 6}, 0.0, net, 4, m, t, torch::kCPU, 7);  // labels 0,1,0,1,0
        Server server(flatten_weights(*client.model()), 4, 16, m, hadamard_centers(4, 16, 0), flatten_weights(*client.discriminator()));
        StopToken stop;
        RunObserver quiet;
        const ClientRound round = client.train_round(encode(server.global_message()), 1, data, stop, quiet);
        const ClientRoundResult& r = round.result;
        const ClientUpdate u = decode_update(round.update);
        QCOMPARE(u.counts, (std::vector<std::int32_t>{3, 2, 0, 0}));
        QCOMPARE(u.samples, std::uint64_t(10));  // 5 rows × 2 epochs
        QCOMPARE(r.samples, std::uint64_t(10));
        for (int b = 0; b < 16; ++b) {
            QCOMPARE(u.prototypes[static_cast<std::size_t>(2 * 16 + b)], 0.0f);
            QVERIFY(std::abs(u.prototypes[static_cast<std::size_t>(b)]) < 1.0f);
        }
        QCOMPARE(u.weights.size(), weight_count(*client.model()));
        // The update must differ from the weights it got: the client trained.
        QVERIFY(u.weights != server.weights());
        // A stop request ends the round between batches.
        stop.request_stop();
        QVERIFY_THROWS_EXCEPTION(StopRequested, client.train_round(encode(server.global_message()), 2, data, stop, quiet));
    }
};

QTEST_APPLESS_MAIN(FederationTest)
#include "test_federation.moc"
