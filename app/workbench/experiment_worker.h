#pragma once
// Lives in the training thread: runs one experiment at a time and reports value snapshots,
// each tagged with its run id, through signals (queued to the GUI thread).
#include <QObject>

#include "experiment/experiment_config.h"
#include "run_control.h"
#include "run_snapshots.h"

namespace fedhap::workbench {

class ExperimentWorker : public QObject {
    Q_OBJECT
public:
    // Blocks this thread until the run ends (finished, stopped or failed); never throws.
    void run(int run_id, const fedhap::ExperimentConfig& config, const SharedRunControl& control);

Q_SIGNALS:
    void data_ready(int run_id, const fedhap::workbench::RunData& data);
    void progress(int run_id, const fedhap::workbench::RunProgress& progress);
    void round_ended(int run_id, const fedhap::workbench::RoundUpdate& update, bool paused_after);
    void codes_ready(int run_id, const fedhap::workbench::SharedCodes& codes);
    void finished(int run_id, const fedhap::workbench::RunOutcome& outcome);
};

}  // namespace fedhap::workbench
