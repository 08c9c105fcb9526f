#pragma once
// One pass of the run library, as the worker thread does it: walk the opened folders
// (run_folder_scan.h) and read the run folders that are new or changed since the last pass
// (run_folder.h). Values in, values out: the presenter hands it a snapshot of what it knows and
// gets the new records back through a queued signal, so no file is touched on the GUI thread.
#include <QString>
#include <QStringList>
#include <QVector>
#include <array>
#include <atomic>

#include "runs/run_folder_scan.h"
#include "run_record.h"

namespace fedhap::workbench {

// What a read of a run folder depends on: modification time and size of config.json,
// metrics.jsonl and summary.json (-1 for one that is not there).
struct FolderStamp {
    std::array<qint64, 6> values{-1, -1, -1, -1, -1, -1};
    bool operator==(const FolderStamp& o) const { return values == o.values; }
    bool operator!=(const FolderStamp& o) const { return !(*this == o); }
};
FolderStamp folder_stamp(const QString& folder);

struct LibraryRoot {
    QString path;  // as opened
    RunScanLimits limits;
};

struct KnownFolder {
    QString folder;  // canonical
    QString shown;
    FolderStamp stamp;  // at its last read
    bool finished = false;  // its summary.json was there: never read again
};

struct LibraryRequest {
    QVector<LibraryRoot> roots;   // walked, in this order
    QVector<KnownFolder> known;   // read before: read again only when the stamp changed
    QStringList others;           // folders of runs the view has from elsewhere (this session's): never read
};

struct FolderRead {
    QString folder;  // canonical
    QString shown;   // named in errors as <opened folder's name>/<path below it>
    FolderStamp stamp;
    bool finished = false;
    widgets::RunRecord record;  // without its id; valid when error is empty
    QString error;              // the file and its fault, one line
};

struct LibraryScan {
    QVector<RunFolderScan> roots;  // one per request root, in its order
    QVector<FolderRead> reads;     // the folders read this pass, in the roots' path order
};

// A folder found under several roots is read once, named as under the first. A known folder that
// no root finds now (a saved run, or one that was removed) is still read when it changed and has
// not finished. `stop` is polled between folders; a stopped pass returns what it has.
LibraryScan scan_library(const LibraryRequest& request, const std::atomic<bool>* stop = nullptr);

}  // namespace fedhap::workbench
