// Many clients: a client between its rounds keeps only its small state (fl/client.h), networks
// exist for the clients of a round, and the results do not depend on which networks or threads
// a client trained in. Checkpoints of the earlier format (every client's network) still load.
#include <QtTest>

#include <torch/torch.h>

#include "fl/client.h"
#include "fl/federation.h"
#include "nn/weights.h"

using namespace fedhap;

namespace {

struct Fixture {
    FederationSetup setup;
    TrainData data;
};

// `clients` clients of 4 rows each over 4 classes, a small MLP.
Fixture fixture(std::size_t clients, Method method, double participation, int threads) {
    Fixture f;
    torch::manual_seed(11);
    const auto n = static_cast<std::int64_t>(clients * 4);
    f.data.images = torch::rand({n, 1, 4, 4});
    f.data.labels = torch::arange(n, torch::kInt64).remainder(4);
    f.data.classes = 4;
    for (std::size_t k = 0; k < clients; ++k) {
        const auto first = static_cast<std::int64_t>(4 * k);
        f.setup.client_rows.push_back({first, first + 1, first + 2, first + 3});
    }
    f.setup.net = NetSpec{NetKind::Mlp, 1, 4, 4, 8, 16};
    f.setup.classes = 4;
    f.setup.method = method_preset(method);
    f.setup.method.participation = participation;
    f.setup.train = TrainSettings{1, 2, 1e-2};
    f.setup.seed = 5;
    f.setup.threads = threads;
    return f;
}

std::vector<double> losses(const RoundMetrics& m) {
    std::vector<double> l;
    for (const auto& c : m.clients) l.push_back(c.loss);
    return l;
}

}  // namespace

class ManyClientsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void shared_weights_keep_no_network_per_client() {
        Fixture f = fixture(300, Method::FedHap, 0.02, 2);
        Federation fed(f.setup, f.data, torch::kCPU);
        StopToken stop;
        RunObserver quiet;
        fed.run_round(1, stop, quiet);
        const RoundMetrics m = fed.run_round(2, stop, quiet);
        QCOMPARE(m.clients.size(), std::size_t(6));
        const auto state = fed.save_state();
        QCOMPARE(state.size(), std::size_t(5 + 2 * 300));
        std::size_t discriminators = 0;
        for (std::size_t k = 0; k < 300; ++k) {
            QVERIFY(state[5 + 2 * k].empty());  // the server's weights replace it every round
            discriminators += !state[5 + 2 * k + 1].empty();
        }
        QVERIFY(discriminators > 0 && discriminators <= 12);  // only clients that trained
    }

    void personalised_clients_keep_their_own_weights() {
        Fixture f = fixture(40, Method::LocalOnly, 0.1, 2);
        Federation fed(f.setup, f.data, torch::kCPU);
        StopToken stop;
        RunObserver quiet;
        const RoundMetrics m = fed.run_round(1, stop, quiet);
        QCOMPARE(fed.evaluation_model_count(), std::size_t(40));
        const auto state = fed.save_state();
        std::vector<int> trained;
        for (const auto& c : m.clients) trained.push_back(c.client);
        const std::vector<float> initial = seeded_networks(f.setup.net, 4, torch::kCPU, f.setup.seed).initial->model;
        for (std::size_t k = 0; k < 40; ++k) {
            const bool was_trained = std::find(trained.begin(), trained.end(), static_cast<int>(k)) != trained.end();
            QCOMPARE(state[5 + 2 * k].empty(), !was_trained);
            const std::vector<float> own = flatten_weights(*fed.evaluation_model(k));
            if (was_trained) {
                QCOMPARE(own, state[5 + 2 * k]);
                QVERIFY(own != initial);
            } else {
                QCOMPARE(own, initial);
            }
        }
    }

    void threads_do_not_change_the_result() {
        for (const Method method : {Method::FedHap, Method::LocalOnly}) {
            std::vector<std::vector<double>> runs;
            for (const int threads : {1, 2, 3}) {
                Fixture f = fixture(12, method, 0.5, threads);
                Federation fed(f.setup, f.data, torch::kCPU);
                StopToken stop;
                RunObserver quiet;
                std::vector<double> all;
                for (int r = 1; r <= 3; ++r)
                    for (double l : losses(fed.run_round(r, stop, quiet))) all.push_back(l);
                runs.push_back(all);
            }
            QCOMPARE(runs[1], runs[0]);
            QCOMPARE(runs[2], runs[0]);
        }
    }

    // A version-2 checkpoint from before holds every client's network and discriminator.
    void earlier_checkpoints_resume_the_same() {
        for (const Method method : {Method::FedHap, Method::LocalOnly, Method::FedProtoHash}) {
            Fixture f = fixture(8, method, 0.5, 2);
            StopToken stop;
            RunObserver quiet;
            Federation straight(f.setup, f.data, torch::kCPU);
            straight.run_round(1, stop, quiet);
            straight.run_round(2, stop, quiet);
            std::vector<std::vector<float>> state = straight.save_state();
            // What the earlier format wrote: every client's network (its own, or the global one
            // it last adopted: the next round replaces it) and discriminator, never empty.
            for (std::size_t k = 0; k < 8; ++k) {
                if (state[5 + 2 * k].empty())
                    state[5 + 2 * k] = straight.personalised() ? flatten_weights(*straight.evaluation_model(k)) : state[0];
                if (state[5 + 2 * k + 1].empty()) state[5 + 2 * k + 1] = state[3];
            }
            const RoundMetrics expected = straight.run_round(3, stop, quiet);
            Federation resumed(f.setup, f.data, torch::kCPU);
            resumed.load_state(state);
            const RoundMetrics got = resumed.run_round(3, stop, quiet);
            QCOMPARE(losses(got), losses(expected));
            const auto a = resumed.save_state(), b = straight.save_state();
            for (std::size_t i = 0; i < 5; ++i) QCOMPARE(a[i], b[i]);  // the server's state
            for (std::size_t k = 0; k < resumed.evaluation_model_count(); ++k)
                QCOMPARE(flatten_weights(*resumed.evaluation_model(k)), flatten_weights(*straight.evaluation_model(k)));
        }
    }
};

QTEST_APPLESS_MAIN(ManyClientsTest)
#include "test_many_clients.moc"
