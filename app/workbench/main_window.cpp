#include "main_window.h"

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QScrollArea>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

#include "data_preview_presenter.h"
#include "embedding_presenter.h"
#include "embedding_view.h"
#include "experiment_panel.h"
#include "federation_presenter.h"
#include "federation_view.h"
#include "host_dialog.h"
#include "learning_curves_view.h"
#include "partition_heatmap_view.h"
#include "prototype_view.h"
#include "retrieval_presenter.h"
#include "results_dialog.h"
#include "retrieval_view.h"
#include "run_history_presenter.h"
#include "run_status_presenter.h"
#include "runs_view.h"
#include "view_export_presenter.h"
#include "warning_box.h"
#include "window_settings.h"

namespace fedhap::workbench {
namespace {

template <typename View>
View* named(View* view, const char* name) {
    view->setObjectName(name);  // tests and export_view find the views by these names
    return view;
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent), controller_(new ExperimentController(this)) {
    setWindowTitle(tr("FedHAP Workbench — federated hashing with global prototypes (reconstruction)"));
    panel_ = new ExperimentPanel;
    auto* scroll = new QScrollArea;
    scroll->setWidget(panel_);
    scroll->setWidgetResizable(true);
    scroll->setMinimumWidth(panel_->sizeHint().width() + 24);
    auto* dock = new QDockWidget(tr("Experiment"), this);
    dock->setObjectName("experiment_dock");
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    dock->setWidget(scroll);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    auto* summary = named(new QLabel, "data_summary");
    summary->setTextFormat(Qt::RichText);
    summary->setWordWrap(true);
    summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* heatmap = named(new widgets::PartitionHeatmapView, "partition_heatmap");
    auto* data_page = new QWidget;
    auto* data_layout = new QVBoxLayout(data_page);
    data_layout->addWidget(summary);
    data_layout->addWidget(heatmap, 1);
    curves_ = named(new widgets::LearningCurvesView, "curves");
    auto* prototypes = named(new widgets::PrototypeView, "prototypes");
    auto* embedding = named(new widgets::EmbeddingView, "embedding");
    retrieval_ = named(new widgets::RetrievalView, "retrieval");
    auto* runs = named(new widgets::RunsView, "runs");
    federation_view_ = named(new widgets::FederationView, "federation");
    tabs_ = new QTabWidget;
    tabs_->addTab(data_page, tr("Data && split"));
    tabs_->addTab(curves_, tr("Curves"));
    tabs_->addTab(prototypes, tr("Prototypes"));
    tabs_->addTab(embedding, tr("Embedding"));
    tabs_->addTab(retrieval_, tr("Retrieval"));
    tabs_->addTab(runs, tr("Runs"));
    tabs_->addTab(federation_view_, tr("Federation"));
    setCentralWidget(tabs_);

    // Presenters hear of a run in the order they connect to the controller: all of them before
    // this window's own handlers below, so run_done comes when every view is up to date.
    data_preview_ = new DataPreviewPresenter(*panel_, *summary, *heatmap, *statusBar(), this);
    new RunStatusPresenter(*controller_, *statusBar(), this);
    new RunHistoryPresenter(*controller_, *curves_, *prototypes, *runs, this);
    embedding_ = new EmbeddingPresenter(*controller_, *embedding, this);
    retrieval_presenter_ = new RetrievalPresenter(*controller_, *retrieval_, this);
    export_ = new ViewExportPresenter(*this, *tabs_, *heatmap, this);
    federation_ = new FederationPresenter(*controller_, *federation_view_, this);

    connect(data_preview_, &DataPreviewPresenter::loaded, this, &MainWindow::data_ready);
    connect(embedding_, &EmbeddingPresenter::settled, this, &MainWindow::embedding_settled);
    connect(embedding_, &EmbeddingPresenter::item_picked, this, [this](std::size_t row) {
        retrieval_presenter_->show_database_item(row);
        tabs_->setCurrentWidget(retrieval_);
    });
    connect(controller_, &ExperimentController::state_changed, this, &MainWindow::update_run_actions);
    connect(controller_, &ExperimentController::run_started, this, [this] {
        last_error_.clear();
        if (controller_->hosting()) tabs_->setCurrentWidget(federation_view_);  // who joins comes first
        else if (tabs_->currentIndex() == 0) tabs_->setCurrentWidget(curves_);  // show the run, not the split
    });
    connect(controller_, &ExperimentController::run_finished, this, &MainWindow::on_run_finished);

    build_menus();
    build_run_toolbar();
    resize(1440, 900);
    restore_window_settings(*this, *panel_);
    update_run_actions();
    data_preview_->reload();
}

void MainWindow::build_menus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open experiment…"), QKeySequence::Open, this, &MainWindow::open_experiment_dialog);
    file->addAction(tr("&Save experiment as…"), QKeySequence::SaveAs, this, &MainWindow::save_experiment_dialog);
    QMenu* presets = file->addMenu(tr("&Presets"));
    for (const QString& name : QDir(":/presets").entryList({"*.json"}, QDir::Files, QDir::Name)) {
        presets->addAction(QFileInfo(name).completeBaseName(), this, [this, name] {
            const QString error = open_experiment(":/presets/" + name);
            if (!error.isEmpty()) show_warning(this, tr("Cannot load the preset"), error);
        });
    }
    file->addSeparator();
    file->addAction(tr("&Host a federation…"), this, &MainWindow::host_federation_dialog);
    file->addAction(tr("&Follow a server's run folder…"), this, &MainWindow::follow_run_folder_dialog);
    file->addSeparator();
    QMenu* export_menu = file->addMenu(tr("&Export current view"));
    for (const QString suffix : {"png", "pdf", "csv"})
        export_menu->addAction(suffix == QString("csv") ? tr("Data as CSV…") : tr("Plot as %1…").arg(suffix.toUpper()), this,
                               [this, suffix] { export_->export_current(suffix); });
    file->addAction(tr("Export &all views to a folder…"), export_, &ViewExportPresenter::export_all);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("What the &measurements say…"), this, [this] { show_results_dialog(this); });
}

void MainWindow::build_run_toolbar() {
    QToolBar* bar = addToolBar(tr("Run"));
    bar->setObjectName("run_toolbar");
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    run_action_ = bar->addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Run"), this, &MainWindow::start_run);
    run_action_->setToolTip(tr("Train the experiment set in the panel (F5)"));
    run_action_->setShortcut(Qt::Key_F5);
    pause_action_ = bar->addAction(style()->standardIcon(QStyle::SP_MediaPause), tr("Pause"), this, [this] {
        if (controller_->state() == ExperimentController::State::Paused) controller_->resume();
        else controller_->pause();
    });
    pause_action_->setToolTip(tr("Pause between two batches, or resume"));
    step_action_ = bar->addAction(style()->standardIcon(QStyle::SP_MediaSkipForward), tr("Step one round"), this,
                                  [this] { controller_->step(panel_->config()); });
    step_action_->setToolTip(tr("Run to the end of the next round, then pause"));
    stop_action_ = bar->addAction(style()->standardIcon(QStyle::SP_MediaStop), tr("Stop"), controller_, &ExperimentController::stop);
    stop_action_->setToolTip(tr("Stop at the next batch; the views keep what was shown"));
    for (QAction* a : {run_action_, pause_action_, step_action_, stop_action_}) a->setObjectName(a->text().toLower().replace(' ', '_'));
}

void MainWindow::update_run_actions() {
    using State = ExperimentController::State;
    const State s = controller_->state();
    run_action_->setEnabled(s == State::Idle);
    pause_action_->setEnabled(s == State::Running || s == State::Paused);
    pause_action_->setText(s == State::Paused ? tr("Resume") : tr("Pause"));
    pause_action_->setIcon(style()->standardIcon(s == State::Paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    step_action_->setEnabled(s != State::Stopping);
    stop_action_->setEnabled(s == State::Running || s == State::Paused);
}

void MainWindow::start_run() {
    if (controller_->state() != ExperimentController::State::Idle) return;
    controller_->start(panel_->config());
}

void MainWindow::host_federation(const HostSettings& settings) {
    if (controller_->state() != ExperimentController::State::Idle) return;
    last_host_ = settings;
    controller_->start(panel_->config(), false, settings);
}

void MainWindow::host_federation_dialog() {
    if (controller_->state() != ExperimentController::State::Idle) {
        show_warning(this, tr("A run is in progress"), tr("Stop it first: the window hosts one run at a time."));
        return;
    }
    if (const auto settings = ask_host_settings(this, panel_->config().partition.clients, last_host_)) host_federation(*settings);
}

void MainWindow::follow_run_folder_dialog() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("A fedhap serve run folder"));
    if (folder.isEmpty()) return;
    const QString error = federation_->follow(folder);
    if (!error.isEmpty()) show_warning(this, tr("Cannot follow that folder"), error);
    else tabs_->setCurrentWidget(federation_view_);
}

void MainWindow::on_run_finished(int run_id, const RunOutcome& outcome) {
    const bool ok = outcome.error.isEmpty();
    if (!ok) {
        last_error_ = outcome.error;
        show_warning(this, tr("The run failed"), outcome.error);
    }
    Q_EMIT run_done(run_id, ok);
}

bool MainWindow::is_loading() const { return data_preview_->is_loading(); }

bool MainWindow::embedding_busy() const { return embedding_->busy(); }

QString MainWindow::export_view(const QString& view, const QString& path) { return export_->export_view(view, path); }

QStringList MainWindow::save_screenshots(const QString& dir) { return export_->save_screenshots(dir); }

void MainWindow::open_experiment_dialog() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open experiment"), QString(), tr("Experiment (*.json)"));
    if (path.isEmpty()) return;
    const QString error = open_experiment(path);
    if (!error.isEmpty()) show_warning(this, tr("Cannot open the experiment"), error);
}

void MainWindow::save_experiment_dialog() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save experiment"), QString::fromStdString(panel_->config().name) + ".json",
                                                      tr("Experiment (*.json)"));
    if (path.isEmpty()) return;
    const QString error = save_experiment(path);
    if (!error.isEmpty()) show_warning(this, tr("Cannot save the experiment"), error);
}

QString MainWindow::open_experiment(const QString& path) {
    QFile f(path);  // QFile, not the core loader: presets live in Qt resources
    if (!f.open(QIODevice::ReadOnly)) return tr("%1: %2").arg(path, f.errorString());
    try {
        panel_->set_config(config_from_json(f.readAll().toStdString(), path.toStdString()));
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    statusBar()->showMessage(tr("Loaded %1").arg(path), 5000);
    return QString();
}

QString MainWindow::save_experiment(const QString& path) const {
    try {
        save_config_file(path.toStdString(), panel_->config());
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return QString();
}

void MainWindow::closeEvent(QCloseEvent* event) {
    store_window_settings(*this, *panel_);
    event->accept();
}

}  // namespace fedhap::workbench
