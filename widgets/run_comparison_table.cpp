#include "run_comparison_table.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSignalBlocker>
#include <QTableWidget>
#include <QVBoxLayout>

namespace fedhap::widgets {
namespace {

QString signed_number(double v, int decimals) { return (v >= 0 ? "+" : "") + QString::number(v, 'f', decimals); }

QString csv_quoted(QString text) { return '"' + text.replace('"', "\"\"") + '"'; }

QTableWidgetItem* cell(const QString& text, Qt::Alignment align, const QString& tip = QString()) {
    auto* item = new QTableWidgetItem(text);
    item->setTextAlignment(align | Qt::AlignVCenter);
    if (!tip.isEmpty()) item->setToolTip(tip);
    return item;
}

}  // namespace

QString mean_sd_text(const RunComparisonRow& row) {
    // One seed has no spread to show: a "± 0" would claim one.
    if (row.maps.size() < 2) return QString("%1 (one seed)").arg(row.mean, 0, 'f', 4);
    return QString("%1 ± %2").arg(row.mean, 0, 'f', 4).arg(row.sd, 0, 'f', 4);
}

QString per_seed_text(const RunComparisonRow& row) {
    QStringList values;
    for (double m : row.maps) values << QString::number(m, 'f', 3);
    return values.join("  ");
}

QString pct_text(const RunComparisonRow& row) {
    return row.pct_of_pooled ? QString("%1 %").arg(*row.pct_of_pooled, 0, 'f', 1) : QString();
}

QString difference_text(const RunComparisonRow& row) {
    if (row.reference) return QObject::tr("(reference)");
    if (row.pairs == 0) return QObject::tr("no shared seed");
    if (!row.has_interval()) return QObject::tr("%1 (one seed)").arg(signed_number(row.diff, 4));
    return QString("%1 [%2, %3]").arg(signed_number(row.diff, 4), signed_number(row.diff_low, 4), signed_number(row.diff_high, 4));
}

RunComparisonView::RunComparisonView(QWidget* parent) : QWidget(parent) {
    caption_ = new QLabel;
    caption_->setWordWrap(true);
    reference_ = new QComboBox;
    reference_->setObjectName("comparison_reference");
    reference_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    reference_->setToolTip(tr("The configuration the others are compared with, seed by seed"));
    grid_ = new QTableWidget(0, Columns);
    grid_->setObjectName("run_comparison");
    grid_->setHorizontalHeaderLabels({tr("configuration"), tr("seeds"), tr("mAP@all mean ± sd"), tr("mAP per seed"),
                                      tr("% of pooled"), tr("Δ vs reference [95 % CI]")});
    grid_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    grid_->horizontalHeader()->setStretchLastSection(true);
    grid_->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    grid_->verticalHeader()->setVisible(false);
    grid_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    grid_->setSelectionBehavior(QAbstractItemView::SelectRows);
    grid_->setSelectionMode(QAbstractItemView::SingleSelection);
    grid_->setAlternatingRowColors(true);
    grid_->setWordWrap(false);
    grid_->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto* set_reference = new QAction(tr("Set as reference"), grid_);
    grid_->addAction(set_reference);
    connect(set_reference, &QAction::triggered, this, [this] { choose_row(grid_->currentRow()); });
    connect(grid_, &QTableWidget::cellDoubleClicked, this, [this](int row, int) { choose_row(row); });
    connect(reference_, &QComboBox::activated, this, [this](int index) { choose_row(index); });

    auto* top = new QHBoxLayout;
    top->addWidget(caption_, 1);
    top->addWidget(new QLabel(tr("Reference:")));
    top->addWidget(reference_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(grid_);
    set_table({});
}

void RunComparisonView::choose_row(int row) {
    if (row < 0 || row >= table_.rows.size() || row == table_.reference) return;
    Q_EMIT reference_chosen(table_.rows[row].key);
}

void RunComparisonView::set_table(const RunComparisonTable& table) {
    table_ = table;
    caption_->setText(table.rows.isEmpty()
                          ? tr("<b>Comparison over seeds</b> — finished runs appear here, grouped by their settings "
                               "(seed and name aside). Run a configuration with several seeds to compare.")
                          : tr("<b>Comparison over seeds</b> — finished runs grouped by settings (seed and name aside); "
                               "Δ pairs the same seeds. Double-click a row to make it the reference."));
    {
        const QSignalBlocker block(reference_);
        reference_->clear();
        for (const RunComparisonRow& r : table.rows) reference_->addItem(r.label, r.key);
        reference_->setCurrentIndex(table.reference);
        reference_->setEnabled(table.rows.size() > 1);
    }
    grid_->setRowCount(static_cast<int>(table.rows.size()));
    const Qt::Alignment left = Qt::AlignLeft, right = Qt::AlignRight;
    for (int i = 0; i < table.rows.size(); ++i) {
        const RunComparisonRow& r = table.rows[i];
        QStringList seed_tips;
        for (int s = 0; s < r.seeds.size(); ++s)
            seed_tips << tr("seed %1 (run #%2): %3").arg(r.seeds[s]).arg(r.run_ids.value(s)).arg(r.maps[s], 0, 'f', 5);
        const QString pairs_tip = r.reference || r.pairs == 0 ? QString() : tr("%n seed(s) in both", nullptr, r.pairs);
        QTableWidgetItem* items[Columns] = {
            cell(r.label, left, r.details.isEmpty() ? r.label : r.label + "\n" + r.details),
            cell(QString::number(r.maps.size()), right),
            cell(mean_sd_text(r), right),
            cell(per_seed_text(r), left, seed_tips.join("\n")),
            cell(pct_text(r), right, r.pct_of_pooled ? tr("mean mAP as % of the same settings trained pooled") : QString()),
            cell(difference_text(r), left, pairs_tip),
        };
        if (r.has_interval() && (r.diff_low > 0 || r.diff_high < 0))  // the interval excludes 0
            items[Difference]->setForeground(r.diff > 0 ? QColor(0x1b, 0x7a, 0x2e) : QColor(0xb0, 0x25, 0x1c));
        if (r.reference || r.pairs == 0) items[Difference]->setForeground(QColor(0x70, 0x70, 0x70));
        for (int c = 0; c < Columns; ++c) {
            if (r.reference) {
                QFont f = items[c]->font();
                f.setBold(true);
                items[c]->setFont(f);
            }
            grid_->setItem(i, c, items[c]);
        }
    }
}

QString RunComparisonView::csv() const {
    QString out = "arm,seeds,map_mean,map_sd,maps,pct_of_pooled,diff_vs_reference,diff_low,diff_high\n";
    for (const RunComparisonRow& r : table_.rows) {
        QStringList maps;
        for (double m : r.maps) maps << QString::number(m, 'f', 6);
        out += csv_quoted(r.label) + ',' + QString::number(r.maps.size()) + ',' + QString::number(r.mean, 'f', 6) + ',' +
               QString::number(r.sd, 'f', 6) + ',' + csv_quoted(maps.join(' ')) + ',' +
               (r.pct_of_pooled ? QString::number(*r.pct_of_pooled, 'f', 1) : QString()) + ',';
        if (r.reference || r.pairs == 0) out += ",,";
        else if (!r.has_interval()) out += QString::number(r.diff, 'f', 6) + ",,";
        else out += QString("%1,%2,%3").arg(r.diff, 0, 'f', 6).arg(r.diff_low, 0, 'f', 6).arg(r.diff_high, 0, 'f', 6);
        out += '\n';
    }
    return out;
}

}  // namespace fedhap::widgets
