#pragma once
// The workbench window: the experiment panel on the left, the live views in tabs, run controls
// in the tool bar, the run's device, round and ETA in the status bar. It builds the window, owns
// the actions, and hands each view to the presenter that fills it.
#include <QMainWindow>
#include <QPixmap>
#include <QVector>

#include <map>
#include <optional>

#include "run/experiment_controller.h"
#include "settings/host_settings.h"
#include "views/view_id.h"

class QAction;
class QDockWidget;
class QTabWidget;

namespace fedhap::widgets {
class FederationView;
class LearningCurvesView;
class RetrievalView;
class RunsView;
class LessonPanel;
class SplitComparisonView;
struct CountMatrix;
}  // namespace fedhap::widgets

namespace fedhap::workbench {

class ExperimentPanel;
class DataPreviewPresenter;
class EmbeddingPresenter;
class FederationPresenter;
class RetrievalPresenter;
class RunLibraryPresenter;
class LessonPresenter;
class ViewExportPresenter;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    // Saves one PNG of the window and one per view into `dir`; returns the files written.
    QStringList save_screenshots(const QString& dir);
    bool is_loading() const;
    // Loads an experiment file into the panel; returns an error message, empty on success.
    QString open_experiment(const QString& path);
    QString save_experiment(const QString& path) const;
    // Help → Reset to the classroom preset: the panel as on a first start (the preset shipped
    // in the resources); returns an error message, empty on success.
    QString reset_to_classroom_preset();
    // What the window changed of the saved settings at start-up (a dataset that no longer
    // exists), shown in the status bar once the data is in; empty when nothing.
    QString startup_note() const { return startup_note_; }
    void start_run();
    // Runs the panel's experiment as the server of a cross-silo run (File → Host a federation…).
    void host_federation(const HostSettings& settings);
    FederationPresenter& federation() { return *federation_; }
    ExperimentController& controller() { return *controller_; }
    ExperimentPanel& panel() { return *panel_; }
    bool embedding_busy() const;
    QString last_error() const { return last_error_; }
    // Exports one view shown as a tab, PNG, PDF or CSV by file suffix; returns an error, empty on success.
    QString export_view(ViewId view, const QString& path);
    // Shows the run folders under `path` in the runs view, followed as they grow (File → Open run
    // folder…). They are read off the GUI thread: run_library().opened says how it went.
    void open_runs(const QString& path);
    RunLibraryPresenter& run_library() { return *run_library_; }
    DataPreviewPresenter& data_preview() { return *data_preview_; }
    LessonPresenter& lesson_presenter() { return *lessons_; }

    // Brings the view's tab to the front (Splits, the lesson's split comparison, becomes a tab).
    void show_view(ViewId view);
    std::optional<ViewId> current_view() const;
    QPixmap grab_view(ViewId view);  // a picture of that view's page
    void show_splits(const QStringList& captions, const QVector<widgets::CountMatrix>& counts, const QString& hint);
    void show_lesson_panel(bool on);
    // Full screen, larger text and markers, a colour-blind-safe palette (View → Presentation mode).
    void set_presentation_mode(bool on);
    // One PDF with the config, the runs' table, every view and the current run's rounds, and
    // the PNG and CSV files in <name>-files/ beside it; a lesson's report starts with its steps.
    QString export_report(const QString& pdf_path);

Q_SIGNALS:
    void data_ready();  // a load finished (successfully or not) and the views are drawn
    void run_done(int run_id, bool ok);  // the run and its final views are in
    void embedding_settled();  // the t-SNE of the newest codes finished (or failed)

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void build_menus();
    void build_run_toolbar();
    void update_run_actions();
    void on_run_finished(int run_id, const RunOutcome& outcome);
    void open_experiment_dialog();
    void save_experiment_dialog();
    void host_federation_dialog();
    void follow_run_folder_dialog();
    void open_runs_dialog();
    void export_report_dialog();
    int tab_of(ViewId view) const;  // −1 when the view is not a tab now

    ExperimentController* controller_;
    ExperimentPanel* panel_;
    QTabWidget* tabs_;
    widgets::LearningCurvesView* curves_;
    widgets::RetrievalView* retrieval_;
    widgets::FederationView* federation_view_;
    widgets::RunsView* runs_;
    widgets::LessonPanel* lesson_panel_;
    QDockWidget* lesson_dock_;
    widgets::SplitComparisonView* splits_;
    std::map<ViewId, QWidget*> pages_;  // every view's page, a tab or not
    QAction* presentation_action_;
    QAction *run_action_, *pause_action_, *stop_action_, *step_action_;

    DataPreviewPresenter* data_preview_;
    EmbeddingPresenter* embedding_;
    RetrievalPresenter* retrieval_presenter_;
    ViewExportPresenter* export_;
    FederationPresenter* federation_;
    RunLibraryPresenter* run_library_;
    LessonPresenter* lessons_;
    QFont normal_font_;
    HostSettings last_host_;
    QString last_error_;
    QString startup_note_;
};

}  // namespace fedhap::workbench
