// The Federation tab: hosting a cross-silo run from the window with silo processes started on
// this machine, following a headless server's run folder as silos.jsonl grows, and the journal
// reader's refusals.
#include <QtTest>

#include <QFile>
#include <QTableWidget>

#include "settings/experiment_panel.h"
#include "run/federation_journal.h"
#include "views/federation_presenter.h"
#include "federation_view.h"
#include "window/main_window.h"
#include "test_files.h"
#include "tiny_experiment.h"

using namespace fedhap;

namespace {

void append(const QString& path, const QByteArray& text) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::Append));
    f.write(text);
}

}  // namespace

class FederationTabTest : public QObject {
    Q_OBJECT
private:
    test::TempDir data_, saved_runs_;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);  // keep the user's settings out
        qputenv("FEDHAP_WORKBENCH_RUNS", QByteArray::fromStdString(saved_runs_.path()));  // and the user's saved runs
        test::write_tiny_mnist(data_.path(), 30, 8);
    }

    void hosting_shows_who_joined_and_every_exchange() {
        test::TempDir out;
        workbench::MainWindow window;
        QSignalSpy done(&window, &workbench::MainWindow::run_done);
        window.show();
        ExperimentConfig c = test::tiny_experiment_config(data_.path());
        c.rounds = 3;
        window.panel().set_config(c);
        workbench::HostSettings host;
        host.listen = "127.0.0.1:0";
        host.run_folder = QString::fromStdString(out.path());
        host.local_silos = 3;
        window.host_federation(host);
        QVERIFY(done.wait(180000));
        QVERIFY2(done.last().at(1).toBool(), qPrintable(window.last_error()));
        auto* view = window.findChild<widgets::FederationView*>("federation");
        QVERIFY(view);
        const widgets::FederationStatus& status = view->status();
        QVERIFY(status.endpoint.startsWith("127.0.0.1:"));
        QVERIFY(!status.endpoint.endsWith(":0"));  // the port it really listens on
        QCOMPARE(status.round, 3);
        QCOMPARE(status.silos.size(), 3);
        int images = 0;
        for (const auto& s : status.silos) {
            QVERIFY(s.joined);
            QCOMPARE(s.rounds_answered, 3);
            QCOMPARE(s.rounds_missed, 0);
            QVERIFY(s.bytes_sent > 0 && s.bytes_received > 0);
            QCOMPARE(s.class_counts.size(), 10);
            for (int n : s.class_counts) images += n;
        }
        QCOMPARE(images, 200);  // 20 train images per class, all dealt out
        view->flush();
        QCOMPARE(view->table()->rowCount(), 3);
        QCOMPARE(view->table()->item(0, 1)->text(), QString("answered"));
        QVERIFY(QFile::exists(QString::fromStdString(out.file("silos.jsonl"))));
        QVERIFY(QFile::exists(QString::fromStdString(out.file("metrics.jsonl"))));
        QTRY_COMPARE_WITH_TIMEOUT(window.federation().local_silo_processes(), 0, 15000);  // they ended
        QVERIFY(view->csv().startsWith("silo,state,images"));
        const QString screenshot = qEnvironmentVariable("FEDHAP_SCREENSHOT_DIR");
        if (!screenshot.isEmpty()) QVERIFY(window.grab().save(screenshot + "/workbench-federation.png"));
    }

    void following_a_folder_reads_the_journal_as_it_grows() {
        test::TempDir run;
        const QString journal = QString::fromStdString(run.file("silos.jsonl"));
        append(journal, R"({"event":"listening","endpoint":"10.0.0.1:29500"}
{"event":"joined","silo":0,"connection":1,"class_counts":[5,0,7]}
{"event":"joined","silo":1,"connection":1,"class_counts":[0,9,1]}
{"event":"round","round":1,"silos":[{"silo":0,"answered":true,"bytes_sent":100,"bytes_received":120,"round_trip_seconds":0.5},{"silo":1,"answered":false,"reason":"timed out","bytes_sent":100,"bytes_received":0,"round_trip_seconds":4}]}
)");
        workbench::MainWindow window;
        QCOMPARE(window.federation().follow(QString::fromStdString(run.path())), QString());
        auto* view = window.findChild<widgets::FederationView*>("federation");
        QCOMPARE(view->status().endpoint, QString("10.0.0.1:29500"));
        QCOMPARE(view->status().silos.size(), 2);
        QCOMPARE(view->status().silos[1].last_problem, QString("round 1: timed out"));
        QCOMPARE(view->status().silos[1].rounds_missed, 1);
        // Half a line is not read until its end arrives.
        append(journal, R"({"event":"round","round":2,"silos":[{"silo":1,"answered":true,)");
        QTest::qWait(1200);
        QCOMPARE(view->status().round, 1);
        append(journal, R"("bytes_sent":100,"bytes_received":130,"round_trip_seconds":0.4}]})" "\n");
        QTRY_COMPARE_WITH_TIMEOUT(view->status().round, 2, 5000);
        QCOMPARE(view->status().silos[1].rounds_answered, 1);
        QVERIFY(view->status().silos[1].answered_last);
        QVERIFY(!window.federation().follow("/nonexistent/folder").isEmpty());
    }

    void the_journal_reader_refuses_what_it_cannot_read() {
        widgets::FederationStatus status;
        QVERIFY(!workbench::apply_journal_line(status, "not json"));
        QVERIFY(!workbench::apply_journal_line(status, R"({"event":"party"})"));
        QVERIFY(!workbench::apply_journal_line(status, R"({"event":"joined","silo":-4})"));
        QVERIFY(!workbench::apply_journal_line(status, R"({"event":"joined","silo":5000000})"));
        QCOMPARE(status.silos.size(), 0);
    }
};

QTEST_MAIN(FederationTabTest)
#include "gui_test_federation.moc"
