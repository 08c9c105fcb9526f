#pragma once
// The global prototypes as a classes × bits matrix of ±1 cells, with the bits that flipped since
// the previous round outlined, next to the prototypes' pairwise Hamming distances.
#include "live_view.h"
#include "prototype_matrix.h"

class QCPAxisRect;
class QCPColorMap;
class QCPTextElement;

namespace fedhap::widgets {

class PrototypeView : public LiveView {
    Q_OBJECT
public:
    explicit PrototypeView(QWidget* parent = nullptr);
    ~PrototypeView() override;
    void set_prototypes(const PrototypeMatrix& prototypes);
    const PrototypeMatrix& prototypes() const { return prototypes_; }

    QCustomPlot* plot() const override { return plot_; }
    QString csv() const override;

private:
    void redraw() override;
    QCustomPlot* plot_;
    QCPAxisRect *matrix_rect_, *distance_rect_;
    QCPColorMap *matrix_, *distance_;
    QCPTextElement *matrix_title_, *distance_title_;
    PrototypeMatrix prototypes_;
};

}  // namespace fedhap::widgets
