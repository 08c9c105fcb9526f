#pragma once
// Runs from disk in the runs view: the run folders under a folder the user opens (File → Open run
// folder…, `--runs DIR`), and the workbench's own saved runs of earlier sessions. Like a
// training-log viewer, it keeps following what it opened: a run still being written gains its
// new rounds, and a run that starts under an opened folder appears.
//
// Every walk and read runs on a worker thread of its own (run_library_scan.h); the GUI thread
// hands it a snapshot and applies the values it returns, so a slow, hostile or huge folder never
// stalls the window. One pass at a time: a poll that comes while a pass runs is skipped, and
// folders opened meanwhile wait for the next pass; a folder whose walk hit a limit (a link to
// "/", a huge tree) is walked again every tenth poll only. What a pass could not list (a refused file, a
// link loop, a limit reached) goes to the view's notes, one line each.
#include <QFutureWatcher>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>
#include <QVector>
#include <atomic>
#include <memory>

#include "runs/run_library_scan.h"

namespace fedhap::widgets {
class RunsView;
}

namespace fedhap::workbench {

class RunLibraryPresenter : public QObject {
    Q_OBJECT
public:
    explicit RunLibraryPresenter(widgets::RunsView& view, QObject* parent = nullptr);
    ~RunLibraryPresenter() override;

    // Shows every run folder under `path` (or `path` itself), ticked as `checked` says, and keeps
    // following it. The walk happens off the GUI thread: `opened` tells how it went.
    void open(const QString& path, bool checked = true);
    // The newest `limit` saved runs of earlier sessions (saved_runs.h), not ticked.
    void open_saved_runs(int limit);
    int unfinished() const;  // listed runs without their summary yet
    bool busy() const { return in_flight_ || !waiting_.isEmpty(); }  // a pass runs, or one waits to start
    QStringList notes() const;  // what the view shows as not listed
    void set_poll_interval(int ms) { timer_.setInterval(ms); }
    // The walk limits of the folders opened from now on (run_folder_scan.h's defaults otherwise).
    void set_walk_limits(const RunScanLimits& limits) { limits_ = limits; }

Q_SIGNALS:
    void runs_read();  // a pass added or changed runs in the view
    // The first pass over a folder given to open() ended: `error` is empty when it holds run
    // folders (listed or refused), else one line ("not a folder", "no run folder in it").
    void opened(const QString& path, const QString& error);
    void pass_done();  // a pass ended and its results are in the view

private:
    struct Root {
        QString path;       // as opened
        QString canonical;  // from its first pass; two opens of one folder are one root
        RunScanLimits limits;
        bool checked = true;   // runs found under it come ticked
        bool followed = true;  // walked again on every poll (saved runs are read once)
        bool reported = true;  // opened() was emitted (never for saved runs)
        RunFolderScan last;    // its newest pass
        int polls_skipped = 0;
    };
    struct Tracked {
        KnownFolder known;
        int id = 0;  // in the view; 0: never read whole, so not listed
        bool checked = true;
        QString error;  // of the newest read
    };
    void poll();
    void start_pass();
    void apply(const LibraryScan& scan);
    // Updates the folder's tracking from `read`; fills the record the view should show and
    // whether it comes ticked (`checked`: the root's, for a new run), false when none.
    bool take_read(const FolderRead& read, bool& checked, widgets::RunRecord& record);
    void show_notes();

    widgets::RunsView& view_;
    QVector<Root> roots_;    // followed and read-once roots, after their first pass
    QVector<Root> waiting_;  // opened, for the next pass
    QVector<Root> passing_;  // opened, in the pass now running
    QVector<int> walked_;    // the roots_ rows the pass now running walks again
    QVector<Tracked> tracked_;
    QHash<QString, int> index_;  // canonical folder -> tracked_ row
    QTimer timer_;
    QThreadPool pool_;  // one thread: passes never overlap
    QFutureWatcher<LibraryScan> watcher_;
    std::shared_ptr<std::atomic<bool>> stop_ = std::make_shared<std::atomic<bool>>(false);
    bool in_flight_ = false;
    RunScanLimits limits_;
    int next_id_ = 100000;  // apart from this session's run ids
};

}  // namespace fedhap::workbench
