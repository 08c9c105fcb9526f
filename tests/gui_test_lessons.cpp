// The classroom features of the window: every lesson runs from its first step to its last
// (pressing Space, as a teacher would), presentation mode restyles the plots and comes back,
// and the PDF report holds every view.
#include <QtTest>

#include <QDockWidget>
#include <QFile>
#include <QProcess>
#include <QTabWidget>

#include "count_matrix.h"
#include "settings/experiment_panel.h"
#include "learning_curves_view.h"
#include "lesson_panel.h"
#include "lessons/lesson_presenter.h"
#include "lessons/lessons.h"
#include "window/main_window.h"
#include "partition_heatmap_view.h"
#include "plot_style.h"
#include "prototype_view.h"
#include "qcustomplot_include.h"
#include "runs_view.h"
#include "split_comparison_view.h"
#include "test_files.h"
#include "tiny_experiment.h"

using namespace fedhap;
using fedhap::test::TempDir;

namespace {

int nonzero(const QVector<int>& row) { return static_cast<int>(std::count_if(row.begin(), row.end(), [](int v) { return v > 0; })); }

// The key of the view in front, read off the tab widget itself rather than the window's bookkeeping.
QString current_view(const workbench::MainWindow& window) {
    auto* tabs = window.findChild<QTabWidget*>();
    return tabs->widget(tabs->currentIndex())->objectName();
}

}  // namespace

class LessonsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("FEDHAP_WORKBENCH_RUNS", QByteArray::fromStdString(runs_.path()));
        test::write_tiny_mnist(data_.path(), 20, 10);
        base_ = test::tiny_experiment_config(data_.path());
        base_.partition.clients = 5;  // two classes each still cover the ten
        base_.partition.min_partition_size = 2;
        base_.threads = 1;
    }

    void every_lesson_runs_start_to_end_data() {
        QTest::addColumn<QString>("name");
        for (const auto& l : workbench::lessons()) QTest::newRow(qPrintable(l.name)) << l.name;
    }

    void every_lesson_runs_start_to_end() {
        QFETCH(QString, name);
        workbench::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto& presenter = window.lesson_presenter();
        auto* panel = window.findChild<widgets::LessonPanel*>("lesson_panel");
        QSignalSpy finished(&presenter, &workbench::LessonPresenter::finished);
        QCOMPARE(presenter.start(name, base_, 2), QString());
        const workbench::Lesson& lesson = *workbench::find_lesson(name);
        QVERIFY(window.findChild<QDockWidget*>("lesson_dock")->isVisible());
        for (std::size_t step = 0; step < lesson.steps.size(); ++step) {
            QCOMPARE(presenter.step(), static_cast<int>(step));
            QTRY_VERIFY_WITH_TIMEOUT(presenter.ready(), 90000);
            QVERIFY(panel->next_enabled());
            QVERIFY(panel->heading().contains(lesson.steps[step].heading.toHtmlEscaped()));
            QCOMPARE(current_view(window), workbench::view_key(lesson.steps[step].view));
            QVERIFY(window.current_view() == lesson.steps[step].view);
            check_step(window, name, static_cast<int>(step));
            QTest::keyClick(&window, Qt::Key_Space);  // Next
        }
        QCOMPARE(finished.size(), 1);
        QVERIFY(!presenter.active());
        QVERIFY(!window.findChild<QDockWidget*>("lesson_dock")->isVisible());
        QCOMPARE(window.findChild<widgets::SplitComparisonView*>("splits")->isVisible(), false);
    }

    // `xvfb-run -a fedhap-workbench --config tiny.json --lesson NAME --rounds 1 --autoplay
    // --screenshot-dir D --quit`: the program on a real X server goes through every step and
    // leaves a picture of each.
    void every_lesson_runs_under_xvfb_data() { every_lesson_runs_start_to_end_data(); }
    void every_lesson_runs_under_xvfb() {
        QFETCH(QString, name);
        const QString xvfb = QStandardPaths::findExecutable("xvfb-run");
        if (xvfb.isEmpty()) QSKIP("xvfb-run is not installed (packaging/install-deps.sh installs it)");
        TempDir out;
        const QString config = QString::fromStdString(out.file("tiny.json")), shots = QString::fromStdString(out.file("shots"));
        save_config_file(config.toStdString(), base_);
        QProcess p;
        QProcessEnvironment env = test::child_environment(out.file("user"));  // its settings stay in `out`
        env.remove("QT_QPA_PLATFORM");  // the X server's, not offscreen
        env.insert("FEDHAP_WORKBENCH_RUNS", QString::fromStdString(runs_.path()));
        p.setProcessEnvironment(env);
        p.start(xvfb, {"-a", "-s", "-screen 0 1400x900x24", FEDHAP_WORKBENCH_PATH, "--config", config, "--lesson", name, "--rounds", "1",
                       "--autoplay", "--screenshot-dir", shots, "--quit"});
        QVERIFY(p.waitForFinished(180000));
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        const std::size_t steps = workbench::find_lesson(name)->steps.size();
        for (std::size_t k = 1; k <= steps; ++k) {
            const QImage shot(QString("%1/lesson-%2-%3.png").arg(shots, name).arg(k));
            QVERIFY2(!shot.isNull(), qPrintable(QString("no picture of step %1").arg(k)));
            QVERIFY(shot.width() >= 800);
        }
    }

    void an_unknown_lesson_is_named() {
        workbench::MainWindow window;
        const QString error = window.lesson_presenter().start("no-such-lesson");
        QVERIFY2(error.contains("no-such-lesson") && error.contains("non-iid"), qPrintable(error));
    }

    void presentation_mode_restyles_and_comes_back() {
        workbench::MainWindow window;
        window.show();
        auto* curves = window.findChild<widgets::LearningCurvesView*>("curves");
        widgets::TrainingCurves c;
        c.rounds = {1, 2};
        c.mean_loss = {1.0, 0.5};
        c.client_loss = {{1.0, 0.5}};
        c.map_rounds = {2};
        c.map = {0.4};
        c.bytes_up = {10, 10};
        c.bytes_down = {10, 10};
        curves->set_curves(c);
        curves->flush();
        auto widths = [curves] {
            QVector<double> w;
            for (int i = 0; i < curves->plot()->graphCount(); ++i) w << curves->plot()->graph(i)->pen().widthF();
            return w;
        };
        const QVector<double> normal = widths();
        const QColor normal_color = widgets::class_color(0);
        const double normal_pt = QApplication::font().pointSizeF();
        window.set_presentation_mode(true);
        QVERIFY(window.isFullScreen());
        QVERIFY(widgets::class_color(0) != normal_color);
        QVERIFY(QApplication::font().pointSizeF() > normal_pt);
        QTRY_VERIFY(widths()[0] > normal[0] * 1.5);
        window.set_presentation_mode(false);
        QCOMPARE(widgets::class_color(0), normal_color);
        QCOMPARE(QApplication::font().pointSizeF(), normal_pt);
        QTRY_COMPARE(widths(), normal);
    }

    void the_report_holds_every_view() {
        workbench::MainWindow window;
        QSignalSpy done(&window, &workbench::MainWindow::run_done);
        window.show();
        ExperimentConfig c = base_;
        c.rounds = 2;
        window.panel().set_config(c);
        window.start_run();
        QVERIFY(done.wait(60000));
        TempDir out;
        const QString pdf = QString::fromStdString(out.file("lab.pdf"));
        QCOMPARE(window.export_report(pdf), QString());
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        QVERIFY(bytes.startsWith("%PDF"));
        // The title page, a page per view (data, curves, prototypes, embedding, retrieval, runs;
        // not the federation view of a run this window did not host), the rounds.
        const auto pages = bytes.count("/Type /Page") - bytes.count("/Type /Pages");
        QVERIFY2(pages >= 8, qPrintable(QString::number(pages)));
        const QDir files(QString::fromStdString(out.file("lab-files")));
        for (const char* name : {"view-curves.png", "view-retrieval.png", "view-runs.png", "curves.csv", "runs.csv", "partition.csv"})
            QVERIFY2(files.exists(name), name);
    }

private:
    void check_step(workbench::MainWindow& window, const QString& lesson, int step) {
        if (lesson == "non-iid" && step == 3) {
            const auto maps = window.findChild<widgets::SplitComparisonView*>("splits")->maps();
            QCOMPARE(maps.size(), 3);
            for (auto* m : maps) QCOMPARE(m->counts().rows(), 5);
            int iid = 0, dirichlet = 0;  // classes held, over the clients
            for (const auto& row : maps[0]->counts().counts) iid += nonzero(row);
            for (const auto& row : maps[1]->counts().counts) dirichlet += nonzero(row);
            QVERIFY2(iid >= 5 * 8 && dirichlet < iid, qPrintable(QString("%1 %2").arg(iid).arg(dirichlet)));
            for (const auto& row : maps[2]->counts().counts) QCOMPARE(nonzero(row), 2);  // two classes each
        }
        if (lesson == "fedavg-breaks" && step == 2) {
            const auto* runs = window.findChild<widgets::RunsView*>("runs");
            int completed = 0;
            for (const auto& r : runs->runs()) completed += r.completed ? 1 : 0;
            QCOMPARE(completed, 2);
            QCOMPARE(runs->checked_runs().size(), 2);
            QVERIFY(runs->runs()[0].config_json.contains("fedavg-dpsh"));
            QVERIFY(runs->runs()[1].config_json.contains("\"fedhap\""));
        }
        if (lesson == "fedhap-parts" && step == 3) {
            // Three runs side by side: the full method, the fixed-centre baseline, no discriminator.
            const auto* runs = window.findChild<widgets::RunsView*>("runs");
            QCOMPARE(runs->checked_runs().size(), 3);
            const auto& r = runs->runs();
            QVERIFY(r.size() >= 3);
            const std::size_t n = r.size();
            QVERIFY(r[n - 3].config_json.contains("\"fedhap\"") && r[n - 3].config_json.contains("\"adversarial\": true"));
            QVERIFY(r[n - 2].config_json.contains("fedavg-ce"));
            QVERIFY(r[n - 1].config_json.contains("\"fedhap\"") && r[n - 1].config_json.contains("\"adversarial\": false"));
        }
        if (lesson == "prototypes" && step == 0) {
            const auto& m = window.findChild<widgets::PrototypeView*>("prototypes")->prototypes();
            QCOMPARE(m.round, 1);
            QCOMPARE(m.bits, base_.bits);
        }
        if (lesson == "retrieval" && step == 1)
            QVERIFY(!window.findChild<widgets::LessonPanel*>("lesson_panel")->before().isNull());
    }

    TempDir data_, runs_;
    ExperimentConfig base_;
};

QTEST_MAIN(LessonsTest)
#include "gui_test_lessons.moc"
