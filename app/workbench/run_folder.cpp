#include "run_folder.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <exception>

#include "duration_text.h"
#include "experiment/experiment_config.h"

namespace fedhap::workbench {
namespace {

QString read_text(const QString& path, QString& error) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        error = QObject::tr("%1: %2").arg(path, f.errorString());
        return {};
    }
    return QString::fromUtf8(f.readAll());
}

// Adds the complete lines of metrics.jsonl; returns an error naming the first damaged one.
QString read_metrics(const QString& path, widgets::RunRecord& r) {
    QFile f(path);
    if (!f.exists()) return {};  // no round has ended yet
    if (!f.open(QIODevice::ReadOnly)) return QObject::tr("%1: %2").arg(path, f.errorString());
    const QByteArray text = f.readAll();
    qsizetype start = 0;
    int line = 0;
    for (qsizetype end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
        ++line;
        const QJsonObject m = QJsonDocument::fromJson(text.mid(start, end - start)).object();
        if (!m.value("round").isDouble() || !m.value("loss").isDouble())
            return QObject::tr("%1: line %2 is not a round's metrics").arg(path).arg(line);
        const double round = m.value("round").toDouble();
        r.rounds << round;
        r.loss << m.value("loss").toDouble();
        r.megabytes << (m.value("bytes_up").toDouble() + m.value("bytes_down").toDouble()) / 1e6;
        if (m.value("map").isDouble()) {
            r.map_rounds << round;
            r.map << m.value("map").toDouble();
        }
    }
    return {};
}

}  // namespace

bool is_run_folder(const QString& dir) {
    const QDir d(dir);
    return d.exists("config.json") && (d.exists("metrics.jsonl") || d.exists("summary.json"));
}

QStringList find_run_folders(const QString& root, int max_depth) {
    if (is_run_folder(root)) return {QDir(root).absolutePath()};
    QStringList found;
    if (max_depth <= 0) return found;
    for (const QFileInfo& sub : QDir(root).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
        found << find_run_folders(sub.absoluteFilePath(), max_depth - 1);
    return found;
}

bool run_folder_finished(const QString& dir) { return QDir(dir).exists("summary.json"); }

QString read_run_folder(const QString& dir, widgets::RunRecord& r) {
    const QDir d(dir);
    QString error;
    const QString config_text = read_text(d.filePath("config.json"), error);
    if (!error.isEmpty()) return error;
    ExperimentConfig c;
    try {
        c = config_from_json(config_text.toStdString(), d.filePath("config.json").toStdString());
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    const int id = r.id;
    r = {};
    r.id = id;
    r.folder = d.absolutePath();
    r.config_json = config_text;
    r.seed = c.seed;
    r.title = QString("%1 · %2%3 · %4 bits · %5 clients")
                  .arg(QFileInfo(r.folder).fileName(), QString::fromStdString(to_string(c.method.method)),
                       c.pooled ? QObject::tr(" (pooled)") : QString())
                  .arg(c.bits)
                  .arg(c.partition.clients);
    error = read_metrics(d.filePath("metrics.jsonl"), r);
    if (!error.isEmpty()) return error;
    const int done = r.rounds.isEmpty() ? 0 : static_cast<int>(r.rounds.last());

    if (!d.exists("summary.json")) {
        r.status = QObject::tr("round %1/%2, no summary yet (running or interrupted)").arg(done).arg(c.rounds);
        return {};
    }
    const QString summary_text = read_text(d.filePath("summary.json"), error);
    if (!error.isEmpty()) return error;
    const QJsonObject s = QJsonDocument::fromJson(summary_text.toUtf8()).object();
    if (s.isEmpty()) return QObject::tr("%1: not a run summary").arg(d.filePath("summary.json"));
    r.seconds = s.value("seconds_all_sessions").toDouble(s.value("seconds").toDouble());
    const double map_all = s.value("map_all").toDouble(-1.0);
    if (s.value("stopped").toBool() || map_all < 0) {
        r.status = QObject::tr("stopped after round %1").arg(s.value("rounds").toInt(done));
        return {};
    }
    r.completed = true;
    r.map_all = map_all;
    r.status = done_status(map_all, s.value("p_at_h2").toDouble(), r.seconds);
    return {};
}

QString done_status(double map_all, double p_at_h2, double seconds) {
    return QObject::tr("done: mAP %1, P@H≤2 %2, %3").arg(map_all, 0, 'f', 3).arg(p_at_h2, 0, 'f', 3).arg(duration_text(seconds));
}

}  // namespace fedhap::workbench
