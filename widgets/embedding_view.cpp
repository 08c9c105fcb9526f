#include "embedding_view.h"

#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>
#include <cmath>

#include "plot_style.h"
#include "qcustomplot_include.h"

namespace fedhap::widgets {

EmbeddingView::EmbeddingView(QWidget* parent) : LiveView(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    plot_->plotLayout()->insertRow(0);
    title_ = new QCPTextElement(plot_, tr("t-SNE of the database codes"),
                                QFont(font().family(), font().pointSize() + 1, QFont::Bold));
    plot_->plotLayout()->addElement(0, 0, title_);
    style_axis_rect(plot_->axisRect());
    // t-SNE coordinates have no units: keep the grid, drop the numbers.
    for (QCPAxis* a : {plot_->xAxis, plot_->yAxis}) {
        a->setTickLabels(false);
        a->setTicks(false);
    }
    // The legend sits right of the map, never over its points.
    plot_->axisRect()->insetLayout()->take(plot_->legend);
    auto* side = new QCPLayoutGrid;
    plot_->plotLayout()->addElement(1, 1, side);
    plot_->plotLayout()->setColumnStretchFactor(1, 0.001);
    side->addElement(0, 0, plot_->legend);
    side->addElement(1, 0, new QCPLayoutElement(plot_));  // takes the spare height: the legend stays compact
    side->setRowStretchFactors({0.001, 1.0});
    plot_->legend->setVisible(true);
    plot_->legend->setBrush(QColor(255, 255, 255, 210));
    plot_->legend->setBorderPen(QPen(QColor(200, 200, 200)));
    QFont lf = font();
    lf.setPointSizeF(lf.pointSizeF() - 1);
    plot_->legend->setFont(lf);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);

    hover_ = new QLabel(plot_);
    hover_->setStyleSheet("QLabel { background: white; border: 1px solid #888; padding: 3px; }");
    hover_->setAlignment(Qt::AlignCenter);
    hover_->hide();
    plot_->setMouseTracking(true);
    connect(plot_, &QCustomPlot::mouseMove, this, &EmbeddingView::on_mouse_move);
    connect(plot_, &QCustomPlot::mousePress, this, [this](QMouseEvent* e) {
        const int i = point_at(e->position());
        if (i >= 0 && i < points_.data_points()) Q_EMIT point_clicked(i);
    });

    place_hint(plot_, plot_->axisRect());
    set_hint(tr("The map of the codes appears after the first evaluation\n(every “eval every” rounds, and at the end)."));
    redraw();
}

EmbeddingView::~EmbeddingView() = default;

void EmbeddingView::set_points(const EmbeddingPoints& points) {
    points_ = points;
    request_redraw();
}

void EmbeddingView::set_thumbnail_source(ThumbnailSource source) { thumbnail_ = std::move(source); }

namespace {

// A point as a pre-drawn disc: QPainter copies a pixmap many times faster than it fills an
// antialiased ellipse, which is what keeps a frame of the whole database short.
QPixmap disc(QColor colour) {
    const int kSize = presentation_style() ? 9 : 6;
    QPixmap pixmap(kSize, kSize);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    colour.setAlpha(170);
    painter.setBrush(colour);
    painter.drawEllipse(QRectF(0.5, 0.5, kSize - 1.0, kSize - 1.0));
    return pixmap;
}

}  // namespace

void EmbeddingView::redraw() {
    const EmbeddingPoints& p = points_;
    const int classes = std::max<int>(p.class_names.size(), p.labels.isEmpty() ? 0 : *std::max_element(p.labels.begin(), p.labels.end()) + 1);
    while (class_graphs_.size() < classes) {
        auto* g = plot_->addGraph();
        g->setLineStyle(QCPGraph::lsNone);
        g->setAdaptiveSampling(false);
        class_graphs_ << g;
        auto* proto = plot_->addGraph();
        proto->setLineStyle(QCPGraph::lsNone);
        proto->removeFromLegend();
        prototype_graphs_ << proto;
    }
    QVector<QVector<double>> xs(class_graphs_.size()), ys(class_graphs_.size()), pxs(class_graphs_.size()), pys(class_graphs_.size());
    for (int i = 0; i < p.size(); ++i) {
        const int c = p.labels.value(i);
        if (c < 0 || c >= class_graphs_.size()) continue;
        auto& x = i < p.data_points() ? xs[c] : pxs[c];
        auto& y = i < p.data_points() ? ys[c] : pys[c];
        x << p.x[i];
        y << p.y[i];
    }
    for (int c = 0; c < class_graphs_.size(); ++c) {
        // Styled at every frame: the palette may have changed (presentation style).
        class_graphs_[c]->setScatterStyle(QCPScatterStyle(disc(class_color(c))));
        prototype_graphs_[c]->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(Qt::black, 1.8), class_color(c), 15));
        class_graphs_[c]->setName(p.class_names.value(c, QString::number(c)));
        class_graphs_[c]->setData(xs[c], ys[c]);
        prototype_graphs_[c]->setData(pxs[c], pys[c]);
        const bool used = c < classes && (!xs[c].isEmpty() || !pxs[c].isEmpty());
        class_graphs_[c]->setVisible(used);
        if (used) class_graphs_[c]->addToLegend(); else class_graphs_[c]->removeFromLegend();
    }
    // The diamond explains itself once in the legend, through an empty neutral graph.
    if (!prototype_legend_) {
        prototype_legend_ = plot_->addGraph();
        prototype_legend_->setLineStyle(QCPGraph::lsNone);
        prototype_legend_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, QPen(Qt::black, 1.8), Qt::white, 13));
        prototype_legend_->setName(tr("prototype (in its class colour)"));
    }
    if (p.prototypes > 0) prototype_legend_->addToLegend(); else prototype_legend_->removeFromLegend();
    if (p.size() > 0) {
        double x0 = *std::min_element(p.x.begin(), p.x.end()), x1 = *std::max_element(p.x.begin(), p.x.end());
        double y0 = *std::min_element(p.y.begin(), p.y.end()), y1 = *std::max_element(p.y.begin(), p.y.end());
        const double px = std::max((x1 - x0) * 0.05, 1e-6), py = std::max((y1 - y0) * 0.05, 1e-6);
        plot_->xAxis->setRange(x0 - px, x1 + px);
        plot_->yAxis->setRange(y0 - py, y1 + py);
    }
    title_->setText(p.caption.isEmpty() ? tr("t-SNE of the database codes") : p.caption);
    show_hint(p.size() == 0);
    plot_->legend->setVisible(p.size() > 0);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

int EmbeddingView::point_at(const QPointF& pixel, double radius_px) const {
    int best = -1;
    double best_d = radius_px * radius_px;
    for (int i = 0; i < points_.size(); ++i) {
        const double dx = plot_->xAxis->coordToPixel(points_.x[i]) - pixel.x();
        const double dy = plot_->yAxis->coordToPixel(points_.y[i]) - pixel.y();
        const double d = dx * dx + dy * dy;
        if (d <= best_d) best_d = d, best = i;
    }
    return best;
}

void EmbeddingView::on_mouse_move(QMouseEvent* event) {
    const int i = point_at(event->position());
    if (i < 0) {
        hover_->hide();
        return;
    }
    const QString cls = points_.class_names.value(points_.labels.value(i), QString::number(points_.labels.value(i)));
    if (i >= points_.data_points()) {
        hover_->setText(tr("<b>prototype</b><br>%1").arg(cls.toHtmlEscaped()));
    } else if (const QImage small = thumbnail_ ? thumbnail_(i) : QImage(); !small.isNull()) {
        // Pixel art: scale without smoothing so small images stay crisp; the class goes under it.
        const QImage big = small.scaled(small.size() * std::max(1, 84 / std::max(1, small.width())));
        QPixmap card(std::max(big.width(), 180), big.height() + 20);
        card.fill(Qt::white);
        QPainter painter(&card);
        painter.drawImage((card.width() - big.width()) / 2, 0, big);
        painter.setPen(class_color(points_.labels.value(i)).darker(130));
        painter.drawText(QRect(0, big.height(), card.width(), 20), Qt::AlignCenter, cls + tr(" · click: retrieve"));
        painter.end();
        hover_->setPixmap(card);
    } else {
        hover_->setText(cls.toHtmlEscaped());
    }
    hover_->adjustSize();
    QPoint at = event->position().toPoint() + QPoint(14, 14);
    if (at.x() + hover_->width() > plot_->width()) at.rx() -= hover_->width() + 28;
    if (at.y() + hover_->height() > plot_->height()) at.ry() -= hover_->height() + 28;
    hover_->move(at);
    hover_->show();
    hover_->raise();
}

QString EmbeddingView::csv() const {
    QString out = "x,y,class,prototype\n";
    for (int i = 0; i < points_.size(); ++i)
        out += QString("%1,%2,%3,%4\n")
                   .arg(points_.x[i], 0, 'g', 8)
                   .arg(points_.y[i], 0, 'g', 8)
                   .arg(points_.labels.value(i))
                   .arg(i >= points_.data_points() ? 1 : 0);
    return out;
}

}  // namespace fedhap::widgets
