#pragma once
// The guided lessons (Help → Lessons, `fedhap-workbench --lesson NAME`): short sequences of steps,
// each a sentence or two of explanation beside a live view, and what the step does to the
// experiment: set the split or the method, train, train one round, carry on. The text is the
// teacher's script; figures it quotes are ones docs/RESULTS.md measured.
#include <QString>
#include <functional>
#include <vector>

#include "experiment/experiment_config.h"
#include "views/view_id.h"

namespace fedhap::workbench {

enum class LessonAction {
    Show,           // explains what the view shows
    Configure,      // puts the step's experiment into the panel
    Train,          // trains the step's experiment to its end
    TrainOneRound,  // trains round 1 of the step's experiment, then holds
    Resume,         // trains the held run to its end
    CompareSplits,  // shows the lesson's splits side by side
};

struct LessonStep {
    QString heading;
    QString text;  // rich text, two or three sentences
    ViewId view = ViewId::Partition;  // the view shown
    LessonAction action = LessonAction::Show;
    // For Configure / Train / TrainOneRound: the step's experiment, made from the lesson's base.
    std::function<void(ExperimentConfig&)> configure;
    bool keep_before = false;  // keep a picture of the view as the step is left ("before")
};

struct Lesson {
    QString name;   // for --lesson
    QString title;  // in the menu and the panel
    int rounds = 5;  // each training step's rounds, unless the user asks for other
    std::vector<LessonStep> steps;
    // For CompareSplits: the splits shown side by side, each with its caption.
    std::vector<std::pair<QString, std::function<void(ExperimentConfig&)>>> splits;
};

const std::vector<Lesson>& lessons();
const Lesson* find_lesson(const QString& name);  // nullptr when there is none of that name
QString lesson_names();                           // "a, b, c", for messages

}  // namespace fedhap::workbench
