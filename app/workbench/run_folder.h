#pragma once
// Reads the run folders the CLI and the workbench write (experiment/run_directory.h: config.json,
// metrics.jsonl, summary.json) into the runs view's records, for runs made on another machine,
// in an earlier session, or still being written.
#include <QString>
#include <QStringList>

#include "run_record.h"

namespace fedhap::workbench {

// A folder holding a run: config.json and metrics.jsonl or summary.json.
bool is_run_folder(const QString& dir);

// `root` itself when it is a run folder, else the run folders under it (down to `max_depth`
// levels), sorted by path.
QStringList find_run_folders(const QString& root, int max_depth = 3);

// Fills `record` (all but its id) from `dir`; returns an error naming the file, empty on success.
// A last line of metrics.jsonl without its newline is one being written: it is left for the next
// read. A run without summary.json is in progress, or was interrupted.
QString read_run_folder(const QString& dir, widgets::RunRecord& record);

// The status line of a run that ran every round, for runs of this session and runs read alike.
QString done_status(double map_all, double p_at_h2, double seconds);

// Whether the run ended (summary.json is there): a followed folder then needs no more reads.
bool run_folder_finished(const QString& dir);

}  // namespace fedhap::workbench
