#pragma once
// Plain value type fed to the embedding view: 2-D points coloured by class, the last
// `prototypes` of them being the class prototypes.
#include <QImage>
#include <QStringList>
#include <QVector>

namespace fedhap::widgets {

struct EmbeddingPoints {
    QVector<double> x, y;
    QVector<int> labels;     // class per point
    int prototypes = 0;      // the last `prototypes` points are prototypes (labels = their class)
    QStringList class_names;
    QString caption;         // e.g. "iteration 250 / 1000"

    int size() const { return static_cast<int>(x.size()); }
    int data_points() const { return size() - prototypes; }
};

}  // namespace fedhap::widgets
