#include "run/experiment_controller.h"

#include "run/experiment_worker.h"
#include "runs/saved_runs.h"

namespace fedhap::workbench {

ExperimentController::ExperimentController(QObject* parent) : QObject(parent), worker_(new ExperimentWorker) {
    qRegisterMetaType<RunData>();
    qRegisterMetaType<RunProgress>();
    qRegisterMetaType<RoundUpdate>();
    qRegisterMetaType<SharedCodes>();
    qRegisterMetaType<RunOutcome>();
    thread_.setObjectName("fedhap-training");
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);

    // Each handler drops what belongs to a run that is no longer the current one.
    connect(worker_, &ExperimentWorker::data_ready, this, [this](int id, const RunData& d) {
        if (id == run_id_) Q_EMIT data_ready(id, d);
    });
    connect(worker_, &ExperimentWorker::progress, this, [this](int id, const RunProgress& p) {
        if (id == run_id_) Q_EMIT progress(id, p);
    });
    connect(worker_, &ExperimentWorker::round_ended, this, [this](int id, const RoundUpdate& u, bool paused_after) {
        if (id != run_id_) return;
        if (paused_after && state_ == State::Running) set_state(State::Paused);
        Q_EMIT round_ended(id, u);
    });
    connect(worker_, &ExperimentWorker::paused, this, [this](int id, int pause, const RunProgress& at) {
        // A late acknowledgement of an earlier pause (resumed since) is not this pause's.
        if (id == run_id_ && state_ == State::Paused && control_ && pause == control_->pause_count()) Q_EMIT paused(id, at);
    });
    connect(worker_, &ExperimentWorker::codes_ready, this, [this](int id, const SharedCodes& c) {
        if (id == run_id_) Q_EMIT codes_ready(id, c);
    });
    connect(worker_, &ExperimentWorker::silo_event, this, [this](int id, const QByteArray& line) {
        if (id == run_id_) Q_EMIT silo_event(id, line);
    });
    connect(worker_, &ExperimentWorker::finished, this, [this](int id, const RunOutcome& o) {
        if (id != run_id_) return;
        control_.reset();
        set_state(State::Idle);
        Q_EMIT run_finished(id, o);
    });
    thread_.start();
}

ExperimentController::~ExperimentController() {
    if (control_) control_->request_stop();  // also wakes a paused run
    thread_.quit();
    thread_.wait();
}

int ExperimentController::start(const ExperimentConfig& config, bool pause_after_round, const std::optional<HostSettings>& host) {
    if (control_) control_->request_stop();  // the old run ends at its next batch
    control_ = std::make_shared<RunControl>();
    if (pause_after_round) control_->pause_after_round();
    const int id = ++run_id_;
    const SharedRunControl control = control_;
    ExperimentWorker* worker = worker_;
    // Queued into the worker's thread; it starts once the previous run has returned.
    hosting_ = host;
    // A hosted run writes where its host settings say; any other is kept with the saved runs.
    run_folder_ = host ? host->run_folder : make_run_folder(config);
    const QString folder = host ? QString() : run_folder_;
    QMetaObject::invokeMethod(
        worker_, [worker, id, config, control, host, folder] { worker->run(id, config, control, host, folder); },
        Qt::QueuedConnection);
    set_state(State::Running);
    Q_EMIT run_started(id, config);
    return id;
}

void ExperimentController::pause() {
    if (state_ != State::Running) return;
    control_->pause();
    set_state(State::Paused);
}

void ExperimentController::resume() {
    if (state_ != State::Paused) return;
    control_->resume();
    set_state(State::Running);
}

void ExperimentController::stop() {
    if (!control_ || state_ == State::Stopping || state_ == State::Idle) return;
    control_->request_stop();
    set_state(State::Stopping);
}

void ExperimentController::step(const ExperimentConfig& config_if_idle) {
    if (state_ == State::Idle) {
        start(config_if_idle, true);
    } else if (state_ == State::Paused) {
        control_->resume_for_one_round();
        set_state(State::Running);
    } else if (state_ == State::Running) {
        control_->pause_after_round();  // pause when this round ends
    }
}

void ExperimentController::set_state(State s) {
    if (s == state_) return;
    state_ = s;
    Q_EMIT state_changed(s);
}

}  // namespace fedhap::workbench
