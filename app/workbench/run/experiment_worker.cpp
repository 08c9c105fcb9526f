#include "run/experiment_worker.h"

#include <QDir>
#include <chrono>
#include <exception>

#include "crosssilo/serve.h"
#include "crosssilo/silo_journal.h"
#include "runs/saved_runs.h"

namespace fedhap::workbench {
namespace {

// Turns the run's callbacks into signals of the worker. Callbacks run on the training thread;
// each copies what it needs, so the GUI never touches the run's own data.
class SnapshotObserver : public RunObserver {
public:
    SnapshotObserver(ExperimentWorker& worker, int run_id, RunControl& control)
        : worker_(worker), run_id_(run_id), control_(control) {}

    void on_data(const Dataset& joined, const RetrievalSplit& split,
                 const std::vector<std::vector<std::size_t>>& client_counts) override {
        RunData d;
        d.data = std::make_shared<const Dataset>(joined);
        d.query = split.query;
        d.database = split.database;
        d.client_counts = client_counts;
        Q_EMIT worker_.data_ready(run_id_, d);
    }
    void on_round_start(int round, int rounds) override {
        progress_ = RunProgress{round, rounds, 0, 0, 0, 0};
        send_progress(true);
    }
    // The pause holds in the two callbacks that come right before a batch or after one.
    void on_client_start(int, int client, int clients) override {
        (void)client;
        progress_.client += 1;
        progress_.clients = clients;
        progress_.batch = 0;
        send_progress(false);
        hold_if_paused();
    }
    void on_batch(int, int, int batch, int batches, double) override {
        progress_.batch = batch;  // the core counts from 1
        progress_.batches = batches;
        send_progress(false);
        hold_if_paused();
    }
    void on_round_end(const RoundMetrics& metrics, const PrototypeSnapshot& prototypes) override {
        // Step: the pause holds at the next round's first client.
        const bool pause = control_.pause_if_round_step_requested();
        Q_EMIT worker_.round_ended(run_id_, RoundUpdate{metrics, prototypes}, pause);
    }
    void on_codes(const CodesSnapshot& codes) override {
        Q_EMIT worker_.codes_ready(run_id_, std::make_shared<const CodesSnapshot>(codes));
    }

private:
    void hold_if_paused() {
        const bool held = control_.hold_while_paused([this](int pause) { Q_EMIT worker_.paused(run_id_, pause, progress_); });
        // Stopped while held: leave now, as the core does at its next batch, rather than let
        // this client's last batch end the round.
        if (held && control_.stop_token().stop_requested()) throw StopRequested{};
    }

    // Batches come by the hundred per second: send at most ten progress updates a second.
    void send_progress(bool always) {
        const auto now = std::chrono::steady_clock::now();
        if (!always && now - last_sent_ < std::chrono::milliseconds(100)) return;
        last_sent_ = now;
        Q_EMIT worker_.progress(run_id_, progress_);
    }

    ExperimentWorker& worker_;
    int run_id_;
    RunControl& control_;
    RunProgress progress_;
    std::chrono::steady_clock::time_point last_sent_{};
};

}  // namespace

RunSummary ExperimentWorker::host(int run_id, const ExperimentConfig& config, const HostSettings& host, RunObserver& observer,
                                  StopToken& stop) {
    ServeSettings settings;
    settings.listen = parse_endpoint(host.listen.toStdString(), "listen address");
    settings.round_timeout = std::chrono::milliseconds(static_cast<long long>(host.round_timeout_seconds * 1000));
    if (!host.secret_file.isEmpty()) settings.key = FrameKey::from_file(host.secret_file.toStdString());
    const std::string folder = host.run_folder.toStdString();
    SiloJournal::LineSink file;
    if (!folder.empty()) {
        QDir().mkpath(host.run_folder);
        file = SiloJournal::file_sink(folder + "/silos.jsonl", false);
    }
    SiloJournal journal([this, run_id, file](const std::string& line) {
        if (file) file(line);
        Q_EMIT silo_event(run_id, QByteArray::fromStdString(line));
    });
    return serve_experiment(config, RunOptions{folder, false, {}}, settings, observer, journal, stop);
}

void ExperimentWorker::run(int run_id, const ExperimentConfig& config, const SharedRunControl& control,
                           const std::optional<HostSettings>& hosting, const QString& run_folder) {
    RunOutcome outcome;
    try {
        SnapshotObserver observer(*this, run_id, *control);
        outcome.summary = hosting ? host(run_id, config, *hosting, observer, control->stop_token())
                                  : run_experiment(config, RunOptions{run_folder.toStdString()}, observer, control->stop_token());
    } catch (const std::exception& e) {
        outcome.error = QString::fromStdString(e.what());
    } catch (const StopRequested&) {
        // Stopped before the round loop could catch it (e.g. during the first round's setup).
        outcome.summary.stopped = true;
    } catch (...) {
        outcome.error = tr("unknown error");
    }
    drop_run_folder_if_empty(run_folder);
    Q_EMIT finished(run_id, outcome);
}

}  // namespace fedhap::workbench
