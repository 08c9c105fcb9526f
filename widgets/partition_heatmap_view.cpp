#include "partition_heatmap_view.h"

#include "qcustomplot_include.h"

#include <QFontMetrics>
#include <QVBoxLayout>

namespace fedhap::widgets {

PartitionHeatmapView::PartitionHeatmapView(QWidget* parent)
    : LiveView(parent), plot_(new QCustomPlot(this)), map_(new QCPColorMap(plot_->xAxis, plot_->yAxis)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    QCPColorGradient gradient;
    gradient.setColorStopAt(0.0, QColor(247, 251, 255));
    gradient.setColorStopAt(0.35, QColor(158, 202, 225));
    gradient.setColorStopAt(0.7, QColor(49, 130, 189));
    gradient.setColorStopAt(1.0, QColor(8, 48, 107));
    map_->setInterpolate(false);
    auto* scale = new QCPColorScale(plot_);
    plot_->plotLayout()->addElement(0, 1, scale);
    scale->setLabel(tr("samples"));
    map_->setColorScale(scale);
    scale->setGradient(gradient);  // after setColorScale, which would impose the scale's default
    auto* margins = new QCPMarginGroup(plot_);
    plot_->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    plot_->yAxis->setRangeReversed(true);  // client 0 on top, like a table
    plot_->xAxis->setTickLabelRotation(-35);
    plot_->xAxis->grid()->setVisible(false);
    plot_->yAxis->grid()->setVisible(false);
    plot_->yAxis->setLabel(tr("client"));
    set_hint(tr("Loading the dataset…"));
    redraw();
}

void PartitionHeatmapView::set_counts(const CountMatrix& counts) {
    counts_ = counts;
    request_redraw();
}

void PartitionHeatmapView::redraw() {
    const CountMatrix& counts = counts_;
    plot_->clearItems();
    place_hint(plot_, plot_->axisRect());  // clearItems deleted the old one
    show_hint(counts.rows() == 0);
    const int rows = counts.rows(), cols = counts.columns();
    map_->data()->setSize(std::max(cols, 1), std::max(rows, 1));
    map_->data()->setRange(QCPRange(0, std::max(cols - 1, 0)), QCPRange(0, std::max(rows - 1, 0)));
    const int peak = std::max(counts.max_count(), 1);
    QFont label_font = font();
    label_font.setPointSizeF(std::max(6.0, label_font.pointSizeF() - 1.5));
    // Counts in the cells while they fit: up to ~30 × 20 cells, each wide enough for three digits.
    const int cell_width = cols > 0 ? plot_->axisRect()->width() / cols : 0;
    const bool label_cells = rows * cols <= 600 && (cell_width == 0 || cell_width >= QFontMetrics(label_font).horizontalAdvance("888") + 2);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c) {
            const int v = counts.counts[r][c];
            map_->data()->setCell(c, r, v);
            if (!label_cells || v == 0) continue;
            auto* text = new QCPItemText(plot_);
            text->position->setCoords(c, r);
            text->setText(QString::number(v));
            text->setColor(v > peak * 0.55 ? Qt::white : QColor(30, 30, 30));
            text->setFont(label_font);
        }
    map_->setDataRange(QCPRange(0, peak));
    auto xt = QSharedPointer<QCPAxisTickerText>::create();
    for (int c = 0; c < cols; ++c) xt->addTick(c, counts.column_labels.value(c));
    plot_->xAxis->setTicker(xt);
    auto yt = QSharedPointer<QCPAxisTickerText>::create();
    const int step = rows > 30 ? (rows + 29) / 30 : 1;
    for (int r = 0; r < rows; r += step) yt->addTick(r, counts.row_labels.value(r));
    plot_->yAxis->setTicker(yt);
    plot_->xAxis->setRange(-0.5, cols - 0.5);
    plot_->yAxis->setRange(-0.5, rows - 0.5);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void PartitionHeatmapView::resizeEvent(QResizeEvent* event) {
    LiveView::resizeEvent(event);
    request_redraw();  // the cells' counts show only while they fit
}

QString PartitionHeatmapView::csv() const {
    QString out = "client";
    for (const QString& c : counts_.column_labels) out += "," + c;
    out += "\n";
    for (int r = 0; r < counts_.rows(); ++r) {
        out += counts_.row_labels.value(r);
        for (int v : counts_.counts[r]) out += "," + QString::number(v);
        out += "\n";
    }
    return out;
}

}  // namespace fedhap::widgets
