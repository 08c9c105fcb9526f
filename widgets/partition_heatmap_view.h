#pragma once
// Clients × classes heat map of sample counts, with the count printed in each cell.
#include <QWidget>

#include "count_matrix.h"

class QCustomPlot;
class QCPColorMap;

namespace fedhap::widgets {

class PartitionHeatmapView : public QWidget {
    Q_OBJECT
public:
    explicit PartitionHeatmapView(QWidget* parent = nullptr);
    void set_counts(const CountMatrix& counts);
    const CountMatrix& counts() const { return counts_; }
    QCustomPlot* plot() const { return plot_; }

private:
    QCustomPlot* plot_;
    QCPColorMap* map_;
    CountMatrix counts_;
};

}  // namespace fedhap::widgets
