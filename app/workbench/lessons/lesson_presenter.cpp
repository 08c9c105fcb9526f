#include "lessons/lesson_presenter.h"

#include <QFile>
#include <stdexcept>

#include "views/data_preview_presenter.h"
#include "settings/experiment_panel.h"
#include "lesson_panel.h"
#include "window/main_window.h"

namespace fedhap::workbench {
namespace {

using State = ExperimentController::State;

ExperimentConfig classroom_preset() {
    QFile f(":/presets/classroom.json");
    f.open(QIODevice::ReadOnly);
    return config_from_json(f.readAll().toStdString(), "classroom preset");
}

}  // namespace

LessonPresenter::LessonPresenter(MainWindow& window, widgets::LessonPanel& panel, QObject* parent)
    : QObject(parent), window_(window), panel_(panel) {
    ExperimentController& c = window.controller();
    connect(&window, &MainWindow::run_done, this, &LessonPresenter::on_run_finished);
    connect(&c, &ExperimentController::paused, this, [this](int run_id) {
        if (lesson_ && run_id == waiting_run_ && lesson_->steps[step_].action == LessonAction::TrainOneRound)
            set_ready(tr("Round 1 done; the run holds here. Press Next (Space) to go on."));
    });
    connect(&c, &ExperimentController::progress, this, [this](int run_id, const RunProgress& p) {
        if (lesson_ && run_id == waiting_run_ && !ready_)
            panel_.set_activity(tr("Training: round %1 of %2, client %3 of %4…").arg(p.round).arg(p.rounds).arg(p.client).arg(p.clients),
                                false);
    });
    connect(&window.data_preview(), &DataPreviewPresenter::loaded, this, [this] {
        if (lesson_ && lesson_->steps[step_].action == LessonAction::CompareSplits && !ready_) compare_splits();
    });
    connect(&panel, &widgets::LessonPanel::next_requested, this, &LessonPresenter::next);
    connect(&panel, &widgets::LessonPanel::close_requested, this, &LessonPresenter::end);
}

QString LessonPresenter::start(const QString& name, std::optional<ExperimentConfig> base, int rounds) {
    const Lesson* lesson = find_lesson(name);
    if (!lesson) return tr("no lesson named \"%1\" (lessons: %2)").arg(name, lesson_names());
    lesson_ = lesson;
    base_ = base ? *base : classroom_preset();
    if (rounds > 0) base_.rounds = rounds;
    else if (lesson->rounds > 0) base_.rounds = lesson->rounds;
    panel_.set_lesson(lesson->title, static_cast<int>(lesson->steps.size()));
    enter(0);
    return {};
}

void LessonPresenter::next() {
    if (!lesson_ || !ready_) return;
    const LessonStep& leaving = lesson_->steps[step_];
    if (leaving.keep_before)
        panel_.set_before(window_.grab_view(leaving.view), tr("Before: %1").arg(leaving.heading));
    if (step_ + 1 < static_cast<int>(lesson_->steps.size())) {
        enter(step_ + 1);
        return;
    }
    const QString name = lesson_->name;
    end();
    Q_EMIT finished(name);
}

void LessonPresenter::end() {
    lesson_ = nullptr;
    step_ = -1;
    ready_ = false;
    waiting_run_ = 0;
    window_.show_lesson_panel(false);
}

ExperimentConfig LessonPresenter::step_config(const LessonStep& s) const {
    ExperimentConfig c = base_;
    if (s.configure) s.configure(c);
    return c;
}

void LessonPresenter::enter(int step) {
    step_ = step;
    ready_ = false;
    const LessonStep& s = lesson_->steps[step];
    window_.show_lesson_panel(true);
    panel_.set_step(step, s.heading, s.text);
    panel_.set_last_step(step + 1 == static_cast<int>(lesson_->steps.size()));
    ExperimentController& controller = window_.controller();
    Q_EMIT step_entered(step);
    switch (s.action) {
    case LessonAction::Show:
        set_ready({});
        break;
    case LessonAction::Configure:
        window_.panel().set_config(step_config(s));
        set_ready({});
        break;
    case LessonAction::CompareSplits:
        compare_splits();
        break;
    case LessonAction::Train:
    case LessonAction::TrainOneRound: {
        window_.panel().set_config(step_config(s));
        panel_.set_activity(tr("Starting…"), false);
        const ExperimentConfig config = window_.panel().config();
        if (s.action == LessonAction::Train) waiting_run_ = controller.start(config);
        else waiting_run_ = controller.start(config, true);
        break;
    }
    case LessonAction::Resume:
        if (controller.state() == State::Paused) {
            waiting_run_ = controller.run_id();
            panel_.set_activity(tr("Training on…"), false);
            controller.resume();
        } else if (controller.state() == State::Idle) {
            set_ready({});  // the held run had no round left
        } else {
            waiting_run_ = controller.run_id();  // still running: wait for its end
        }
        break;
    }
    window_.show_view(s.view);
}

void LessonPresenter::set_ready(const QString& activity) {
    ready_ = true;
    panel_.set_activity(activity, true);
    Q_EMIT step_ready(step_);
}

void LessonPresenter::on_run_finished(int run_id, bool ok) {
    if (!lesson_ || run_id != waiting_run_ || ready_) return;
    set_ready(ok ? tr("Done. Press Next (Space).") : tr("The run failed: %1").arg(window_.last_error()));
}

void LessonPresenter::compare_splits() {
    const DataPreviewPresenter& data = window_.data_preview();
    if (!data.has_data()) {
        panel_.set_activity(data.is_loading() ? tr("Loading the data…") : tr("No data: see the Data tab."), !data.is_loading());
        if (!data.is_loading()) ready_ = true;
        return;
    }
    QStringList captions;
    QVector<widgets::CountMatrix> counts;
    QString why;
    for (const auto& [caption, configure] : lesson_->splits) {
        ExperimentConfig c = base_;
        configure(c);
        captions << caption;
        try {
            counts << data.split_counts(c.partition);
        } catch (const std::invalid_argument& e) {
            counts << widgets::CountMatrix{};
            why = tr("This split cannot be made:\n%1").arg(QString::fromStdString(e.what()));
        }
    }
    window_.show_splits(captions, counts, why);
    set_ready({});
}

}  // namespace fedhap::workbench
