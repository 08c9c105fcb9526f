// The retrieval view's two queries beside the query set: a picked query draws its own PR curve
// (equal to one computed by hand) next to the whole set's, and an image file of any size and
// colour is brought to the data's layout, encoded with the codes' model and ranked, unlabelled.
// Also: every editable field of the experiment panel explains itself in a tooltip.
#include <torch/torch.h>

#include <QtTest>

#include <QAbstractSpinBox>
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPainter>
#include <algorithm>
#include <set>
#include <stdexcept>

#include "data/data_error.h"
#include "data/query_image.h"
#include "eval/packed_codes.h"
#include "experiment/code_encoder.h"
#include "experiment/config_fields.h"
#include "run/experiment_controller.h"
#include "settings/experiment_panel.h"
#include "views/image_query.h"
#include "nn/hash_net.h"
#include "nn/weights.h"
#include "qcustomplot_include.h"
#include "views/retrieval_presenter.h"
#include "retrieval_view.h"
#include "settings/setting_tips.h"
#include "test_files.h"
#include "tiny_experiment.h"

using namespace fedhap;

namespace {

constexpr int kSide = 8;  // made-up images are 8×8 grey
constexpr int kBits = 4;

// Two queries and six database items over two classes, with 4-bit codes chosen so that the
// distances below are easy to count by hand.
//   query 0 (class 0) ++++   query 1 (class 1) ----
//   database   d0 ++++ (0)  d1 +++- (0)  d2 ++-- (1)  d3 ---- (1)  d4 --++ (0)  d5 +-++ (1)
Dataset made_up_data() {
    Dataset d;
    d.name = "made-up";
    d.channels = 1;
    d.height = d.width = kSide;
    d.class_names = {"zero", "one"};
    d.labels = {0, 1, 0, 0, 1, 1, 0, 1};  // rows 0, 1: queries; rows 2..7: database
    for (std::size_t i = 0; i < d.labels.size(); ++i)
        for (int p = 0; p < kSide * kSide; ++p) d.pixels.push_back(static_cast<std::uint8_t>((i * 30 + p) % 256));
    return d;
}

NetSpec made_up_net() { return NetSpec{NetKind::Cnn, 1, kSide, kSide, kBits, 16}; }

CodesSnapshot made_up_codes(std::shared_ptr<const std::vector<float>> weights) {
    CodesSnapshot c;
    c.round = 3;
    c.bits = kBits;
    c.query_rows = {0, 1};
    c.database_rows = {2, 3, 4, 5, 6, 7};
    c.query_codes = {1, 1, 1, 1, /**/ -1, -1, -1, -1};
    c.database_codes = {1, 1, 1, 1,  /**/ 1, 1, 1, -1,  /**/ 1, 1, -1, -1,
                        -1, -1, -1, -1, /**/ -1, -1, 1, 1, /**/ 1, -1, 1, 1};
    c.net = made_up_net();
    c.weights = std::move(weights);
    return c;
}

// A random network's weights, as a run's snapshot would carry them.
std::shared_ptr<const std::vector<float>> made_up_weights() {
    torch::manual_seed(7);
    HashNet net(made_up_net());
    return std::make_shared<const std::vector<float>>(flatten_weights(*net));
}

// A 50×40 colour picture: red on the left, blue on the right, a green bar across.
QString write_colour_png(const std::string& dir) {
    QImage img(50, 40, QImage::Format_RGB32);
    img.fill(Qt::red);
    QPainter painter(&img);
    painter.fillRect(25, 0, 25, 40, Qt::blue);
    painter.fillRect(0, 15, 50, 10, Qt::green);
    painter.end();
    const QString path = QString::fromStdString(dir + "/colour.png");
    if (!img.save(path)) throw std::runtime_error("could not write the test image");
    return path;
}

QVector<double> values(const QCPGraph* graph) {
    QVector<double> v;
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) v << it->value;
    return v;
}

QVector<double> keys(const QCPGraph* graph) {
    QVector<double> k;
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) k << it->key;
    return k;
}

void compare_curves(const QVector<double>& got, const QVector<double>& expected) {
    QCOMPARE(got.size(), expected.size());
    for (int i = 0; i < got.size(); ++i) QVERIFY2(std::abs(got[i] - expected[i]) < 1e-12, qPrintable(QString("at %1").arg(i)));
}

// The JSON path of every setting visit_config names.
struct KeyCollector {
    std::vector<std::string> keys;
    std::string prefix;
    template <typename F>
    void section(const char* key, F&& f) {
        prefix = std::string(key) + ".";
        f();
        prefix.clear();
    }
    void add(const char* key) { keys.push_back(prefix + key); }
    template <typename M>
    void method_name(const char* key, M&) { add(key); }
    template <typename V>
    void text(const char* key, V&) { add(key); }
    template <typename V>
    void boolean(const char* key, V&) { add(key); }
    template <typename V, typename R>
    void integer(const char* key, V&, const R&) { add(key); }
    template <typename V, typename R>
    void real(const char* key, V&, const R&) { add(key); }
    template <typename V, typename P>
    void choice(const char* key, V&, P) { add(key); }
};

// The retrieval view and its presenter, fed the made-up data and codes as a run would feed them.
struct MadeUpRun {
    explicit MadeUpRun(std::shared_ptr<const std::vector<float>> weights = made_up_weights()) : presenter(controller, view) {
        view.resize(1100, 500);
        workbench::RunData run;
        run.data = std::make_shared<const Dataset>(made_up_data());
        Q_EMIT controller.data_ready(controller.run_id(), run);
        Q_EMIT controller.codes_ready(controller.run_id(), std::make_shared<const CodesSnapshot>(made_up_codes(std::move(weights))));
    }
    workbench::ExperimentController controller;
    widgets::RetrievalView view;
    workbench::RetrievalPresenter presenter;
};

}  // namespace

class RetrievalTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void picking_a_query_draws_its_own_pr_curve_beside_the_set() {
        MadeUpRun made_up;
        widgets::RetrievalView& view = made_up.view;
        QTRY_COMPARE(view.result().items.size(), 6);
        view.flush();

        // Query 0 (++++, class 0): distances d0 0, d1 1, d5 1, d2 2, d4 2, d3 4; relevant d0, d1, d4.
        // Radius 0: {d0} 1/1, recall 1/3. 1: {d0 d1 d5} 2/3, 2/3. 2 and 3: {+ d2 d4} 3/5, 1. 4: all 3/6, 1.
        const QVector<double> p0{1.0, 2.0 / 3, 3.0 / 5, 3.0 / 5, 0.5}, r0{1.0 / 3, 2.0 / 3, 1.0, 1.0, 1.0};
        compare_curves(view.result().query_precision_at_radius, p0);
        compare_curves(view.result().query_recall_at_radius, r0);
        compare_curves(values(view.query_curve()), p0);
        compare_curves(keys(view.query_curve()), r0);
        QVERIFY(view.result().query_curve_name.startsWith("query #0"));

        // Query 1 (----, class 1): distances d3 0, d2 2, d4 2, d1 3, d5 3, d0 4; relevant d2, d3, d5.
        // Radius 0 and 1: {d3} 1/1, 1/3. 2: {+ d2 d4} 2/3, 2/3. 3: {+ d1 d5} 3/5, 1. 4: all 3/6, 1.
        const QVector<double> p1{1.0, 1.0, 2.0 / 3, 3.0 / 5, 0.5}, r1{1.0 / 3, 1.0 / 3, 2.0 / 3, 1.0, 1.0};
        view.findChild<QSpinBox*>("query_index")->setValue(1);
        view.flush();
        compare_curves(values(view.query_curve()), p1);
        compare_curves(keys(view.query_curve()), r1);
        QVERIFY(view.result().query_curve_name.startsWith("query #1"));

        // The whole set's curve stays: the mean of the two.
        QVector<double> mean_p, mean_r;
        for (int i = 0; i <= kBits; ++i) mean_p << (p0[i] + p1[i]) / 2, mean_r << (r0[i] + r1[i]) / 2;
        compare_curves(values(view.set_curve()), mean_p);
        compare_curves(keys(view.set_curve()), mean_r);
        // The legend names both.
        QCPLegend* legend = view.plot()->legend;
        QVERIFY(legend->visible());
        QVERIFY(legend->itemWithPlottable(view.set_curve()));
        QVERIFY(legend->itemWithPlottable(view.query_curve()));
        QVERIFY(view.csv().startsWith("radius,precision,recall,query_precision,query_recall\n"));
    }

    void an_image_file_is_brought_to_the_data_layout() {
        test::TempDir dir;
        const QString png = write_colour_png(dir.path());

        // Grey 28×28, as Fashion-MNIST.
        const std::vector<std::uint8_t> grey = load_query_image(png.toStdString(), 1, 28, 28);
        QCOMPARE(grey.size(), std::size_t{28 * 28});
        const auto [lo, hi] = std::minmax_element(grey.begin(), grey.end());
        QVERIFY(*hi > *lo);  // the picture survived: not one flat value

        // RGB 32×32, as CIFAR-10: planar, red plane bright on the left, blue on the right.
        const std::vector<std::uint8_t> rgb = load_query_image(png.toStdString(), 3, 32, 32);
        QCOMPARE(rgb.size(), std::size_t{3 * 32 * 32});
        const auto at = [&](int channel, int y, int x) { return rgb[static_cast<std::size_t>(channel * 32 * 32 + y * 32 + x)]; };
        QVERIFY(at(0, 2, 2) > 200 && at(2, 2, 2) < 50);     // top left: red
        QVERIFY(at(2, 2, 29) > 200 && at(0, 2, 29) < 50);   // top right: blue
        QVERIFY(at(1, 16, 2) > 100 && at(0, 16, 2) < 50);   // the middle bar: green

        // What the network gets: one N×C×H×W float image in [0, 1].
        Dataset like;
        like.channels = 1;
        like.height = like.width = 28;
        const Dataset one = workbench::read_image_query(png, like);
        QCOMPARE(one.size(), std::size_t{1});
        QCOMPARE(one.labels.front(), -1);  // class unknown
        const torch::Tensor x = image_tensor(one, {0}, torch::kCPU);
        QCOMPARE(x.sizes().vec(), (std::vector<std::int64_t>{1, 1, 28, 28}));
        QVERIFY(x.min().item<float>() >= 0.0f);
        QVERIFY(x.max().item<float>() <= 1.0f);
        QVERIFY(x.max().item<float>() > x.min().item<float>());

        // A file that is no image is refused, naming the file.
        const std::string bad = dir.file("not-an-image.png");
        test::write_bytes(bad, {'n', 'o', 'p', 'e'});
        try {
            load_query_image(bad, 1, 28, 28);
            QFAIL("no error for a file that is not an image");
        } catch (const DataError& e) {
            QVERIFY(std::string(e.what()).find(bad) != std::string::npos);
        }
    }

    void an_image_file_is_encoded_with_the_codes_model() {
        test::TempDir dir;
        const Dataset like = made_up_data();
        const Dataset one = workbench::read_image_query(write_colour_png(dir.path()), like);
        const auto weights = made_up_weights();
        workbench::ImageQueryEncoder encoder(made_up_net());
        const std::vector<float> code = encoder.encode(*weights, one);
        QCOMPARE(code.size(), std::size_t{kBits});
        for (float u : code) QVERIFY(u > -1.0f && u < 1.0f);
        // The same as the model itself gives: the encoder's own initial weights play no part.
        HashNet model(made_up_net());
        load_weights(*model, *weights);
        QCOMPARE(encode_images(model, one, {0}, torch::kCPU, 1), code);
        // Weights of another network are refused.
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, encoder.encode(std::vector<float>(3, 0.0f), one));
    }

    void an_image_query_shows_its_unlabelled_gallery_and_no_curve() {
        test::TempDir dir;
        const QString png = write_colour_png(dir.path());
        const auto weights = made_up_weights();
        MadeUpRun made_up(weights);
        widgets::RetrievalView& view = made_up.view;
        workbench::RetrievalPresenter& presenter = made_up.presenter;
        QTRY_COMPARE(view.result().items.size(), 6);
        QVERIFY(view.result().labelled);

        presenter.show_image_file(png);
        QTRY_VERIFY(!view.result().labelled);
        view.flush();
        const widgets::RetrievalResult& r = view.result();
        QCOMPARE(r.items.size(), 6);  // the whole (tiny) database
        QVERIFY(r.query_precision_at_radius.isEmpty());
        QVERIFY(r.query_caption.contains("colour.png"));
        QCOMPARE(r.query_image.size(), QSize(kSide, kSide));  // shown as the network sees it
        QVERIFY(view.query_curve()->data()->isEmpty());
        QVERIFY(!view.plot()->legend->itemWithPlottable(view.query_curve()));
        QVERIFY(!view.set_curve()->data()->isEmpty());  // the set's curve stays

        // Ranked by the Hamming distance of the file's own code to each database code.
        workbench::ImageQueryEncoder encoder(made_up_net());
        const std::vector<float> code = encoder.encode(*weights, workbench::read_image_query(png, made_up_data()));
        const CodesSnapshot codes = made_up_codes(weights);
        std::vector<int> expected;
        for (std::size_t d = 0; d < codes.database_rows.size(); ++d) {
            int distance = 0;
            for (int b = 0; b < kBits; ++b) distance += (code[b] >= 0) != (codes.database_codes[d * kBits + b] >= 0);
            expected.push_back(distance);
        }
        std::sort(expected.begin(), expected.end());
        std::vector<int> shown;
        for (const auto& item : r.items) shown.push_back(item.distance);
        QCOMPARE(shown, expected);

        // Enter in the picker, still at query 0, brings that query back; picking another works as ever.
        auto* picker = view.findChild<QSpinBox*>("query_index");
        QTest::keyClick(picker, Qt::Key_Return);
        QVERIFY(view.result().labelled);
        QVERIFY(view.result().query_curve_name.startsWith("query #0"));
        picker->setValue(1);
        view.flush();
        QVERIFY(view.result().labelled);
        QCOMPARE(view.query_curve()->data()->size(), kBits + 1);
    }

    void a_file_that_is_no_image_is_said_in_the_view() {
        test::TempDir dir;
        const std::string bad = dir.file("broken.jpg");
        test::write_bytes(bad, {1, 2, 3});
        MadeUpRun made_up;
        widgets::RetrievalView& view = made_up.view;
        QTRY_COMPARE(view.result().items.size(), 6);
        made_up.presenter.show_image_file(QString::fromStdString(bad));
        QTRY_VERIFY(view.result().query_caption.contains("could not be used"));
        QVERIFY(view.result().items.isEmpty());
    }

    void a_real_run_answers_an_image_query_with_its_own_model() {
        test::TempDir data, pictures, saved_runs;
        test::write_tiny_mnist(data.path(), 20, 10);
        qputenv("FEDHAP_WORKBENCH_RUNS", QByteArray::fromStdString(saved_runs.path()));  // leave no saved run behind
        ExperimentConfig config = test::tiny_experiment_config(data.path());
        config.rounds = 2;
        config.threads = 1;  // the machine is shared
        workbench::ExperimentController controller;
        widgets::RetrievalView view;
        workbench::RetrievalPresenter presenter(controller, view);
        QSignalSpy run_data(&controller, &workbench::ExperimentController::data_ready);
        QSignalSpy codes(&controller, &workbench::ExperimentController::codes_ready);
        QSignalSpy finished(&controller, &workbench::ExperimentController::run_finished);
        controller.start(config);
        QVERIFY(finished.wait(60000));
        const auto outcome = finished.first().at(1).value<workbench::RunOutcome>();
        QVERIFY2(outcome.error.isEmpty(), qPrintable(outcome.error));

        // The snapshot's model is the one that made its codes: it encodes the queries to the same signs.
        const auto last = codes.last().at(1).value<workbench::SharedCodes>();
        QVERIFY(last->final && last->weights);
        QCOMPARE(last->net.bits, 16);
        const auto joined = run_data.first().at(1).value<workbench::RunData>().data;
        HashNet model(last->net);
        load_weights(*model, *last->weights);
        const std::vector<float> again = encode_images(model, *joined, last->query_rows, torch::kCPU, 1);
        const PackedCodes a = pack_codes(last->query_rows.size(), 16, again), b = pack_codes(last->query_rows.size(), 16, last->query_codes);
        QVERIFY(a.words == b.words);

        QTRY_VERIFY(view.result().source.contains("final"));
        QCOMPARE(view.result().items.size(), 12);
        // An image file is answered with that model, unlabelled.
        presenter.show_image_file(write_colour_png(pictures.path()));
        QTRY_VERIFY(!view.result().labelled);
        QCOMPARE(view.result().items.size(), 12);
        QCOMPARE(view.result().query_image.size(), QSize(8, 8));  // the tiny set's 8×8 grey
        QVERIFY(view.result().query_precision_at_radius.isEmpty());
    }

    void every_panel_field_has_a_one_line_tooltip() {
        workbench::ExperimentPanel panel;
        int fields = 0;
        for (QWidget* w : panel.findChildren<QWidget*>()) {
            // The line edit inside a spin box or combo box is part of that field.
            if (qobject_cast<QAbstractSpinBox*>(w->parentWidget()) || qobject_cast<QComboBox*>(w->parentWidget())) continue;
            if (!qobject_cast<QAbstractSpinBox*>(w) && !qobject_cast<QComboBox*>(w) && !qobject_cast<QCheckBox*>(w) &&
                !qobject_cast<QLineEdit*>(w))
                continue;
            ++fields;
            const QString what = w->objectName().isEmpty() ? QString(w->metaObject()->className()) : w->objectName();
            QVERIFY2(!w->toolTip().trimmed().isEmpty(), qPrintable(what + " has no tooltip"));
            QVERIFY2(!w->toolTip().contains('\n'), qPrintable(what + "'s tooltip is not one line"));
        }
        QVERIFY(fields >= 45);  // data, split, model and training, and every method switch

        // The table holds exactly the settings the config names, one line each.
        ExperimentConfig config;
        KeyCollector collector;
        visit_config(config, collector);
        const std::vector<std::string> tips = workbench::setting_tip_keys();
        QCOMPARE(std::set<std::string>(tips.begin(), tips.end()), std::set<std::string>(collector.keys.begin(), collector.keys.end()));
        QCOMPARE(tips.size(), collector.keys.size());  // no key twice
        for (const auto& key : tips) QVERIFY2(!workbench::setting_tip(key).isEmpty(), key.c_str());
    }
};

QTEST_MAIN(RetrievalTest)
#include "gui_test_retrieval.moc"
