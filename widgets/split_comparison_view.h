#pragma once
// Several clients × classes heat maps side by side, each under its caption: the same training
// set split in different ways (the "What non-IID means" lesson).
#include <QStringList>
#include <QVector>
#include <QWidget>

#include "count_matrix.h"

namespace fedhap::widgets {

class PartitionHeatmapView;

class SplitComparisonView : public QWidget {
    Q_OBJECT
public:
    explicit SplitComparisonView(QWidget* parent = nullptr);
    // One heat map per split; an empty matrix shows the hint instead (an impossible split).
    void set_splits(const QStringList& captions, const QVector<CountMatrix>& counts, const QString& hint = {});
    QVector<PartitionHeatmapView*> maps() const { return maps_; }

private:
    QVector<PartitionHeatmapView*> maps_;
};

}  // namespace fedhap::widgets
