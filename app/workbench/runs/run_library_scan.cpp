#include "runs/run_library_scan.h"

#include <sys/stat.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSet>

#include "runs/run_folder.h"

namespace fedhap::workbench {

FolderStamp folder_stamp(const QString& folder) {
    FolderStamp s;
    int i = 0;
    for (const char* name : {"config.json", "metrics.jsonl", "summary.json"}) {
        struct stat st {};
        // stat does not open: a FIFO or a device is stamped without blocking.
        if (::stat(QFile::encodeName(QDir(folder).filePath(name)).constData(), &st) == 0) {
            s.values[i] = static_cast<qint64>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
            s.values[i + 1] = static_cast<qint64>(st.st_size);
        }
        i += 2;
    }
    return s;
}

namespace {

bool stopped(const std::atomic<bool>* stop) { return stop && stop->load(); }

}  // namespace

LibraryScan scan_library(const LibraryRequest& request, const std::atomic<bool>* stop) {
    LibraryScan out;
    QHash<QString, const KnownFolder*> known;
    for (const KnownFolder& k : request.known) known.insert(k.folder, &k);
    QSet<QString> skip;  // read this pass already, or another's
    for (const QString& other : request.others) {
        const QString canonical = QFileInfo(other).canonicalFilePath();
        if (!canonical.isEmpty()) skip.insert(canonical);
    }
    auto consider = [&](const QString& folder, const QString& shown) {
        if (skip.contains(folder)) return;
        skip.insert(folder);
        const KnownFolder* k = known.value(folder, nullptr);
        if (k && k->finished) return;
        FolderRead read;
        read.folder = folder;
        read.shown = k ? k->shown : shown;
        read.stamp = folder_stamp(folder);  // before the read: a change during it is seen next pass
        if (k && read.stamp == k->stamp) return;
        read.finished = run_folder_finished(folder);
        read.error = read_run_folder(folder, read.record, read.shown);
        out.reads << read;
    };
    for (const LibraryRoot& root : request.roots) {
        out.roots << scan_run_folders(root.path, root.limits, stop);
        const RunFolderScan& scan = out.roots.last();
        for (int i = 0; i < scan.runs.size() && !stopped(stop); ++i) consider(scan.runs[i], scan.shown[i]);
    }
    for (const KnownFolder& k : request.known) {
        if (stopped(stop)) break;
        consider(k.folder, k.shown);
    }
    return out;
}

}  // namespace fedhap::workbench
