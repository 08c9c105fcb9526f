#pragma once
// The session's finished runs compared as `fedhap compare` compares its arms: the runs are
// grouped by configuration, each group's mAP@all summarized over its seeds, set against the same
// configuration trained pooled, and against a reference group seed by seed with a 95 % interval
// (util/statistics.h). The result is the runs view's plain table (run_comparison_table.h).
#include <QMap>
#include <QString>
#include <QVector>

#include "run_comparison_table.h"
#include "run_record.h"

namespace fedhap::workbench {

// What makes two runs the same configuration: the experiment file without its seed, its name
// and the settings that only say where it runs (data path, device, threads), as compact JSON.
QString comparison_key(const QString& config_json);

// Groups the completed runs (RunRecord::completed) by comparison_key, the groups in the order of
// their first run; a seed run twice in a group counts once, with its later run. The reference is
// the group whose key is `reference_key`, the first group when it is empty or unknown. A row's
// label is its method plus the settings that differ from the reference's; for another method
// they are compared with the reference's settings under that method's preset, so a preset's own
// switches are not listed.
// Each completed run's final mAP@all as % of the mean over the completed runs of its configuration
// trained pooled (training.pooled = true), for the runs that have such a counterpart; by run id.
QMap<int, double> pooled_shares(const QVector<widgets::RunRecord>& runs);

widgets::RunComparisonTable compare_runs(const QVector<widgets::RunRecord>& runs, const QString& reference_key = {});

}  // namespace fedhap::workbench
