#include "run_folder.h"

#include <sys/stat.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <exception>
#include <stdexcept>
#include <string>

#include "duration_text.h"
#include "experiment/config_limits.h"
#include "experiment/experiment_config.h"
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

// The core's message is "<path>: <fault>"; the fault alone, to be named by the shown name.
QString fault_of(const InputFileError& e, const std::string& path) {
    const std::string what = e.what(), prefix = printable_path(path) + ": ";
    return QString::fromStdString(what.compare(0, prefix.size(), prefix) == 0 ? what.substr(prefix.size()) : what);
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
        throw Refused(f.shown, fault_of(e, f.path));
    }
}

// Adds the complete lines of metrics.jsonl, one bounded line at a time (never the whole file).
void read_metrics(const RunFile& f, widgets::RunRecord& r) {
    try {
        InputFile file(f.path, input_limits::kJournal);
        LineReader lines(file, input_limits::kJournalLine);
        std::string line;
        while (lines.next(line)) {
            if (!lines.complete()) break;  // being written: the next read takes it whole
            const int n = static_cast<int>(lines.line_number());
            // A run has at most limits::rounds.hi rounds: more lines cannot be one, and would
            // only grow the record.
            if (n > limits::rounds.hi) throw Refused(f.shown, QObject::tr("more than %1 lines; refused").arg(limits::rounds.hi));
            const QJsonObject m = QJsonDocument::fromJson(QByteArray::fromRawData(line.data(), static_cast<qsizetype>(line.size()))).object();
            if (!m.value("round").isDouble() || !m.value("loss").isDouble())
                throw Refused(f.shown, QObject::tr("line %1 is not a round's metrics").arg(n));
            const double round = m.value("round").toDouble();
            r.rounds << round;
            r.loss << m.value("loss").toDouble();
            r.megabytes << (m.value("bytes_up").toDouble() + m.value("bytes_down").toDouble()) / 1e6;
            if (m.value("map").isDouble()) {
                r.map_rounds << round;
                r.map << m.value("map").toDouble();
            }
        }
    } catch (const InputFileError& e) {
        throw Refused(f.shown, fault_of(e, f.path));
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
    const std::string summary_text = read_small(summary_file);
    const QJsonObject s = QJsonDocument::fromJson(QByteArray::fromStdString(summary_text)).object();
    if (s.isEmpty()) throw Refused(summary_file.shown, QObject::tr("not a run summary"));
    r.seconds = s.value("seconds_all_sessions").toDouble(s.value("seconds").toDouble());
    const double map_all = s.value("map_all").toDouble(-1.0);
    if (s.value("stopped").toBool() || map_all < 0) {
        r.status = QObject::tr("stopped after round %1").arg(s.value("rounds").toInt(done));
        return;
    }
    r.completed = true;
    r.map_all = map_all;
    r.status = done_status(map_all, s.value("p_at_h2").toDouble(), r.seconds);
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
