#pragma once
// Plain value type fed to the runs view: one run, of this session or read from a run folder.
#include <QString>
#include <QVector>

namespace fedhap::widgets {

struct RunRecord {
    int id = 0;
    QString title;        // e.g. "#2 fedhap · 32 bits"
    QString status;       // "running", "done: mAP 0.712", "stopped after round 3", "failed: …"
    QVector<double> map_rounds, map;
    QString config_json;  // the experiment file, for the diff and the comparison over seeds
    quint64 seed = 0;     // the config's seed
    bool completed = false;  // ran every round without error; then map_all is its final mAP@all
    double map_all = 0.0;
    // Braces on the fields without a default: `RunRecord{id, title, …}` stays free of
    // -Wmissing-field-initializers.
    QVector<double> rounds{}, loss{}, megabytes{};  // per finished round: mean loss, MB up + down
    double seconds = 0.0;  // end to end; 0 while unknown
    QString folder{};      // the run folder it is saved in or was read from; empty: none
};

}  // namespace fedhap::widgets
