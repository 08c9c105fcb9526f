#include "runs/run_history_presenter.h"

#include <QFileInfo>

#include "learning_curves_view.h"
#include "prototype_view.h"
#include "runs/run_comparison.h"
#include "runs/run_folder.h"
#include "runs_view.h"

namespace fedhap::workbench {
namespace {

QString run_title(int id, const ExperimentConfig& c) {
    return QString("#%1 %2 · %3 · %4 bits · %5 clients")
        .arg(id)
        .arg(QString::fromStdString(c.name), QString::fromStdString(to_string(c.method.method)))
        .arg(c.bits)
        .arg(c.partition.clients);
}

}  // namespace

RunHistoryPresenter::RunHistoryPresenter(ExperimentController& controller, widgets::LearningCurvesView& curves,
                                         widgets::PrototypeView& prototypes, widgets::RunsView& runs, QObject* parent)
    : QObject(parent), curves_(curves), prototypes_(prototypes), runs_(runs), controller_(controller) {
    connect(&controller, &ExperimentController::run_started, this, &RunHistoryPresenter::on_started);
    connect(&controller, &ExperimentController::data_ready, this, [this](int, const RunData& d) {
        class_names_ = d.data ? class_names(*d.data) : QStringList();
    });
    connect(&controller, &ExperimentController::round_ended, this, &RunHistoryPresenter::on_round_ended);
    connect(&controller, &ExperimentController::codes_ready, this, &RunHistoryPresenter::on_codes);
    connect(&controller, &ExperimentController::run_finished, this, &RunHistoryPresenter::on_finished);
    connect(runs_.comparison(), &widgets::RunComparisonView::reference_chosen, this, [this](const QString& key) {
        reference_key_ = key;
        show_comparison();
    });
    connect(&runs_, &widgets::RunsView::runs_changed, this, &RunHistoryPresenter::show_comparison);
}

void RunHistoryPresenter::on_started(int run_id, const ExperimentConfig& config) {
    rounds_ = config.rounds;
    class_names_.clear();
    history_.reset(config.rounds);
    curves_.set_curves(history_.curves());
    curves_.set_hint(tr("Round 1 is training…"));
    prototypes_.set_prototypes({});

    widgets::RunRecord r;
    r.id = run_id;
    r.title = run_title(run_id, config);
    r.status = tr("running");
    r.config_json = QString::fromStdString(config_to_json(config));
    r.seed = config.seed;
    r.folder = controller_.run_folder();
    records_[run_id] = r;
    runs_.upsert_run(r);
}

void RunHistoryPresenter::on_round_ended(int run_id, const RoundUpdate& u) {
    history_.add(u.metrics);
    prototypes_.set_prototypes(to_prototype_matrix(u.prototypes, class_names_));
    records_[run_id].status = tr("running: round %1/%2").arg(u.metrics.round).arg(rounds_);
    show_curves(run_id);
}

void RunHistoryPresenter::on_codes(int run_id, const SharedCodes& codes) {
    // The final evaluation completes the mAP curve when the last round had none.
    if (codes->final && history_.add_final_map(codes->round, codes->map)) show_curves(run_id);
}

void RunHistoryPresenter::on_finished(int run_id, const RunOutcome& o) {
    widgets::RunRecord& r = records_[run_id];
    if (!o.error.isEmpty()) {
        r.status = tr("failed: %1").arg(o.error);
        curves_.set_hint(tr("The run failed:\n%1\nFix the setting and press Run again.").arg(o.error));
    } else if (o.stopped()) {
        r.status = tr("stopped after round %1").arg(o.summary.rounds);
        curves_.set_hint(tr("Stopped before the first round ended.\nPress Run to start again."));
    } else {
        r.completed = true;
        r.map_all = o.summary.map_all;
        r.status = done_status(o.summary.map_all, o.summary.p_at_h2, o.summary.seconds);
    }
    r.seconds = o.summary.seconds;
    if (!QFileInfo::exists(r.folder)) r.folder.clear();  // dropped: no round had ended
    runs_.upsert_run(r);
}

void RunHistoryPresenter::show_comparison() {
    const auto table = compare_runs(runs_.runs(), reference_key_);
    if (table.reference >= 0) reference_key_ = table.rows[table.reference].key;  // the default stays put
    runs_.set_comparison(table);
    runs_.set_pooled_shares(pooled_shares(runs_.runs()));
}

void RunHistoryPresenter::show_curves(int run_id) {
    curves_.set_curves(history_.curves());
    widgets::RunRecord& r = records_[run_id];
    const widgets::TrainingCurves& c = history_.curves();
    r.map_rounds = c.map_rounds;
    r.map = c.map;
    r.rounds = c.rounds;
    r.loss = c.mean_loss;
    r.megabytes.clear();
    for (int i = 0; i < c.bytes_up.size(); ++i) r.megabytes << (c.bytes_up[i] + c.bytes_down[i]) / 1e6;
    runs_.upsert_run(r);
}

}  // namespace fedhap::workbench
