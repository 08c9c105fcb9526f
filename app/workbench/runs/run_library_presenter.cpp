#include "runs/run_library_presenter.h"

#include <QSet>
#include <QtConcurrent>
#include <algorithm>

#include "runs_view.h"
#include "runs/saved_runs.h"

namespace fedhap::workbench {
namespace {

constexpr int kPollMs = 1000;
constexpr int kCutShortEvery = 10;  // polls between walks of a root whose walk hit a limit

}  // namespace

RunLibraryPresenter::RunLibraryPresenter(widgets::RunsView& view, QObject* parent) : QObject(parent), view_(view) {
    timer_.setInterval(kPollMs);
    connect(&timer_, &QTimer::timeout, this, &RunLibraryPresenter::poll);
    pool_.setMaxThreadCount(1);
    connect(&watcher_, &QFutureWatcher<LibraryScan>::finished, this, [this] {
        in_flight_ = false;
        apply(watcher_.result());
        if (!waiting_.isEmpty()) start_pass();  // opened while that pass ran
    });
}

RunLibraryPresenter::~RunLibraryPresenter() {
    // The pass checks the flag between folders, so this waits for one file read at most.
    stop_->store(true);
    pool_.waitForDone();
}

void RunLibraryPresenter::open(const QString& path, bool checked) {
    Root root;
    root.path = path;
    root.limits = limits_;
    root.checked = checked;
    waiting_ << root;
    timer_.start();
    start_pass();
}

void RunLibraryPresenter::open_saved_runs(int limit) {
    Root root;
    root.path = saved_runs_home();
    root.limits.max_depth = 1;
    root.limits.max_runs = limit;
    root.limits.keep_last = true;  // named by start time: the newest last
    root.checked = false;
    root.followed = false;
    root.reported = false;
    waiting_ << root;
    start_pass();
}

int RunLibraryPresenter::unfinished() const {
    return static_cast<int>(
        std::count_if(tracked_.begin(), tracked_.end(), [](const Tracked& t) { return t.id != 0 && !t.known.finished; }));
}

void RunLibraryPresenter::poll() {
    if (in_flight_) return;  // the pass now running is this poll's
    const bool walk = std::any_of(roots_.begin(), roots_.end(), [](const Root& r) { return r.followed; });
    const bool reread = std::any_of(tracked_.begin(), tracked_.end(), [](const Tracked& t) { return !t.known.finished; });
    if (walk || reread || !waiting_.isEmpty()) start_pass();
}

void RunLibraryPresenter::start_pass() {
    if (in_flight_) return;
    LibraryRequest request;
    walked_.clear();
    for (int i = 0; i < roots_.size(); ++i) {
        Root& r = roots_[i];
        if (!r.followed) continue;
        // A walk that hit a limit costs the most and finds the least that is new: every tenth poll.
        if (r.last.cut_short && ++r.polls_skipped < kCutShortEvery) continue;
        r.polls_skipped = 0;
        request.roots << LibraryRoot{r.path, r.limits};
        walked_ << i;
    }
    passing_ = waiting_;
    waiting_.clear();
    for (const Root& r : passing_) request.roots << LibraryRoot{r.path, r.limits};
    QSet<int> ours;
    for (const Tracked& t : tracked_) {
        request.known << t.known;
        if (t.id) ours.insert(t.id);
    }
    for (const widgets::RunRecord& run : view_.runs())
        if (!ours.contains(run.id) && !run.folder.isEmpty()) request.others << run.folder;
    in_flight_ = true;
    watcher_.setFuture(QtConcurrent::run(&pool_, [request, stop = stop_] { return scan_library(request, stop.get()); }));
}

void RunLibraryPresenter::apply(const LibraryScan& scan) {
    if (stop_->load()) return;
    // Which root a folder was found under first decides whether it comes ticked.
    QHash<QString, bool> checked;
    int at = 0;
    for (const int i : walked_) {
        Root& r = roots_[i];
        r.last = scan.roots.value(at++);
        for (const QString& f : r.last.runs)
            if (!checked.contains(f)) checked.insert(f, r.checked);
    }
    for (Root r : passing_) {
        r.last = scan.roots.value(at++);
        r.canonical = r.last.root;
        QString error = r.last.error;
        if (error.isEmpty() && r.last.runs_found == 0)
            error = tr("%1: no run folder in it (a run folder holds the config.json and metrics.jsonl that fedhap run --out writes)")
                        .arg(r.path);
        for (const QString& f : r.last.runs)
            if (!checked.contains(f)) checked.insert(f, r.checked);
        const bool again = std::any_of(roots_.begin(), roots_.end(), [&](const Root& o) { return o.canonical == r.canonical; });
        if (error.isEmpty() && !again) roots_ << r;
        if (r.reported) Q_EMIT opened(r.path, error);
    }
    passing_.clear();
    // Into the view in batches, one runs_changed each: a pass may bring hundreds of runs.
    QVector<widgets::RunRecord> batch;
    bool batch_checked = true, changed = false;
    for (const FolderRead& read : scan.reads) {
        bool tick = checked.value(read.folder, true);
        widgets::RunRecord r;
        if (!take_read(read, tick, r)) continue;
        if (!batch.isEmpty() && tick != batch_checked) {
            view_.upsert_runs(batch, batch_checked);
            batch.clear();
        }
        batch_checked = tick;
        batch << r;
        changed = true;
    }
    view_.upsert_runs(batch, batch_checked);
    show_notes();
    if (changed) Q_EMIT runs_read();
    Q_EMIT pass_done();
}

bool RunLibraryPresenter::take_read(const FolderRead& read, bool& checked, widgets::RunRecord& record) {
    int row = index_.value(read.folder, -1);
    if (row < 0) {
        Tracked t;
        t.known.folder = read.folder;
        t.known.shown = read.shown;
        t.checked = checked;
        row = static_cast<int>(tracked_.size());
        tracked_ << t;
        index_.insert(read.folder, row);
    }
    Tracked& t = tracked_[row];
    t.known.stamp = read.stamp;
    t.known.finished = read.finished && read.error.isEmpty();  // a refused summary is read again when it changes
    t.error = read.error;
    checked = t.checked;
    if (read.error.isEmpty()) {
        if (t.id == 0) t.id = next_id_++;
        record = read.record;
        record.id = t.id;
        return true;
    }
    if (t.id == 0) return false;  // never read whole: a note, not a run
    // Listed before: its curves stay as they were, its status says why they no longer grow.
    for (const widgets::RunRecord& shown : view_.runs())
        if (shown.id == t.id) {
            record = shown;
            record.status = tr("cannot read: %1").arg(read.error);
            return true;
        }
    return false;
}

QStringList RunLibraryPresenter::notes() const {
    // The refused run folders first (why a run is missing), then what the walks left out.
    QStringList refused, walked;
    for (const Root& r : roots_) {
        for (const QString& f : r.last.runs) {
            const int row = index_.value(f, -1);
            if (row >= 0 && tracked_[row].id == 0 && !tracked_[row].error.isEmpty() && !refused.contains(tracked_[row].error))
                refused << tracked_[row].error;
        }
        for (const QString& n : r.last.notes)
            if (!walked.contains(n)) walked << n;
    }
    return refused + walked;
}

void RunLibraryPresenter::show_notes() { view_.set_notes(notes()); }

}  // namespace fedhap::workbench
