#pragma once
// Lives in the training thread: runs one experiment at a time and reports value snapshots,
// each tagged with its run id, through signals (queued to the GUI thread). It also acknowledges
// a pause once it really holds: nothing more comes from that run until it is resumed or stopped.
#include <QByteArray>
#include <QObject>
#include <optional>

#include "experiment/experiment_config.h"
#include "settings/host_settings.h"
#include "run/run_control.h"
#include "run/run_snapshots.h"

namespace fedhap::workbench {

class ExperimentWorker : public QObject {
    Q_OBJECT
public:
    // Blocks this thread until the run ends (finished, stopped or failed); never throws. With
    // `host`, the clients are silo processes that join this server (crosssilo/serve.h). A run
    // with a `run_folder` writes it as `fedhap run --out` does (dropped when no round ended).
    void run(int run_id, const fedhap::ExperimentConfig& config, const SharedRunControl& control,
             const std::optional<HostSettings>& host = std::nullopt, const QString& run_folder = QString());

Q_SIGNALS:
    void data_ready(int run_id, const fedhap::workbench::RunData& data);
    void progress(int run_id, const fedhap::workbench::RunProgress& progress);
    void round_ended(int run_id, const fedhap::workbench::RoundUpdate& update, bool paused_after);
    // Sent just before the worker blocks; `pause` numbers the request it honours (RunControl).
    void paused(int run_id, int pause, const fedhap::workbench::RunProgress& at);
    void codes_ready(int run_id, const fedhap::workbench::SharedCodes& codes);
    void finished(int run_id, const fedhap::workbench::RunOutcome& outcome);
    // A hosted run's silo event: one line of crosssilo/silo_journal.h's format.
    void silo_event(int run_id, const QByteArray& line);

private:
    fedhap::RunSummary host(int run_id, const fedhap::ExperimentConfig& config, const HostSettings& host,
                            fedhap::RunObserver& observer, fedhap::StopToken& stop);
};

}  // namespace fedhap::workbench
