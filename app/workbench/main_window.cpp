#include "main_window.h"

#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QLabel>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "experiment_panel.h"
#include "partition_heatmap_view.h"

namespace fedhap::workbench {
namespace {

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

}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
    setWindowTitle(tr("FedHAP Workbench — federated hashing with global prototypes (reconstruction)"));
    panel_ = new ExperimentPanel;
    auto* scroll = new QScrollArea;
    scroll->setWidget(panel_);
    scroll->setWidgetResizable(true);
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
    tabs_ = new QTabWidget;
    tabs_->addTab(data_page, tr("Data && split"));
    setCentralWidget(tabs_);
    resize(1280, 800);

    partition_timer_.setSingleShot(true);
    partition_timer_.setInterval(30);
    connect(&partition_timer_, &QTimer::timeout, this, &MainWindow::redraw_partition);
    connect(&watcher_, &QFutureWatcherBase::finished, this, &MainWindow::on_data_loaded);
    connect(panel_, &ExperimentPanel::dataset_changed, this, &MainWindow::reload_data);
    connect(panel_, &ExperimentPanel::partition_changed, &partition_timer_, qOverload<>(&QTimer::start));
    restore_settings();
    reload_data();
}

MainWindow::~MainWindow() { watcher_.waitForFinished(); }

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
        summary_->setText(tr("<b style='color:#b00020'>Cannot load the dataset:</b> %1").arg(data_->error.toHtmlEscaped()));
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
    const QString window_file = QDir(dir).filePath("workbench.png");
    if (grab().save(window_file)) written << window_file;
    for (int i = 0; i < tabs_->count(); ++i) {
        tabs_->setCurrentIndex(i);
        QString name = tabs_->tabText(i).toLower().remove('&');
        name.replace(QRegularExpression("[^a-z0-9]+"), "-");
        const QString file = QDir(dir).filePath("view-" + name + ".png");
        if (tabs_->widget(i)->grab().save(file)) written << file;
    }
    return written;
}

void MainWindow::closeEvent(QCloseEvent* event) {
    store_settings();
    event->accept();
}

void MainWindow::restore_settings() {
    QSettings st;
    if (!st.contains("split/scheme")) return;
    SplitSettings s = panel_->settings();
    try {
        s.dataset = parse_dataset_kind(st.value("data/kind").toString().toStdString());
        s.partition.scheme = parse_partition_scheme(st.value("split/scheme").toString().toStdString());
    } catch (const std::invalid_argument&) {
        return;  // settings from another version: keep the defaults
    }
    s.data_path = st.value("data/path").toString();
    s.sizes.query_per_class = st.value("data/query_per_class", 100).toUInt();
    s.sizes.train_per_class = st.value("data/train_per_class", 500).toUInt();
    s.partition.clients = st.value("split/clients", 10).toUInt();
    s.partition.alpha = st.value("split/alpha", 0.1).toDouble();
    s.partition.min_partition_size = st.value("split/min_size", 10).toUInt();
    s.partition.self_balancing = st.value("split/balance", false).toBool();
    s.partition.classes_per_client = st.value("split/classes_per_client", 2).toUInt();
    s.partition.shards_per_client = st.value("split/shards_per_client", 2).toUInt();
    s.partition.noise_sigma = st.value("split/sigma", 0.1).toDouble();
    s.partition.seed = st.value("split/seed", 0).toULongLong();
    panel_->set_settings(s);
    restoreState(st.value("window/state").toByteArray());
    restoreGeometry(st.value("window/geometry").toByteArray());
}

void MainWindow::store_settings() const {
    QSettings st;
    const SplitSettings s = panel_->settings();
    st.setValue("data/kind", QString::fromStdString(to_string(s.dataset)));
    st.setValue("data/path", s.data_path);
    st.setValue("data/query_per_class", static_cast<qulonglong>(s.sizes.query_per_class));
    st.setValue("data/train_per_class", static_cast<qulonglong>(s.sizes.train_per_class));
    st.setValue("split/scheme", QString::fromStdString(to_string(s.partition.scheme)));
    st.setValue("split/clients", static_cast<qulonglong>(s.partition.clients));
    st.setValue("split/alpha", s.partition.alpha);
    st.setValue("split/min_size", static_cast<qulonglong>(s.partition.min_partition_size));
    st.setValue("split/balance", s.partition.self_balancing);
    st.setValue("split/classes_per_client", static_cast<qulonglong>(s.partition.classes_per_client));
    st.setValue("split/shards_per_client", static_cast<qulonglong>(s.partition.shards_per_client));
    st.setValue("split/sigma", s.partition.noise_sigma);
    st.setValue("split/seed", static_cast<qulonglong>(s.partition.seed));
    st.setValue("window/state", saveState());
    st.setValue("window/geometry", saveGeometry());
}

}  // namespace fedhap::workbench
