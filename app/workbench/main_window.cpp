#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

#include "embedding_controller.h"
#include "embedding_view.h"
#include "experiment_panel.h"
#include "learning_curves_view.h"
#include "partition_heatmap_view.h"
#include "prototype_view.h"
#include "qcustomplot_include.h"
#include "retrieval_view.h"
#include "runs_view.h"

namespace fedhap::workbench {
namespace {

constexpr int kEmbeddingSample = 1500;  // database codes in the t-SNE map
constexpr std::size_t kGallerySize = 12;

widgets::CountMatrix to_count_matrix(const std::vector<std::vector<std::size_t>>& counts,
                                     const std::vector<std::string>& class_names) {
    widgets::CountMatrix m;
    for (const auto& c : class_names) m.column_labels << QString::fromStdString(c);
    for (std::size_t k = 0; k < counts.size(); ++k) {
        m.row_labels << QObject::tr("client %1").arg(k);
        QVector<int> row;
        for (auto n : counts[k]) row << static_cast<int>(n);
        m.counts << row;
    }
    return m;
}

QString duration_text(double seconds) {
    const int s = static_cast<int>(seconds + 0.5);
    return s >= 60 ? QString("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QChar('0')) : QString("%1 s").arg(s);
}

QString run_title(int id, const ExperimentConfig& c) {
    return QString("#%1 %2 · %3 · %4 bits · %5 clients")
        .arg(id)
        .arg(QString::fromStdString(c.name), QString::fromStdString(to_string(c.method.method)))
        .arg(c.bits)
        .arg(c.partition.clients);
}

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), controller_(new ExperimentController(this)), embedder_(new EmbeddingController(this)) {
    setWindowTitle(tr("FedHAP Workbench — federated hashing with global prototypes (reconstruction)"));
    panel_ = new ExperimentPanel;
    auto* scroll = new QScrollArea;
    scroll->setWidget(panel_);
    scroll->setWidgetResizable(true);
    scroll->setMinimumWidth(panel_->sizeHint().width() + 24);
    auto* dock = new QDockWidget(tr("Experiment"), this);
    dock->setObjectName("experiment_dock");
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    dock->setWidget(scroll);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    auto* data_page = new QWidget;
    auto* data_layout = new QVBoxLayout(data_page);
    summary_ = new QLabel;
    summary_->setTextFormat(Qt::RichText);
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    summary_->setObjectName("data_summary");
    heatmap_ = new widgets::PartitionHeatmapView;
    heatmap_->setObjectName("partition_heatmap");
    data_layout->addWidget(summary_);
    data_layout->addWidget(heatmap_, 1);
    curves_ = new widgets::LearningCurvesView;
    curves_->setObjectName("curves");
    prototypes_ = new widgets::PrototypeView;
    prototypes_->setObjectName("prototypes");
    embedding_ = new widgets::EmbeddingView;
    embedding_->setObjectName("embedding");
    retrieval_ = new widgets::RetrievalView;
    retrieval_->setObjectName("retrieval");
    runs_ = new widgets::RunsView;
    runs_->setObjectName("runs");
    tabs_ = new QTabWidget;
    tabs_->addTab(data_page, tr("Data && split"));
    tabs_->addTab(curves_, tr("Curves"));
    tabs_->addTab(prototypes_, tr("Prototypes"));
    tabs_->addTab(embedding_, tr("Embedding"));
    tabs_->addTab(retrieval_, tr("Retrieval"));
    tabs_->addTab(runs_, tr("Runs"));
    setCentralWidget(tabs_);

    device_label_ = new QLabel;
    round_label_ = new QLabel;
    eta_label_ = new QLabel;
    round_progress_ = new QProgressBar;
    round_progress_->setMaximumWidth(160);
    round_progress_->setTextVisible(false);
    for (QWidget* w : {static_cast<QWidget*>(device_label_), static_cast<QWidget*>(round_label_),
                       static_cast<QWidget*>(round_progress_), static_cast<QWidget*>(eta_label_)})
        statusBar()->addPermanentWidget(w);
    device_label_->setObjectName("device_label");
    round_label_->setObjectName("round_label");
    eta_label_->setObjectName("eta_label");
    build_actions();
    resize(1440, 900);

    partition_timer_.setSingleShot(true);
    partition_timer_.setInterval(30);
    connect(&partition_timer_, &QTimer::timeout, this, &MainWindow::redraw_partition);
    connect(&watcher_, &QFutureWatcherBase::finished, this, &MainWindow::on_data_loaded);
    connect(panel_, &ExperimentPanel::dataset_changed, this, &MainWindow::reload_data);
    connect(panel_, &ExperimentPanel::partition_changed, &partition_timer_, qOverload<>(&QTimer::start));

    connect(controller_, &ExperimentController::state_changed, this, &MainWindow::update_controls);
    connect(controller_, &ExperimentController::run_started, this, &MainWindow::on_run_started);
    connect(controller_, &ExperimentController::data_ready, this, [this](int, const RunData& d) { on_run_data(d); });
    connect(controller_, &ExperimentController::progress, this, [this](int, const RunProgress& p) { on_progress(p); });
    connect(controller_, &ExperimentController::round_ended, this, [this](int, const RoundUpdate& u) { on_round_ended(u); });
    connect(controller_, &ExperimentController::codes_ready, this, [this](int, const SharedCodes& c) { on_codes(c); });
    connect(controller_, &ExperimentController::run_finished, this, &MainWindow::on_run_finished);
    connect(embedder_, &EmbeddingController::frame, this, [this](int, const EmbeddingFrame& f) { on_embedding_frame(f); });
    connect(embedder_, &EmbeddingController::failed, this, [this](int, const QString& e) {
        embedding_->set_hint(tr("t-SNE failed: %1").arg(e));
        embedding_->set_points({});
        Q_EMIT embedding_settled();
    });
    connect(&index_watcher_, &QFutureWatcherBase::finished, this, &MainWindow::on_index_built);
    connect(retrieval_, &widgets::RetrievalView::query_requested, this, &MainWindow::show_query);
    connect(embedding_, &widgets::EmbeddingView::point_clicked, this, [this](int i) {
        if (i < 0 || static_cast<std::size_t>(i) >= embedding_rows_.size()) return;
        show_database_item(embedding_rows_[static_cast<std::size_t>(i)]);
        tabs_->setCurrentWidget(retrieval_);
    });

    restore_settings();
    update_controls();
    reload_data();
}

MainWindow::~MainWindow() {
    watcher_.waitForFinished();
    index_watcher_.waitForFinished();
}

void MainWindow::build_actions() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open experiment…"), QKeySequence::Open, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open experiment"), QString(), tr("Experiment (*.json)"));
        if (path.isEmpty()) return;
        const QString error = open_experiment(path);
        if (!error.isEmpty()) show_error(tr("Cannot open the experiment"), error);
    });
    file->addAction(tr("&Save experiment as…"), QKeySequence::SaveAs, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save experiment"),
                                                          QString::fromStdString(panel_->config().name) + ".json", tr("Experiment (*.json)"));
        if (path.isEmpty()) return;
        const QString error = save_experiment(path);
        if (!error.isEmpty()) show_error(tr("Cannot save the experiment"), error);
    });
    QMenu* presets = file->addMenu(tr("&Presets"));
    for (const QString& name : QDir(":/presets").entryList({"*.json"}, QDir::Files, QDir::Name)) {
        presets->addAction(QFileInfo(name).completeBaseName(), this, [this, name] {
            const QString error = open_experiment(":/presets/" + name);
            if (!error.isEmpty()) show_error(tr("Cannot load the preset"), error);
        });
    }
    file->addSeparator();
    QMenu* export_menu = file->addMenu(tr("&Export current view"));
    for (const QString suffix : {"png", "pdf", "csv"})
        export_menu->addAction(suffix == QString("csv") ? tr("Data as CSV…") : tr("Plot as %1…").arg(suffix.toUpper()), this,
                               [this, suffix] { export_current(suffix); });
    file->addAction(tr("Export &all views to a folder…"), this, &MainWindow::export_all);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QToolBar* bar = addToolBar(tr("Run"));
    bar->setObjectName("run_toolbar");
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    run_action_ = bar->addAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("Run"), this, &MainWindow::start_run);
    run_action_->setToolTip(tr("Train the experiment set in the panel (F5)"));
    run_action_->setShortcut(Qt::Key_F5);
    pause_action_ = bar->addAction(style()->standardIcon(QStyle::SP_MediaPause), tr("Pause"), this, [this] {
        if (controller_->state() == ExperimentController::State::Paused) controller_->resume();
        else controller_->pause();
    });
    pause_action_->setToolTip(tr("Pause between two batches, or resume"));
    step_action_ = bar->addAction(style()->standardIcon(QStyle::SP_MediaSkipForward), tr("Step one round"), this,
                                  [this] { controller_->step(panel_->config()); });
    step_action_->setToolTip(tr("Run to the end of the next round, then pause"));
    stop_action_ = bar->addAction(style()->standardIcon(QStyle::SP_MediaStop), tr("Stop"), controller_, &ExperimentController::stop);
    stop_action_->setToolTip(tr("Stop at the next batch; the views keep what was shown"));
    for (QAction* a : {run_action_, pause_action_, step_action_, stop_action_}) a->setObjectName(a->text().toLower().replace(' ', '_'));
}

void MainWindow::update_controls() {
    using State = ExperimentController::State;
    const State s = controller_->state();
    run_action_->setEnabled(s == State::Idle);
    pause_action_->setEnabled(s == State::Running || s == State::Paused);
    pause_action_->setText(s == State::Paused ? tr("Resume") : tr("Pause"));
    pause_action_->setIcon(style()->standardIcon(s == State::Paused ? QStyle::SP_MediaPlay : QStyle::SP_MediaPause));
    step_action_->setEnabled(s != State::Stopping);
    stop_action_->setEnabled(s == State::Running || s == State::Paused);
    if (s == State::Paused) statusBar()->showMessage(tr("Paused — Resume or Step one round to go on"));
    if (s == State::Stopping) statusBar()->showMessage(tr("Stopping at the next batch…"));
    update_status();
}

void MainWindow::update_status() {
    const bool active = controller_->state() != ExperimentController::State::Idle;
    device_label_->setText(run_device_.isEmpty() ? QString() : tr("device: %1").arg(run_device_));
    if (!active) {
        round_label_->setText(rounds_done_ > 0 ? tr("%1 of %2 rounds").arg(rounds_done_).arg(run_config_.rounds) : QString());
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
    double fraction = 0;  // of the current round
    if (p.clients > 0) fraction = (std::max(p.client - 1, 0) + (p.batches > 0 ? double(p.batch) / p.batches : 0.0)) / p.clients;
    round_label_->setText(tr("round %1/%2 · client %3/%4").arg(p.round).arg(p.rounds).arg(p.client).arg(p.clients));
    round_progress_->setRange(0, 1000);
    round_progress_->setValue(static_cast<int>(fraction * 1000));
    const double per_round = seconds_per_round_ > 0 ? seconds_per_round_
                                                    : (fraction > 0.05 ? run_clock_.elapsed() / 1000.0 / (rounds_done_ + fraction) : 0.0);
    if (per_round <= 0) {
        eta_label_->setText(tr("ETA: estimating…"));
        return;
    }
    const double left = std::max(0.0, (p.rounds - rounds_done_ - fraction) * per_round);
    eta_label_->setText(controller_->state() == ExperimentController::State::Paused ? tr("ETA: paused")
                                                                                   : tr("ETA: %1").arg(duration_text(left)));
}

void MainWindow::start_run() {
    if (controller_->state() != ExperimentController::State::Idle) return;
    controller_->start(panel_->config());
}

void MainWindow::on_run_started(int run_id, const ExperimentConfig& config) {
    run_config_ = config;
    try {
        run_device_ = QString::fromStdString(resolve_device(config.device));
    } catch (const std::exception&) {
        run_device_ = QString::fromStdString(config.device);
    }
    run_data_ = {};
    history_.reset(config.rounds);
    progress_ = {};
    rounds_done_ = 0;
    seconds_per_round_ = 0;
    run_clock_.start();
    last_prototypes_ = {};
    last_error_.clear();
    index_.reset();
    pending_codes_.reset();
    embedder_->cancel();
    embedding_rows_.clear();
    curves_->set_curves(history_.curves());
    curves_->set_hint(tr("Round 1 is training…"));
    prototypes_->set_prototypes({});
    embedding_->set_points({});
    retrieval_->set_result({});
    retrieval_->set_query_count(0);

    widgets::RunRecord r;
    r.id = run_id;
    r.title = run_title(run_id, config);
    r.status = tr("running");
    r.config_json = QString::fromStdString(config_to_json(config));
    records_[run_id] = r;
    runs_->upsert_run(r);
    statusBar()->showMessage(tr("Run #%1 started: loading the data…").arg(run_id));
    if (tabs_->currentIndex() == 0) tabs_->setCurrentWidget(curves_);  // show the run, not the split
    update_status();
}

void MainWindow::on_run_data(const RunData& data) {
    run_data_ = data;
    class_names_ = data.data ? class_names(*data.data) : QStringList();
    statusBar()->showMessage(tr("Training…"), 3000);
}

void MainWindow::on_progress(const RunProgress& p) {
    progress_ = p;
    update_status();
}

void MainWindow::on_round_ended(const RoundUpdate& u) {
    rounds_done_ = u.metrics.round;
    seconds_per_round_ = run_clock_.elapsed() / 1000.0 / std::max(1, rounds_done_);
    history_.add(u.metrics);
    curves_->set_curves(history_.curves());
    last_prototypes_ = u.prototypes;
    prototypes_->set_prototypes(to_prototype_matrix(u.prototypes, class_names_));
    widgets::RunRecord& r = records_[controller_->run_id()];
    r.map_rounds = history_.curves().map_rounds;
    r.map = history_.curves().map;
    r.status = tr("running: round %1/%2").arg(u.metrics.round).arg(run_config_.rounds);
    runs_->upsert_run(r);
    QString text = tr("Round %1 done: loss %2").arg(u.metrics.round).arg(u.metrics.loss, 0, 'f', 4);
    if (u.metrics.map) text += tr(", mAP %1").arg(*u.metrics.map, 0, 'f', 3);
    statusBar()->showMessage(text, 5000);
    update_status();
}

void MainWindow::on_codes(const SharedCodes& codes) {
    if (!run_data_.data) return;
    if (codes->final && history_.add_final_map(codes->round, codes->map)) {
        curves_->set_curves(history_.curves());
        widgets::RunRecord& r = records_[controller_->run_id()];
        r.map_rounds = history_.curves().map_rounds;
        r.map = history_.curves().map;
        runs_->upsert_run(r);
    }
    start_embedding(codes);
    build_index(codes);
}

void MainWindow::on_run_finished(int run_id, const RunOutcome& o) {
    widgets::RunRecord& r = records_[run_id];
    bool ok = true;
    if (!o.error.isEmpty()) {
        ok = false;
        last_error_ = o.error;
        r.status = tr("failed: %1").arg(o.error);
        statusBar()->showMessage(tr("Run #%1 failed: %2").arg(run_id).arg(o.error));
        show_error(tr("The run failed"), o.error);
        curves_->set_hint(tr("The run failed:\n%1\nFix the setting and press Run again.").arg(o.error));
    } else if (o.stopped()) {
        r.status = tr("stopped after round %1").arg(o.summary.rounds);
        statusBar()->showMessage(tr("Run #%1 stopped after round %2 of %3").arg(run_id).arg(o.summary.rounds).arg(run_config_.rounds));
        curves_->set_hint(tr("Stopped before the first round ended.\nPress Run to start again."));
    } else {
        r.status = tr("done: mAP %1, P@H≤2 %2, %3").arg(o.summary.map_all, 0, 'f', 3).arg(o.summary.p_at_h2, 0, 'f', 3).arg(duration_text(o.summary.seconds));
        statusBar()->showMessage(tr("Run #%1 done in %2: mAP@all %3 on %4").arg(run_id).arg(duration_text(o.summary.seconds))
                                     .arg(o.summary.map_all, 0, 'f', 3).arg(QString::fromStdString(o.summary.device)));
        run_device_ = QString::fromStdString(o.summary.device);
    }
    runs_->upsert_run(r);
    update_status();
    Q_EMIT run_done(run_id, ok);
}

void MainWindow::start_embedding(const SharedCodes& codes) {
    const std::size_t n = codes->database_rows.size(), bits = static_cast<std::size_t>(codes->bits);
    if (n < 10 || bits == 0) return;
    const std::size_t sample = std::min<std::size_t>(kEmbeddingSample, n);
    EmbeddingJob job;
    job.dims = bits;
    embedding_rows_.clear();
    embedding_labels_.clear();
    QVector<QImage> thumbnails;
    // An even stride over the database: the same rows every round while the sample is fixed.
    for (std::size_t i = 0; i < sample; ++i) {
        const std::size_t pos = i * n / sample, row = codes->database_rows[pos];
        job.data.insert(job.data.end(), codes->database_codes.begin() + static_cast<long>(pos * bits),
                        codes->database_codes.begin() + static_cast<long>((pos + 1) * bits));
        embedding_rows_.push_back(row);
        embedding_labels_ << run_data_.data->labels[row];
        thumbnails << image_of(*run_data_.data, row);
    }
    const PrototypeSnapshot& p = last_prototypes_;
    embedding_prototypes_ = 0;
    if (p.bits == codes->bits && p.classes > 0 && p.values.size() == static_cast<std::size_t>(p.classes) * bits) {
        for (int c = 0; c < p.classes; ++c) {
            if (!p.known.empty() && !p.known[static_cast<std::size_t>(c)]) continue;
            job.extra.insert(job.extra.end(), p.values.begin() + static_cast<long>(c * bits), p.values.begin() + static_cast<long>((c + 1) * bits));
            embedding_labels_ << c;
            ++embedding_prototypes_;
        }
    }
    const std::size_t total = sample + static_cast<std::size_t>(embedding_prototypes_);
    job.options.perplexity = std::min(30.0, (total - 1) / 3.0 - 1.0);
    job.options.iterations = 1000;
    // Training keeps both cores busy; the map then gets one (the result does not depend on it).
    job.options.threads = controller_->state() == ExperimentController::State::Idle ? 0 : 1;
    embedding_source_ = codes->final ? tr("final codes") : tr("round %1 codes").arg(codes->round);
    embedding_->set_thumbnails(thumbnails);
    embedder_->embed(std::move(job));
}

void MainWindow::on_embedding_frame(const EmbeddingFrame& f) {
    widgets::EmbeddingPoints points;
    points.x = f.x;
    points.y = f.y;
    points.labels = embedding_labels_;
    points.prototypes = embedding_prototypes_;
    points.class_names = class_names_;
    points.caption = tr("t-SNE of %1 database codes%2 (%3) — iteration %4/%5%6")
                         .arg(embedding_rows_.size())
                         .arg(embedding_prototypes_ > 0 ? tr(" + %1 prototypes ◆").arg(embedding_prototypes_) : QString())
                         .arg(embedding_source_)
                         .arg(f.iteration)
                         .arg(f.iterations)
                         .arg(f.done ? QString() : tr(" · optimising…"));
    embedding_->set_points(points);
    if (f.done) Q_EMIT embedding_settled();
}

bool MainWindow::embedding_busy() const { return embedder_->busy(); }

void MainWindow::build_index(const SharedCodes& codes) {
    if (index_watcher_.isRunning()) {
        pending_codes_ = codes;  // only the newest waiting codes matter
        return;
    }
    index_run_ = controller_->run_id();
    const std::shared_ptr<const Dataset> data = run_data_.data;
    index_watcher_.setFuture(QtConcurrent::run([codes, data]() -> std::shared_ptr<const RetrievalIndex> {
        try {
            return build_retrieval_index(*codes, *data);
        } catch (const std::exception&) {
            return nullptr;
        }
    }));
}

void MainWindow::on_index_built() {
    auto built = index_watcher_.result();
    if (pending_codes_) {
        const SharedCodes next = std::move(pending_codes_);
        pending_codes_.reset();
        build_index(next);
    }
    if (!built || index_run_ != controller_->run_id()) return;
    index_ = built;
    retrieval_->set_query_count(static_cast<int>(index_->query_rows.size()));
    show_query(retrieval_->query_index());
}

void MainWindow::show_query(int q) {
    if (!index_ || q < 0 || static_cast<std::size_t>(q) >= index_->query_rows.size()) return;
    const std::size_t row = index_->query_rows[static_cast<std::size_t>(q)];
    const int label = run_data_.data->labels[row];
    show_ranking(image_of(*run_data_.data, row), tr("query #%1<br><b>%2</b>").arg(q).arg(class_names_.value(label)),
                 rank_query(*index_, static_cast<std::size_t>(q), kGallerySize));
}

void MainWindow::show_database_item(std::size_t db_row) {
    if (!index_) return;
    const auto& rows = index_->database_rows;
    const auto it = std::lower_bound(rows.begin(), rows.end(), db_row);
    if (it == rows.end() || *it != db_row) return;
    const auto pos = static_cast<std::size_t>(it - rows.begin());
    std::vector<RankedItem> ranked = rank_database_item(*index_, pos, kGallerySize + 1);
    ranked.erase(std::remove_if(ranked.begin(), ranked.end(), [pos](const RankedItem& r) { return r.index == pos; }), ranked.end());
    ranked.resize(std::min(ranked.size(), kGallerySize));
    const int label = run_data_.data->labels[db_row];
    show_ranking(image_of(*run_data_.data, db_row),
                 tr("database item %1<br>(picked on the map)<br><b>%2</b>").arg(db_row).arg(class_names_.value(label)), ranked);
}

void MainWindow::show_ranking(const QImage& query, const QString& caption, const std::vector<RankedItem>& ranked) {
    widgets::RetrievalResult r;
    r.query_image = query;
    r.query_caption = caption;
    for (const RankedItem& item : ranked) {
        const std::size_t row = index_->database_rows[item.index];
        r.items << widgets::GalleryItem{image_of(*run_data_.data, row), class_names_.value(run_data_.data->labels[row]),
                                       static_cast<int>(item.distance), item.relevant};
    }
    const RetrievalMetrics& m = index_->metrics;
    r.precision_at_radius = QVector<double>(m.precision_at_radius.begin(), m.precision_at_radius.end());
    r.recall_at_radius = QVector<double>(m.recall_at_radius.begin(), m.recall_at_radius.end());
    r.p_at_h2 = m.p_at_h2;
    r.map = m.map;
    r.source = index_->final ? tr("final codes, whole database")
                             : tr("round %1 codes, %2 database items").arg(index_->round).arg(index_->database_rows.size());
    retrieval_->set_result(r);
}

widgets::ExportableView* MainWindow::exportable(int tab) const {
    if (tab == 0) return heatmap_;
    return dynamic_cast<widgets::ExportableView*>(tabs_->widget(tab));
}

QString MainWindow::export_view(const QString& view, const QString& path) {
    for (int i = 0; i < tabs_->count(); ++i)
        if (tabs_->widget(i)->objectName() == view || (i == 0 && view == "partition"))
            return widgets::export_view(*exportable(i), path);
    return tr("No view named '%1'").arg(view);
}

void MainWindow::export_current(const QString& suffix) {
    widgets::ExportableView* view = exportable(tabs_->currentIndex());
    if (!view) return;
    const QString name = tabs_->currentIndex() == 0 ? QString("partition") : tabs_->currentWidget()->objectName();
    const QString path = QFileDialog::getSaveFileName(this, tr("Export %1").arg(name), name + "." + suffix,
                                                      suffix.toUpper() + QString(" (*.%1)").arg(suffix));
    if (path.isEmpty()) return;
    const QString error = widgets::export_view(*view, path);
    if (!error.isEmpty()) show_error(tr("Export failed"), error);
    else statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
}

void MainWindow::export_all() {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export every view (PNG, PDF, CSV) into"));
    if (dir.isEmpty()) return;
    QStringList errors;
    for (int i = 0; i < tabs_->count(); ++i) {
        const QString name = i == 0 ? QString("partition") : tabs_->widget(i)->objectName();
        for (const char* suffix : {"png", "pdf", "csv"}) {
            const QString error = widgets::export_view(*exportable(i), QDir(dir).filePath(name + "." + suffix));
            if (!error.isEmpty()) errors << error;
        }
    }
    if (!errors.isEmpty()) show_error(tr("Export failed"), errors.join("\n"));
    else statusBar()->showMessage(tr("Exported every view to %1").arg(dir), 5000);
}

void MainWindow::show_error(const QString& title, const QString& text) {
    // Window-modal but non-blocking: automation and tests keep running.
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

QString MainWindow::open_experiment(const QString& path) {
    QFile f(path);  // QFile, not the core loader: presets live in Qt resources
    if (!f.open(QIODevice::ReadOnly)) return tr("%1: %2").arg(path, f.errorString());
    try {
        panel_->set_config(config_from_json(f.readAll().toStdString(), path.toStdString()));
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    statusBar()->showMessage(tr("Loaded %1").arg(path), 5000);
    return QString();
}

QString MainWindow::save_experiment(const QString& path) const {
    try {
        save_config_file(path.toStdString(), panel_->config());
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return QString();
}

void MainWindow::reload_data() {
    if (watcher_.isRunning()) {
        reload_pending_ = true;  // load again with the newest settings when this one ends
        return;
    }
    statusBar()->showMessage(tr("Loading %1…").arg(QString::fromStdString(to_string(panel_->settings().dataset))));
    watcher_.setFuture(QtConcurrent::run(&load_data, panel_->settings()));
}

void MainWindow::on_data_loaded() {
    if (reload_pending_) {
        reload_pending_ = false;
        reload_data();
        return;
    }
    data_ = watcher_.result();
    if (!data_->error.isEmpty()) {
        summary_->setText(tr("<b style='color:#b00020'>Cannot load the dataset:</b> %1<br>"
                             "<span style='color:#555'>Pick the dataset folder with Browse… in the Experiment panel.</span>")
                              .arg(data_->error.toHtmlEscaped()));
        heatmap_->set_counts({});
        statusBar()->showMessage(tr("Load failed"));
    } else {
        const Dataset& d = data_->joined;
        summary_->setText(tr("<b>%1</b> &nbsp;<span style='color:#555'>%2</span><br>"
                             "%3 images of %4×%5×%6, %7 classes &nbsp;·&nbsp; query %8 &nbsp;·&nbsp; database %9 "
                             "&nbsp;·&nbsp; train %10 (drawn from the database)")
                              .arg(QString::fromStdString(d.name), data_->origin.toHtmlEscaped())
                              .arg(d.size())
                              .arg(d.channels)
                              .arg(d.height)
                              .arg(d.width)
                              .arg(d.num_classes())
                              .arg(data_->split.query.size())
                              .arg(data_->split.database.size())
                              .arg(data_->split.train.size()));
        statusBar()->showMessage(tr("Loaded %1 images").arg(d.size()), 5000);
        redraw_partition();
    }
    Q_EMIT data_ready();
}

void MainWindow::redraw_partition() {
    if (!data_ || !data_->error.isEmpty()) return;
    const SplitSettings s = panel_->settings();
    try {
        const Partition p = make_partition(data_->train_labels, data_->joined.num_classes(), s.partition);
        heatmap_->set_counts(to_count_matrix(partition_counts(p, data_->train_labels, data_->joined.num_classes()),
                                             data_->joined.class_names));
        heatmap_->setToolTip(QString());
        statusBar()->clearMessage();
    } catch (const std::invalid_argument& e) {
        heatmap_->set_counts({});
        statusBar()->showMessage(tr("Split: %1").arg(QString::fromStdString(e.what())));
    }
}

QStringList MainWindow::save_screenshots(const QString& dir) {
    QDir().mkpath(dir);
    QStringList written;
    curves_->flush();
    prototypes_->flush();
    embedding_->flush();
    retrieval_->flush();
    runs_->flush();
    const QString window_file = QDir(dir).filePath("workbench.png");
    QApplication::processEvents();
    if (grab().save(window_file)) written << window_file;
    const int current = tabs_->currentIndex();
    for (int i = 0; i < tabs_->count(); ++i) {
        tabs_->setCurrentIndex(i);
        QApplication::processEvents();  // lay the page out at its real size
        if (widgets::ExportableView* v = exportable(i)) v->plot()->replot();
        QString name = tabs_->tabText(i).toLower().remove('&');
        name.replace(QRegularExpression("[^a-z0-9]+"), "-");
        const QString file = QDir(dir).filePath("view-" + name + ".png");
        if (tabs_->widget(i)->grab().save(file)) written << file;
    }
    tabs_->setCurrentIndex(current);
    return written;
}

void MainWindow::closeEvent(QCloseEvent* event) {
    store_settings();
    event->accept();
}

void MainWindow::restore_settings() {
    QSettings st;
    const QString json = st.value("experiment/json").toString();
    if (json.isEmpty()) return;
    try {
        const ExperimentConfig c = config_from_json(json.toStdString(), "saved settings");
        const QSignalBlocker block(panel_);  // the constructor loads the data once, next
        panel_->set_config(c);
    } catch (const std::exception&) {
        return;  // settings from another version: keep the defaults
    }
    restoreState(st.value("window/state").toByteArray());
    restoreGeometry(st.value("window/geometry").toByteArray());
}

void MainWindow::store_settings() const {
    QSettings st;
    st.setValue("experiment/json", QString::fromStdString(config_to_json(panel_->config())));
    st.setValue("window/state", saveState());
    st.setValue("window/geometry", saveGeometry());
}

}  // namespace fedhap::workbench
