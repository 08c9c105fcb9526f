// Whole experiments on a tiny generated dataset: reproducibility, stop + resume, the run folder,
// config validation, and `fedhap run`.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <functional>
#include <fstream>
#include <sstream>

#include "experiment/experiment_config.h"
#include "experiment/experiment_runner.h"
#include "test_files.h"
#include "tiny_experiment.h"

using namespace fedhap;
using fedhap::test::TempDir;

namespace {

using test::read_text;

using test::metrics_without_timings;

using test::StopAtRound;

}  // namespace

class ExperimentTest : public QObject {
    Q_OBJECT
private:
    TempDir data_;

private Q_SLOTS:
    void initTestCase() { test::write_tiny_mnist(data_.path(), 30, 8); }

    void same_seed_same_metrics_and_a_complete_run_folder() {
        TempDir a, b;
        StopToken s1, s2;
        RunObserver quiet;
        const ExperimentConfig c = test::tiny_experiment_config(data_.path());
        const RunSummary ra = run_experiment(c, {a.path(), false}, quiet, s1);
        run_experiment(c, {b.path(), false}, quiet, s2);
        QCOMPARE(ra.rounds, 4);
        QVERIFY(ra.map_all > 0.0 && ra.map_all <= 1.0);
        QVERIFY(ra.train_images_per_s > 0);
        const std::string ma = metrics_without_timings(a.file("metrics.jsonl"));
        QCOMPARE(std::count(ma.begin(), ma.end(), '\n'), 4L);
        QVERIFY(ma.find("\"map\"") != std::string::npos);
        QCOMPARE(ma, metrics_without_timings(b.file("metrics.jsonl")));
        for (const char* f : {"config.json", "summary.json", "checkpoint.bin", "query_codes.npy", "db_codes.npy",
                              "query_labels.npy", "db_labels.npy", "prototypes/round_0004.npy"})
            QVERIFY2(std::filesystem::exists(a.file(f)), f);
        QCOMPARE(load_config_file(a.file("config.json")).rounds, 4);
        const QJsonObject summary = QJsonDocument::fromJson(QByteArray::fromStdString(read_text(a.file("summary.json")))).object();
        QCOMPARE(summary["map_all"].toDouble(), ra.map_all);
        QVERIFY(summary["bytes_up"].toDouble() > 0);
        // Bytes: every round each of 3 clients gets the same global message.
        const QJsonObject first = QJsonDocument::fromJson(QByteArray::fromStdString(ma.substr(0, ma.find('\n')))).object();
        QCOMPARE(first["bytes_down"].toDouble(), 3 * first["clients"].toArray()[0].toObject()["bytes_down"].toDouble());
    }

    void stop_after_two_rounds_then_resume_matches_a_straight_run() {
        TempDir straight, resumed;
        RunObserver quiet;
        StopToken s1;
        const ExperimentConfig c = test::tiny_experiment_config(data_.path());
        run_experiment(c, {straight.path(), false}, quiet, s1);

        StopToken s2;
        StopAtRound stopper(s2, 3);  // stop as round 3 starts: rounds 1–2 are checkpointed
        const RunSummary part = run_experiment(c, {resumed.path(), false}, stopper, s2);
        QVERIFY(part.stopped);
        QCOMPARE(part.rounds, 2);
        StopToken s3;
        const RunSummary rest = run_experiment(c, {resumed.path(), true}, quiet, s3);
        QCOMPARE(rest.rounds, 4);
        QCOMPARE(metrics_without_timings(resumed.file("metrics.jsonl")), metrics_without_timings(straight.file("metrics.jsonl")));
        // A resume must not silently change the experiment.
        ExperimentConfig other = c;
        other.lr = 0.01;
        StopToken s4;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, run_experiment(other, {resumed.path(), true}, quiet, s4));
    }

    void every_method_runs() {
        for (const auto& name : method_names()) {
            ExperimentConfig c = test::tiny_experiment_config(data_.path(), parse_method(name));
            c.rounds = 2;
            StopToken stop;
            RunObserver quiet;
            const RunSummary s = run_experiment(c, {}, quiet, stop);
            QVERIFY2(s.map_all > 0.0, name.c_str());
            QCOMPARE(s.method, name);
            if (name == "local-only") QVERIFY(s.bytes_up < 200 * 2 * 3);  // no weights, no prototypes go up
        }
    }

    void every_label_skew_switch_changes_training() {
        // Each switch, alone, on the tiny federation: the run completes with finite losses, and its
        // batch losses differ from the default method's (the switch reaches the local objective or
        // the server), which no switch that silently did nothing would.
        struct Losses : RunObserver {
            std::vector<double> all;
            void on_batch(int, int, int, int, double loss) override { all.push_back(loss); }
        };
        auto losses = [&](const std::function<void(ExperimentConfig&)>& change) {
            ExperimentConfig c = test::tiny_experiment_config(data_.path());
            c.rounds = 3;
            // Four classes per client: each lacks six, so the restricted softmax has classes to act on.
            c.partition.scheme = PartitionScheme::Pathological;
            c.partition.classes_per_client = 4;
            change(c);
            StopToken stop;
            Losses seen;
            const RunSummary s = run_experiment(c, {}, seen, stop);
            if (!(s.map_all > 0.0)) seen.all.push_back(std::nan(""));  // a failed run shows as a non-finite loss
            return seen.all;
        };
        const auto finite = [](const std::vector<double>& v) {
            return !v.empty() && std::all_of(v.begin(), v.end(), [](double l) { return std::isfinite(l); });
        };
        const std::vector<double> plain = losses([](ExperimentConfig&) {});
        QVERIFY(finite(plain));
        const std::vector<std::pair<const char*, std::function<void(ExperimentConfig&)>>> changes = {
            {"absent_logit_scale", [](ExperimentConfig& c) { c.method.absent_logit_scale = 0.5; }},
            {"lambda_ntd", [](ExperimentConfig& c) { c.method.lambda_not_true = 1.0; }},
            {"lambda_decorr", [](ExperimentConfig& c) { c.method.lambda_decorrelation = 1.0; }},
            {"smoothed-mean", [](ExperimentConfig& c) { c.method.aggregation = PrototypeAggregation::SmoothedMean; }},
            {"lr_schedule", [](ExperimentConfig& c) { c.lr_schedule = LrSchedule::Cosine; }},
        };
        for (const auto& [name, change] : changes) {
            const std::vector<double> changed = losses(change);
            QVERIFY2(finite(changed), name);
            QCOMPARE(changed.size(), plain.size());
            QVERIFY2(changed != plain, name);
        }
        // The cosine schedule: the full rate in round 1, half way at R/2 + 1, never 0.
        QCOMPARE(round_lr(0.01, LrSchedule::Cosine, 1, 20), 0.01);
        QVERIFY(std::abs(round_lr(0.01, LrSchedule::Cosine, 11, 20) - 0.005) < 1e-12);
        QVERIFY(round_lr(0.01, LrSchedule::Cosine, 20, 20) > 0.0);
        QCOMPARE(round_lr(0.01, LrSchedule::Constant, 20, 20), 0.01);
        QCOMPARE(round_lr(0.01, LrSchedule::Cosine, 1, 1), 0.01);
    }

    void config_round_trips_and_errors_name_the_key() {
        ExperimentConfig c = test::tiny_experiment_config(data_.path());
        c.method.ce_margin = 0.3;
        c.method.aggregation = PrototypeAggregation::MajorityVote;
        const ExperimentConfig back = config_from_json(config_to_json(c));
        QCOMPARE(config_to_json(back), config_to_json(c));
        auto error_of = [](const std::string& json) {
            try {
                config_from_json(json, "x.json");
            } catch (const ConfigError& e) {
                return std::string(e.what());
            }
            return std::string("no error");
        };
        QCOMPARE(error_of(R"({"training": {"lrr": 0.1}})"), std::string("x.json: training.lrr: unknown key"));
        QCOMPARE(error_of(R"({"training": {"rounds": 0}})"), std::string("x.json: training.rounds: must be in 1..100000 (got 0)"));
        QCOMPARE(error_of(R"({"training": {"rounds": "ten"}})"), std::string("x.json: training.rounds: must be an integer"));
        QVERIFY(error_of(R"({"method": {"name": "fedsgd"}})").find("x.json: method.name: unknown method 'fedsgd'") == 0);
        QVERIFY(error_of(R"({"partition": {"alpha": -1}})").find("x.json: partition.alpha: must be in") == 0);
        QCOMPARE(error_of(R"({"training": {"device": "tpu"}})"),
                 std::string("x.json: training.device: must be auto, cpu, cuda or cuda:N (got 'tpu')"));
        QVERIFY(error_of("{oops").find("x.json: not valid JSON") == 0);
        // Refused before the cast, not wrapped: 2^32 + 1 rounds would otherwise run 1 round.
        QCOMPARE(error_of(R"({"training": {"rounds": 4294967297}})"),
                 std::string("x.json: training.rounds: must be in 1..100000 (got 4294967297)"));
        QCOMPARE(error_of(R"({"seed": 18446744073709551615})"),
                 std::string("x.json: seed: must be in 0..9007199254740992 (got 18446744073709551615)"));
        QCOMPARE(error_of(R"({"training": {"lr": 1e999}})"), std::string("x.json: not valid JSON (a number out of range)"));
        QCOMPARE(error_of(R"({"model": []})"), std::string("x.json: model: must be an object"));
        // Configs built in code (the CLI's overrides, the panel) meet the same ranges.
        ExperimentConfig wide = c;
        wide.partition.clients = 0;
        QVERIFY_THROWS_EXCEPTION(ConfigError, validate_config(wide));
        wide = c;
        wide.seed = ~std::uint64_t{0};
        QVERIFY_THROWS_EXCEPTION(ConfigError, validate_config(wide));
        // A method's own defaults apply before the switches given.
        const ExperimentConfig csq = config_from_json(R"({"method": {"name": "fedavg-csq", "lambda_q": 0.5}})");
        QCOMPARE(csq.method.aggregation, PrototypeAggregation::Fixed);
        QCOMPARE(csq.method.lambda_quantization, 0.5);
    }

    void classroom_preset_loads() {
        const ExperimentConfig c = load_config_file(std::string(FEDHAP_SOURCE_DIR) + "/resources/presets/classroom.json");
        QCOMPARE(c.method.method, Method::FedHap);
        QCOMPARE(c.partition.clients, std::size_t(10));
        QCOMPARE(c.partition.alpha, 0.1);
        QCOMPARE(c.bits, 32);
        QCOMPARE(c.rounds, 20);
        QCOMPARE(c.local_epochs, 1);
    }

    void cli_run_and_its_errors() {
        TempDir out;
        const std::string cfg = out.file("tiny.json");
        std::ofstream(cfg) << config_to_json(test::tiny_experiment_config(data_.path()));
        auto r = test::run_cli({"run", "--config", cfg, "--rounds", "2", "--out", out.file("run"), "--format", "json"});
        QVERIFY2(r.exit_code == 0, r.err.c_str());
        const QJsonObject j = QJsonDocument::fromJson(QByteArray::fromStdString(r.out)).object();
        QCOMPARE(j["rounds"].toInt(), 2);
        QVERIFY(j["map_all"].toDouble() > 0);
        QVERIFY(r.err.find("round 2/2") != std::string::npos);  // the progress line
        r = test::run_cli({"run", "--config", cfg, "--rounds", "3", "--out", out.file("run"), "--resume", "--format", "json"});
        QVERIFY2(r.exit_code == 0, r.err.c_str());
        QCOMPARE(QJsonDocument::fromJson(QByteArray::fromStdString(r.out)).object()["rounds"].toInt(), 3);

        std::ofstream(out.file("bad.json")) << R"({"model": {"bitz": 32}})";
        r = test::run_cli({"run", "--config", out.file("bad.json")});
        QCOMPARE(r.exit_code, 1);
        QVERIFY2(r.err.find("bad.json: model.bitz: unknown key") != std::string::npos, r.err.c_str());
        r = test::run_cli({"run", "--config", cfg, "--device", "cuda:7"});
        QVERIFY(r.exit_code != 0);
        QCOMPARE(std::count(r.err.begin(), r.err.end(), '\n'), 1L);
        r = test::run_cli({"run", "--method", "fedsgd"});
        QCOMPARE(r.exit_code, 2);
        // Overrides meet the config's ranges instead of wrapping (2^32 + 1 rounds would run 1 round).
        r = test::run_cli({"run", "--config", cfg, "--rounds", "4294967297"});
        QCOMPARE(r.exit_code, 2);
        QVERIFY2(r.err.find("--rounds must be in 1..100000 (got 4294967297)") != std::string::npos, r.err.c_str());
        r = test::run_cli({"run", "--config", cfg, "--seed", "-1"});
        QCOMPARE(r.exit_code, 2);
    }

    void light_cli_lists_and_hands_over_the_training_commands() {
        // `fedhap` itself has no LibTorch: its help still lists run and compare, and they reach
        // the trainer (the usage error above came from it); --version comes from the trainer too.
        auto r = test::run_cli({"--help"});
        QCOMPARE(r.exit_code, 0);
        for (const char* c : {"run", "compare", "partition", "eval", "embed"})
            QVERIFY2(r.out.find(std::string("  ") + c + " ") != std::string::npos, r.out.c_str());
        r = test::run_cli({"--version"});
        QCOMPARE(r.exit_code, 0);
        QVERIFY2(r.out.find("LibTorch") != std::string::npos, r.out.c_str());
        r = test::run_cli({"run", "--help"});
        QCOMPARE(r.exit_code, 0);
        QVERIFY2(r.out.find("usage: fedhap run") != std::string::npos, r.out.c_str());
    }
};

QTEST_APPLESS_MAIN(ExperimentTest)
#include "test_experiment.moc"
