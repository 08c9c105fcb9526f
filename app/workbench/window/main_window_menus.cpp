// The window's menus and run toolbar, and which run actions apply in each controller state.
#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QKeySequence>
#include <QMenuBar>
#include <QStyle>
#include <QToolBar>

#include "settings/experiment_panel.h"
#include "lessons/lesson_presenter.h"
#include "lessons/lessons.h"
#include "window/main_window.h"
#include "window/results_dialog.h"
#include "views/view_export_presenter.h"
#include "window/warning_box.h"

namespace fedhap::workbench {

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
    file->addAction(tr("Open &run folder…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this, &MainWindow::open_runs_dialog)
        ->setToolTip(tr("Show the runs under a folder (fedhap run --out folders) in the Runs view, following them as they grow"));
    file->addSeparator();
    file->addAction(tr("&Host a federation…"), this, &MainWindow::host_federation_dialog);
    file->addAction(tr("&Follow a server's run folder…"), this, &MainWindow::follow_run_folder_dialog);
    file->addSeparator();
    QMenu* export_menu = file->addMenu(tr("&Export current view"));
    for (const QString suffix : {"png", "pdf", "csv"})
        export_menu->addAction(suffix == QString("csv") ? tr("Data as CSV…") : tr("Plot as %1…").arg(suffix.toUpper()), this,
                               [this, suffix] { export_->export_current(suffix); });
    file->addAction(tr("Export &all views to a folder…"), export_, &ViewExportPresenter::export_all);
    file->addAction(tr("Export &report (PDF)…"), QKeySequence(Qt::CTRL | Qt::Key_E), this, &MainWindow::export_report_dialog)
        ->setToolTip(tr("One PDF with the experiment, the runs' table, every view and the rounds; PNG and CSV files beside it"));
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    presentation_action_ = view->addAction(tr("&Presentation mode"), this, &MainWindow::set_presentation_mode);
    presentation_action_->setCheckable(true);
    presentation_action_->setShortcut(Qt::Key_F11);
    presentation_action_->setToolTip(tr("Full screen, larger text and markers, a colour-blind-safe palette"));
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QMenu* lesson_menu = help->addMenu(tr("&Lessons"));
    for (const Lesson& l : lessons())
        lesson_menu->addAction(l.title, this, [this, name = l.name] {
            if (controller_->state() != ExperimentController::State::Idle) controller_->stop();
            lessons_->start(name);
        });
    help->addAction(tr("What the &measurements say…"), this, [this] { show_results_dialog(this); });
    help->addAction(tr("&Reset to the classroom preset"), this, [this] {
        const QString error = reset_to_classroom_preset();
        if (!error.isEmpty()) show_warning(this, tr("Cannot load the preset"), error);
    });
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
    pause_action_->setToolTip(tr("Pause between two batches, or resume (F6)"));
    pause_action_->setShortcut(Qt::Key_F6);
    step_action_ = bar->addAction(style()->standardIcon(QStyle::SP_MediaSkipForward), tr("Step one round"), this,
                                  [this] { controller_->step(panel_->config()); });
    step_action_->setToolTip(tr("Run to the end of the next round, then pause (F10)"));
    step_action_->setShortcut(Qt::Key_F10);
    stop_action_ = bar->addAction(style()->standardIcon(QStyle::SP_MediaStop), tr("Stop"), controller_, &ExperimentController::stop);
    stop_action_->setToolTip(tr("Stop at the next batch; the views keep what was shown (Shift+F5)"));
    stop_action_->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
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

}  // namespace fedhap::workbench
