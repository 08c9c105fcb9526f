#include "views/data_preview_presenter.h"

#include <QLabel>
#include <QStatusBar>
#include <QtConcurrent/QtConcurrentRun>
#include <stdexcept>

#include "settings/experiment_panel.h"
#include "partition/partition.h"
#include "partition_heatmap_view.h"

namespace fedhap::workbench {
namespace {

widgets::CountMatrix to_count_matrix(const std::vector<std::vector<std::size_t>>& counts,
                                     const std::vector<std::string>& class_names) {
    widgets::CountMatrix m;
    for (const auto& c : class_names) m.column_labels << QString::fromStdString(c);
    for (std::size_t k = 0; k < counts.size(); ++k) {
        m.row_labels << QObject::tr("client %1").arg(k);
        QVector<int> row;
        for (auto n : counts[k]) row << static_cast<int>(n);
        m.counts << row;
    }
    return m;
}

QString summary_html(const LoadedData& loaded) {
    const Dataset& d = loaded.joined;
    return QObject::tr("<b>%1</b> &nbsp;<span style='color:#555'>%2</span><br>"
                       "%3 images of %4×%5×%6, %7 classes &nbsp;·&nbsp; query %8 &nbsp;·&nbsp; database %9 "
                       "&nbsp;·&nbsp; train %10 (drawn from the database)")
        .arg(QString::fromStdString(d.name), loaded.origin.toHtmlEscaped())
        .arg(d.size())
        .arg(d.channels)
        .arg(d.height)
        .arg(d.width)
        .arg(d.num_classes())
        .arg(loaded.split.query.size())
        .arg(loaded.split.database.size())
        .arg(loaded.split.train.size());
}

}  // namespace

DataPreviewPresenter::DataPreviewPresenter(ExperimentPanel& panel, QLabel& summary, widgets::PartitionHeatmapView& heatmap,
                                           QStatusBar& status_bar, QObject* parent)
    : QObject(parent), panel_(panel), summary_(summary), heatmap_(heatmap), status_bar_(status_bar) {
    partition_timer_.setSingleShot(true);
    partition_timer_.setInterval(30);
    connect(&partition_timer_, &QTimer::timeout, this, &DataPreviewPresenter::redraw_partition);
    connect(&load_, &QFutureWatcherBase::finished, this, &DataPreviewPresenter::on_loaded);
    connect(&panel_, &ExperimentPanel::dataset_changed, this, &DataPreviewPresenter::reload);
    connect(&panel_, &ExperimentPanel::partition_changed, &partition_timer_, qOverload<>(&QTimer::start));
}

DataPreviewPresenter::~DataPreviewPresenter() { load_.waitForFinished(); }

void DataPreviewPresenter::reload() {
    if (load_.isRunning()) {
        reload_pending_ = true;
        return;
    }
    const QString dataset = QString::fromStdString(to_string(panel_.settings().dataset));
    status_bar_.showMessage(tr("Loading %1…").arg(dataset));
    heatmap_.set_hint(tr("Loading %1…").arg(dataset));
    load_.setFuture(QtConcurrent::run(&load_data, panel_.settings()));
}

void DataPreviewPresenter::on_loaded() {
    if (reload_pending_) {
        reload_pending_ = false;
        reload();
        return;
    }
    data_ = load_.result();
    if (!data_->error.isEmpty()) {
        summary_.setText(tr("<b style='color:#b00020'>Cannot load the dataset:</b> %1<br>"
                            "<span style='color:#555'>Pick the dataset folder with Browse… in the Experiment panel.</span>")
                             .arg(data_->error.toHtmlEscaped()));
        heatmap_.set_hint(tr("No data to split (see the message above)."));
        heatmap_.set_counts({});
        status_bar_.showMessage(tr("Load failed"));
    } else {
        summary_.setText(summary_html(*data_));
        status_bar_.showMessage(tr("Loaded %1 images").arg(data_->joined.size()), 5000);
        redraw_partition();
    }
    Q_EMIT loaded();
}

widgets::CountMatrix DataPreviewPresenter::split_counts(const PartitionConfig& settings) const {
    const int classes = data_->joined.num_classes();
    const Partition p = make_partition(data_->train_labels, classes, settings);
    return to_count_matrix(partition_counts(p, data_->train_labels, classes), data_->joined.class_names);
}

void DataPreviewPresenter::redraw_partition() {
    if (!has_data()) return;
    try {
        heatmap_.set_counts(split_counts(panel_.settings().partition));
        status_bar_.clearMessage();
    } catch (const std::invalid_argument& e) {
        const QString why = QString::fromStdString(e.what());
        heatmap_.set_hint(tr("This split cannot be made:\n%1").arg(why));
        heatmap_.set_counts({});
        status_bar_.showMessage(tr("Split: %1").arg(why));
    }
}

}  // namespace fedhap::workbench
