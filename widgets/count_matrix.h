#pragma once
// Plain value type fed to the partition heat map: rows × columns of counts with labels.
#include <QString>
#include <QStringList>
#include <QVector>

namespace fedhap::widgets {

struct CountMatrix {
    QStringList row_labels;     // e.g. "client 0"
    QStringList column_labels;  // e.g. class names
    QVector<QVector<int>> counts;  // [row][column]

    int rows() const { return static_cast<int>(counts.size()); }
    int columns() const { return static_cast<int>(column_labels.size()); }
    int max_count() const;
};

}  // namespace fedhap::widgets
