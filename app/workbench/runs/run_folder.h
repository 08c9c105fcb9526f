#pragma once
// Reads the run folders the CLI and the workbench write (experiment/run_directory.h: config.json,
// metrics.jsonl, summary.json) into the runs view's records, for runs made on another machine,
// in an earlier session, or still being written. Every file goes through the core's rule for
// files read (io/input_file.h): a regular file only, size capped, metrics read a bounded line at
// a time, so a FIFO, /dev/zero or an endless line is refused by name rather than hanging the
// reader or filling memory. Plain functions of values: the run library calls them off the GUI
// thread.
#include <QString>

#include "run_record.h"

namespace fedhap::workbench {

// A folder holding a run: config.json and metrics.jsonl or summary.json (present as names; what
// they are is for read_run_folder to judge, so a FIFO called config.json is reported, not skipped).
bool is_run_folder(const QString& dir);

// Fills `record` (all but its id) from `dir`; returns an error naming the file and the fault on
// one line, empty on success. The files are named `shown`/<file> in errors (`dir` when `shown` is
// empty), so a library can name them relative to the folder the user opened. A last line of
// metrics.jsonl without its newline is one being written: it is left for the next read. A run
// without summary.json is in progress, or was interrupted.
QString read_run_folder(const QString& dir, widgets::RunRecord& record, const QString& shown = {});

// The status line of a run that ran every round, for runs of this session and runs read alike.
QString done_status(double map_all, double p_at_h2, double seconds);

// Whether the run ended (summary.json is there): a followed folder then needs no more reads.
bool run_folder_finished(const QString& dir);

}  // namespace fedhap::workbench
