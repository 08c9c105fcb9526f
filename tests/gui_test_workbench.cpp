// The workbench window on the offscreen platform: loads Fashion-MNIST off the GUI thread, draws
// the partition heat map, redraws it when the split changes, and shows load errors.
#include <QtTest>
#include <sys/stat.h>

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QStatusBar>

#include <QTextBrowser>

#include "settings/experiment_panel.h"
#include "window/main_window.h"
#include "window/results_dialog.h"
#include "partition_heatmap_view.h"
#include "test_files.h"
#include "tiny_experiment.h"

using namespace fedhap;

namespace {

int total(const widgets::CountMatrix& m) {
    int t = 0;
    for (const auto& row : m.counts)
        for (int v : row) t += v;
    return t;
}

}  // namespace

class WorkbenchWindowTest : public QObject {
    Q_OBJECT
    test::TempDir saved_runs_;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);  // keep the user's settings out
        qputenv("FEDHAP_WORKBENCH_RUNS", QByteArray::fromStdString(saved_runs_.path()));  // and the user's saved runs
    }

    void loads_default_data_and_redraws_the_split() {
        FEDHAP_REQUIRE_FASHION_MNIST();
        workbench::MainWindow window;
        QSignalSpy ready(&window, &workbench::MainWindow::data_ready);
        window.show();
        QVERIFY(ready.wait(60000));
        auto* heatmap = window.findChild<widgets::PartitionHeatmapView*>("partition_heatmap");
        QVERIFY(heatmap);
        QCOMPARE(heatmap->counts().rows(), 10);
        QCOMPARE(heatmap->counts().columns(), 10);
        QCOMPARE(total(heatmap->counts()), 5000);
        QVERIFY(window.findChild<QLabel*>("data_summary")->text().contains("database 69000"));

        window.findChild<QSpinBox*>("clients")->setValue(4);
        QTRY_COMPARE(heatmap->counts().rows(), 4);
        QCOMPARE(total(heatmap->counts()), 5000);
        window.findChild<QComboBox*>("scheme")->setCurrentText("pathological");
        window.findChild<QSpinBox*>("classes_per_client")->setValue(3);
        QTRY_VERIFY(std::all_of(heatmap->counts().counts.begin(), heatmap->counts().counts.end(), [](const QVector<int>& row) {
            return std::count_if(row.begin(), row.end(), [](int v) { return v > 0; }) == 3;
        }));
        // An impossible split empties the map instead of failing.
        window.findChild<QSpinBox*>("clients")->setValue(2);
        window.findChild<QSpinBox*>("classes_per_client")->setValue(1);
        QTRY_COMPARE(heatmap->counts().rows(), 0);
    }

    void help_shows_the_measured_results() {
        // The window tells the same measured truth as the README: docs/RESULTS.md is built in.
        QWidget parent;
        workbench::show_results_dialog(&parent);
        auto* text = parent.findChild<QTextBrowser*>("results_text");
        QVERIFY(text);
        const QString shown = text->toPlainText();
        QVERIFY2(shown.contains("What the measurements say") && shown.contains("fedavg-ce") && shown.contains("pooled"),
                 qPrintable(shown.left(200)));
        QVERIFY(!shown.contains("missing from this build"));
    }

    void bad_path_shows_an_error() {
        workbench::MainWindow window;
        QSignalSpy ready(&window, &workbench::MainWindow::data_ready);
        window.show();
        QVERIFY(ready.wait(60000));
        auto* path = window.findChild<QLineEdit*>("data_path");
        path->setText("/nonexistent/fashion");
        Q_EMIT path->editingFinished();
        QVERIFY(ready.wait(60000));
        const QString text = window.findChild<QLabel*>("data_summary")->text();
        QVERIFY2(text.contains("Cannot load") && text.contains("/nonexistent/fashion"), qPrintable(text));
        QCOMPARE(window.findChild<widgets::PartitionHeatmapView*>("partition_heatmap")->counts().rows(), 0);
        path->clear();  // and recovers
        Q_EMIT path->editingFinished();
        QVERIFY(ready.wait(60000));
        QCOMPARE(window.findChild<widgets::PartitionHeatmapView*>("partition_heatmap")->counts().rows(), 10);
    }

    // A saved experiment whose dataset folder was deleted (as one made by a test in /tmp would be)
    // must not leave the window at "Cannot load the dataset" on every start.
    void a_saved_dataset_that_is_gone_falls_back_to_the_default() {
        ExperimentConfig stale = test::tiny_experiment_config("/nonexistent/deleted-data");
        stale.partition.clients = 5;
        QSettings().setValue("experiment/json", QString::fromStdString(config_to_json(stale)));
        workbench::MainWindow window;
        QSignalSpy ready(&window, &workbench::MainWindow::data_ready);
        window.show();
        const ExperimentConfig shown = window.panel().config();
        QCOMPARE(shown.dataset, ExperimentConfig().dataset);
        QCOMPARE(shown.data_path, std::string());
        QCOMPARE(shown.partition.clients, 5);  // the rest of the saved experiment stays
        QVERIFY2(window.startup_note().contains("/nonexistent/deleted-data") && window.startup_note().contains("no longer exists"),
                 qPrintable(window.startup_note()));
        QVERIFY(ready.wait(60000));
        QCOMPARE(window.statusBar()->currentMessage(), window.startup_note());
        QSettings().clear();
    }

    // File → Open experiment… (and --config) read through the core's rule for outside files: a
    // FIFO is refused at once instead of hanging the GUI thread.
    void opening_a_fifo_as_experiment_is_refused_at_once() {
        test::TempDir dir;
        const std::string fifo = dir.file("experiment.json");
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        workbench::MainWindow window;
        QElapsedTimer timer;
        timer.start();
        const QString error = window.open_experiment(QString::fromStdString(fifo));
        QVERIFY(timer.elapsed() < 5000);
        QCOMPARE(error, QString::fromStdString(fifo + ": is a FIFO, not a regular file"));
    }

    void help_resets_the_panel_to_the_classroom_preset() {
        workbench::MainWindow window;
        window.findChild<QSpinBox*>("clients")->setValue(3);
        QAction* reset = nullptr;
        for (QAction* a : window.findChildren<QAction*>())
            if (a->text().remove('&') == "Reset to the classroom preset") reset = a;
        QVERIFY(reset);
        reset->trigger();
        const ExperimentConfig preset = load_config_file(std::string(FEDHAP_SOURCE_DIR) + "/resources/presets/classroom.json");
        QCOMPARE(config_to_json(window.panel().config()), config_to_json(preset));
        QCOMPARE(window.panel().config().partition.clients, 10);
    }
};

QTEST_MAIN(WorkbenchWindowTest)
#include "gui_test_workbench.moc"
