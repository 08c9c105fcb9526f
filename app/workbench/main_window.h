#pragma once
// The workbench window: the experiment panel on the left, the live views in tabs, run controls
// in the tool bar and the run's device, round and ETA in the status bar.
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QMainWindow>
#include <QMap>
#include <QTimer>
#include <memory>

#include "experiment_controller.h"
#include "loaded_data.h"
#include "retrieval_index.h"
#include "run_record.h"
#include "view_data.h"

class QAction;
class QLabel;
class QProgressBar;
class QTabWidget;

namespace fedhap::widgets {
class PartitionHeatmapView;
class LearningCurvesView;
class PrototypeView;
class EmbeddingView;
class RetrievalView;
class RunsView;
class ExportableView;
}  // namespace fedhap::widgets

namespace fedhap::workbench {

class ExperimentPanel;
class EmbeddingController;
struct EmbeddingFrame;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Saves one PNG per view into `dir`; returns the files written.
    QStringList save_screenshots(const QString& dir);
    bool is_loading() const { return watcher_.isRunning(); }
    // Loads an experiment file into the panel; returns an error message, empty on success.
    QString open_experiment(const QString& path);
    QString save_experiment(const QString& path) const;
    void start_run();
    ExperimentController& controller() { return *controller_; }
    ExperimentPanel& panel() { return *panel_; }
    bool embedding_busy() const;
    QString last_error() const { return last_error_; }
    // Exports one view ("curves", "prototypes", "embedding", "retrieval", "runs") by file suffix.
    QString export_view(const QString& view, const QString& path);

Q_SIGNALS:
    void data_ready();  // a load finished (successfully or not) and the views are drawn
    void run_done(int run_id, bool ok);  // the run and its final views are in
    void embedding_settled();  // the t-SNE of the newest codes finished (or failed)

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void build_actions();
    void reload_data();
    void on_data_loaded();
    void redraw_partition();
    void restore_settings();
    void store_settings() const;
    void update_controls();
    void update_status();
    void on_run_started(int run_id, const ExperimentConfig& config);
    void on_run_data(const RunData& data);
    void on_progress(const RunProgress& p);
    void on_round_ended(const RoundUpdate& u);
    void on_codes(const SharedCodes& codes);
    void on_run_finished(int run_id, const RunOutcome& outcome);
    void start_embedding(const SharedCodes& codes);
    void on_embedding_frame(const EmbeddingFrame& frame);
    void build_index(const SharedCodes& codes);
    void on_index_built();
    void show_query(int q);
    void show_database_item(std::size_t db_row);
    void show_ranking(const QImage& query, const QString& caption, const std::vector<RankedItem>& ranked);
    void export_current(const QString& suffix);
    void export_all();
    widgets::ExportableView* exportable(int tab) const;
    void show_error(const QString& title, const QString& text);

    ExperimentPanel* panel_;
    QTabWidget* tabs_;
    QLabel* summary_;
    widgets::PartitionHeatmapView* heatmap_;
    widgets::LearningCurvesView* curves_;
    widgets::PrototypeView* prototypes_;
    widgets::EmbeddingView* embedding_;
    widgets::RetrievalView* retrieval_;
    widgets::RunsView* runs_;
    QAction *run_action_, *pause_action_, *stop_action_, *step_action_;
    QLabel *device_label_, *round_label_, *eta_label_;
    QProgressBar* round_progress_;

    ExperimentController* controller_;
    EmbeddingController* embedder_;
    QFutureWatcher<std::shared_ptr<const LoadedData>> watcher_;
    std::shared_ptr<const LoadedData> data_;
    QTimer partition_timer_;  // coalesces bursts of spin-box changes into one redraw
    bool reload_pending_ = false;

    // The current run.
    ExperimentConfig run_config_;
    QString run_device_;
    RunData run_data_;
    QStringList class_names_;
    TrainingHistory history_;
    QMap<int, widgets::RunRecord> records_;
    PrototypeSnapshot last_prototypes_;
    RunProgress progress_;
    QElapsedTimer run_clock_;
    double seconds_per_round_ = 0.0;
    int rounds_done_ = 0;
    QString last_error_;

    // Embedding and retrieval follow the newest codes.
    std::vector<std::size_t> embedding_rows_;  // database rows of the embedded sample
    QVector<int> embedding_labels_;            // per point, prototypes last
    int embedding_prototypes_ = 0;
    QString embedding_source_;
    QFutureWatcher<std::shared_ptr<const RetrievalIndex>> index_watcher_;
    std::shared_ptr<const RetrievalIndex> index_;
    int index_run_ = 0;  // the run the index being built belongs to
    SharedCodes pending_codes_;  // arrived while an index was being built
};

}  // namespace fedhap::workbench
