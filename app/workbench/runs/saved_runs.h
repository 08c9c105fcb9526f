#pragma once
// Where the workbench keeps the runs it makes: one run folder each (the CLI's format), under
// the user's data folder, so they open again after a restart and `fedhap` can read them.
#include <QString>

#include "experiment/experiment_config.h"

namespace fedhap::workbench {

// <user data folder>/runs (QStandardPaths::AppDataLocation), or $FEDHAP_WORKBENCH_RUNS when set.
QString saved_runs_home();

// A new, empty folder for a run of `config`: <home>/<yyyyMMdd-HHmmss>-<name>[-N]. Empty when it
// cannot be made (the run then goes unsaved).
QString make_run_folder(const ExperimentConfig& config);

// Removes a run folder that holds no finished round (a run stopped or failed before round 1).
void drop_run_folder_if_empty(const QString& folder);

}  // namespace fedhap::workbench
