#pragma once
// Plain value type fed to the runs view: one run of this session.
#include <QString>
#include <QVector>

namespace fedhap::widgets {

struct RunRecord {
    int id = 0;
    QString title;        // e.g. "#2 fedhap · 32 bits"
    QString status;       // "running", "done: mAP 0.712", "stopped after round 3", "failed: …"
    QVector<double> map_rounds, map;
    QString config_json;  // the experiment file, for the diff
};

}  // namespace fedhap::widgets
