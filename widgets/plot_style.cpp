#include "plot_style.h"

#include <iterator>

#include "qcustomplot_include.h"

namespace fedhap::widgets {

QColor class_color(int cls) {
    static const QColor tableau[] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
                                     QColor(214, 39, 40),  QColor(148, 103, 189), QColor(140, 86, 75),
                                     QColor(227, 119, 194), QColor(127, 127, 127), QColor(188, 189, 34),
                                     QColor(23, 190, 207)};
    const int n = static_cast<int>(std::size(tableau));
    const int i = ((cls % n) + n) % n;
    return cls >= n ? tableau[i].darker(150) : tableau[i];
}

void style_axis_rect(QCPAxisRect* rect) {
    const QPen grid(QColor(225, 225, 225), 0, Qt::SolidLine);
    for (QCPAxis* axis : {rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft)}) {
        axis->grid()->setPen(grid);
        axis->grid()->setZeroLinePen(grid);
        axis->setBasePen(QPen(QColor(120, 120, 120)));
        axis->setTickPen(QPen(QColor(120, 120, 120)));
        axis->setSubTickPen(QPen(QColor(160, 160, 160)));
        axis->setTickLabelColor(QColor(60, 60, 60));
        axis->setLabelColor(QColor(40, 40, 40));
    }
}

PlotHint::PlotHint(QCustomPlot* plot, QCPAxisRect* rect) : item_(new QCPItemText(plot)) {
    item_->setClipToAxisRect(false);
    item_->position->setType(QCPItemPosition::ptAxisRectRatio);
    item_->position->setAxisRect(rect);
    item_->position->setCoords(0.5, 0.5);
    item_->setPositionAlignment(Qt::AlignCenter);
    item_->setColor(QColor(130, 130, 130));
    item_->setTextAlignment(Qt::AlignCenter);
    QFont f = plot->font();
    f.setPointSizeF(f.pointSizeF() + 1);
    item_->setFont(f);
    item_->setVisible(false);
}

void PlotHint::show(const QString& text) {
    item_->setText(text);
    item_->setVisible(!text.isEmpty());
}

}  // namespace fedhap::widgets
