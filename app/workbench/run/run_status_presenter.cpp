#include "run/run_status_presenter.h"

#include <QLabel>
#include <QProgressBar>
#include <QStatusBar>
#include <algorithm>

#include "window/duration_text.h"

namespace fedhap::workbench {

RunStatusPresenter::RunStatusPresenter(ExperimentController& controller, QStatusBar& status_bar, QObject* parent)
    : QObject(parent), controller_(controller), status_bar_(status_bar) {
    device_label_ = new QLabel;
    round_label_ = new QLabel;
    eta_label_ = new QLabel;
    round_progress_ = new QProgressBar;
    round_progress_->setMaximumWidth(160);
    round_progress_->setTextVisible(false);
    device_label_->setObjectName("device_label");
    round_label_->setObjectName("round_label");
    eta_label_->setObjectName("eta_label");
    for (QWidget* w : {static_cast<QWidget*>(device_label_), static_cast<QWidget*>(round_label_),
                       static_cast<QWidget*>(round_progress_), static_cast<QWidget*>(eta_label_)})
        status_bar_.addPermanentWidget(w);

    connect(&controller_, &ExperimentController::state_changed, this, &RunStatusPresenter::on_state_changed);
    connect(&controller_, &ExperimentController::run_started, this, &RunStatusPresenter::on_started);
    connect(&controller_, &ExperimentController::data_ready, this,
            [this](int, const RunData&) { status_bar_.showMessage(tr("Training…"), 3000); });
    connect(&controller_, &ExperimentController::progress, this, [this](int, const RunProgress& p) {
        progress_ = p;
        update_labels();
    });
    connect(&controller_, &ExperimentController::round_ended, this, [this](int, const RoundUpdate& u) { on_round_ended(u); });
    connect(&controller_, &ExperimentController::paused, this, [this](int, const RunProgress& at) { on_paused(at); });
    connect(&controller_, &ExperimentController::run_finished, this, &RunStatusPresenter::on_finished);
    update_labels();
}

void RunStatusPresenter::on_state_changed(ExperimentController::State state) {
    using State = ExperimentController::State;
    // "Paused" waits for the worker's acknowledgement (on_paused): the batch under way ends first.
    if (state == State::Paused) status_bar_.showMessage(tr("Pausing at the next batch…"));
    if (state == State::Stopping) status_bar_.showMessage(tr("Stopping at the next batch…"));
    update_labels();
}

void RunStatusPresenter::on_started(int run_id, const ExperimentConfig& config) {
    rounds_ = config.rounds;
    try {
        device_ = QString::fromStdString(resolve_device(config.device));
    } catch (const std::exception&) {
        device_ = QString::fromStdString(config.device);
    }
    progress_ = {};
    rounds_done_ = 0;
    seconds_per_round_ = 0;
    clock_.start();
    status_bar_.showMessage(tr("Run #%1 started: loading the data…").arg(run_id));
    update_labels();
}

void RunStatusPresenter::on_round_ended(const RoundUpdate& u) {
    rounds_done_ = u.metrics.round;
    seconds_per_round_ = clock_.elapsed() / 1000.0 / std::max(1, rounds_done_);
    QString text = tr("Round %1 done: loss %2").arg(u.metrics.round).arg(u.metrics.loss, 0, 'f', 4);
    if (u.metrics.map) text += tr(", mAP %1").arg(*u.metrics.map, 0, 'f', 3);
    status_bar_.showMessage(text, 5000);
    update_labels();
}

void RunStatusPresenter::on_paused(const RunProgress& at) {
    progress_ = at;
    const bool between_rounds = at.client <= 1 && at.batch == 0;
    status_bar_.showMessage(between_rounds ? tr("Paused before round %1 — Resume or Step one round to go on").arg(at.round)
                                           : tr("Paused in round %1 — Resume or Step one round to go on").arg(at.round));
    update_labels();
}

void RunStatusPresenter::on_finished(int run_id, const RunOutcome& o) {
    if (!o.error.isEmpty()) {
        status_bar_.showMessage(tr("Run #%1 failed: %2").arg(run_id).arg(o.error));
    } else if (o.stopped()) {
        status_bar_.showMessage(tr("Run #%1 stopped after round %2 of %3").arg(run_id).arg(o.summary.rounds).arg(rounds_));
    } else {
        status_bar_.showMessage(tr("Run #%1 done in %2: mAP@all %3 on %4")
                                    .arg(run_id)
                                    .arg(duration_text(o.summary.seconds))
                                    .arg(o.summary.map_all, 0, 'f', 3)
                                    .arg(QString::fromStdString(o.summary.device)));
        device_ = QString::fromStdString(o.summary.device);
    }
    update_labels();
}

void RunStatusPresenter::update_labels() {
    device_label_->setText(device_.isEmpty() ? QString() : tr("device: %1").arg(device_));
    if (controller_.state() == ExperimentController::State::Idle) {
        round_label_->setText(rounds_done_ > 0 ? tr("%1 of %2 rounds").arg(rounds_done_).arg(rounds_) : QString());
        eta_label_->clear();
        round_progress_->setVisible(false);
        return;
    }
    round_progress_->setVisible(true);
    const RunProgress& p = progress_;
    if (p.round == 0) {
        round_label_->setText(tr("loading data…"));
        eta_label_->clear();
        return;
    }
    const double fraction = round_fraction();
    round_label_->setText(tr("round %1/%2 · client %3/%4").arg(p.round).arg(p.rounds).arg(p.client).arg(p.clients));
    round_progress_->setRange(0, 1000);
    round_progress_->setValue(static_cast<int>(fraction * 1000));
    eta_label_->setText(eta_text(fraction));
}

double RunStatusPresenter::round_fraction() const {
    const RunProgress& p = progress_;
    if (p.clients <= 0) return 0.0;
    return (std::max(p.client - 1, 0) + (p.batches > 0 ? double(p.batch) / p.batches : 0.0)) / p.clients;
}

QString RunStatusPresenter::eta_text(double fraction) const {
    // Time per finished round; before the first ends, an estimate once 5 % of it is done.
    const double per_round = seconds_per_round_ > 0 ? seconds_per_round_
                                                    : (fraction > 0.05 ? clock_.elapsed() / 1000.0 / (rounds_done_ + fraction) : 0.0);
    if (per_round <= 0) return tr("ETA: estimating…");
    if (controller_.state() == ExperimentController::State::Paused) return tr("ETA: paused");
    const double left = std::max(0.0, (progress_.rounds - rounds_done_ - fraction) * per_round);
    return tr("ETA: %1").arg(duration_text(left));
}

}  // namespace fedhap::workbench
