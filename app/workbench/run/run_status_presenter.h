#pragma once
// The status bar during a run: the device, "round r/R · client c/C" with a bar for the round,
// the ETA, and one-line messages as the run starts, pauses, ends a round and finishes. Its
// permanent widgets are its own; it adds them to the status bar it is given.
#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include "run/experiment_controller.h"

class QLabel;
class QProgressBar;
class QStatusBar;

namespace fedhap::workbench {

class RunStatusPresenter : public QObject {
    Q_OBJECT
public:
    RunStatusPresenter(ExperimentController& controller, QStatusBar& status_bar, QObject* parent = nullptr);

private:
    void on_state_changed(ExperimentController::State state);
    void on_started(int run_id, const ExperimentConfig& config);
    void on_round_ended(const RoundUpdate& update);
    void on_paused(const RunProgress& at);
    void on_finished(int run_id, const RunOutcome& outcome);
    void update_labels();
    double round_fraction() const;  // of the current round, from the progress
    QString eta_text(double fraction) const;

    ExperimentController& controller_;
    QStatusBar& status_bar_;
    QLabel *device_label_, *round_label_, *eta_label_;
    QProgressBar* round_progress_;

    int rounds_ = 0;  // of the current run
    QString device_;
    RunProgress progress_;
    QElapsedTimer clock_;
    double seconds_per_round_ = 0.0;  // measured over the finished rounds
    int rounds_done_ = 0;
};

}  // namespace fedhap::workbench
