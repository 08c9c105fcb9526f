#pragma once
// The Federation tab: the silos of a run this window hosts (live, from the worker's silo events)
// or of a headless `fedhap serve` whose run folder it follows (silos.jsonl, read as it grows).
// It also starts and reaps the silo processes a hosted run asked for on this machine.
#include <QObject>
#include <QProcess>
#include <QTimer>

#include "run/experiment_controller.h"
#include "federation_status.h"

namespace fedhap::widgets {
class FederationView;
}

namespace fedhap::workbench {

class FederationPresenter : public QObject {
    Q_OBJECT
public:
    FederationPresenter(ExperimentController& controller, widgets::FederationView& view, QObject* parent = nullptr);
    ~FederationPresenter() override;

    // Shows the server whose run folder this is, following silos.jsonl until another run starts.
    // Returns an error message, empty on success.
    QString follow(const QString& run_folder);
    const QString& followed_folder() const { return folder_; }
    int local_silo_processes() const;  // still running

private:
    void on_run_started(const ExperimentConfig& config);
    void on_event(const QByteArray& line);
    void read_journal();
    void start_local_silos(const QString& endpoint);
    void reap_local_silos();

    ExperimentController& controller_;
    widgets::FederationView& view_;
    widgets::FederationStatus status_;
    QString folder_;
    qint64 journal_offset_ = 0;
    QByteArray partial_line_;
    QTimer follow_timer_;
    int pending_local_silos_ = 0;  // silo processes to start once the server listens (children of this)
};

}  // namespace fedhap::workbench
