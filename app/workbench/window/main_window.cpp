#include "window/main_window.h"

#include <QApplication>
#include <QDateTime>
#include <QSysInfo>
#include <QTableWidget>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QScrollArea>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include "views/data_preview_presenter.h"
#include "views/embedding_presenter.h"
#include "embedding_view.h"
#include "settings/experiment_panel.h"
#include "views/federation_presenter.h"
#include "federation_view.h"
#include "settings/host_dialog.h"
#include "learning_curves_view.h"
#include "lesson_panel.h"
#include "lessons/lesson_presenter.h"
#include "lessons/lessons.h"
#include "plot_style.h"
#include "views/report_writer.h"
#include "split_comparison_view.h"
#include "partition_heatmap_view.h"
#include "prototype_view.h"
#include "views/retrieval_presenter.h"
#include "retrieval_view.h"
#include "runs/run_history_presenter.h"
#include "runs/run_library_presenter.h"
#include "run/run_status_presenter.h"
#include "runs_view.h"
#include "views/view_export_presenter.h"
#include "window/warning_box.h"
#include "window/window_settings.h"

namespace fedhap::workbench {
namespace {

constexpr int kSavedRunsShown = 20;  // of earlier sessions, in the runs view at start-up

template <typename View>
View* named(View* view, const char* name) {
    view->setObjectName(name);  // tests find the widgets by these names
    return view;
}

template <typename Page>
Page* page_of(Page* page, ViewId id) {
    page->setObjectName(view_key(id));  // the export and the lessons find a view's tab by its key
    return page;
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
    auto* data_page = page_of(new QWidget, ViewId::Partition);
    auto* data_layout = new QVBoxLayout(data_page);
    data_layout->addWidget(summary);
    data_layout->addWidget(heatmap, 1);
    curves_ = page_of(new widgets::LearningCurvesView, ViewId::Curves);
    auto* prototypes = page_of(new widgets::PrototypeView, ViewId::Prototypes);
    auto* embedding = page_of(new widgets::EmbeddingView, ViewId::Embedding);
    retrieval_ = page_of(new widgets::RetrievalView, ViewId::Retrieval);
    runs_ = page_of(new widgets::RunsView, ViewId::Runs);
    federation_view_ = page_of(new widgets::FederationView, ViewId::Federation);
    splits_ = page_of(new widgets::SplitComparisonView(this), ViewId::Splits);  // a tab while a lesson shows it
    splits_->hide();
    pages_ = {{ViewId::Partition, data_page}, {ViewId::Curves, curves_},       {ViewId::Prototypes, prototypes},
              {ViewId::Embedding, embedding}, {ViewId::Retrieval, retrieval_}, {ViewId::Runs, runs_},
              {ViewId::Federation, federation_view_}, {ViewId::Splits, splits_}};
    tabs_ = new QTabWidget;
    for (const ViewInfo& v : all_views())
        if (v.starts_as_tab) tabs_->addTab(pages_.at(v.id), view_title(v.id));
    setCentralWidget(tabs_);
    lesson_panel_ = named(new widgets::LessonPanel, "lesson_panel");
    lesson_dock_ = new QDockWidget(tr("Lesson"), this);
    lesson_dock_->setObjectName("lesson_dock");
    lesson_dock_->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    lesson_dock_->setWidget(lesson_panel_);
    addDockWidget(Qt::RightDockWidgetArea, lesson_dock_);
    lesson_dock_->hide();
    normal_font_ = QApplication::font();

    // Presenters hear of a run in the order they connect to the controller: all of them before
    // this window's own handlers below, so run_done comes when every view is up to date.
    data_preview_ = new DataPreviewPresenter(*panel_, *summary, *heatmap, *statusBar(), this);
    new RunStatusPresenter(*controller_, *statusBar(), this);
    new RunHistoryPresenter(*controller_, *curves_, *prototypes, *runs_, this);
    run_library_ = new RunLibraryPresenter(*runs_, this);
    connect(run_library_, &RunLibraryPresenter::opened, this, [this](const QString&, const QString& error) {
        if (!error.isEmpty()) show_warning(this, tr("Cannot open the runs"), error);
    });
    lessons_ = new LessonPresenter(*this, *lesson_panel_, this);
    connect(lesson_panel_, &widgets::LessonPanel::presentation_toggled, this, &MainWindow::set_presentation_mode);
    connect(lesson_panel_, &widgets::LessonPanel::export_requested, this, &MainWindow::export_report_dialog);
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
    startup_note_ = restore_window_settings(*this, *panel_);
    if (!startup_note_.isEmpty()) {
        // After the load's own "Loaded N images", which would otherwise replace it at once.
        connect(data_preview_, &DataPreviewPresenter::loaded, this, [this] { statusBar()->showMessage(startup_note_, 20000); },
                Qt::SingleShotConnection);
    }
    update_run_actions();
    run_library_->open_saved_runs(kSavedRunsShown);
    data_preview_->reload();
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

void MainWindow::open_runs_dialog() {
    const QString folder = QFileDialog::getExistingDirectory(this, tr("A run folder, or a folder of run folders"));
    if (!folder.isEmpty()) open_runs(folder);
}

void MainWindow::open_runs(const QString& path) {
    run_library_->open(path);
    tabs_->setCurrentWidget(runs_);
}

int MainWindow::tab_of(ViewId view) const { return tabs_->indexOf(pages_.at(view)); }

void MainWindow::show_view(ViewId view) {
    if (view == ViewId::Splits && tab_of(view) < 0) tabs_->addTab(splits_, view_title(view));
    if (const int tab = tab_of(view); tab >= 0) tabs_->setCurrentIndex(tab);
}

std::optional<ViewId> MainWindow::current_view() const { return export_->view_of_tab(tabs_->currentIndex()); }

QPixmap MainWindow::grab_view(ViewId view) {
    const int tab = tab_of(view);
    if (tab < 0) return {};
    if (auto* live = qobject_cast<widgets::LiveView*>(tabs_->widget(tab))) live->flush();
    return tabs_->widget(tab)->grab();
}

void MainWindow::show_splits(const QStringList& captions, const QVector<widgets::CountMatrix>& counts, const QString& hint) {
    splits_->set_splits(captions, counts, hint);
    show_view(ViewId::Splits);
}

void MainWindow::show_lesson_panel(bool on) {
    // The lesson sets the experiment itself: its panel gives the views the room.
    if (on == lesson_dock_->isHidden()) findChild<QDockWidget*>("experiment_dock")->setVisible(!on);
    lesson_dock_->setVisible(on);
    if (!on && tab_of(ViewId::Splits) >= 0) tabs_->removeTab(tab_of(ViewId::Splits));
}

void MainWindow::set_presentation_mode(bool on) {
    presentation_action_->setChecked(on);
    lesson_panel_->set_presenting(on);
    widgets::set_presentation_style(on);
    QFont f = normal_font_;
    if (on) f.setPointSizeF(normal_font_.pointSizeF() * 1.35);
    QApplication::setFont(f);
    for (widgets::LiveView* v : findChildren<widgets::LiveView*>()) v->restyle();
    if (on) showFullScreen();
    else showNormal();
}

void MainWindow::export_report_dialog() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export report"), QString::fromStdString(panel_->config().name) + "-report.pdf",
                                                      tr("PDF (*.pdf)"));
    if (path.isEmpty()) return;
    const QString error = export_report(path);
    if (!error.isEmpty()) show_warning(this, tr("Cannot write the report"), error);
    else statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

QString MainWindow::export_report(const QString& pdf_path) {
    const QFileInfo pdf(pdf_path);
    const QString files = pdf.absoluteDir().filePath(pdf.completeBaseName() + "-files");
    if (!QDir().mkpath(files)) return tr("%1: cannot make the folder").arg(files);
    ReportContent c;
    c.title = lessons_->active() ? tr("FedHAP Workbench lesson: %1").arg(lessons_->lesson()->title)
                                 : tr("FedHAP Workbench report: %1").arg(QString::fromStdString(panel_->config().name));
    c.subtitle = tr("%1 · FedHAP (reconstruction) · %2").arg(QDateTime::currentDateTime().toString(Qt::ISODate), QSysInfo::prettyProductName());
    if (lessons_->active())
        for (std::size_t i = 0; i < lessons_->lesson()->steps.size(); ++i) {
            const LessonStep& s = lessons_->lesson()->steps[i];
            c.lesson_html += QString("<h3>%1. %2</h3><p>%3</p>").arg(i + 1).arg(s.heading.toHtmlEscaped(), s.text);
        }
    c.config_json = QString::fromStdString(config_to_json(panel_->config()));
    const QTableWidget* summary = runs_->summary();
    for (int col = 0; col < summary->columnCount(); ++col) c.summary.header << summary->horizontalHeaderItem(col)->text();
    for (int row = 0; row < summary->rowCount(); ++row) {
        QStringList cells;
        for (int col = 0; col < summary->columnCount(); ++col) cells << (summary->item(row, col) ? summary->item(row, col)->text() : QString());
        c.summary.rows << cells;
    }
    std::vector<std::optional<ViewId>> shown;
    const QStringList pngs = export_->save_screenshots(files, &shown);
    for (int i = 0; i < pngs.size(); ++i) {
        const std::optional<ViewId> view = shown[static_cast<std::size_t>(i)];
        // The window as a whole repeats a view; the federation view is empty unless this window hosted a run.
        if (!view || (*view == ViewId::Federation && federation_view_->status().silos.empty())) continue;
        c.view_images << pngs[i];
        c.view_captions << view_caption(*view);
    }
    for (int tab = 0; tab < tabs_->count(); ++tab) {
        const std::optional<ViewId> view = export_->view_of_tab(tab);
        if (view && (qobject_cast<widgets::LiveView*>(tabs_->widget(tab)) || *view == ViewId::Partition))
            export_->export_view(*view, QDir(files).filePath(view_key(*view) + ".csv"));
    }
    const widgets::TrainingCurves& t = curves_->curves();
    c.rounds.header = QStringList{tr("round"), tr("mean loss"), tr("mAP"), tr("MB up"), tr("MB down")};
    for (int i = 0; i < t.rounds.size(); ++i) {
        const int m = static_cast<int>(t.map_rounds.indexOf(t.rounds[i]));
        c.rounds.rows << QStringList{QString::number(t.rounds[i]), QString::number(t.mean_loss.value(i), 'f', 4),
                                     m >= 0 ? QString::number(t.map[m], 'f', 4) : QString(),
                                     QString::number(t.bytes_up.value(i) / 1e6, 'f', 2), QString::number(t.bytes_down.value(i) / 1e6, 'f', 2)};
    }
    return write_report_pdf(pdf_path, c);
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

QString MainWindow::export_view(ViewId view, const QString& path) { return export_->export_view(view, path); }

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
    try {
        if (path.startsWith(":/")) {  // a preset in the Qt resources, which only QFile reads
            QFile f(path);
            if (!f.open(QIODevice::ReadOnly)) return tr("%1: %2").arg(path, f.errorString());
            panel_->set_config(config_from_json(f.readAll().toStdString(), path.toStdString()));
        } else {  // the core's reader: a FIFO or /dev/zero is refused, not read forever
            panel_->set_config(load_config_file(path.toStdString()));
        }
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    statusBar()->showMessage(tr("Loaded %1").arg(path), 5000);
    return QString();
}

QString MainWindow::reset_to_classroom_preset() { return open_experiment(":/presets/classroom.json"); }

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
