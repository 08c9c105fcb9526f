#pragma once
// Clients × classes heat map of sample counts, with the count printed in each cell; the hint
// says why it is empty (data loading, no data, an impossible split).
#include "count_matrix.h"
#include "live_view.h"

class QCPColorMap;

namespace fedhap::widgets {

class PartitionHeatmapView : public LiveView {
    Q_OBJECT
public:
    explicit PartitionHeatmapView(QWidget* parent = nullptr);
    void set_counts(const CountMatrix& counts);
    const CountMatrix& counts() const { return counts_; }
    QCustomPlot* plot() const override { return plot_; }
    QString csv() const override;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void redraw() override;
    QCustomPlot* plot_;
    QCPColorMap* map_;
    CountMatrix counts_;
};

}  // namespace fedhap::widgets
