#pragma once
// Runs experiments on a training thread it owns (RAII: stop, quit, wait) and steers them: run,
// pause/resume, stop, step one round. Re-emits the worker's snapshots on the GUI thread, only
// those of the current run: results of a cancelled or replaced run are dropped by run id.
#include <QObject>
#include <QThread>

#include <QByteArray>
#include <optional>

#include "experiment/experiment_config.h"
#include "settings/host_settings.h"
#include "run/run_control.h"
#include "run/run_snapshots.h"

namespace fedhap::workbench {

class ExperimentWorker;

class ExperimentController : public QObject {
    Q_OBJECT
public:
    enum class State { Idle, Running, Paused, Stopping };
    Q_ENUM(State)

    explicit ExperimentController(QObject* parent = nullptr);
    ~ExperimentController() override;

    // Starts a run (stopping the current one first) and returns its id. `pause_after_round`:
    // pause when round 1 ends (Step from idle).
    // With `host`, the run's clients are silo processes that join this server.
    int start(const fedhap::ExperimentConfig& config, bool pause_after_round = false,
              const std::optional<HostSettings>& host = std::nullopt);
    void pause();
    void resume();
    void stop();
    // Idle: start a run that pauses after round 1. Paused: resume until the current round ends.
    void step(const fedhap::ExperimentConfig& config_if_idle);

    State state() const { return state_; }
    const std::optional<HostSettings>& hosting() const { return hosting_; }  // of the current run
    int run_id() const { return run_id_; }
    // The current run's folder (saved_runs.h, or the hosted run's); empty when it is not saved.
    const QString& run_folder() const { return run_folder_; }

Q_SIGNALS:
    void state_changed(fedhap::workbench::ExperimentController::State state);
    void run_started(int run_id, const fedhap::ExperimentConfig& config);
    void data_ready(int run_id, const fedhap::workbench::RunData& data);
    void progress(int run_id, const fedhap::workbench::RunProgress& progress);
    void round_ended(int run_id, const fedhap::workbench::RoundUpdate& update);
    // Acknowledges the current pause: the worker now holds at `at` (between two batches) and
    // sends nothing more until resume, step or stop. The state turns Paused before this comes.
    void paused(int run_id, const fedhap::workbench::RunProgress& at);
    void codes_ready(int run_id, const fedhap::workbench::SharedCodes& codes);
    void run_finished(int run_id, const fedhap::workbench::RunOutcome& outcome);
    void silo_event(int run_id, const QByteArray& line);

private:
    void set_state(State s);
    QThread thread_;
    ExperimentWorker* worker_;  // lives in thread_, deleted when it finishes
    SharedRunControl control_;  // of the current run
    State state_ = State::Idle;
    std::optional<HostSettings> hosting_;
    int run_id_ = 0;
    QString run_folder_;
};

}  // namespace fedhap::workbench
