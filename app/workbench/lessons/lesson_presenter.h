#pragma once
// Drives a lesson (lessons.h) through the window: each step puts its experiment into the panel,
// trains (the whole run, or one round then holds), shows its view and says so in the lesson
// panel; Next is enabled once the step's work is done.
#include <QObject>
#include <QPixmap>
#include <optional>

#include "experiment/experiment_config.h"
#include "lessons/lessons.h"

namespace fedhap::widgets {
class LessonPanel;
}

namespace fedhap::workbench {

class MainWindow;

class LessonPresenter : public QObject {
    Q_OBJECT
public:
    LessonPresenter(MainWindow& window, widgets::LessonPanel& panel, QObject* parent = nullptr);

    // Starts the lesson `name` from `base` (default: the classroom preset) with `rounds` per
    // training step (0: the lesson's own). Returns an error for an unknown name.
    QString start(const QString& name, std::optional<ExperimentConfig> base = std::nullopt, int rounds = 0);
    void next();  // the next step, or the end after the last
    void end();

    bool active() const { return lesson_ != nullptr; }
    const Lesson* lesson() const { return lesson_; }
    int step() const { return step_; }
    bool ready() const { return ready_; }

Q_SIGNALS:
    void step_entered(int step);
    void step_ready(int step);  // Next may be pressed
    void finished(const QString& lesson);

private:
    void enter(int step);
    void set_ready(const QString& activity);
    void on_run_finished(int run_id, bool ok);
    void compare_splits();
    ExperimentConfig step_config(const LessonStep& s) const;

    MainWindow& window_;
    widgets::LessonPanel& panel_;
    const Lesson* lesson_ = nullptr;
    ExperimentConfig base_;
    int step_ = -1;
    bool ready_ = false;
    int waiting_run_ = 0;  // the run whose end (or hold after round 1) the step waits for
};

}  // namespace fedhap::workbench
