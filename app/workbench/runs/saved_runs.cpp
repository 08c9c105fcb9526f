#include "runs/saved_runs.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>

namespace fedhap::workbench {

QString saved_runs_home() {
    const QString chosen = qEnvironmentVariable("FEDHAP_WORKBENCH_RUNS");
    if (!chosen.isEmpty()) return chosen;
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/runs";
}

QString make_run_folder(const ExperimentConfig& config) {
    const QDir home(saved_runs_home());
    if (!home.mkpath(".")) return {};
    QString name = QString::fromStdString(config.name);
    name.replace(QRegularExpression("[^A-Za-z0-9_.-]+"), "-");
    const QString base = QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss") + (name.isEmpty() ? "" : "-" + name);
    for (int n = 1; n < 1000; ++n) {
        const QString folder = n == 1 ? base : QString("%1-%2").arg(base).arg(n);
        if (!home.exists(folder) && home.mkdir(folder)) return home.absoluteFilePath(folder);
    }
    return {};
}

void drop_run_folder_if_empty(const QString& folder) {
    if (folder.isEmpty() || QFileInfo(QDir(folder).filePath("metrics.jsonl")).size() > 0) return;
    QDir(folder).removeRecursively();
}

}  // namespace fedhap::workbench
