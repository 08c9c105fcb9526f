#pragma once
// The "Data & split" page: loads the dataset the panel names off the GUI thread, shows what was
// loaded, and redraws the clients × classes heat map as the split settings change.
#include <QFutureWatcher>
#include <QObject>
#include <QTimer>
#include <memory>

#include "count_matrix.h"
#include "run/loaded_data.h"
#include "partition/partition.h"

class QLabel;
class QStatusBar;

namespace fedhap::widgets {
class PartitionHeatmapView;
}

namespace fedhap::workbench {

class ExperimentPanel;

class DataPreviewPresenter : public QObject {
    Q_OBJECT
public:
    DataPreviewPresenter(ExperimentPanel& panel, QLabel& summary, widgets::PartitionHeatmapView& heatmap,
                         QStatusBar& status_bar, QObject* parent = nullptr);
    ~DataPreviewPresenter() override;  // waits for a running load

    void reload();  // loads the panel's dataset again
    bool is_loading() const { return load_.isRunning(); }
    bool has_data() const { return data_ && data_->error.isEmpty(); }
    // The loaded training part split as `settings` say (clients × classes); throws
    // std::invalid_argument for a split that cannot be made. Needs has_data().
    widgets::CountMatrix split_counts(const PartitionConfig& settings) const;

Q_SIGNALS:
    void loaded();  // a load finished (successfully or not) and the page is drawn

private:
    void on_loaded();
    void redraw_partition();

    ExperimentPanel& panel_;
    QLabel& summary_;
    widgets::PartitionHeatmapView& heatmap_;
    QStatusBar& status_bar_;
    QFutureWatcher<std::shared_ptr<const LoadedData>> load_;
    bool reload_pending_ = false;  // settings changed during a load: load again when it ends
    std::shared_ptr<const LoadedData> data_;
    QTimer partition_timer_;  // coalesces bursts of spin-box changes into one partition
};

}  // namespace fedhap::workbench
