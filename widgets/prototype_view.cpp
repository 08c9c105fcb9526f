#include "prototype_view.h"

#include <QVBoxLayout>
#include <algorithm>
#include <limits>

#include "plot_style.h"
#include "qcustomplot_include.h"

namespace fedhap::widgets {
namespace {

QCPTextElement* add_title(QCustomPlot* plot, int column) {
    auto* title = new QCPTextElement(plot, QString(), QFont(plot->font().family(), plot->font().pointSize() + 1, QFont::Bold));
    plot->plotLayout()->addElement(0, column, title);
    return title;
}

QCPAxisRect* add_matrix_rect(QCustomPlot* plot, int column) {
    auto* rect = new QCPAxisRect(plot);
    plot->plotLayout()->addElement(1, column, rect);
    rect->axis(QCPAxis::atLeft)->setRangeReversed(true);  // class 0 on top, like a table
    for (QCPAxis* a : {rect->axis(QCPAxis::atLeft), rect->axis(QCPAxis::atBottom)}) a->grid()->setVisible(false);
    style_axis_rect(rect);
    return rect;
}

QSharedPointer<QCPAxisTickerText> class_ticker(const PrototypeMatrix& p) {
    auto t = QSharedPointer<QCPAxisTickerText>::create();
    for (int c = 0; c < p.classes; ++c) {
        QString name = p.class_names.value(c, QString::number(c));
        if (!p.known.value(c, true)) name += QObject::tr(" (unseen)");
        t->addTick(c, name);
    }
    return t;
}

}  // namespace

PrototypeView::PrototypeView(QWidget* parent) : LiveView(parent), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);
    plot_->plotLayout()->clear();
    matrix_title_ = add_title(plot_, 0);
    distance_title_ = add_title(plot_, 1);
    matrix_rect_ = add_matrix_rect(plot_, 0);
    distance_rect_ = add_matrix_rect(plot_, 1);
    plot_->plotLayout()->setColumnStretchFactors({2.2, 1.0});
    plot_->plotLayout()->setRowStretchFactors({0.01, 1.0});
    matrix_rect_->axis(QCPAxis::atBottom)->setLabel(tr("bit"));
    distance_rect_->axis(QCPAxis::atBottom)->setTickLabelRotation(-35);

    matrix_ = new QCPColorMap(matrix_rect_->axis(QCPAxis::atBottom), matrix_rect_->axis(QCPAxis::atLeft));
    matrix_->setInterpolate(false);
    QCPColorGradient signs;  // −1 light, +1 navy: the pattern reads like a barcode
    signs.setColorStopAt(0.0, QColor(236, 240, 246));
    signs.setColorStopAt(0.5, QColor(158, 185, 214));
    signs.setColorStopAt(1.0, QColor(28, 50, 110));
    matrix_->setGradient(signs);
    matrix_->setDataRange(QCPRange(-1, 1));

    distance_ = new QCPColorMap(distance_rect_->axis(QCPAxis::atBottom), distance_rect_->axis(QCPAxis::atLeft));
    distance_->setInterpolate(false);
    QCPColorGradient far;  // close prototypes (a retrieval risk) stand out in warm colours
    far.setColorStopAt(0.0, QColor(215, 48, 39));
    far.setColorStopAt(0.35, QColor(254, 224, 144));
    far.setColorStopAt(1.0, QColor(69, 117, 180));
    far.setNanHandling(QCPColorGradient::nhNanColor);  // the diagonal (a class to itself) stays blank
    far.setNanColor(Qt::white);
    distance_->setGradient(far);

    set_hint(tr("The global prototypes appear here after each round.\n"
                "Methods without prototypes (FedAvg, local-only, centralized) leave this view empty."));
    redraw();
}

PrototypeView::~PrototypeView() = default;

void PrototypeView::set_prototypes(const PrototypeMatrix& prototypes) {
    prototypes_ = prototypes;
    request_redraw();
}

void PrototypeView::redraw() {
    const PrototypeMatrix& p = prototypes_;
    plot_->clearItems();
    place_hint(plot_, matrix_rect_);  // clearItems deleted the old one
    const int rows = std::max(p.classes, 1), bits = std::max(p.bits, 1);
    matrix_->data()->setSize(bits, rows);
    matrix_->data()->setRange(QCPRange(0, bits - 1), QCPRange(0, rows - 1));
    distance_->data()->setSize(rows, rows);
    distance_->data()->setRange(QCPRange(0, rows - 1), QCPRange(0, rows - 1));
    if (p.empty()) {
        matrix_->data()->fill(0);
        distance_->data()->fill(0);
        matrix_title_->setText(tr("Global prototypes (classes × bits)"));
        distance_title_->setText(tr("Hamming distance between prototypes"));
        show_hint(true);
        plot_->replot(QCustomPlot::rpQueuedReplot);
        return;
    }
    for (int c = 0; c < p.classes; ++c)
        for (int b = 0; b < p.bits; ++b) {
            const int i = c * p.bits + b;
            matrix_->data()->setCell(b, c, p.known.value(c, true) ? p.values.value(i) : 0.0);
            if (!p.flipped.value(i)) continue;
            // The flipped bit: an orange frame around its cell.
            auto* r = new QCPItemRect(plot_);
            r->setClipAxisRect(matrix_rect_);
            for (QCPItemPosition* pos : {r->topLeft, r->bottomRight}) pos->setAxes(matrix_rect_->axis(QCPAxis::atBottom), matrix_rect_->axis(QCPAxis::atLeft));
            r->topLeft->setCoords(b - 0.5, c - 0.5);
            r->bottomRight->setCoords(b + 0.5, c + 0.5);
            r->setPen(QPen(QColor(255, 127, 14), 2.5));
        }
    int max_d = 1, min_d = p.bits;
    for (int a = 0; a < p.classes; ++a)
        for (int b = 0; b < p.classes; ++b) {
            const int d = p.distances.value(a * p.classes + b);
            distance_->data()->setCell(b, a, a == b ? std::numeric_limits<double>::quiet_NaN() : d);
            max_d = std::max(max_d, d);
            if (a != b) min_d = std::min(min_d, d);
            if (p.classes > 20) continue;  // numbers stay legible up to ~20 × 20
            auto* t = new QCPItemText(plot_);
            t->setClipAxisRect(distance_rect_);
            t->position->setAxes(distance_rect_->axis(QCPAxis::atBottom), distance_rect_->axis(QCPAxis::atLeft));
            t->position->setCoords(b, a);
            t->setText(a == b ? QString("·") : QString::number(d));
            QFont f = font();
            f.setPointSizeF(std::max(6.0, f.pointSizeF() - 1.5));
            t->setFont(f);
        }
    distance_->setDataRange(QCPRange(0, std::max(max_d, 1)));

    matrix_rect_->axis(QCPAxis::atLeft)->setTicker(class_ticker(p));
    distance_rect_->axis(QCPAxis::atLeft)->setTicker(class_ticker(p));
    distance_rect_->axis(QCPAxis::atBottom)->setTicker(class_ticker(p));
    auto bit_ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    bit_ticker->setTickStep(p.bits > 32 ? 8 : 4);
    matrix_rect_->axis(QCPAxis::atBottom)->setTicker(bit_ticker);
    matrix_rect_->axis(QCPAxis::atBottom)->setRange(-0.5, p.bits - 0.5);
    matrix_rect_->axis(QCPAxis::atLeft)->setRange(-0.5, p.classes - 0.5);
    distance_rect_->axis(QCPAxis::atBottom)->setRange(-0.5, p.classes - 0.5);
    distance_rect_->axis(QCPAxis::atLeft)->setRange(-0.5, p.classes - 0.5);
    matrix_title_->setText(tr("Global prototypes after round %1\nnavy +1 · light −1 · orange frame: flipped this round (%2)")
                               .arg(p.round)
                               .arg(p.flipped_count()));
    distance_title_->setText(tr("Hamming distance between prototypes\nwarm = close (min %1 of %2 bits)").arg(p.classes > 1 ? min_d : 0).arg(p.bits));
    show_hint(false);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QString PrototypeView::csv() const {
    const PrototypeMatrix& p = prototypes_;
    QString out = "class";
    for (int b = 0; b < p.bits; ++b) out += QString(",bit_%1").arg(b);
    for (int b = 0; b < p.bits; ++b) out += QString(",flipped_%1").arg(b);
    for (int c = 0; c < p.classes; ++c) out += QString(",distance_to_%1").arg(c);
    out += "\n";
    for (int c = 0; c < p.classes; ++c) {
        out += p.class_names.value(c, QString::number(c));
        for (int b = 0; b < p.bits; ++b) out += "," + QString::number(p.values.value(c * p.bits + b));
        for (int b = 0; b < p.bits; ++b) out += p.flipped.value(c * p.bits + b) ? ",1" : ",0";
        for (int d = 0; d < p.classes; ++d) out += "," + QString::number(p.distances.value(c * p.classes + d));
        out += "\n";
    }
    return out;
}

}  // namespace fedhap::widgets
