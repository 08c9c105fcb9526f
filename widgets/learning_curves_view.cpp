#include "learning_curves_view.h"

#include <QVBoxLayout>
#include <cmath>

#include "plot_style.h"
#include "qcustomplot_include.h"

namespace fedhap::widgets {
namespace {

// A titled axis rect in cell (row, column) of `grid`.
QCPAxisRect* add_rect(QCustomPlot* plot, QCPLayoutGrid* grid, int row, int column, const QString& title,
                      const QString& y_label) {
    auto* cell = new QCPLayoutGrid;
    grid->addElement(row, column, cell);
    auto* heading = new QCPTextElement(plot, title, QFont(plot->font().family(), plot->font().pointSize() + 1, QFont::Bold));
    cell->addElement(0, 0, heading);
    auto* rect = new QCPAxisRect(plot);
    cell->addElement(1, 0, rect);
    cell->setRowStretchFactor(0, 0.01);
    rect->axis(QCPAxis::atBottom)->setLabel(QObject::tr("round"));
    rect->axis(QCPAxis::atLeft)->setLabel(y_label);
    style_axis_rect(rect);
    return rect;
}

QCPLegend* add_legend(QCustomPlot* plot, QCPAxisRect* rect, Qt::Alignment where) {
    auto* legend = new QCPLegend;
    rect->insetLayout()->addElement(legend, where);
    legend->setLayer("legend");
    legend->setBrush(QColor(255, 255, 255, 220));
    legend->setBorderPen(QPen(QColor(200, 200, 200)));
    QFont f = plot->font();
    f.setPointSizeF(f.pointSizeF() - 1);
    legend->setFont(f);
    return legend;
}

// Bytes shown in the largest unit that keeps numbers ≥ 1.
std::pair<double, QString> byte_unit(double peak) {
    if (peak >= 1e9) return {1e9, "GB"};
    if (peak >= 1e6) return {1e6, "MB"};
    if (peak >= 1e3) return {1e3, "kB"};
    return {1.0, "B"};
}

}  // namespace

LearningCurvesView::LearningCurvesView(QWidget* parent) : LiveView(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    plot_->plotLayout()->clear();  // also drops the default axis rect and legend
    loss_rect_ = add_rect(plot_, plot_->plotLayout(), 0, 0, tr("Training loss"), tr("loss"));
    auto* bottom = new QCPLayoutGrid;
    plot_->plotLayout()->addElement(1, 0, bottom);
    map_rect_ = add_rect(plot_, bottom, 0, 0, tr("Retrieval mAP (last point: final, whole database)"), tr("mAP@all"));
    bytes_rect_ = add_rect(plot_, bottom, 0, 1, tr("Bytes sent per round"), tr("bytes"));
    plot_->plotLayout()->setRowStretchFactor(0, 1.2);

    mean_loss_ = plot_->addGraph(loss_rect_->axis(QCPAxis::atBottom), loss_rect_->axis(QCPAxis::atLeft));
    mean_loss_->setName(tr("mean over clients"));
    mean_loss_->setPen(QPen(QColor(30, 30, 30), 2.5));
    mean_loss_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 5));
    map_ = plot_->addGraph(map_rect_->axis(QCPAxis::atBottom), map_rect_->axis(QCPAxis::atLeft));
    map_->setName(tr("mAP"));
    map_->setPen(QPen(QColor(44, 160, 44), 2.5));
    map_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(44, 160, 44), 6));
    map_rect_->axis(QCPAxis::atLeft)->setRange(0, 1);

    up_ = new QCPBars(bytes_rect_->axis(QCPAxis::atBottom), bytes_rect_->axis(QCPAxis::atLeft));
    down_ = new QCPBars(bytes_rect_->axis(QCPAxis::atBottom), bytes_rect_->axis(QCPAxis::atLeft));
    up_->setName(tr("up (clients → server)"));
    down_->setName(tr("down (server → clients)"));
    up_->setBrush(QColor(31, 119, 180));
    up_->setPen(Qt::NoPen);
    down_->setBrush(QColor(255, 127, 14));
    down_->setPen(Qt::NoPen);
    auto* group = new QCPBarsGroup(plot_);
    up_->setBarsGroup(group);
    down_->setBarsGroup(group);
    up_->setWidth(0.38);
    down_->setWidth(0.38);

    loss_legend_ = add_legend(plot_, loss_rect_, Qt::AlignTop | Qt::AlignRight);
    mean_loss_->addToLegend(loss_legend_);
    auto* bytes_legend = add_legend(plot_, bytes_rect_, Qt::AlignTop | Qt::AlignRight);
    bytes_legend->addItem(new QCPPlottableLegendItem(bytes_legend, up_));
    bytes_legend->addItem(new QCPPlottableLegendItem(bytes_legend, down_));

    place_hint(plot_, loss_rect_);
    map_hint_ = std::make_unique<PlotHint>(plot_, map_rect_);
    set_hint(tr("No training yet — press Run (or Step) to start.\nCurves appear when the first round ends."));
    redraw();
}

LearningCurvesView::~LearningCurvesView() = default;

void LearningCurvesView::set_curves(const TrainingCurves& curves) {
    curves_ = curves;
    request_redraw();
}

void LearningCurvesView::redraw() {
    const TrainingCurves& c = curves_;
    // One thin line per client; the legend names them once, through the first.
    while (client_graphs_.size() < c.client_loss.size()) {
        auto* g = plot_->addGraph(loss_rect_->axis(QCPAxis::atBottom), loss_rect_->axis(QCPAxis::atLeft));
        QColor col = class_color(static_cast<int>(client_graphs_.size()));
        col.setAlpha(150);
        g->setPen(QPen(col, 1.2));
        // addGraph lists every graph in a legend; only the first client speaks for all.
        if (!client_graphs_.isEmpty()) g->removeFromLegend(loss_legend_);
        client_graphs_ << g;
    }
    while (client_graphs_.size() > c.client_loss.size()) plot_->removeGraph(client_graphs_.takeLast());
    if (!client_graphs_.isEmpty()) client_graphs_.first()->setName(tr("each client (%1)").arg(client_graphs_.size()));
    for (int k = 0; k < client_graphs_.size(); ++k) client_graphs_[k]->setData(c.rounds, c.client_loss[k], true);
    mean_loss_->setData(c.rounds, c.mean_loss, true);
    map_->setData(c.map_rounds, c.map, true);

    double peak = 0;
    for (int i = 0; i < c.bytes_up.size(); ++i) peak = std::max({peak, c.bytes_up[i], c.bytes_down.value(i)});
    const auto [scale, unit] = byte_unit(peak);
    QVector<double> up, down;
    for (double b : c.bytes_up) up << b / scale;
    for (double b : c.bytes_down) down << b / scale;
    up_->setData(c.rounds, up, true);
    down_->setData(c.rounds, down, true);
    bytes_rect_->axis(QCPAxis::atLeft)->setLabel(unit);

    const double last = std::max<double>(c.total_rounds, c.rounds.isEmpty() ? 1 : c.rounds.last());
    for (QCPAxisRect* r : {loss_rect_, map_rect_, bytes_rect_}) {
        r->axis(QCPAxis::atBottom)->setRange(0.5, last + 0.5);
        auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
        ticker->setTickStep(1.0);
        ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
        r->axis(QCPAxis::atBottom)->setTicker(ticker);
    }
    double lo = INFINITY, hi = -INFINITY;
    auto widen = [&](const QVector<double>& v) {
        for (double x : v)
            if (std::isfinite(x)) lo = std::min(lo, x), hi = std::max(hi, x);
    };
    widen(c.mean_loss);
    for (const auto& v : c.client_loss) widen(v);
    if (lo <= hi) {
        const double pad = std::max((hi - lo) * 0.08, 1e-3);
        loss_rect_->axis(QCPAxis::atLeft)->setRange(std::max(0.0, lo - pad), hi + pad);
    }
    bytes_rect_->axis(QCPAxis::atLeft)->setRange(0, peak > 0 ? peak / scale * 1.25 : 1);
    double map_hi = 0;
    for (double m : c.map) map_hi = std::max(map_hi, m);
    map_rect_->axis(QCPAxis::atLeft)->setRange(0, std::min(1.0, std::max(0.2, map_hi * 1.15)));
    show_hint(c.empty());
    map_hint_->show(c.map.isEmpty() && !c.empty() ? tr("No evaluation yet: mAP is measured every\n“Evaluate every” rounds and after the last one.")
                                                  : QString());
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QString LearningCurvesView::csv() const {
    const TrainingCurves& c = curves_;
    QString out = "round,mean_loss";
    for (int k = 0; k < c.client_loss.size(); ++k) out += QString(",loss_client_%1").arg(k);
    out += ",map,bytes_up,bytes_down\n";
    for (int i = 0; i < c.rounds.size(); ++i) {
        out += QString::number(c.rounds[i]) + "," + QString::number(c.mean_loss.value(i), 'g', 8);
        for (const auto& v : c.client_loss) out += "," + (std::isfinite(v.value(i)) ? QString::number(v[i], 'g', 8) : QString());
        const int m = c.map_rounds.indexOf(c.rounds[i]);
        out += "," + (m >= 0 ? QString::number(c.map[m], 'g', 8) : QString());
        out += QString(",%1,%2\n").arg(c.bytes_up.value(i), 0, 'f', 0).arg(c.bytes_down.value(i), 0, 'f', 0);
    }
    return out;
}

}  // namespace fedhap::widgets
