#pragma once
// Training loss (per client and mean), mAP and bytes sent per round, in one exportable plot.
#include <memory>

#include "live_view.h"
#include "training_curves.h"

class QCPAxisRect;
class QCPGraph;
class QCPBars;
class QCPLegend;

namespace fedhap::widgets {

class PlotHint;

class LearningCurvesView : public LiveView {
    Q_OBJECT
public:
    explicit LearningCurvesView(QWidget* parent = nullptr);
    ~LearningCurvesView() override;
    void set_curves(const TrainingCurves& curves);
    const TrainingCurves& curves() const { return curves_; }

    QCustomPlot* plot() const override { return plot_; }
    QString csv() const override;

private:
    void redraw() override;
    QCustomPlot* plot_;
    QCPAxisRect *loss_rect_, *map_rect_, *bytes_rect_;
    QCPGraph *mean_loss_, *map_;
    QVector<QCPGraph*> client_graphs_;
    QCPBars *up_, *down_;
    QCPLegend* loss_legend_;
    std::unique_ptr<PlotHint> map_hint_;  // over the mAP plot until the first evaluation
    TrainingCurves curves_;
};

}  // namespace fedhap::widgets
