#include "runs/run_folder.h"

#include <sys/stat.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <exception>
#include <stdexcept>
#include <string>

#include "window/duration_text.h"
#include "experiment/config_limits.h"
#include "experiment/experiment_config.h"
#include "experiment/run_folder_read.h"
#include "io/input_file.h"
#include "util/printable_path.h"

namespace fedhap::workbench {
namespace {

// A file of the run refused or damaged; what() is the one line read_run_folder returns.
class Refused : public std::runtime_error {
public:
    Refused(const QString& shown_file, const QString& fault)
        : std::runtime_error(printable_path(shown_file.toStdString()) + ": " + fault.toStdString()) {}
};

// The name itself is there (lstat: a dangling link or a FIFO counts, and is refused when read).
bool has_entry(const QString& path) {
    struct stat st {};
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0;
}


struct RunFile {
    std::string path;  // as opened
    QString shown;     // as named in errors
};

RunFile run_file(const QString& dir, const QString& shown, const char* name) {
    return {QFile::encodeName(QDir(dir).filePath(name)).toStdString(), shown + "/" + name};
}

std::string read_small(const RunFile& f) {
    try {
        return read_input_file(f.path, input_limits::kConfig);
    } catch (const InputFileError& e) {
        throw Refused(f.shown, QString::fromStdString(e.fault()));
    }
}

// Adds the complete lines of metrics.jsonl (the core's reader: one bounded line at a time).
void read_metrics(const RunFile& f, widgets::RunRecord& r) {
    try {
        read_metrics_file(f.path, limits::rounds.hi, [&r](const RoundRecord& m) {
            r.rounds << m.round;
            r.loss << m.loss;
            r.megabytes << (m.bytes_up + m.bytes_down) / 1e6;
            if (m.map) {
                r.map_rounds << m.round;
                r.map << *m.map;
            }
        });
    } catch (const RunFileError& e) {
        throw Refused(f.shown, QString::fromStdString(e.fault()));
    }
}

void read_into(const QString& dir, const QString& shown, widgets::RunRecord& r) {
    const RunFile config_file = run_file(dir, shown, "config.json");
    const std::string config_text = read_small(config_file);
    const ExperimentConfig c = config_from_json(config_text, config_file.shown.toStdString());  // names the file and the key
    const int id = r.id;
    r = {};
    r.id = id;
    r.folder = QDir(dir).absolutePath();
    r.config_json = QString::fromStdString(config_text);
    r.seed = c.seed;
    r.title = QString("%1 · %2%3 · %4 bits · %5 clients")
                  .arg(QFileInfo(r.folder).fileName(), QString::fromStdString(to_string(c.method.method)),
                       c.pooled ? QObject::tr(" (pooled)") : QString())
                  .arg(c.bits)
                  .arg(c.partition.clients);
    const RunFile metrics_file = run_file(dir, shown, "metrics.jsonl");
    if (has_entry(QDir(dir).filePath("metrics.jsonl"))) read_metrics(metrics_file, r);  // none: no round has ended yet
    const int done = r.rounds.isEmpty() ? 0 : static_cast<int>(r.rounds.last());

    if (!has_entry(QDir(dir).filePath("summary.json"))) {
        r.status = QObject::tr("round %1/%2, no summary yet (running or interrupted)").arg(done).arg(c.rounds);
        return;
    }
    const RunFile summary_file = run_file(dir, shown, "summary.json");
    SummaryRecord s;
    try {
        s = read_summary_file(summary_file.path);
    } catch (const RunFileError& e) {
        throw Refused(summary_file.shown, QString::fromStdString(e.fault()));
    }
    r.seconds = s.seconds_all_sessions.value_or(s.seconds.value_or(0.0));
    const double map_all = s.map_all.value_or(-1.0);
    if (s.stopped || map_all < 0) {
        r.status = QObject::tr("stopped after round %1").arg(s.rounds.value_or(done));
        return;
    }
    r.completed = true;
    r.map_all = map_all;
    r.status = done_status(map_all, s.p_at_h2.value_or(0.0), r.seconds);
}

}  // namespace

bool is_run_folder(const QString& dir) {
    const QDir d(dir);
    return has_entry(d.filePath("config.json")) && (has_entry(d.filePath("metrics.jsonl")) || has_entry(d.filePath("summary.json")));
}

bool run_folder_finished(const QString& dir) { return has_entry(QDir(dir).filePath("summary.json")); }

QString read_run_folder(const QString& dir, widgets::RunRecord& r, const QString& shown) {
    try {
        read_into(dir, shown.isEmpty() ? dir : shown, r);
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

QString done_status(double map_all, double p_at_h2, double seconds) {
    return QObject::tr("done: mAP %1, P@H≤2 %2, %3").arg(map_all, 0, 'f', 3).arg(p_at_h2, 0, 'f', 3).arg(duration_text(seconds));
}

}  // namespace fedhap::workbench
