// Runs from disk: run folders read into the runs view (complete, growing, damaged), followed as
// new rounds and new runs appear, the per-run summary with its % of pooled, and the workbench's
// own runs saved as run folders that open again in the next window.
#include <QtTest>

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QTableWidget>

#include "experiment/experiment_config.h"
#include "settings/experiment_panel.h"
#include "window/main_window.h"
#include "qcustomplot_include.h"
#include "runs/run_folder.h"
#include "runs/run_folder_scan.h"
#include "runs/run_library_presenter.h"
#include "runs_view.h"
#include "test_files.h"
#include "tiny_experiment.h"

using namespace fedhap;
using fedhap::test::TempDir;

namespace {

void write_file(const QString& path, const QByteArray& text, bool append = false) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(append ? QIODevice::Append : QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text);
}

QByteArray round_line(int round, double loss, std::optional<double> map = std::nullopt) {
    QByteArray line = QString("{\"bytes_down\":2000000,\"bytes_up\":1000000,\"clients\":[],\"loss\":%1,\"round\":%2").arg(QString::number(loss, 'g', 17)).arg(round).toUtf8();
    if (map) line += QString(",\"map\":%1").arg(*map).toUtf8();
    return line + "}\n";
}

// A run folder as `fedhap run --out` leaves it after `rounds` rounds; with a summary when done.
void write_run(const QString& dir, const ExperimentConfig& c, int rounds, std::optional<double> map_all = std::nullopt) {
    write_file(dir + "/config.json", QByteArray::fromStdString(config_to_json(c)));
    QByteArray metrics;
    for (int r = 1; r <= rounds; ++r) metrics += round_line(r, 2.0 / r, r % 2 == 0 ? std::optional<double>(0.1 * r) : std::nullopt);
    write_file(dir + "/metrics.jsonl", metrics);
    if (map_all)
        write_file(dir + "/summary.json", QString("{\"map_all\":%1,\"p_at_h2\":0.5,\"rounds\":%2,\"seconds\":12.5,\"stopped\":false}")
                                              .arg(*map_all)
                                              .arg(rounds)
                                              .toUtf8());
}

QString canonical(const QString& path) { return QFileInfo(path).canonicalFilePath(); }

// Opens `path` in the library and waits for its first pass; returns the error opened() gave.
QString open_and_wait(workbench::RunLibraryPresenter& library, const QString& path) {
    QSignalSpy opened(&library, &workbench::RunLibraryPresenter::opened);
    library.open(path);
    if (!opened.wait(5000)) return "no answer within 5 s";
    return opened.at(0).at(1).toString();
}

ExperimentConfig config(quint64 seed, bool pooled = false) {
    ExperimentConfig c;
    c.name = "disk";
    c.seed = seed;
    c.rounds = 4;
    c.pooled = pooled;
    return c;
}

}  // namespace

class RunsFromDiskTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void reads_a_finished_and_an_unfinished_run() {
        TempDir dir;
        const QString done = QString::fromStdString(dir.file("done")), half = QString::fromStdString(dir.file("half"));
        write_run(done, config(3), 4, 0.625);
        write_run(half, config(4), 2);
        write_file(half + "/metrics.jsonl", "{\"bytes_down\":1,\"round\":3,\"lo", true);  // being written

        widgets::RunRecord r;
        QCOMPARE(workbench::read_run_folder(done, r), QString());
        QVERIFY(r.completed);
        QCOMPARE(r.map_all, 0.625);
        QCOMPARE(r.seed, quint64(3));
        QCOMPARE(r.rounds, (QVector<double>{1, 2, 3, 4}));
        QCOMPARE(r.loss, (QVector<double>{2.0, 1.0, 2.0 / 3, 0.5}));
        QCOMPARE(r.megabytes, (QVector<double>{3, 3, 3, 3}));
        QCOMPARE(r.map_rounds, (QVector<double>{2, 4}));
        QCOMPARE(r.seconds, 12.5);
        QVERIFY2(r.status.startsWith("done: mAP 0.625"), qPrintable(r.status));

        QCOMPARE(workbench::read_run_folder(half, r), QString());
        QVERIFY(!r.completed);
        QCOMPARE(r.rounds.size(), 2);  // the half-written line waits for its newline
        QVERIFY2(r.status.contains("round 2/4"), qPrintable(r.status));

        const auto under = workbench::scan_run_folders(QString::fromStdString(dir.path()));
        QCOMPARE(under.runs, (QStringList{canonical(done), canonical(half)}));
        const QString root_name = QFileInfo(QString::fromStdString(dir.path())).fileName();
        QCOMPARE(under.shown, (QStringList{root_name + "/done", root_name + "/half"}));
        QCOMPARE(under.notes, QStringList());
        QCOMPARE(workbench::scan_run_folders(done).runs, QStringList{canonical(done)});
    }

    void names_the_damaged_file() {
        TempDir dir;
        const QString run = QString::fromStdString(dir.file("bad"));
        write_run(run, config(1), 2);
        write_file(run + "/metrics.jsonl", "{\"round\": \"two\"}\n", true);
        widgets::RunRecord r;
        const QString error = workbench::read_run_folder(run, r);
        QVERIFY2(error.contains("metrics.jsonl") && error.contains("line 3"), qPrintable(error));
        write_file(run + "/config.json", "{\"bits\": 7000}");
        const QString config_error = workbench::read_run_folder(run, r);
        QVERIFY2(config_error.contains("config.json") && config_error.contains("bits"), qPrintable(config_error));

        // A folder never read whole is no run in the list: the view names it and its fault.
        widgets::RunsView view;
        workbench::RunLibraryPresenter library(view);
        QCOMPARE(open_and_wait(library, QString::fromStdString(dir.path())), QString());
        QCOMPARE(view.runs().size(), 0);
        const QString root_name = QFileInfo(QString::fromStdString(dir.path())).fileName();
        QCOMPARE(view.notes().size(), 1);
        QVERIFY2(view.notes()[0].startsWith(root_name + "/bad/config.json: ") && view.notes()[0].contains("bits"),
                 qPrintable(view.notes()[0]));
        const QString missing = QString::fromStdString(dir.file("nothing-here"));
        QCOMPARE(open_and_wait(library, missing), missing + ": not a folder");
        QDir().mkpath(QString::fromStdString(dir.file("empty")));
        QVERIFY(open_and_wait(library, QString::fromStdString(dir.file("empty"))).contains(": no run folder in it"));
    }

    void follows_a_folder_that_grows() {
        TempDir dir;
        const QString root = QString::fromStdString(dir.path());
        write_run(root + "/a", config(0), 1);
        widgets::RunsView view;
        workbench::RunLibraryPresenter library(view);
        library.set_poll_interval(50);
        QCOMPARE(open_and_wait(library, root), QString());
        QCOMPARE(view.runs().size(), 1);
        QCOMPARE(view.runs()[0].rounds.size(), 1);
        QCOMPARE(library.unfinished(), 1);

        QTest::qWait(20);  // a later modification time than the first read's
        write_file(root + "/a/metrics.jsonl", round_line(2, 1.0, 0.3) + round_line(3, 0.7), true);
        QTRY_COMPARE(view.runs()[0].rounds.size(), 3);
        QCOMPARE(view.runs()[0].map, QVector<double>{0.3});

        write_run(root + "/b/seed1", config(1), 2);  // a run that starts under the opened folder
        QTRY_COMPARE(view.runs().size(), 2);
        QCOMPARE(view.checked_runs().size(), 2);

        QTest::qWait(20);
        write_run(root + "/a", config(0), 4, 0.5);
        QTRY_VERIFY(view.runs()[0].completed);
        QCOMPARE(view.runs()[0].rounds.size(), 4);
        QCOMPARE(library.unfinished(), 1);  // b is still running
    }

    void summary_table_and_pooled_share() {
        TempDir dir;
        const QString root = QString::fromStdString(dir.path());
        write_run(root + "/fed-0", config(0), 4, 0.40);
        write_run(root + "/fed-1", config(1), 4, 0.60);
        write_run(root + "/pooled-0", config(0, true), 4, 0.80);
        widgets::RunsView view;
        workbench::RunLibraryPresenter library(view);
        QCOMPARE(open_and_wait(library, root), QString());
        view.flush();
        QCOMPARE(view.summary()->rowCount(), 3);
        QCOMPARE(view.summary()->item(0, 1)->text(), QString("0.4000"));
        QCOMPARE(view.summary()->item(0, 3)->text(), QString("12.0"));  // 4 rounds × 3 MB
        QCOMPARE(view.summary()->item(0, 4)->text(), QString("12.5 s"));
        view.set_curve(widgets::RunsView::Curve::Loss);
        view.flush();
        QCOMPARE(view.plot()->graphCount(), 3);
        QCOMPARE(view.plot()->graph(0)->data()->size(), 4);
        QCOMPARE(view.plot()->graph(0)->data()->at(1)->value, 1.0);
        QVERIFY(view.csv().contains("map_all,pct_of_pooled"));
    }

    void the_window_saves_its_runs_and_opens_them_after_a_restart() {
        TempDir home, data;
        qputenv("FEDHAP_WORKBENCH_RUNS", QByteArray::fromStdString(home.path()));
        test::write_tiny_mnist(data.path(), 20, 10);
        ExperimentConfig c = test::tiny_experiment_config(data.path());
        c.name = "saved";
        c.rounds = 2;
        c.threads = 1;
        c.pooled = false;
        double map_all = 0;
        QString folder;
        {
            workbench::MainWindow window;
            QSignalSpy done(&window, &workbench::MainWindow::run_done);
            window.panel().set_config(c);
            window.start_run();
            QVERIFY(done.wait(60000));
            const auto& runs = window.findChild<widgets::RunsView*>("runs")->runs();
            QCOMPARE(runs.size(), 1);
            QVERIFY(runs[0].completed);
            map_all = runs[0].map_all;
            folder = runs[0].folder;
            QVERIFY2(folder.startsWith(QString::fromStdString(home.path())), qPrintable(folder));
            QVERIFY(QFile::exists(folder + "/summary.json"));

            window.start_run();  // stopped before its first round ends: nothing worth keeping
            window.controller().stop();
            QVERIFY(done.wait(60000));
            QTRY_COMPARE(QDir(QString::fromStdString(home.path())).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 1);
        }
        workbench::MainWindow again;
        auto* view = again.findChild<widgets::RunsView*>("runs");
        QTRY_VERIFY_WITH_TIMEOUT(!again.run_library().busy(), 5000);  // read off the GUI thread
        QCOMPARE(view->runs().size(), 1);
        QCOMPARE(view->runs()[0].folder, canonical(folder));
        QCOMPARE(view->runs()[0].map_all, map_all);
        QVERIFY(view->runs()[0].completed);
        QCOMPARE(view->checked_runs().size(), 0);  // earlier sessions' runs come unticked
        qunsetenv("FEDHAP_WORKBENCH_RUNS");
    }
};

QTEST_MAIN(RunsFromDiskTest)
#include "gui_test_runs.moc"
