#include "runs_view.h"

#include <QComboBox>
#include <QHBoxLayout>
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
namespace {

QTableWidget* plain_table(int columns, const char* name) {
    auto* t = new QTableWidget(0, columns);
    t->setObjectName(name);
    t->horizontalHeader()->setStretchLastSection(true);
    t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    t->verticalHeader()->setVisible(false);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    return t;
}

QString megabytes_text(const RunRecord& r) {
    double sum = 0;
    for (double mb : r.megabytes) sum += mb;
    return r.megabytes.isEmpty() ? QString() : QString::number(sum, 'f', 1);
}

}  // namespace

RunsView::RunsView(QWidget* parent) : LiveView(parent) {
    list_ = new QListWidget;
    list_->setObjectName("run_list");
    curve_ = new QComboBox;
    curve_->setObjectName("runs_curve");
    curve_->addItem(tr("mAP per round"), static_cast<int>(Curve::Map));
    curve_->addItem(tr("Mean training loss per round"), static_cast<int>(Curve::Loss));
    curve_->addItem(tr("Megabytes sent per round (up + down)"), static_cast<int>(Curve::Megabytes));
    curve_->setToolTip(tr("Which per-round figure the ticked runs overlay"));
    plot_ = new QCustomPlot;
    plot_->plotLayout()->insertRow(0);
    title_ = new QCPTextElement(plot_, QString(), QFont(font().family(), font().pointSize() + 1, QFont::Bold));
    plot_->plotLayout()->addElement(0, 0, title_);
    style_axis_rect(plot_->axisRect());
    plot_->xAxis->setLabel(tr("round"));
    // The legend goes under the plot, two runs a row: over the curves it hides them once a few are ticked.
    plot_->legend->setVisible(true);
    plot_->axisRect()->insetLayout()->take(plot_->legend);
    plot_->plotLayout()->addElement(2, 0, plot_->legend);
    plot_->plotLayout()->setRowStretchFactor(2, 0.001);
    plot_->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot_->legend->setWrap(2);
    plot_->legend->setBorderPen(Qt::NoPen);
    place_hint(plot_, plot_->axisRect());
    summary_ = plain_table(7, "run_summary");
    summary_->setHorizontalHeaderLabels(
        {tr("run"), tr("mAP@all"), tr("% of pooled"), tr("MB sent"), tr("time"), tr("seed"), tr("status")});
    summary_->horizontalHeaderItem(2)->setToolTip(
        tr("Final mAP@all as % of the same configuration trained on the pooled data (a run with training.pooled = true, "
           "opened or made here)"));
    diff_caption_ = new QLabel;
    diff_caption_->setWordWrap(true);
    diff_ = plain_table(3, "config_diff");

    auto* left = new QWidget;
    auto* lv = new QVBoxLayout(left);
    lv->setContentsMargins(0, 0, 0, 0);
    lv->addWidget(new QLabel(tr("<b>Runs</b> — this session's and opened run folders; tick to overlay")));
    lv->addWidget(list_, 3);
    notes_caption_ = new QLabel;
    notes_caption_->setObjectName("run_notes_caption");
    lv->addWidget(notes_caption_);
    notes_ = new QListWidget;
    notes_->setObjectName("run_notes");
    notes_->setWordWrap(true);
    notes_->setTextElideMode(Qt::ElideNone);
    notes_->setSelectionMode(QAbstractItemView::NoSelection);
    notes_->setAlternatingRowColors(true);  // a wrapped line stays apart from the next
    lv->addWidget(notes_, 1);
    set_notes({});
    auto* plot_box = new QWidget;
    auto* pv = new QVBoxLayout(plot_box);
    pv->setContentsMargins(0, 0, 0, 0);
    auto* chooser = new QHBoxLayout;
    chooser->addWidget(new QLabel(tr("Overlay:")));
    chooser->addWidget(curve_, 1);
    pv->addLayout(chooser);
    pv->addWidget(plot_, 1);
    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(plot_box);
    auto* tables = new QWidget;
    auto* tv = new QVBoxLayout(tables);
    tv->setContentsMargins(0, 0, 0, 0);
    tv->addWidget(new QLabel(tr("<b>Ticked runs</b>")));
    tv->addWidget(summary_);
    tv->addWidget(diff_caption_);
    tv->addWidget(diff_);
    right->addWidget(tables);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 2);
    right->setSizes({300, 220});  // the proportions, before the first layout
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
    outer->setSizes({380, 150});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(outer);

    connect(list_, &QListWidget::itemChanged, this, [this] { request_redraw(); });
    connect(curve_, &QComboBox::currentIndexChanged, this, [this] { request_redraw(); });
    set_hint(tr("Each run you start is listed here, and the runs of\nFile → Open run folder… Tick several to compare them."));
    redraw();
}

RunsView::~RunsView() = default;

void RunsView::upsert_run(const RunRecord& run, bool checked) {
    put_run(run, checked);
    request_redraw();
    Q_EMIT runs_changed();
}

void RunsView::upsert_runs(const QVector<RunRecord>& runs, bool checked) {
    if (runs.isEmpty()) return;
    for (const RunRecord& run : runs) put_run(run, checked);
    request_redraw();
    Q_EMIT runs_changed();
}

void RunsView::put_run(const RunRecord& run, bool checked) {
    int row = -1;
    for (int i = 0; i < runs_.size(); ++i)
        if (runs_[i].id == run.id) row = i;
    {
        const QSignalBlocker block(list_);
        if (row < 0) {
            runs_ << run;
            auto* item = new QListWidgetItem(list_);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
            row = static_cast<int>(runs_.size()) - 1;
        } else {
            runs_[row] = run;
        }
        QListWidgetItem* item = list_->item(row);
        item->setText(run.title + "\n    " + run.status);
        item->setToolTip(run.folder.isEmpty() ? tr("not saved") : run.folder);
        item->setForeground(class_color(row).darker(120));
        item->setData(Qt::UserRole, run.id);
    }
}

void RunsView::set_notes(const QStringList& lines) {
    if (lines == notes_text_ && !lines.isEmpty()) return;
    notes_text_ = lines;
    notes_->clear();
    for (const QString& line : lines) {
        auto* item = new QListWidgetItem(line, notes_);
        item->setToolTip(line);
    }
    notes_caption_->setText(tr("<b>Not listed</b> — refused or left out of the opened folders:"));
    notes_caption_->setVisible(!lines.isEmpty());
    notes_->setVisible(!lines.isEmpty());
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

void RunsView::set_curve(Curve curve) { curve_->setCurrentIndex(curve_->findData(static_cast<int>(curve))); }

RunsView::Curve RunsView::curve() const { return static_cast<Curve>(curve_->currentData().toInt()); }

int RunsView::diff_rows() const { return diff_->rowCount(); }

void RunsView::set_pooled_shares(const QMap<int, double>& pct_by_run) {
    if (pooled_shares_ == pct_by_run) return;
    pooled_shares_ = pct_by_run;
    request_redraw();
}

void RunsView::set_comparison(const RunComparisonTable& table) { comparison_->set_table(table); }

const RunRecord* RunsView::find(int id) const {
    for (const RunRecord& r : runs_)
        if (r.id == id) return &r;
    return nullptr;
}

void RunsView::redraw() {
    plot_->clearGraphs();
    const QVector<int> ids = checked_runs();
    const Curve shown = curve();
    title_->setText(curve_->currentText() + tr(", ticked runs overlaid"));
    plot_->yAxis->setLabel(shown == Curve::Map ? tr("mAP") : shown == Curve::Loss ? tr("mean loss") : tr("MB"));
    double last_round = 1;
    for (int row = 0; row < runs_.size(); ++row) {
        const RunRecord& r = runs_[row];
        if (!ids.contains(r.id)) continue;
        auto* g = plot_->addGraph();
        g->setName(r.title);
        g->setPen(QPen(class_color(row), 2));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
        const QVector<double>& x = shown == Curve::Map ? r.map_rounds : r.rounds;
        g->setData(x, shown == Curve::Map ? r.map : shown == Curve::Loss ? r.loss : r.megabytes);
        if (!x.isEmpty()) last_round = std::max(last_round, x.last());
    }
    plot_->xAxis->setRange(0.5, last_round + 0.5);
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    plot_->xAxis->setTicker(ticker);
    if (shown == Curve::Map) {
        plot_->yAxis->setRange(0, 1);
    } else {
        bool found = false;
        const QCPRange range = plot_->graphCount() ? plot_->graph(0)->data()->valueRange(found) : QCPRange();
        plot_->rescaleAxes(true);
        if (!found) plot_->yAxis->setRange(range);
        plot_->yAxis->setRangeLower(0);
        plot_->yAxis->scaleRange(1.08, 0);
        plot_->xAxis->setRange(0.5, last_round + 0.5);
    }
    show_hint(runs_.isEmpty());
    fill_summary(ids);
    fill_diff(ids);
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void RunsView::fill_summary(const QVector<int>& ids) {
    summary_->setRowCount(0);
    for (int id : ids) {
        const RunRecord* r = find(id);
        const int row = summary_->rowCount();
        summary_->insertRow(row);
        const QString pct = pooled_shares_.contains(id) ? QString("%1 %").arg(pooled_shares_.value(id), 0, 'f', 1) : QString();
        const QStringList cells{r->title,
                                r->completed ? QString::number(r->map_all, 'f', 4) : QString(),
                                pct,
                                megabytes_text(*r),
                                r->seconds > 0 ? QString("%1 s").arg(r->seconds, 0, 'f', 1) : QString(),
                                QString::number(r->seed),
                                r->status};
        for (int c = 0; c < cells.size(); ++c) summary_->setItem(row, c, new QTableWidgetItem(cells[c]));
        summary_->item(row, 0)->setToolTip(r->folder);
    }
}

void RunsView::fill_diff(const QVector<int>& ids) {
    diff_->setRowCount(0);
    if (ids.size() < 2) {
        diff_->setHorizontalHeaderLabels({tr("setting"), tr("run A"), tr("run B")});
        diff_caption_->setText(tr("<b>Config diff:</b> tick two runs to compare their settings"));
        return;
    }
    const RunRecord *a = find(ids[0]), *b = find(ids[1]);
    const auto diffs = diff_configs(a->config_json, b->config_json);
    diff_->setHorizontalHeaderLabels({tr("setting"), a->title, b->title});
    diff_->setRowCount(static_cast<int>(diffs.size()));
    for (int i = 0; i < diffs.size(); ++i) {
        diff_->setItem(i, 0, new QTableWidgetItem(diffs[i].key));
        diff_->setItem(i, 1, new QTableWidgetItem(diffs[i].left));
        diff_->setItem(i, 2, new QTableWidgetItem(diffs[i].right));
    }
    diff_caption_->setText(diffs.isEmpty() ? tr("<b>Config diff</b> of the first two ticked: the same settings")
                                           : tr("<b>Config diff</b> of the first two ticked: %1 setting(s) differ").arg(diffs.size()));
}

QString RunsView::csv() const {
    QString out = "run,title,round,map,loss,megabytes\n";
    for (const RunRecord& r : runs_)
        for (int i = 0; i < r.rounds.size(); ++i) {
            const int m = static_cast<int>(r.map_rounds.indexOf(r.rounds[i]));
            out += QString("%1,\"%2\",%3,%4,%5,%6\n")
                       .arg(r.id)
                       .arg(r.title)
                       .arg(r.rounds[i])
                       .arg(m >= 0 ? QString::number(r.map[m], 'g', 8) : QString())
                       .arg(r.loss.value(i), 0, 'g', 8)
                       .arg(r.megabytes.value(i), 0, 'g', 8);
        }
    out += "\nrun,title,map_all,pct_of_pooled,megabytes,seconds,seed,folder\n";
    for (const RunRecord& r : runs_)
        out += QString("%1,\"%2\",%3,%4,%5,%6,%7,\"%8\"\n")
                   .arg(r.id)
                   .arg(r.title)
                   .arg(r.completed ? QString::number(r.map_all, 'g', 8) : QString())
                   .arg(pooled_shares_.contains(r.id) ? QString::number(pooled_shares_.value(r.id), 'g', 6) : QString())
                   .arg(megabytes_text(r))
                   .arg(r.seconds > 0 ? QString::number(r.seconds, 'g', 6) : QString())
                   .arg(r.seed)
                   .arg(r.folder);
    if (!comparison_->table().rows.isEmpty()) out += "\n" + comparison_->csv();
    return out;
}

}  // namespace fedhap::widgets
