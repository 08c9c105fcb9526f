#pragma once
// Finds the run folders under a folder the user opened, as a bounded walk: each folder is
// searched once however many links or mounts lead to it (by device and inode), the depth, the
// folders listed and the entries looked at are capped, and so are the runs kept. What it did not
// search or list is said, one line each, so the Runs view can show why a run is missing. A plain
// function of values: the run library calls it off the GUI thread.
#include <QString>
#include <QStringList>
#include <atomic>

namespace fedhap::workbench {

struct RunScanLimits {
    int max_depth = 3;            // levels searched below the opened folder
    int max_folders = 10'000;     // folders listed in one walk
    int max_entries = 200'000;    // directory entries looked at in one walk
    int max_runs = 500;           // run folders kept (the first in path order, or the last: keep_last)
    bool keep_last = false;       // keep the last max_runs (saved runs, named by start time: the newest)
    int max_same_named = 3;       // paths named in a "reached again" note before "…"
};

struct RunFolderScan {
    QString root;          // the opened folder's canonical path; empty when it cannot be searched
    QStringList runs;      // canonical paths of the run folders kept, in path order
    QStringList shown;     // each as it is named to the user: <opened folder's name>/<path below it>
    int runs_found = 0;    // run folders seen (≥ runs.size())
    bool cut_short = false;  // a walk limit stopped it: runs_found is a lower bound
    QStringList notes;     // what was not searched or not listed, one line each
    QString error;         // when the opened path itself cannot be searched (one line, named)
};

// Walks `path`: itself when it is a run folder, else the run folders below it (not inside a run
// folder, not into hidden folders), sorted by path. `stop` is polled between folders.
RunFolderScan scan_run_folders(const QString& path, const RunScanLimits& limits = {}, const std::atomic<bool>* stop = nullptr);

}  // namespace fedhap::workbench
