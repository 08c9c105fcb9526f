// The runs view's comparison over seeds: made-up finished runs of two configurations × three
// seeds, the first one's pooled counterpart and a one-seed method are grouped and summarized as
// `fedhap compare` does, checked against numbers computed by hand; the table shows them, asks
// for another reference, exports them, and the presenter keeps it up to date as runs finish.
// With FEDHAP_TEST_SCREENSHOTS=DIR the view is saved to DIR/runs_comparison.png.
#include <QtTest>

#include <QComboBox>
#include <QTableWidget>
#include <cmath>

#include "run/experiment_controller.h"
#include "learning_curves_view.h"
#include "prototype_view.h"
#include "qcustomplot_include.h"
#include "runs/run_comparison.h"
#include "runs/run_history_presenter.h"
#include "runs_view.h"

using namespace fedhap;
using widgets::RunComparisonView;

namespace {

ExperimentConfig config_a() {
    ExperimentConfig c;
    c.name = "a";
    c.method = method_preset(Method::FedHap);
    return c;
}
ExperimentConfig config_b() {
    ExperimentConfig c = config_a();
    c.name = "b";
    c.method.adversarial = false;
    return c;
}
ExperimentConfig config_pooled() {
    ExperimentConfig c = config_a();
    c.pooled = true;
    return c;
}
ExperimentConfig config_c() {
    ExperimentConfig c;
    c.method = method_preset(Method::FedAvgCe);
    return c;
}

widgets::RunRecord finished(int id, ExperimentConfig c, quint64 seed, double map, bool completed = true) {
    c.seed = seed;
    widgets::RunRecord r;
    r.id = id;
    r.title = QString("#%1 %2 · seed %3").arg(id).arg(QString::fromStdString(c.name)).arg(seed);
    r.status = completed ? QString("done: mAP %1").arg(map, 0, 'f', 3) : QString("stopped after round 1");
    r.map_rounds = {1, 2, 3};
    r.map = {0.5 * map, 0.8 * map, map};
    r.config_json = QString::fromStdString(config_to_json(c));
    r.seed = seed;
    r.completed = completed;
    r.map_all = completed ? map : 0.0;
    return r;
}

// A: 0.70 0.74 0.72 (seed 1 first ran at 0.99, then again), B = A without the discriminator:
// 0.66 0.71 0.64, A pooled: 0.78 0.82 on seeds 0 and 1, fedavg-ce: 0.60 on seed 0.
QVector<widgets::RunRecord> session() {
    ExperimentConfig a_elsewhere = config_a();
    a_elsewhere.name = "a on the cpu";
    a_elsewhere.device = "cpu";
    a_elsewhere.threads = 4;
    return {finished(1, config_a(), 2, 0.72),    finished(2, config_a(), 1, 0.99),     finished(3, a_elsewhere, 0, 0.70),
            finished(4, config_b(), 0, 0.66),    finished(5, config_b(), 1, 0.71),     finished(6, config_b(), 2, 0.64),
            finished(7, config_a(), 3, 0, false), finished(8, config_pooled(), 0, 0.78), finished(9, config_pooled(), 1, 0.82),
            finished(10, config_c(), 0, 0.60),   finished(11, config_a(), 1, 0.74)};
}

// B − A per seed: −0.04, −0.03, −0.08: mean −0.05, sd √(0.0014/2) = √0.0007, t(2) = 4.303.
const double kHalfWidth = 4.303 * std::sqrt(0.0007) / std::sqrt(3.0);  // 0.065729

bool near(double a, double b) { return std::abs(a - b) < 1e-9; }

}  // namespace

class RunComparisonTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void groups_by_settings_and_compares_as_the_cli_does() {
        const auto runs = session();
        QCOMPARE(workbench::comparison_key(runs[0].config_json), workbench::comparison_key(runs[2].config_json));
        QVERIFY(workbench::comparison_key(runs[0].config_json) != workbench::comparison_key(runs[3].config_json));

        const widgets::RunComparisonTable t = workbench::compare_runs(runs);
        QCOMPARE(t.rows.size(), 4);
        QCOMPARE(t.reference, 0);  // the first group by default
        const auto &a = t.rows[0], &b = t.rows[1], &p = t.rows[2], &c = t.rows[3];
        QCOMPARE(a.label, QString("fedhap"));
        QCOMPARE(b.label, QString("fedhap · adversarial=false"));
        QCOMPARE(p.label, QString("fedhap · pooled=true"));
        QCOMPARE(c.label, QString("fedavg-ce"));  // its preset's own switches are not listed
        QVERIFY(b.details.contains("method.adversarial: true → false"));

        QVERIFY(a.reference && !b.reference);
        QCOMPARE(a.seeds, (QVector<quint64>{0, 1, 2}));
        QCOMPARE(a.maps, (QVector<double>{0.70, 0.74, 0.72}));  // the later run of seed 1; the stopped run left out
        QCOMPARE(a.run_ids, (QVector<int>{3, 11, 1}));
        QVERIFY(near(a.mean, 0.72));
        QVERIFY(near(a.sd, 0.02));                    // √((0.02² + 0.02² + 0) / 2)
        QVERIFY(a.pct_of_pooled && near(*a.pct_of_pooled, 90.0));  // 0.72 / 0.80
        QVERIFY(near(b.mean, 0.67));
        QVERIFY(near(b.sd, std::sqrt(0.0013)));       // √((0.01² + 0.04² + 0.03²) / 2) = 0.036056
        QVERIFY(!b.pct_of_pooled);                    // no pooled run of B
        QCOMPARE(b.pairs, 3);
        QVERIFY(near(b.diff, -0.05));
        QVERIFY(std::abs(b.diff_low - (-0.05 - kHalfWidth)) < 1e-9 && std::abs(b.diff_low + 0.115729) < 1e-6);
        QVERIFY(std::abs(b.diff_high - (-0.05 + kHalfWidth)) < 1e-9 && std::abs(b.diff_high - 0.015729) < 1e-6);
        QVERIFY(near(p.mean, 0.80));
        QVERIFY(near(p.sd, std::sqrt(0.0008)));
        QVERIFY(!p.pct_of_pooled);
        QCOMPARE(p.pairs, 2);                         // seeds 0 and 1: +0.08 both
        QVERIFY(near(p.diff, 0.08) && near(p.diff_low, 0.08) && near(p.diff_high, 0.08));
        QCOMPARE(c.maps.size(), 1);
        QCOMPARE(c.pairs, 1);
        QVERIFY(near(c.diff, -0.10) && !c.has_interval());

        QCOMPARE(widgets::mean_sd_text(b), QString("0.6700 ± 0.0361"));
        QCOMPARE(widgets::mean_sd_text(c), QString::number(c.mean, 'f', 4) + " (one seed)");  // no "± 0" for one seed
        QCOMPARE(widgets::per_seed_text(b), QString("0.660  0.710  0.640"));
        QCOMPARE(widgets::pct_text(a), QString("90.0 %"));
        QCOMPARE(widgets::difference_text(a), QString("(reference)"));
        QCOMPARE(widgets::difference_text(b), QString("-0.0500 [-0.1157, +0.0157]"));
        QCOMPARE(widgets::difference_text(c), QString("-0.1000 (one seed)"));

        // B as the reference: A − B is the same interval mirrored, and A's label names what differs.
        const widgets::RunComparisonTable u = workbench::compare_runs(runs, b.key);
        QCOMPARE(u.reference, 1);
        QCOMPARE(u.rows[0].label, QString("fedhap · adversarial=true"));
        QCOMPARE(u.rows[1].label, QString("fedhap"));
        QVERIFY(near(u.rows[0].diff, 0.05) && near(u.rows[0].diff_low, 0.05 - kHalfWidth));
        QCOMPARE(u.rows[2].pairs, 2);  // pooled − B on seeds 0, 1: 0.12, 0.11
        QVERIFY(near(u.rows[2].diff, 0.115));
        QVERIFY(workbench::compare_runs({}).rows.isEmpty());
    }

    void the_runs_view_shows_the_table_and_asks_for_a_reference() {
        widgets::RunsView view;
        view.resize(1250, 760);
        for (const auto& r : session()) view.upsert_run(r);
        view.set_comparison(workbench::compare_runs(session()));
        view.show();
        view.flush();
        auto* grid = view.findChild<QTableWidget*>("run_comparison");
        QVERIFY(grid);
        QCOMPARE(grid->rowCount(), 4);
        QCOMPARE(grid->item(1, RunComparisonView::Label)->text(), QString("fedhap · adversarial=false"));
        QCOMPARE(grid->item(1, RunComparisonView::Seeds)->text(), QString("3"));
        QCOMPARE(grid->item(1, RunComparisonView::MeanSd)->text(), QString("0.6700 ± 0.0361"));
        QCOMPARE(grid->item(0, RunComparisonView::PerSeed)->text(), QString("0.700  0.740  0.720"));
        QCOMPARE(grid->item(0, RunComparisonView::PctPooled)->text(), QString("90.0 %"));
        QCOMPARE(grid->item(1, RunComparisonView::PctPooled)->text(), QString());
        QCOMPARE(grid->item(0, RunComparisonView::Difference)->text(), QString("(reference)"));
        QCOMPARE(grid->item(1, RunComparisonView::Difference)->text(), QString("-0.0500 [-0.1157, +0.0157]"));
        QCOMPARE(grid->item(2, RunComparisonView::Difference)->text(), QString("+0.0800 [+0.0800, +0.0800]"));
        QCOMPARE(grid->item(3, RunComparisonView::Difference)->text(), QString("-0.1000 (one seed)"));
        QVERIFY(grid->item(0, RunComparisonView::Label)->font().bold());

        const QString csv = view.csv();
        QVERIFY(csv.contains("\narm,seeds,map_mean,map_sd,maps,pct_of_pooled,diff_vs_reference,diff_low,diff_high\n"));
        QVERIFY(csv.contains("\"fedhap\",3,0.720000,0.020000,\"0.700000 0.740000 0.720000\",90.0,,,\n"));
        QVERIFY(csv.contains("\"fedhap · adversarial=false\",3,0.670000,0.036056,\"0.660000 0.710000 0.640000\",,"
                             "-0.050000,-0.115729,0.015729\n"));
        QVERIFY(csv.contains("\"fedavg-ce\",1,0.600000,0.000000,\"0.600000\",,-0.100000,,\n"));

        view.plot()->replot();
        if (const QByteArray dir = qgetenv("FEDHAP_TEST_SCREENSHOTS"); !dir.isEmpty())
            QVERIFY(view.grab().save(QString::fromLocal8Bit(dir) + "/runs_comparison.png"));

        auto* combo = view.findChild<QComboBox*>("comparison_reference");
        QCOMPARE(combo->count(), 4);
        QCOMPARE(combo->currentIndex(), 0);
        QSignalSpy chosen(view.comparison(), &RunComparisonView::reference_chosen);
        Q_EMIT combo->activated(1);
        QCOMPARE(chosen.size(), 1);
        QCOMPARE(chosen.first().at(0).toString(), view.comparison()->table().rows[1].key);
        const QPoint row3 = grid->visualItemRect(grid->item(3, 0)).center();
        QTest::mouseClick(grid->viewport(), Qt::LeftButton, {}, row3);  // a double click's first press
        QTest::mouseDClick(grid->viewport(), Qt::LeftButton, {}, row3);
        QCOMPARE(chosen.size(), 2);
        QCOMPARE(chosen.last().at(0).toString(), view.comparison()->table().rows[3].key);
    }

    void the_presenter_updates_the_table_as_runs_finish() {
        workbench::ExperimentController controller;
        widgets::LearningCurvesView curves;
        widgets::PrototypeView prototypes;
        widgets::RunsView runs;
        workbench::RunHistoryPresenter presenter(controller, curves, prototypes, runs);
        auto finish = [&](int id, ExperimentConfig c, quint64 seed, double map, const QString& error = {}) {
            c.seed = seed;
            Q_EMIT controller.run_started(id, c);
            workbench::RunOutcome o;
            o.summary.rounds = c.rounds;
            o.summary.map_all = map;
            o.error = error;
            Q_EMIT controller.run_finished(id, o);
        };
        const auto& table = runs.comparison()->table();
        finish(1, config_a(), 0, 0.70);
        QCOMPARE(table.rows.size(), 1);
        QCOMPARE(table.rows[0].maps, (QVector<double>{0.70}));
        finish(2, config_b(), 0, 0.66);
        finish(3, config_a(), 1, 0.74);
        finish(4, config_b(), 1, 0.71);
        finish(5, config_b(), 2, 0.5, "out of memory");  // failed: not compared
        QCOMPARE(table.rows.size(), 2);
        QCOMPARE(table.rows[1].seeds, (QVector<quint64>{0, 1}));
        QCOMPARE(table.rows[1].pairs, 2);
        QVERIFY(near(table.rows[1].diff, -0.035));  // (−0.04 − 0.03) / 2

        Q_EMIT runs.comparison()->reference_chosen(table.rows[1].key);
        QCOMPARE(table.reference, 1);
        finish(6, config_pooled(), 0, 0.78);
        QCOMPARE(table.rows.size(), 3);
        QCOMPARE(table.reference, 1);  // the user's reference stays
        QVERIFY(near(table.rows[2].diff, 0.12));
        QVERIFY(table.rows[0].pct_of_pooled && near(*table.rows[0].pct_of_pooled, 100.0 * 0.72 / 0.78));
    }
};

QTEST_MAIN(RunComparisonTest)
#include "gui_test_run_comparison.moc"
