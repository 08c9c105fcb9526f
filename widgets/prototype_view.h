#pragma once
// The global prototypes as a classes × bits matrix of ±1 cells, with the bits that flipped since
// the previous round outlined, next to the prototypes' pairwise Hamming distances.
#include <QWidget>
#include <memory>

#include "exportable_view.h"
#include "prototype_matrix.h"

class QCPAxisRect;
class QCPColorMap;
class QCPTextElement;

namespace fedhap::widgets {

class PlotHint;
class RedrawLimiter;

class PrototypeView : public QWidget, public ExportableView {
    Q_OBJECT
public:
    explicit PrototypeView(QWidget* parent = nullptr);
    ~PrototypeView() override;
    void set_prototypes(const PrototypeMatrix& prototypes);
    void set_hint(const QString& text);  // shown while there is no data
    const PrototypeMatrix& prototypes() const { return prototypes_; }
    void flush();

    QCustomPlot* plot() const override { return plot_; }
    QString csv() const override;

private:
    void redraw();
    QCustomPlot* plot_;
    QCPAxisRect *matrix_rect_, *distance_rect_;
    QCPColorMap *matrix_, *distance_;
    QCPTextElement *matrix_title_, *distance_title_;
    std::unique_ptr<PlotHint> hint_;
    RedrawLimiter* limiter_;
    PrototypeMatrix prototypes_;
    QString hint_text_;
};

}  // namespace fedhap::widgets
