#include "run_library_presenter.h"

#include <QDir>
#include <QFileInfo>
#include <algorithm>

#include "run_folder.h"
#include "runs_view.h"
#include "saved_runs.h"

namespace fedhap::workbench {
namespace {

constexpr int kPollMs = 1000;

// The newest change to the files a read depends on.
QDateTime last_change(const QString& folder) {
    QDateTime newest;
    for (const char* name : {"config.json", "metrics.jsonl", "summary.json"}) {
        const QFileInfo f(QDir(folder).filePath(name));
        if (f.exists()) newest = std::max(newest, f.lastModified());
    }
    return newest;
}

}  // namespace

RunLibraryPresenter::RunLibraryPresenter(widgets::RunsView& view, QObject* parent) : QObject(parent), view_(view) {
    timer_.setInterval(kPollMs);
    connect(&timer_, &QTimer::timeout, this, &RunLibraryPresenter::poll);
}

QString RunLibraryPresenter::open(const QString& path, bool checked) {
    if (!QFileInfo(path).isDir()) return tr("%1: not a folder").arg(path);
    const QStringList found = find_run_folders(path);
    if (found.isEmpty())
        return tr("%1: no run folder in it (a run folder holds the config.json and metrics.jsonl that fedhap run --out writes)")
            .arg(path);
    const QString root = QDir(path).absolutePath();
    if (!roots_.contains(root)) roots_ << root;
    bool changed = false;
    for (const QString& folder : found) changed = add(folder, checked) || changed;
    if (changed) Q_EMIT runs_read();
    timer_.start();
    return {};
}

void RunLibraryPresenter::open_saved_runs(int limit) {
    QStringList found = find_run_folders(saved_runs_home(), 1);
    std::sort(found.begin(), found.end());  // named by start time: the newest last
    if (found.size() > limit) found = found.mid(found.size() - limit);
    for (const QString& folder : found) add(folder, false);
    if (!found.isEmpty()) Q_EMIT runs_read();
}

int RunLibraryPresenter::unfinished() const {
    return static_cast<int>(std::count_if(opened_.begin(), opened_.end(), [](const Opened& o) { return !o.finished; }));
}

bool RunLibraryPresenter::add(const QString& folder, bool checked) {
    for (const auto& r : view_.runs())
        if (r.folder == folder) return false;  // opened already, or this session's own run
    opened_.push_back({folder, next_id_++, {}, false});
    return refresh(opened_.back(), checked);
}

bool RunLibraryPresenter::refresh(Opened& run, bool checked) {
    const QDateTime changed = last_change(run.folder);
    if (run.seen.isValid() && changed == run.seen) return false;
    run.seen = changed;
    run.finished = run_folder_finished(run.folder);
    widgets::RunRecord r;
    r.id = run.id;
    const QString error = read_run_folder(run.folder, r);
    if (!error.isEmpty()) {
        r.folder = run.folder;
        r.title = QFileInfo(run.folder).fileName();
        r.status = tr("cannot read: %1").arg(error);
    }
    view_.upsert_run(r, checked);
    return true;
}

void RunLibraryPresenter::poll() {
    bool changed = false;
    for (const QString& root : roots_)
        for (const QString& folder : find_run_folders(root)) changed = add(folder, true) || changed;
    for (Opened& run : opened_)
        if (!run.finished) changed = refresh(run, true) || changed;
    if (changed) Q_EMIT runs_read();
}

}  // namespace fedhap::workbench
