#pragma once
// Clients × classes heat map of sample counts, with the count printed in each cell.
#include <QWidget>

#include "count_matrix.h"
#include "exportable_view.h"

class QCustomPlot;
class QCPColorMap;

namespace fedhap::widgets {

class PartitionHeatmapView : public QWidget, public ExportableView {
    Q_OBJECT
public:
    explicit PartitionHeatmapView(QWidget* parent = nullptr);
    void set_counts(const CountMatrix& counts);
    const CountMatrix& counts() const { return counts_; }
    QCustomPlot* plot() const override { return plot_; }
    QString csv() const override;

private:
    QCustomPlot* plot_;
    QCPColorMap* map_;
    CountMatrix counts_;
};

}  // namespace fedhap::widgets
