// The tools that make results honest: seed statistics against hand-computed values, `--pooled`
// as each method's own centralized counterpart, and `fedhap compare` / `ablate` tables that
// agree with their run folders and continue where they stopped.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "experiment/experiment_config.h"
#include "experiment/experiment_runner.h"
#include "test_files.h"
#include "tiny_experiment.h"
#include "experiment/seed_comparison.h"
#include "util/statistics.h"

using namespace fedhap;
using fedhap::test::TempDir;

namespace {

using test::read_text;

double map_of(const std::string& run_dir) {
    return QJsonDocument::fromJson(QByteArray::fromStdString(read_text(run_dir + "/summary.json"))).object()["map_all"].toDouble();
}

// The CSV rows of a study table, by arm.
std::map<std::string, std::vector<std::string>> csv_rows(const std::string& text) {
    std::map<std::string, std::vector<std::string>> rows;
    std::istringstream in(text);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::vector<std::string> cells;
        std::string cell;
        bool quoted = false;
        for (char ch : line) {
            if (ch == '"') quoted = !quoted;
            else if (ch == ',' && !quoted) cells.push_back(cell), cell.clear();
            else cell += ch;
        }
        cells.push_back(cell);
        rows[cells[0]] = cells;
    }
    return rows;
}

}  // namespace

class ScienceTest : public QObject {
    Q_OBJECT
private:
    TempDir data_;

    // The tiny experiment with `rounds` rounds, as a config file in `dir`.
    std::string tiny_config_file(const TempDir& dir, int rounds) const {
        ExperimentConfig c = test::tiny_experiment_config(data_.path());
        c.rounds = rounds;
        std::ofstream(dir.file("tiny.json")) << config_to_json(c);
        return dir.file("tiny.json");
    }

private Q_SLOTS:
    void initTestCase() { test::write_tiny_mnist(data_.path(), 30, 8); }

    void statistics_match_hand_computed_values() {
        const SampleSummary s = summarize({0.674, 0.614, 0.710});
        QCOMPARE(s.n, std::size_t(3));
        QVERIFY(std::abs(s.mean - 0.666) < 1e-12);
        // Σ(x − 0.666)² = 0.000064 + 0.002704 + 0.001936 = 0.004704; /2 = 0.002352.
        QVERIFY(std::abs(s.sd - std::sqrt(0.002352)) < 1e-12);
        QCOMPARE(summarize({0.5}).sd, 0.0);
        // Differences 0.01, 0.03, 0.02: mean 0.02, sd 0.01, t(2) = 4.303 → half width 4.303·0.01/√3.
        const PairedDifference d = paired_difference({0.71, 0.73, 0.72}, {0.70, 0.70, 0.70});
        QVERIFY(std::abs(d.mean - 0.02) < 1e-12);
        QVERIFY(std::abs(d.half_width - 4.303 * 0.01 / std::sqrt(3.0)) < 1e-9);
        // Three seeds that all agree still leave 0 inside the 95 % interval (t(2) is large).
        QVERIFY(d.low() < 0 && d.high() > 0);
        QVERIFY(std::isinf(paired_difference({0.7}, {0.6}).half_width));
        QCOMPARE(t_quantile_975(1), 12.706);
        QVERIFY(std::abs(t_quantile_975(1000) - 1.962) < 0.001);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, paired_difference({0.1, 0.2}, {0.1}));
    }

    void an_arm_is_compared_over_the_seeds_both_ran() {
        // The arm ran seeds 0, 1, 3; the reference 0, 1, 2: the difference pairs seeds 0 and 1 only.
        const SeedMaps arm{{0, 0.72}, {1, 0.66}, {3, 0.70}}, reference{{0, 0.70}, {1, 0.65}, {2, 0.99}};
        const SeedMaps pooled{{0, 0.80}, {1, 0.78}};
        const ArmComparison c = compare_arm(arm, &pooled, &reference);
        QCOMPARE(c.summary.n, std::size_t(3));
        QVERIFY(std::abs(c.summary.mean - 0.69333333333333) < 1e-9);
        QVERIFY(c.pct_of_pooled && std::abs(*c.pct_of_pooled - 100.0 * (2.08 / 3) / 0.79) < 1e-9);
        QVERIFY(c.vs_reference);
        QCOMPARE(c.vs_reference->n, std::size_t(2));
        QVERIFY(std::abs(c.vs_reference->mean - 0.015) < 1e-12);  // (0.02 + 0.01)/2
        // The reference itself, no pooled arm, no shared seed: nothing to set against.
        QVERIFY(!compare_arm(reference, nullptr, &reference).vs_reference);
        QVERIFY(!compare_arm(arm, nullptr, nullptr).pct_of_pooled);
        QVERIFY(!compare_arm(SeedMaps{{7, 0.5}}, nullptr, &reference).vs_reference);
    }

    void pooled_is_the_methods_own_centralized_counterpart() {
        // fedavg-dpsh trained pooled has exactly centralized's switches and data: the same run.
        TempDir out;
        ExperimentConfig pooled = test::tiny_experiment_config(data_.path(), Method::FedAvgDpsh);
        pooled.pooled = true;
        pooled.rounds = 2;
        ExperimentConfig central = test::tiny_experiment_config(data_.path(), Method::Centralized);
        central.rounds = 2;
        StopToken s1, s2;
        RunObserver quiet;
        const RunSummary a = run_experiment(pooled, {out.file("pooled"), false}, quiet, s1);
        const RunSummary b = run_experiment(central, {out.file("central"), false}, quiet, s2);
        QCOMPARE(a.map_all, b.map_all);
        QCOMPARE(read_text(out.file("pooled/db_codes.npy")), read_text(out.file("central/db_codes.npy")));
        // Pooled FedHAP keeps FedHAP's switches; one node holds every train image.
        ExperimentConfig fedhap = test::tiny_experiment_config(data_.path(), Method::FedHap);
        fedhap.pooled = true;
        fedhap.rounds = 1;
        struct Counts : RunObserver {
            std::vector<std::vector<std::size_t>> counts;
            void on_data(const Dataset&, const RetrievalSplit&, const std::vector<std::vector<std::size_t>>& c) override { counts = c; }
        } counts;
        StopToken s3;
        run_experiment(fedhap, {out.file("fedhap"), false}, counts, s3);
        QCOMPARE(counts.counts.size(), std::size_t(1));
        for (auto n : counts.counts[0]) QCOMPARE(n, std::size_t(20));
        const ExperimentConfig saved = load_config_file(out.file("fedhap/config.json"));
        QVERIFY(saved.pooled);
        QCOMPARE(config_to_json(saved), config_to_json(fedhap));
    }

    void compare_table_agrees_with_its_runs_and_resumes() {
        TempDir out;
        const std::string cfg = tiny_config_file(out, 2);
        const std::vector<std::string> args{"compare", "--config", cfg, "--methods", "fedhap,fedavg-ce", "--pooled", "--seeds",
                                            "3,4", "--out", out.file("cells"), "--format", "csv"};
        auto r = test::run_cli(args, 300000);
        QVERIFY2(r.exit_code == 0, r.err.c_str());
        auto rows = csv_rows(r.out);
        QCOMPARE(rows.size(), std::size_t(4));  // fedhap, fedavg-ce and their pooled runs
        for (const std::string arm : {"fedhap", "fedavg-ce", "fedhap-pooled"}) {
            const double m3 = map_of(out.file("cells/" + arm + "-s3")), m4 = map_of(out.file("cells/" + arm + "-s4"));
            const auto& row = rows.at(arm);
            QCOMPARE(row[1], std::string("2"));
            QVERIFY(std::abs(std::stod(row[2]) - (m3 + m4) / 2) < 1e-6);
            QVERIFY(std::abs(std::stod(row[3]) - std::abs(m3 - m4) / std::sqrt(2.0)) < 1e-6);
        }
        // % of pooled, and the paired difference to the reference (fedavg-ce) with t(1) = 12.706.
        QVERIFY(std::abs(std::stod(rows.at("fedhap")[5]) - 100 * std::stod(rows.at("fedhap")[2]) / std::stod(rows.at("fedhap-pooled")[2])) < 0.06);
        const double d3 = map_of(out.file("cells/fedhap-s3")) - map_of(out.file("cells/fedavg-ce-s3"));
        const double d4 = map_of(out.file("cells/fedhap-s4")) - map_of(out.file("cells/fedavg-ce-s4"));
        QVERIFY(std::abs(std::stod(rows.at("fedhap")[6]) - (d3 + d4) / 2) < 1e-6);
        QVERIFY(std::abs(std::stod(rows.at("fedhap")[8]) - ((d3 + d4) / 2 + 12.706 * std::abs(d3 - d4) / 2)) < 1e-5);

        // Again: every cell is read back, none trained (no progress line), the table is the same.
        const auto stamp = std::filesystem::last_write_time(out.file("cells/fedhap-s3/summary.json"));
        const auto again = test::run_cli(args, 300000);
        QVERIFY2(again.exit_code == 0, again.err.c_str());
        QCOMPARE(again.out, r.out);
        QVERIFY2(again.err.find("round") == std::string::npos, again.err.c_str());
        QVERIFY(std::filesystem::last_write_time(out.file("cells/fedhap-s3/summary.json")) == stamp);
    }

    void ablate_lists_each_variant_against_the_full_method() {
        TempDir out;
        const std::string cfg = tiny_config_file(out, 1);
        auto r = test::run_cli({"ablate", "--config", cfg, "--variants", "no-discriminator,fixed-prototypes", "--seeds", "0",
                                "--out", out.file("cells"), "--format", "csv"});
        QVERIFY2(r.exit_code == 0, r.err.c_str());
        const auto rows = csv_rows(r.out);
        QCOMPARE(rows.size(), std::size_t(3));
        QVERIFY(!load_config_file(out.file("cells/no-discriminator-s0/config.json")).method.adversarial);
        QCOMPARE(load_config_file(out.file("cells/fixed-prototypes-s0/config.json")).method.aggregation, PrototypeAggregation::Fixed);
        const double d = map_of(out.file("cells/no-discriminator-s0")) - map_of(out.file("cells/fedhap-s0"));
        QVERIFY(std::abs(std::stod(rows.at("no-discriminator")[6]) - d) < 1e-6);
        r = test::run_cli({"ablate", "--config", cfg, "--variants", "no-such-thing"});
        QCOMPARE(r.exit_code, 2);
        QVERIFY2(r.err.find("unknown variant 'no-such-thing'") != std::string::npos, r.err.c_str());
    }

    void sweep_resumes_and_keeps_going_past_a_failing_cell() {
        TempDir out;
        tiny_config_file(out, 1);
        // 3 clients work; 1000 clients cannot split 200 train images: that cell fails, the rest go on.
        std::ofstream(out.file("grid.json")) << R"({"config": "tiny.json", "seeds": [0],
            "axes": {"method.name": ["fedhap", "fedavg-ce"], "partition.clients": [3, 1000]}})";
        const std::vector<std::string> args{"sweep", "--grid", out.file("grid.json"), "--out", out.file("sweep")};
        auto r = test::run_cli(args, 300000);
        QCOMPARE(r.exit_code, 1);
        const std::string first = read_text(out.file("sweep/results.csv"));
        QVERIFY2(first.find("\"name=fedhap,clients=3\",0,trained,") != std::string::npos, first.c_str());
        QVERIFY2(first.find("\"name=fedavg-ce,clients=3\",0,trained,") != std::string::npos, first.c_str());
        QVERIFY2(first.find("\"name=fedhap,clients=1000\",0,failed,") != std::string::npos, first.c_str());
        QCOMPARE(load_config_file(out.file("sweep/name=fedavg-ce,clients=3-s0/config.json")).method.method, Method::FedAvgCe);
        QVERIFY(read_text(out.file("sweep/summary.svg")).find("<svg") == 0);
        // Again: the finished cells are read back, not trained; only the failing ones are tried.
        r = test::run_cli(args, 300000);
        const std::string second = read_text(out.file("sweep/results.csv"));
        QVERIFY2(second.find("\"name=fedhap,clients=3\",0,reused,") != std::string::npos, second.c_str());
        QVERIFY2(second.find("\"name=fedavg-ce,clients=3\",0,reused,") != std::string::npos, second.c_str());
        // A grid value the config refuses is named before anything trains.
        std::ofstream(out.file("bad.json")) << R"({"config": "tiny.json", "seeds": [0], "axes": {"training.rounds": [0]}})";
        r = test::run_cli({"sweep", "--grid", out.file("bad.json"), "--out", out.file("bad")});
        QCOMPARE(r.exit_code, 1);
        QVERIFY2(r.err.find("training.rounds: must be in 1..100000 (got 0)") != std::string::npos, r.err.c_str());
    }
};

QTEST_APPLESS_MAIN(ScienceTest)
#include "test_science.moc"
