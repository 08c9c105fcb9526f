#pragma once
#include <QFutureWatcher>
#include <QMainWindow>
#include <QTimer>
#include <memory>

#include "loaded_data.h"

class QLabel;
class QTabWidget;

namespace fedhap::widgets {
class PartitionHeatmapView;
}

namespace fedhap::workbench {

class ExperimentPanel;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Saves one PNG per view into `dir`; returns the files written.
    QStringList save_screenshots(const QString& dir);
    bool is_loading() const { return watcher_.isRunning(); }

Q_SIGNALS:
    void data_ready();  // a load finished (successfully or not) and the views are drawn

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void reload_data();
    void on_data_loaded();
    void redraw_partition();
    void restore_settings();
    void store_settings() const;

    ExperimentPanel* panel_;
    QTabWidget* tabs_;
    QLabel* summary_;
    widgets::PartitionHeatmapView* heatmap_;
    QFutureWatcher<std::shared_ptr<const LoadedData>> watcher_;
    std::shared_ptr<const LoadedData> data_;
    QTimer partition_timer_;  // coalesces bursts of spin-box changes into one redraw
    bool reload_pending_ = false;
};

}  // namespace fedhap::workbench
