#include "split_comparison_view.h"

#include <QGridLayout>
#include <QLabel>

#include "partition_heatmap_view.h"

namespace fedhap::widgets {

SplitComparisonView::SplitComparisonView(QWidget* parent) : QWidget(parent) { new QGridLayout(this); }

void SplitComparisonView::set_splits(const QStringList& captions, const QVector<CountMatrix>& counts, const QString& hint) {
    auto* grid = static_cast<QGridLayout*>(layout());
    while (QLayoutItem* item = grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    maps_.clear();
    for (int i = 0; i < captions.size(); ++i) {
        auto* caption = new QLabel(QString("<h3>%1</h3>").arg(captions[i].toHtmlEscaped()));
        caption->setAlignment(Qt::AlignCenter);
        auto* map = new PartitionHeatmapView;
        map->setObjectName(QString("split_%1").arg(i));
        map->set_hint(hint);
        map->set_counts(counts.value(i));
        grid->addWidget(caption, 0, i);
        grid->addWidget(map, 1, i);
        grid->setColumnStretch(i, 1);
        maps_ << map;
    }
    grid->setRowStretch(1, 1);
}

}  // namespace fedhap::widgets
