#include "federation_view.h"

#include "plot_style.h"
#include "qcustomplot_include.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace fedhap::widgets {
namespace {

enum Column { Silo, State, Images, Answered, Sent, Received, RoundTrip, Problem, Columns };

QString state_text(const SiloStatus& s) {
    if (!s.joined) return QObject::tr("waiting");
    if (s.rounds_answered + s.rounds_missed == 0) return QObject::tr("joined");
    return s.answered_last ? QObject::tr("answered") : QObject::tr("left out");
}

QString megabytes(double bytes) { return bytes > 0 ? QString::number(bytes / 1e6, 'f', 2) + " MB" : QString(); }

}  // namespace

FederationView::FederationView(QWidget* parent)
    : LiveView(parent), caption_(new QLabel), table_(new QTableWidget(0, Columns)), plot_(new QCustomPlot(this)) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    caption_->setWordWrap(true);
    layout->addWidget(caption_);
    table_->setHorizontalHeaderLabels({tr("Silo"), tr("State"), tr("Images"), tr("Rounds answered / missed"), tr("Sent"),
                                       tr("Received"), tr("Round trip"), tr("Last problem")});
    table_->verticalHeader()->setVisible(false);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->setSelectionMode(QAbstractItemView::NoSelection);
    layout->addWidget(table_);
    layout->addWidget(plot_, 1);
    style_axis_rect(plot_->axisRect());
    plot_->xAxis->setLabel(tr("training images per class (from each silo's hello)"));
    plot_->yAxis->setLabel(tr("silo"));
    plot_->yAxis->setRangeReversed(true);
    plot_->legend->setVisible(true);
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignTop);
    set_hint(tr("Host a federation (File → Host a federation…) or follow a server's run folder"));
    redraw();
}

void FederationView::set_status(const FederationStatus& status) {
    status_ = status;
    request_redraw();
}

void FederationView::fill_table() {
    table_->setRowCount(static_cast<int>(status_.silos.size()));
    for (int r = 0; r < status_.silos.size(); ++r) {
        const SiloStatus& s = status_.silos[r];
        int images = 0;
        for (int c : s.class_counts) images += c;
        const QString cells[Columns] = {QString::number(s.silo),
                                        state_text(s),
                                        s.joined ? QString::number(images) : QString(),
                                        QString("%1 / %2").arg(s.rounds_answered).arg(s.rounds_missed),
                                        megabytes(s.bytes_sent),
                                        megabytes(s.bytes_received),
                                        s.round_trip_seconds > 0 ? QString::number(s.round_trip_seconds, 'f', 2) + " s" : QString(),
                                        s.last_problem};
        for (int c = 0; c < Columns; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c == Problem) item->setToolTip(cells[c]);
            if (c == State && s.joined && !s.answered_last && s.rounds_missed > 0) item->setForeground(QColor(190, 30, 30));
            table_->setItem(r, c, item);
        }
    }
    table_->resizeColumnsToContents();
    // As tall as its rows (up to a dozen), so the histograms get the rest.
    const int rows = std::min<int>(table_->rowCount(), 12);
    table_->setFixedHeight(table_->horizontalHeader()->sizeHint().height() + std::max(rows, 1) * table_->verticalHeader()->defaultSectionSize() +
                           2 * table_->frameWidth() + 2);
}

void FederationView::redraw() {
    QString caption = status_.endpoint.isEmpty() ? tr("No server.") : tr("Server at <b>%1</b>").arg(status_.endpoint);
    int joined = 0, answered = 0;
    for (const auto& s : status_.silos) {
        joined += s.joined ? 1 : 0;
        answered += s.answered_last ? 1 : 0;
    }
    if (status_.round > 0)
        caption += tr(" — %1 of %2 silos answered round %3").arg(answered).arg(status_.silos.size()).arg(status_.round);
    else if (!status_.silos.isEmpty())
        caption += tr(" — %1 of %2 silos joined").arg(joined).arg(status_.silos.size());
    caption_->setText(caption);
    fill_table();

    plot_->clearPlottables();
    plot_->clearItems();
    place_hint(plot_, plot_->axisRect());  // clearItems deleted the old one
    show_hint(joined == 0);
    const int classes = status_.class_labels.isEmpty() ? 0 : static_cast<int>(status_.class_labels.size());
    QCPBars* below = nullptr;
    for (int c = 0; c < classes; ++c) {
        auto* bars = new QCPBars(plot_->yAxis, plot_->xAxis);  // horizontal: one bar per silo
        bars->setName(status_.class_labels[c]);
        bars->setPen(Qt::NoPen);
        bars->setBrush(class_color(c));
        bars->setWidth(0.7);
        for (const SiloStatus& s : status_.silos) bars->addData(s.silo, c < s.class_counts.size() ? s.class_counts[c] : 0);
        if (below) bars->moveAbove(below);
        below = bars;
    }
    double widest = 1;
    for (const SiloStatus& s : status_.silos) {
        double n = 0;
        for (int v : s.class_counts) n += v;
        widest = std::max(widest, n);
    }
    plot_->xAxis->setRange(0, widest * 1.25);  // room on the right for the class legend
    plot_->yAxis->setRange(-0.6, std::max<double>(1, status_.silos.size()) - 0.4);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (const SiloStatus& s : status_.silos) ticker->addTick(s.silo, QString::number(s.silo));
    plot_->yAxis->setTicker(ticker);
    plot_->legend->setVisible(classes > 0);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QString FederationView::csv() const {
    QString out = "silo,state,images,rounds_answered,rounds_missed,bytes_sent,bytes_received,round_trip_seconds,last_problem";
    for (const QString& c : status_.class_labels) out += ",count_" + QString(c).replace(',', ' ');
    out += "\n";
    for (const SiloStatus& s : status_.silos) {
        int images = 0;
        for (int c : s.class_counts) images += c;
        out += QString("%1,%2,%3,%4,%5,%6,%7,%8,\"%9\"")
                   .arg(s.silo)
                   .arg(state_text(s))
                   .arg(images)
                   .arg(s.rounds_answered)
                   .arg(s.rounds_missed)
                   .arg(s.bytes_sent, 0, 'f', 0)
                   .arg(s.bytes_received, 0, 'f', 0)
                   .arg(s.round_trip_seconds)
                   .arg(QString(s.last_problem).replace('"', '\''));
        for (int i = 0; i < status_.class_labels.size(); ++i) out += "," + QString::number(i < s.class_counts.size() ? s.class_counts[i] : 0);
        out += "\n";
    }
    return out;
}

}  // namespace fedhap::widgets
