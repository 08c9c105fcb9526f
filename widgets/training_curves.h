#pragma once
// Plain value type fed to the learning-curves view: one entry per finished round.
#include <QStringList>
#include <QVector>

namespace fedhap::widgets {

struct TrainingCurves {
    int total_rounds = 0;                  // the x range; 0 = fit the data
    QVector<double> rounds;                // 1-based round numbers
    QVector<double> mean_loss;             // sample-weighted mean over the clients
    QVector<QVector<double>> client_loss;  // [client][i]; NaN when the client sat out round i
    QVector<double> map_rounds, map;       // evaluated rounds only
    QVector<double> bytes_up, bytes_down;  // per round, all clients together

    bool empty() const { return rounds.isEmpty(); }
};

}  // namespace fedhap::widgets
