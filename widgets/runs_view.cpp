#include "runs_view.h"

#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "config_diff.h"
#include "plot_style.h"
#include "qcustomplot_include.h"

namespace fedhap::widgets {

RunsView::RunsView(QWidget* parent) : LiveView(parent) {
    list_ = new QListWidget;
    list_->setObjectName("run_list");
    plot_ = new QCustomPlot;
    plot_->plotLayout()->insertRow(0);
    plot_->plotLayout()->addElement(0, 0, new QCPTextElement(plot_, tr("mAP per round, ticked runs overlaid"),
                                                             QFont(font().family(), font().pointSize() + 1, QFont::Bold)));
    style_axis_rect(plot_->axisRect());
    plot_->xAxis->setLabel(tr("round"));
    plot_->yAxis->setLabel(tr("mAP"));
    plot_->legend->setVisible(true);
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    plot_->legend->setBrush(QColor(255, 255, 255, 210));
    place_hint(plot_, plot_->axisRect());
    diff_caption_ = new QLabel;
    diff_caption_->setWordWrap(true);
    diff_ = new QTableWidget(0, 3);
    diff_->setObjectName("config_diff");
    diff_->horizontalHeader()->setStretchLastSection(true);
    diff_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    diff_->verticalHeader()->setVisible(false);
    diff_->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto* left = new QWidget;
    auto* lv = new QVBoxLayout(left);
    lv->setContentsMargins(0, 0, 0, 0);
    lv->addWidget(new QLabel(tr("<b>Runs of this session</b> — tick to overlay; the first two ticked are compared")));
    lv->addWidget(list_);
    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(plot_);
    auto* diff_box = new QWidget;
    auto* dv = new QVBoxLayout(diff_box);
    dv->setContentsMargins(0, 0, 0, 0);
    dv->addWidget(diff_caption_);
    dv->addWidget(diff_);
    right->addWidget(diff_box);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    right->setSizes({300, 200});  // the proportions, before the first layout
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    comparison_ = new RunComparisonView;
    auto* outer = new QSplitter(Qt::Vertical);
    outer->addWidget(split);
    outer->addWidget(comparison_);
    outer->setStretchFactor(0, 2);
    outer->setStretchFactor(1, 1);
    outer->setSizes({350, 170});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(outer);

    connect(list_, &QListWidget::itemChanged, this, [this] { request_redraw(); });
    set_hint(tr("Each run you start is listed here.\nTick several to compare their mAP curves."));
    redraw();
}

RunsView::~RunsView() = default;

void RunsView::upsert_run(const RunRecord& run) {
    int row = -1;
    for (int i = 0; i < runs_.size(); ++i)
        if (runs_[i].id == run.id) row = i;
    const QSignalBlocker block(list_);
    if (row < 0) {
        runs_ << run;
        auto* item = new QListWidgetItem(list_);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(Qt::Checked);
        row = static_cast<int>(runs_.size()) - 1;
    } else {
        runs_[row] = run;
    }
    QListWidgetItem* item = list_->item(row);
    item->setText(run.title + "\n    " + run.status);
    item->setForeground(class_color(run.id - 1).darker(120));
    item->setData(Qt::UserRole, run.id);
    request_redraw();
}

QVector<int> RunsView::checked_runs() const {
    QVector<int> ids;
    for (int i = 0; i < list_->count(); ++i)
        if (list_->item(i)->checkState() == Qt::Checked) ids << runs_[i].id;
    return ids;
}

void RunsView::set_checked(int id, bool checked) {
    for (int i = 0; i < runs_.size(); ++i)
        if (runs_[i].id == id) list_->item(i)->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
}

int RunsView::diff_rows() const { return diff_->rowCount(); }

void RunsView::set_comparison(const RunComparisonTable& table) { comparison_->set_table(table); }

void RunsView::redraw() {
    plot_->clearGraphs();
    const QVector<int> ids = checked_runs();
    double last_round = 1;
    for (const RunRecord& r : runs_) {
        if (!ids.contains(r.id)) continue;
        auto* g = plot_->addGraph();
        g->setName(r.title);
        g->setPen(QPen(class_color(r.id - 1), 2));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
        g->setData(r.map_rounds, r.map);
        if (!r.map_rounds.isEmpty()) last_round = std::max(last_round, r.map_rounds.last());
    }
    plot_->xAxis->setRange(0.5, last_round + 0.5);
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    plot_->xAxis->setTicker(ticker);
    plot_->yAxis->setRange(0, 1);
    show_hint(runs_.isEmpty());

    diff_->setRowCount(0);
    if (ids.size() >= 2) {
        const RunRecord *a = nullptr, *b = nullptr;
        for (const RunRecord& r : runs_) {
            if (r.id == ids[0]) a = &r;
            if (r.id == ids[1]) b = &r;
        }
        const auto diffs = diff_configs(a->config_json, b->config_json);
        diff_->setHorizontalHeaderLabels({tr("setting"), a->title, b->title});
        diff_->setRowCount(static_cast<int>(diffs.size()));
        for (int i = 0; i < diffs.size(); ++i) {
            diff_->setItem(i, 0, new QTableWidgetItem(diffs[i].key));
            diff_->setItem(i, 1, new QTableWidgetItem(diffs[i].left));
            diff_->setItem(i, 2, new QTableWidgetItem(diffs[i].right));
        }
        diff_caption_->setText(diffs.isEmpty() ? tr("<b>Config diff:</b> the two runs have the same settings")
                                               : tr("<b>Config diff:</b> %1 setting(s) differ").arg(diffs.size()));
    } else {
        diff_->setHorizontalHeaderLabels({tr("setting"), tr("run A"), tr("run B")});
        diff_caption_->setText(tr("<b>Config diff:</b> tick two runs to compare their settings"));
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

QString RunsView::csv() const {
    QString out = "run,title,round,map\n";
    for (const RunRecord& r : runs_)
        for (int i = 0; i < r.map_rounds.size(); ++i)
            out += QString("%1,\"%2\",%3,%4\n").arg(r.id).arg(r.title).arg(r.map_rounds[i]).arg(r.map.value(i), 0, 'g', 8);
    if (!comparison_->table().rows.isEmpty()) out += "\n" + comparison_->csv();
    return out;
}

}  // namespace fedhap::widgets
