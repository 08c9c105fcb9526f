#pragma once
// What the runs have learned: the current run's learning curves and global prototypes, the
// session's runs in the runs view (title, status, curves and settings of each, for overlay and
// diff), and every finished run there (opened ones too) compared over seeds against a reference
// the user picks and with its pooled counterpart (run_comparison.h).
#include <QMap>
#include <QObject>
#include <QStringList>

#include "run/experiment_controller.h"
#include "run_record.h"
#include "views/view_data.h"

namespace fedhap::widgets {
class LearningCurvesView;
class PrototypeView;
class RunsView;
}  // namespace fedhap::widgets

namespace fedhap::workbench {

class RunHistoryPresenter : public QObject {
    Q_OBJECT
public:
    RunHistoryPresenter(ExperimentController& controller, widgets::LearningCurvesView& curves,
                        widgets::PrototypeView& prototypes, widgets::RunsView& runs, QObject* parent = nullptr);

private:
    void on_started(int run_id, const ExperimentConfig& config);
    void on_round_ended(int run_id, const RoundUpdate& update);
    void on_codes(int run_id, const SharedCodes& codes);
    void on_finished(int run_id, const RunOutcome& outcome);
    void show_curves(int run_id);  // in the curves view and in the run's record
    void show_comparison();  // of every run in the runs view

    widgets::LearningCurvesView& curves_;
    widgets::PrototypeView& prototypes_;
    widgets::RunsView& runs_;
    const ExperimentController& controller_;
    QMap<int, widgets::RunRecord> records_;  // every run of the session
    TrainingHistory history_;                // of the current run
    int rounds_ = 0;                         // of the current run
    QStringList class_names_;
    QString reference_key_;  // of the comparison's reference group; empty: the first
};

}  // namespace fedhap::workbench
