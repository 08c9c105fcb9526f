// Each live view renders the value snapshots it is given (offscreen), exports them, and the
// experiment panel round-trips an experiment file.
#include <QtTest>

#include <QComboBox>
#include <cmath>

#include "config_diff.h"
#include "embedding_view.h"
#include "settings/experiment_panel.h"
#include "learning_curves_view.h"
#include "prototype_view.h"
#include "qcustomplot_include.h"
#include "retrieval_view.h"
#include "runs_view.h"
#include "test_files.h"

using namespace fedhap;

namespace {

// A rendered view is not one flat colour.
bool has_content(QWidget& w) {
    const QImage img = w.grab().toImage();
    if (img.isNull()) return false;
    const QRgb first = img.pixel(0, 0);
    for (int y = 0; y < img.height(); y += 3)
        for (int x = 0; x < img.width(); x += 3)
            if (img.pixel(x, y) != first) return true;
    return false;
}

QImage tiny_image(int shade) {
    QImage img(8, 8, QImage::Format_Grayscale8);
    img.fill(shade);
    return img;
}

}  // namespace

class ViewsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void curves_draw_loss_map_and_bytes() {
        widgets::LearningCurvesView view;
        view.resize(800, 600);
        widgets::TrainingCurves c;
        c.total_rounds = 5;
        c.rounds = {1, 2, 3};
        c.mean_loss = {1.0, 0.7, 0.5};
        c.client_loss = {{1.1, 0.8, 0.6}, {0.9, NAN, 0.4}};
        c.map_rounds = {2, 3};
        c.map = {0.3, 0.45};
        c.bytes_up = {1e6, 1e6, 1e6};
        c.bytes_down = {2e6, 2e6, 2e6};
        view.set_curves(c);
        view.flush();
        view.show();
        QVERIFY(has_content(view));
        QCOMPARE(view.plot()->graphCount(), 4);  // mean, mAP, two clients
        const QString csv = view.csv();
        QCOMPARE(csv.count('\n'), 4);
        QVERIFY(csv.startsWith("round,mean_loss,loss_client_0,loss_client_1,map,bytes_up,bytes_down"));
    }

    void prototypes_draw_signs_flips_and_distances() {
        widgets::PrototypeView view;
        view.resize(900, 500);
        widgets::PrototypeMatrix p;
        p.round = 4;
        p.classes = 3;
        p.bits = 8;
        p.class_names = {"a", "b", "c"};
        for (int i = 0; i < 24; ++i) p.values << ((i * 7) % 3 ? 1.f : -1.f);
        p.known = {true, true, false};
        p.flipped = QVector<bool>(24, false);
        p.flipped[3] = p.flipped[17] = true;
        p.distances = {0, 3, 5, 3, 0, 4, 5, 4, 0};
        view.set_prototypes(p);
        view.flush();
        view.show();
        QVERIFY(has_content(view));
        QCOMPARE(view.prototypes().flipped_count(), 2);
        QVERIFY(view.plot()->itemCount() >= 2 + 9);  // two flip frames, nine distance labels
        QCOMPARE(view.csv().count('\n'), 4);
        view.set_prototypes({});  // an empty state is fine too
        view.flush();
    }

    void embedding_draws_classes_and_prototypes_and_finds_points() {
        widgets::EmbeddingView view;
        view.resize(700, 600);
        widgets::EmbeddingPoints e;
        for (int i = 0; i < 40; ++i) {
            e.x << std::cos(i * 0.3) * (1 + i % 4);
            e.y << std::sin(i * 0.3) * (1 + i % 4);
            e.labels << i % 4;
        }
        e.x << 0.0;  // one prototype
        e.y << 0.0;
        e.labels << 2;
        e.prototypes = 1;
        e.class_names = {"zero", "one", "two", "three"};
        e.caption = "test map";
        view.set_points(e);
        QVector<int> asked;
        view.set_thumbnail_source([&asked](int i) {
            asked << i;
            return tiny_image(i * 5);
        });
        view.show();
        view.flush();
        view.plot()->replot();
        QVERIFY(has_content(view));
        const QPointF at(view.plot()->xAxis->coordToPixel(e.x[7]), view.plot()->yAxis->coordToPixel(e.y[7]));
        QCOMPARE(view.point_at(at), 7);
        QSignalSpy clicked(&view, &widgets::EmbeddingView::point_clicked);
        QTest::mouseMove(view.plot(), at.toPoint());
        QCOMPARE(asked, QVector<int>{7});  // only the hovered point's image is made
        QTest::mouseClick(view.plot(), Qt::LeftButton, {}, at.toPoint());
        QCOMPARE(clicked.size(), 1);
        QCOMPARE(clicked.first().at(0).toInt(), 7);
        QCOMPARE(view.csv().count('\n'), 42);
    }

    void retrieval_draws_the_gallery_and_pr_curve() {
        widgets::RetrievalView view;
        view.resize(1100, 500);
        widgets::RetrievalResult r;
        r.query_image = tiny_image(200);
        r.query_caption = "query #0";
        for (int i = 0; i < 12; ++i) r.items << widgets::GalleryItem{tiny_image(i * 20), "cls", i / 3, i % 3 != 0};
        r.precision_at_radius = {1.0, 0.9, 0.8, 0.5};
        r.recall_at_radius = {0.1, 0.3, 0.6, 1.0};
        r.p_at_h2 = 0.8;
        r.map = 0.6;
        view.set_query_count(50);
        QSignalSpy asked(&view, &widgets::RetrievalView::query_requested);
        view.set_result(r);
        view.flush();
        view.show();
        QVERIFY(has_content(view));
        QCOMPARE(view.findChildren<QLabel*>().size() >= 24, true);  // tiles and captions
        view.findChild<QSpinBox*>("query_index")->setValue(7);
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.first().at(0).toInt(), 7);
        QVERIFY(view.csv().contains("radius,precision,recall"));
    }

    void runs_overlay_and_diff() {
        widgets::RunsView view;
        view.resize(1000, 600);
        widgets::RunRecord a{1, "#1 a", "done", {1, 2}, {0.2, 0.4}, R"({"bits": 16, "method": {"name": "fedhap"}})"};
        widgets::RunRecord b{2, "#2 b", "done", {1, 2}, {0.3, 0.5}, R"({"bits": 32, "method": {"name": "fedhap"}})"};
        view.upsert_run(a);
        view.upsert_run(b);
        view.flush();
        view.show();
        QVERIFY(has_content(view));
        QCOMPARE(view.plot()->graphCount(), 2);
        QCOMPARE(view.diff_rows(), 1);
        view.set_checked(2, false);
        view.flush();
        QCOMPARE(view.plot()->graphCount(), 1);
        QCOMPARE(view.diff_rows(), 0);
        const auto d = widgets::diff_configs(a.config_json, b.config_json);
        QCOMPARE(d.size(), 1);
        QCOMPARE(d[0].key, QString("bits"));
    }

    void the_panel_round_trips_an_experiment_file() {
        workbench::ExperimentPanel panel;
        ExperimentConfig c;
        c.name = "round-trip";
        c.dataset = DatasetKind::Mnist;
        c.data_path = "/data/mnist";
        c.sizes = SplitSizes{7, 33};
        c.partition.scheme = PartitionScheme::Pathological;
        c.partition.clients = 6;
        c.partition.classes_per_client = 3;
        c.seed = 42;
        c.net = NetKind::Mlp;
        c.bits = 48;
        c.hidden = 128;
        c.rounds = 7;
        c.local_epochs = 2;
        c.batch_size = 32;
        c.lr = 0.0005;
        c.device = "cpu";
        c.eval_every = 2;
        c.eval_database_sample = 5000;
        c.method = method_preset(Method::FedProxDpsh);
        c.method.fedprox_mu = 0.05;
        c.method.participation = 0.5;
        c.method.proto_dp_sigma = 0.1;
        QSignalSpy reload(&panel, &workbench::ExperimentPanel::dataset_changed);
        panel.set_config(c);
        QCOMPARE(reload.size(), 1);  // one reload, not one per field
        QCOMPARE(QString::fromStdString(config_to_json(panel.config())), QString::fromStdString(config_to_json(c)));

        // Through a file, as the CLI reads it.
        test::TempDir dir;
        save_config_file(dir.file("e.json"), panel.config());
        workbench::ExperimentPanel other;
        other.set_config(load_config_file(dir.file("e.json")));
        QCOMPARE(QString::fromStdString(config_to_json(other.config())), QString::fromStdString(config_to_json(c)));

        // Picking a method loads its preset.
        panel.findChild<QComboBox*>("method")->setCurrentIndex(panel.findChild<QComboBox*>("method")->findData("fedhap"));
        QCOMPARE(config_to_json(panel.config()).find("\"fedprox_mu\": 0.05"), std::string::npos);
        QVERIFY(panel.config().method.adversarial);
    }
};

QTEST_MAIN(ViewsTest)
#include "gui_test_views.moc"
