#include "plot_style.h"

#include <algorithm>
#include <iterator>

#include "qcustomplot_include.h"

namespace fedhap::widgets {
namespace {

bool presenting = false;
constexpr double kPresentationScale = 1.7;  // lines and markers
constexpr double kPresentationFontScale = 1.4;

// `current` scaled by `factor` from the item's own size, remembered the first time it is scaled;
// an item never scaled keeps its size outside presentation style.
double scaled(QObject* item, const char* key, double current, double factor) {
    QVariant base = item->property(key);
    if (!base.isValid()) {
        if (!presenting) return current;
        item->setProperty(key, current);
        base = current;
    }
    return base.toDouble() * factor;
}

}  // namespace

void set_presentation_style(bool on) { presenting = on; }
bool presentation_style() { return presenting; }

void apply_presentation_scale(QCustomPlot* plot) {
    if (!plot) return;
    const double line = presenting ? kPresentationScale : 1.0, text = presenting ? kPresentationFontScale : 1.0;
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot->plottable(i);
        QPen pen = p->pen();
        if (pen.style() != Qt::NoPen) {
            pen.setWidthF(scaled(p, "fedhap_line", std::max(1.0, pen.widthF()), line));
            p->setPen(pen);
        }
        if (auto* g = qobject_cast<QCPGraph*>(p); g && !g->scatterStyle().isNone()) {
            QCPScatterStyle scatter = g->scatterStyle();
            scatter.setSize(scaled(g, "fedhap_marker", scatter.size(), line));
            g->setScatterStyle(scatter);
        }
    }
    for (QCPAxisRect* rect : plot->axisRects())
        for (QCPAxis* axis : rect->axes()) {
            QFont tick = axis->tickLabelFont(), label = axis->labelFont();
            tick.setPointSizeF(scaled(axis, "fedhap_tick_pt", tick.pointSizeF(), text));
            label.setPointSizeF(scaled(axis, "fedhap_label_pt", label.pointSizeF(), text));
            axis->setTickLabelFont(tick);
            axis->setLabelFont(label);
        }
    if (plot->legend) {
        QFont f = plot->legend->font();
        f.setPointSizeF(scaled(plot->legend, "fedhap_legend_pt", f.pointSizeF(), text));
        plot->legend->setFont(f);
    }
}

QColor class_color(int cls) {
    if (presenting) {
        static const QColor muted[] = {QColor(0x33, 0x22, 0x88), QColor(0x88, 0xCC, 0xEE), QColor(0x44, 0xAA, 0x99),
                                       QColor(0x11, 0x77, 0x33), QColor(0x99, 0x99, 0x33), QColor(0xDD, 0xCC, 0x77),
                                       QColor(0xCC, 0x66, 0x77), QColor(0x88, 0x22, 0x55), QColor(0xAA, 0x44, 0x99),
                                       QColor(0x55, 0x55, 0x55)};
        const int n = static_cast<int>(std::size(muted));
        return muted[((cls % n) + n) % n];
    }
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
