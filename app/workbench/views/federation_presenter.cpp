#include "views/federation_presenter.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include "run/federation_journal.h"
#include "federation_view.h"

namespace fedhap::workbench {
namespace {

// fedhap-train beside this executable (build tree) or in libexec/fedhap (installed).
QString trainer_path() {
    const QString dir = QCoreApplication::applicationDirPath();
    for (const QString& p : {dir + "/fedhap-train", dir + "/../libexec/fedhap/fedhap-train"})
        if (QFileInfo(p).isExecutable()) return p;
    return QString();
}

}  // namespace

FederationPresenter::FederationPresenter(ExperimentController& controller, widgets::FederationView& view, QObject* parent)
    : QObject(parent), controller_(controller), view_(view) {
    follow_timer_.setInterval(500);
    connect(&follow_timer_, &QTimer::timeout, this, &FederationPresenter::read_journal);
    connect(&controller, &ExperimentController::run_started, this,
            [this](int, const ExperimentConfig& config) { on_run_started(config); });
    // A hosted run's server loads the data too: the histograms get the class names.
    connect(&controller, &ExperimentController::data_ready, this, [this](int, const RunData& d) {
        if (!controller_.hosting() || !d.data) return;
        status_.class_labels.clear();
        for (const auto& name : d.data->class_names) status_.class_labels.push_back(QString::fromStdString(name));
        view_.set_status(status_);
    });
    connect(&controller, &ExperimentController::silo_event, this, [this](int, const QByteArray& line) { on_event(line); });
    connect(&controller, &ExperimentController::run_finished, this, [this] { reap_local_silos(); });
}

FederationPresenter::~FederationPresenter() {
    for (QProcess* p : findChildren<QProcess*>()) {
        p->kill();
        p->waitForFinished(2000);
    }
}

int FederationPresenter::local_silo_processes() const {
    int running = 0;
    for (const QProcess* p : findChildren<QProcess*>()) running += p->state() != QProcess::NotRunning ? 1 : 0;
    return running;
}

void FederationPresenter::on_run_started(const ExperimentConfig& config) {
    if (!controller_.hosting()) return;  // a run in this process: the view keeps what it shows
    follow_timer_.stop();
    folder_.clear();
    status_ = {};
    status_.endpoint = controller_.hosting()->listen;
    for (std::size_t k = 0; k < config.partition.clients; ++k) {
        widgets::SiloStatus s;
        s.silo = static_cast<int>(k);
        status_.silos.push_back(s);
    }
    pending_local_silos_ = controller_.hosting()->local_silos;
    view_.set_status(status_);
}

void FederationPresenter::on_event(const QByteArray& line) {
    if (!apply_journal_line(status_, line)) return;
    view_.set_status(status_);
    if (pending_local_silos_ > 0 && line.contains("\"listening\"")) start_local_silos(status_.endpoint);
}

void FederationPresenter::start_local_silos(const QString& endpoint) {
    const QString program = trainer_path();
    const HostSettings host = controller_.hosting().value_or(HostSettings{});
    if (program.isEmpty()) {  // shown in the table: the silos must then be started by hand
        for (auto& s : status_.silos) s.last_problem = tr("fedhap-train not found beside the workbench: start this silo with fedhap join");
        view_.set_status(status_);
    }
    for (int k = 0; k < pending_local_silos_ && !program.isEmpty(); ++k) {
        auto* p = new QProcess(this);
        QStringList args{"join", "--server", endpoint, "--silo", QString::number(k), "--wait", "60"};
        if (!host.secret_file.isEmpty()) args << "--secret-file" << host.secret_file;
        if (!host.run_folder.isEmpty()) p->setStandardErrorFile(host.run_folder + QString("/silo-%1.log").arg(k));
        connect(p, &QProcess::finished, p, &QObject::deleteLater);
        p->start(program, args);
    }
    pending_local_silos_ = 0;
}

// The server has told its silos the run is over: they end by themselves (and are deleted when
// they do); one still running after 10 s is killed. Nothing here blocks the GUI thread.
void FederationPresenter::reap_local_silos() {
    pending_local_silos_ = 0;
    for (QProcess* p : findChildren<QProcess*>())
        if (p->state() != QProcess::NotRunning) QTimer::singleShot(10000, p, [p] { p->kill(); });
}

QString FederationPresenter::follow(const QString& run_folder) {
    const QString journal = run_folder + "/silos.jsonl";
    if (!QFileInfo::exists(journal))
        return tr("%1 has no silos.jsonl: it is not the run folder of a cross-silo server (fedhap serve --out)").arg(run_folder);
    folder_ = run_folder;
    journal_offset_ = 0;
    partial_line_.clear();
    status_ = {};
    read_journal();
    follow_timer_.start();
    return QString();
}

// Reads what was appended since the last look; a line still being written waits for its end.
void FederationPresenter::read_journal() {
    QFile f(folder_ + "/silos.jsonl");
    if (!f.open(QIODevice::ReadOnly)) return;
    if (f.size() < journal_offset_) {  // a new run started the file again
        journal_offset_ = 0;
        partial_line_.clear();
        status_ = {};
    }
    f.seek(journal_offset_);
    const QByteArray fresh = f.readAll();
    journal_offset_ += fresh.size();
    QByteArray text = partial_line_ + fresh;
    const int end = text.lastIndexOf('\n');
    partial_line_ = text.mid(end + 1);
    if (end < 0) return;
    bool changed = false;
    for (const QByteArray& line : text.left(end).split('\n')) changed |= apply_journal_line(status_, line);
    if (changed) view_.set_status(status_);
}

}  // namespace fedhap::workbench
