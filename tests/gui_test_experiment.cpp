// Training from the GUI on a tiny generated MNIST-style set: the experiment controller (a run
// to the end with the expected signals, pause/resume and step acknowledged by the worker, many
// start/stop cycles, a failing run) and the main window driving it (pause shown once the worker
// holds, live views filled, a bad path reported, not a crash).
#include <QtTest>

#include <memory>

#include <QStatusBar>

#include "embedding_view.h"
#include "run/experiment_controller.h"
#include "settings/experiment_panel.h"
#include "learning_curves_view.h"
#include "window/main_window.h"
#include "prototype_view.h"
#include "retrieval_view.h"
#include "runs_view.h"
#include "test_files.h"
#include "tiny_experiment.h"

using namespace fedhap;
using fedhap::test::TempDir;
using fedhap::workbench::ExperimentController;
using State = fedhap::workbench::ExperimentController::State;

namespace {

ExperimentConfig tiny_config(const std::string& data_dir) {
    ExperimentConfig c = test::tiny_experiment_config(data_dir);
    c.name = "tiny";
    c.rounds = 3;
    c.threads = 1;  // the machine is shared
    return c;
}

}  // namespace

class ExperimentRunTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);  // keep the user's settings out
        qputenv("FEDHAP_WORKBENCH_RUNS", QByteArray::fromStdString(runs_.path()));  // and the saved runs of earlier tests
        test::write_tiny_mnist(data_.path(), 20, 10);
    }

    void runs_a_tiny_experiment_to_the_end() {
        ExperimentController controller;
        QSignalSpy started(&controller, &ExperimentController::run_started);
        QSignalSpy data(&controller, &ExperimentController::data_ready);
        QSignalSpy rounds(&controller, &ExperimentController::round_ended);
        QSignalSpy codes(&controller, &ExperimentController::codes_ready);
        QSignalSpy finished(&controller, &ExperimentController::run_finished);
        ExperimentConfig c = tiny_config(data_.path());
        c.rounds = 3;
        const int id = controller.start(c);
        QCOMPARE(controller.state(), State::Running);
        QVERIFY(finished.wait(60000));
        QCOMPARE(started.size(), 1);
        QCOMPARE(data.size(), 1);
        QCOMPARE(rounds.size(), 3);
        QCOMPARE(codes.size(), 4);  // eval_every 1, plus the final evaluation
        QCOMPARE(finished.first().at(0).toInt(), id);
        const auto outcome = finished.first().at(1).value<workbench::RunOutcome>();
        QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));
        QVERIFY(!outcome.stopped());
        QCOMPARE(outcome.summary.rounds, 3);
        QVERIFY(outcome.summary.map_all > 0.0);
        const auto last = rounds.last().at(1).value<workbench::RoundUpdate>();
        QCOMPARE(last.metrics.round, 3);
        QCOMPARE(last.prototypes.classes, 10);
        QCOMPARE(last.prototypes.bits, 16);
        const auto run_data = data.first().at(1).value<workbench::RunData>();
        QVERIFY(run_data.data && run_data.data->size() == 200 + 100);
        QCOMPARE(controller.state(), State::Idle);
    }

    void pause_holds_training_and_resume_finishes() {
        ExperimentController controller;
        QSignalSpy progress(&controller, &ExperimentController::progress);
        QSignalSpy rounds(&controller, &ExperimentController::round_ended);
        QSignalSpy paused(&controller, &ExperimentController::paused);
        QSignalSpy finished(&controller, &ExperimentController::run_finished);
        ExperimentConfig c = tiny_config(data_.path());
        c.rounds = 4;
        controller.start(c);
        QVERIFY(progress.wait(30000));
        controller.pause();
        QCOMPARE(controller.state(), State::Paused);
        // The worker acknowledges once it holds; whatever it sent before arrives first (queued
        // in order), and it sends nothing while it holds: no time window to guess.
        QTRY_COMPARE_WITH_TIMEOUT(paused.size(), 1, 30000);
        const auto rounds_at_hold = rounds.size(), progress_at_hold = progress.size();
        QCoreApplication::processEvents();
        QCOMPARE(rounds.size(), rounds_at_hold);
        QCOMPARE(progress.size(), progress_at_hold);
        QVERIFY(finished.isEmpty());
        controller.resume();
        QCOMPARE(controller.state(), State::Running);
        QVERIFY(finished.wait(60000));
        QCOMPARE(rounds.size(), 4);
    }

    void step_runs_one_round_at_a_time() {
        ExperimentController controller;
        QSignalSpy rounds(&controller, &ExperimentController::round_ended);
        QSignalSpy paused(&controller, &ExperimentController::paused);
        QSignalSpy finished(&controller, &ExperimentController::run_finished);
        ExperimentConfig c = tiny_config(data_.path());
        c.rounds = 5;
        controller.step(c);  // from idle: start, pause after round 1
        QTRY_COMPARE_WITH_TIMEOUT(paused.size(), 1, 30000);  // the worker holds before round 2
        QCOMPARE(controller.state(), State::Paused);
        QCOMPARE(rounds.size(), 1);
        QCOMPARE(paused.last().at(1).value<workbench::RunProgress>().round, 2);
        controller.step(c);
        QTRY_COMPARE_WITH_TIMEOUT(paused.size(), 2, 30000);
        QCOMPARE(controller.state(), State::Paused);
        QCOMPARE(rounds.size(), 2);
        QCOMPARE(paused.last().at(1).value<workbench::RunProgress>().round, 3);
        controller.stop();  // a paused run stops too
        QVERIFY(finished.wait(30000));
        const auto outcome = finished.first().at(1).value<workbench::RunOutcome>();
        QVERIFY(outcome.stopped());
        QCOMPARE(outcome.summary.rounds, 2);  // nothing trained while it held
        QCOMPARE(rounds.size(), 2);
        QCOMPARE(controller.state(), State::Idle);
    }

    void a_hundred_start_pause_stop_cycles_leave_it_working() {
        ExperimentController controller;
        QSignalSpy progress(&controller, &ExperimentController::progress);
        QSignalSpy paused(&controller, &ExperimentController::paused);
        QSignalSpy finished(&controller, &ExperimentController::run_finished);
        ExperimentConfig endless = tiny_config(data_.path());
        endless.rounds = 1000;
        for (int cycle = 0; cycle < 100; ++cycle) {
            progress.clear();
            paused.clear();
            const int id = controller.start(endless);
            QVERIFY(progress.wait(30000));  // training has begun: act mid-round
            if (cycle % 3 == 1) {  // pause, see it hold, then stop the paused run
                controller.pause();
                QTRY_COMPARE_WITH_TIMEOUT(paused.size(), 1, 30000);
                QCOMPARE(controller.state(), State::Paused);
            }
            if (cycle % 3 != 2) {
                controller.stop();
                QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty() && finished.last().at(0).toInt() == id, 30000);
                QCOMPARE(controller.state(), State::Idle);
            }
            // Every third cycle starts the next run over the running one: its results must be dropped.
        }
        finished.clear();
        QSignalSpy rounds(&controller, &ExperimentController::round_ended);
        ExperimentConfig c = tiny_config(data_.path());
        c.rounds = 2;
        const int id = controller.start(c);
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(0).toInt(), id);
        QVERIFY(finished.first().at(1).value<workbench::RunOutcome>().error.isEmpty());
        for (const auto& r : rounds) QCOMPARE(r.at(0).toInt(), id);
        QCOMPARE(rounds.size(), 2);
    }

    void closing_the_window_mid_run_returns_within_a_second() {
        auto window = std::make_unique<workbench::MainWindow>();
        QSignalSpy progress(&window->controller(), &ExperimentController::progress);
        window->show();
        ExperimentConfig c = tiny_config(data_.path());
        c.rounds = 1000;
        window->panel().set_config(c);
        window->start_run();
        QVERIFY(progress.wait(30000));
        QElapsedTimer timer;
        timer.start();
        window->close();
        window.reset();  // stops the run and joins the training thread
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString("closing took %1 ms").arg(timer.elapsed())));
    }

    void closing_the_window_while_it_loads_fashion_mnist_returns_within_a_second() {
        FEDHAP_REQUIRE_FASHION_MNIST();
        auto window = std::make_unique<workbench::MainWindow>();
        window->show();
        window->panel().set_config(ExperimentConfig{});  // the packaged Fashion-MNIST: loads for a while
        QTRY_VERIFY_WITH_TIMEOUT(window->is_loading(), 5000);
        QElapsedTimer timer;
        timer.start();
        window->close();
        window.reset();
        qInfo("closed %lld ms into the load", static_cast<long long>(timer.elapsed()));
        QVERIFY2(timer.elapsed() < 1000, qPrintable(QString("closing took %1 ms").arg(timer.elapsed())));
    }

    void a_bad_dataset_path_fails_with_a_message() {
        ExperimentController controller;
        QSignalSpy finished(&controller, &ExperimentController::run_finished);
        ExperimentConfig c = tiny_config("/nonexistent/mnist");
        controller.start(c);
        QVERIFY(finished.wait(30000));
        const QString error = finished.first().at(1).value<workbench::RunOutcome>().error;
        QVERIFY2(error.contains("/nonexistent/mnist"), qPrintable(error));
        QCOMPARE(controller.state(), State::Idle);
    }

    void the_window_says_paused_once_the_worker_holds() {
        workbench::MainWindow window;
        QSignalSpy done(&window, &workbench::MainWindow::run_done);
        QSignalSpy paused(&window.controller(), &ExperimentController::paused);
        QSignalSpy progress(&window.controller(), &ExperimentController::progress);
        window.show();
        ExperimentConfig c = tiny_config(data_.path());
        c.rounds = 1000;
        window.panel().set_config(c);
        window.start_run();
        QVERIFY(progress.wait(30000));
        window.controller().pause();
        QTRY_COMPARE_WITH_TIMEOUT(paused.size(), 1, 30000);
        const QString message = window.statusBar()->currentMessage();
        QVERIFY2(message.startsWith("Paused"), qPrintable(message));
        window.controller().stop();
        QVERIFY(done.wait(30000));
        QCOMPARE(done.last().at(1).toBool(), true);
    }

    void the_window_fills_every_view_and_reports_a_bad_path() {
        TempDir saved_runs;  // none of the earlier tests' runs in this window's Runs view
        qputenv("FEDHAP_WORKBENCH_RUNS", QByteArray::fromStdString(saved_runs.path()));
        workbench::MainWindow window;
        QSignalSpy loaded(&window, &workbench::MainWindow::data_ready);
        QSignalSpy done(&window, &workbench::MainWindow::run_done);
        QSignalSpy settled(&window, &workbench::MainWindow::embedding_settled);
        window.show();
        ExperimentConfig bad = tiny_config("/nonexistent/mnist");
        window.panel().set_config(bad);
        // The preview's own load of the bad path says so in the status bar too: let it finish
        // first, so the line read below is the run's.
        QTRY_VERIFY_WITH_TIMEOUT(!window.is_loading(), 30000);
        window.start_run();
        QVERIFY(done.wait(30000));
        QCOMPARE(done.last().at(1).toBool(), false);
        QVERIFY2(window.last_error().contains("/nonexistent/mnist"), qPrintable(window.last_error()));
        QVERIFY2(window.statusBar()->currentMessage().contains("failed"), qPrintable(window.statusBar()->currentMessage()));

        // Still usable: a good run fills the views.
        window.panel().set_config(tiny_config(data_.path()));
        window.start_run();
        QVERIFY(done.wait(60000));
        QCOMPARE(done.last().at(1).toBool(), true);
        auto* curves = window.findChild<widgets::LearningCurvesView*>("curves");
        curves->flush();
        QCOMPARE(curves->curves().rounds.size(), 3);
        QCOMPARE(curves->curves().client_loss.size(), 3);
        auto* protos = window.findChild<widgets::PrototypeView*>("prototypes");
        protos->flush();
        QCOMPARE(protos->prototypes().classes, 10);
        QCOMPARE(protos->prototypes().round, 3);
        auto* retrieval = window.findChild<widgets::RetrievalView*>("retrieval");
        QTRY_COMPARE_WITH_TIMEOUT(retrieval->result().items.size(), 12, 20000);
        QCOMPARE(retrieval->result().precision_at_radius.size(), 17);  // r = 0..16
        auto* embedding = window.findChild<widgets::EmbeddingView*>("embedding");
        QTRY_VERIFY_WITH_TIMEOUT(!window.embedding_busy(), 60000);
        embedding->flush();
        QCOMPARE(embedding->points().data_points(), 250);  // the whole (tiny) database
        QCOMPARE(embedding->points().prototypes, 10);
        // Clicking a point of the map retrieves with it.
        Q_EMIT embedding->point_clicked(5);
        retrieval->flush();
        QVERIFY(retrieval->result().query_caption.contains("database item"));
        auto* runs = window.findChild<widgets::RunsView*>("runs");
        QCOMPARE(runs->runs().size(), 2);
        QVERIFY(runs->runs().last().status.startsWith("done"));
        runs->flush();
        QVERIFY(runs->diff_rows() >= 1);  // the two runs differ in their data path

        // Export: PNG, PDF and CSV of a view.
        TempDir out;
        for (const char* f : {"curves.png", "curves.pdf", "curves.csv", "prototypes.csv", "embedding.png", "retrieval.pdf", "runs.csv"}) {
            const std::optional<workbench::ViewId> view = workbench::view_from_key(QString(f).section('.', 0, 0));
            QVERIFY2(view, f);
            const QString error = window.export_view(*view, QString::fromStdString(out.file(f)));
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QVERIFY2(QFileInfo(QString::fromStdString(out.file(f))).size() > 0, f);
        }
        const QStringList shots = window.save_screenshots(QString::fromStdString(out.path()));
        QCOMPARE(shots.size(), 8);  // the window + seven views
    }

private:
    test::TempDir data_, runs_;
};

QTEST_MAIN(ExperimentRunTest)
#include "gui_test_experiment.moc"
