#pragma once
// Training loss (per client and mean), mAP and bytes sent per round, in one exportable plot.
#include <QWidget>

#include "exportable_view.h"
#include "training_curves.h"

class QCPAxisRect;
class QCPGraph;
class QCPBars;
class QCPLegend;

namespace fedhap::widgets {

class PlotHint;
class RedrawLimiter;

class LearningCurvesView : public QWidget, public ExportableView {
    Q_OBJECT
public:
    explicit LearningCurvesView(QWidget* parent = nullptr);
    ~LearningCurvesView() override;
    void set_curves(const TrainingCurves& curves);
    void set_hint(const QString& text);  // shown while there is no data
    const TrainingCurves& curves() const { return curves_; }
    void flush();  // apply a pending update now

    QCustomPlot* plot() const override { return plot_; }
    QString csv() const override;

private:
    void redraw();
    QCustomPlot* plot_;
    QCPAxisRect *loss_rect_, *map_rect_, *bytes_rect_;
    QCPGraph *mean_loss_, *map_;
    QVector<QCPGraph*> client_graphs_;
    QCPBars *up_, *down_;
    QCPLegend* loss_legend_;
    std::unique_ptr<PlotHint> hint_, map_hint_;
    RedrawLimiter* limiter_;
    TrainingCurves curves_;
    QString hint_text_;
};

}  // namespace fedhap::widgets
