// Kill -9 at seeded random moments of a run (rounds, checkpoint and final writes included), then
// the same command with --resume: always the metrics of an uninterrupted run, and no temporary
// file left behind.
#include <QtTest>

#include <QProcess>
#include <filesystem>
#include <random>

#include "experiment/experiment_config.h"
#include "test_files.h"
#include "tiny_experiment.h"

using namespace fedhap;
using fedhap::test::TempDir;

namespace {

std::vector<std::string> temporaries(const std::string& dir) {
    std::vector<std::string> found;
    std::error_code ec;
    for (auto it = std::filesystem::recursive_directory_iterator(dir, ec); !ec && it != std::filesystem::recursive_directory_iterator();
         it.increment(ec))
        if (it->path().filename().string().find(".tmp.") != std::string::npos) found.push_back(it->path().string());
    return found;
}

}  // namespace

class CrashConsistencyTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void twenty_kills_at_random_moments_resume_to_the_same_metrics() {
        TempDir data, dir;
        test::write_tiny_mnist(data.path(), 30, 8);
        ExperimentConfig c = test::tiny_experiment_config(data.path());
        c.rounds = 6;
        save_config_file(dir.file("config.json"), c);
        const std::vector<std::string> run{"run", "--config", dir.file("config.json"), "--format", "json", "--out"};

        QElapsedTimer timer;
        timer.start();
        auto args = run;
        args.push_back(dir.file("reference"));
        const auto reference = test::run_cli(args);
        QCOMPARE(reference.exit_code, 0);
        const qint64 whole_ms = timer.elapsed();
        const std::string expected = test::metrics_without_timings(dir.file("reference/metrics.jsonl"));
        const std::string expected_summary = reference.out.substr(reference.out.find("\"map_all\""), 40);

        std::mt19937 rng(20261129);
        std::uniform_int_distribution<qint64> moment(0, whole_ms);
        int resumed_from_checkpoint = 0;
        for (int i = 0; i < 20; ++i) {
            const std::string out = dir.file("killed-" + std::to_string(i));
            auto killed = run;
            killed.push_back(out);
            const qint64 at = moment(rng);
            auto proc = test::start_cli(killed);
            QVERIFY(proc->waitForStarted());
            if (!proc->waitForFinished(static_cast<int>(at))) proc->kill();  // SIGKILL
            proc->waitForFinished();
            resumed_from_checkpoint += std::filesystem::exists(out + "/checkpoint.bin") ? 1 : 0;

            auto again = killed;
            again.push_back("--resume");
            const auto r = test::run_cli(again);
            QVERIFY2(r.exit_code == 0, (std::to_string(i) + " killed at " + std::to_string(at) + " ms: " + r.err).c_str());
            QCOMPARE(test::metrics_without_timings(out + "/metrics.jsonl"), expected);
            QVERIFY2(r.out.find(expected_summary) != std::string::npos, r.out.c_str());  // the same final mAP
            const auto left = temporaries(out);
            QVERIFY2(left.empty(), left.empty() ? "" : left.front().c_str());
        }
        qInfo("20 kills within %lld ms; %d of them after a checkpoint", whole_ms, resumed_from_checkpoint);
    }
};

QTEST_APPLESS_MAIN(CrashConsistencyTest)
#include "test_crash_consistency.moc"
