// What a run folder and the files a run reads survive: damaged or impossible checkpoints, a
// damaged metrics line, a folder that holds another run, a run killed before its first
// checkpoint, totals across a resume, stale temporary files, gzip bombs, absurd thread counts.
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <thread>

#include "data/data_error.h"
#include "data/file_bytes.h"
#include "experiment/experiment_config.h"
#include "experiment/experiment_runner.h"
#include "experiment/run_directory.h"
#include "test_files.h"
#include "tiny_experiment.h"
#include "util/memory_budget.h"
#include "util/thread_pool.h"

using namespace fedhap;
using fedhap::test::TempDir;

namespace {

using test::StopAtRound;

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const std::exception& e) {
        return e.what();
    }
    return "";
}

}  // namespace

class RunFolderTest : public QObject {
    Q_OBJECT
private:
    TempDir data_;
    ExperimentConfig config() const { return test::tiny_experiment_config(data_.path()); }

    // A run stopped when round 3 starts: checkpoint of round 2.
    void interrupted_run(const std::string& dir) {
        StopToken stop;
        StopAtRound observer(stop, 3);
        QVERIFY(run_experiment(config(), {dir, false, {}}, observer, stop).stopped);
    }
    std::string resume(const std::string& dir) {
        return error_of([&] {
            StopToken stop;
            RunObserver quiet;
            run_experiment(config(), {dir, true, {}}, quiet, stop);
        });
    }

private Q_SLOTS:
    void initTestCase() { test::write_tiny_mnist(data_.path(), 30, 8); }

    void a_damaged_checkpoint_is_refused_not_resumed() {
        TempDir dir;
        interrupted_run(dir.path());
        std::string bytes = test::read_text(dir.file("checkpoint.bin"));
        for (std::size_t i = 100; i < 200; ++i) bytes[i] = static_cast<char>(bytes[i] ^ 0x5A);  // weights
        test::write_bytes(dir.file("checkpoint.bin"), std::vector<std::uint8_t>(bytes.begin(), bytes.end()));
        const std::string error = resume(dir.path());
        QVERIFY2(error.find("checksum mismatch") != std::string::npos, error.c_str());
    }

    void a_checkpoint_of_an_impossible_round_is_refused() {
        TempDir dir;
        RunDirectory run(dir.path());
        run.write_checkpoint({-5, 1.0, {{1.0f, 2.0f}}});  // a valid checksum over a bad round
        const std::string error = error_of([&] { run.read_checkpoint(); });
        QVERIFY2(error.find("round -5") != std::string::npos, error.c_str());
    }

    void a_damaged_metrics_line_stops_the_resume_and_names_the_line() {
        TempDir dir;
        interrupted_run(dir.path());
        std::string text = test::read_text(dir.file("metrics.jsonl"));
        text.insert(text.find('\n') + 1, "{{{");  // outside any string: not JSON any more
        test::write_bytes(dir.file("metrics.jsonl"), std::vector<std::uint8_t>(text.begin(), text.end()));
        const std::string error = resume(dir.path());
        QVERIFY2(error.find("metrics.jsonl line 2 is damaged") != std::string::npos, error.c_str());
    }

    void a_folder_of_another_run_is_refused_and_an_early_kill_starts_again() {
        TempDir dir;
        interrupted_run(dir.path());
        const std::string error = error_of([&] {
            StopToken stop;
            RunObserver quiet;
            run_experiment(config(), {dir.path(), false, {}}, quiet, stop);
        });
        QVERIFY2(error.find("already holds a run") != std::string::npos, error.c_str());

        // Killed before the first checkpoint: only config.json and an empty metrics.jsonl.
        TempDir early;
        save_config_file(early.file("config.json"), config());
        test::write_bytes(early.file("metrics.jsonl"), {});
        test::write_bytes(early.file("summary.json.tmp.999999.0"), {'x'});
        StopToken stop;
        RunObserver quiet;
        const RunSummary s = run_experiment(config(), {early.path(), false, {}}, quiet, stop);
        QCOMPARE(s.rounds, 4);
        QVERIFY(!std::filesystem::exists(early.file("summary.json.tmp.999999.0")));  // the stale temporary is gone
        ExperimentConfig other = config();
        other.seed = 77;
        TempDir third;
        save_config_file(third.file("config.json"), other);
        const std::string mixed = error_of([&] {
            StopToken st;
            run_experiment(config(), {third.path(), false, {}}, quiet, st);
        });
        QVERIFY2(mixed.find("another experiment") != std::string::npos, mixed.c_str());
        // --resume where nothing was saved yet: starts from round 1.
        TempDir nothing;
        QCOMPARE(run_experiment(config(), {nothing.path(), true, {}}, quiet, stop).rounds, 4);
    }

    void totals_after_a_resume_cover_every_round() {
        TempDir straight, resumed;
        StopToken stop;
        RunObserver quiet;
        const RunSummary a = run_experiment(config(), {straight.path(), false, {}}, quiet, stop);
        interrupted_run(resumed.path());
        const RunSummary b = run_experiment(config(), {resumed.path(), true, {}}, quiet, stop);
        QCOMPARE(b.rounds, 4);
        QCOMPARE(b.bytes_up, a.bytes_up);
        QCOMPARE(b.bytes_down, a.bytes_down);
        QCOMPARE(b.train_samples, a.train_samples);
        QCOMPARE(b.prototype_min_distance, a.prototype_min_distance);
        QCOMPARE(b.map_all, a.map_all);
    }

    void a_gzip_bomb_is_refused_before_it_fills_memory() {
        TempDir dir;
        test::write_gzip(dir.file("bomb.gz"), std::vector<std::uint8_t>(8u << 20, 0));  // 8 MiB of zeros, ~8 KiB on disk
        QVERIFY(std::filesystem::file_size(dir.file("bomb.gz")) < (64u << 10));
        const std::string error = error_of([&] { read_file_bytes(dir.file("bomb.gz"), 1u << 20); });
        QVERIFY2(error.find("inflates to more than 1 MiB") != std::string::npos, error.c_str());
        QCOMPARE(read_file_bytes(dir.file("bomb.gz")).size(), std::size_t{8u << 20});  // under the real limit it loads
    }

    void a_run_that_cannot_fit_in_memory_says_so_up_front() {
        check_memory_budget(100, 1000, "x");  // fits
        check_memory_budget(100, 0, "x");     // unknown: no check
        const std::string error = error_of([] { check_memory_budget(3ull << 30, 1ull << 30, "training on 60000 images"); });
        QVERIFY2(error == "training on 60000 images needs about 3.0 GiB of memory, this machine has 1.0 GiB available", error.c_str());
        QVERIFY(available_memory_bytes() > 0);  // Linux: MemAvailable is there
    }

    void absurd_thread_counts_are_capped() {
        const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
        QCOMPARE(resolve_thread_count(1024), std::min(1024, 4 * cores));
        QCOMPARE(resolve_thread_count(0), cores);
        QCOMPARE(resolve_thread_count(1), 1);
    }
};

QTEST_APPLESS_MAIN(RunFolderTest)
#include "test_run_folder.moc"
