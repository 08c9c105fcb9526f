#pragma once
// Runs from disk in the runs view: the run folders under a folder the user opens (File → Open run
// folder…, `--runs DIR`), and the workbench's own saved runs of earlier sessions. Like a
// training-log viewer, it keeps following what it opened: a run still being written gains its
// new rounds, and a run that starts under an opened folder appears.
#include <QDateTime>
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <QVector>

namespace fedhap::widgets {
class RunsView;
}

namespace fedhap::workbench {

class RunLibraryPresenter : public QObject {
    Q_OBJECT
public:
    explicit RunLibraryPresenter(widgets::RunsView& view, QObject* parent = nullptr);

    // Shows every run folder under `path` (or `path` itself), ticked as `checked` says, and keeps
    // following it. Returns an error when `path` holds no run folder.
    QString open(const QString& path, bool checked = true);
    // The newest `limit` saved runs of earlier sessions (saved_runs.h), not ticked.
    void open_saved_runs(int limit);
    int unfinished() const;  // opened runs without their summary yet
    void set_poll_interval(int ms) { timer_.setInterval(ms); }

Q_SIGNALS:
    void runs_read();  // a read added or changed runs in the view

private:
    struct Opened {
        QString folder;
        int id = 0;
        QDateTime seen;  // the newest modification time read
        bool finished = false;
    };
    void poll();
    bool add(const QString& folder, bool checked);  // false when the view has it already
    bool refresh(Opened& run, bool checked);        // reads it again when it changed

    widgets::RunsView& view_;
    QVector<Opened> opened_;
    QStringList roots_;  // opened folders, scanned again for new runs
    QTimer timer_;
    int next_id_ = 100000;  // apart from this session's run ids
};

}  // namespace fedhap::workbench
