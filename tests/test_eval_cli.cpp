// `fedhap eval` end to end on .npy files written here, and its refusals.
#include <QtTest>

#include <QJsonDocument>
#include <QJsonObject>
#include <fstream>

#include "eval/npy_inputs.h"
#include "eval/retrieval_metrics.h"
#include "io/npy.h"
#include "test_files.h"
#include "util/random.h"

using namespace fedhap;
using fedhap::test::run_cli;

namespace {

// Random ±1 int8 codes of `bits` whose first bits follow the label, so mAP is well above chance.
NpyArray labelled_codes(Rng& rng, const std::vector<std::int64_t>& labels, std::size_t bits) {
    std::vector<std::int8_t> v(labels.size() * bits);
    for (std::size_t i = 0; i < labels.size(); ++i)
        for (std::size_t b = 0; b < bits; ++b) {
            const bool bit = b < 8 && rng.uniform() < 0.8 ? (labels[i] >> (b % 3)) & 1 : rng.uniform() < 0.5;
            v[i * bits + b] = bit ? 1 : -1;
        }
    return npy_from_int8({labels.size(), bits}, v);
}

std::vector<std::int64_t> random_labels(Rng& rng, std::size_t n, std::size_t classes) {
    std::vector<std::int64_t> y(n);
    for (auto& l : y) l = std::int64_t(rng.below(classes));
    return y;
}

struct Files {
    test::TempDir dir;
    std::string q = dir.file("q.npy"), ql = dir.file("ql.npy"), d = dir.file("d.npy"), dl = dir.file("dl.npy");
    std::vector<std::string> args() const {
        return {"eval", "--query-codes", q, "--query-labels", ql, "--db-codes", d, "--db-labels", dl};
    }
};

void write_single_label_set(Files& f, std::size_t bits) {
    Rng rng(11);
    const auto ql = random_labels(rng, 40, 5), dl = random_labels(rng, 500, 5);
    write_npy(f.q, labelled_codes(rng, ql, bits));
    write_npy(f.ql, npy_from_int64({ql.size()}, ql));
    write_npy(f.d, labelled_codes(rng, dl, bits));
    write_npy(f.dl, npy_from_int32({dl.size()}, std::vector<std::int32_t>(dl.begin(), dl.end())));
}

QJsonObject parse_json_line(const std::string& out) {
    QString text = QString::fromStdString(out);
    if (text.count('\n') != 1 || !text.endsWith('\n')) qWarning("not one line: %s", out.c_str());
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) qWarning("bad JSON: %s", out.c_str());
    return doc.object();
}

void expect_one_line_error(const test::CliResult& r, int code, const std::string& needle) {
    QVERIFY2(r.exit_code == code, qPrintable(QString("exit %1, stderr: %2").arg(r.exit_code).arg(r.err.c_str())));
    QVERIFY(r.out.empty());
    QCOMPARE(std::count(r.err.begin(), r.err.end(), '\n'), 1L);
    QVERIFY2(r.err.find(needle) != std::string::npos, r.err.c_str());
}

}  // namespace

class EvalCliTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void json_matches_the_library() {
        Files f;
        write_single_label_set(f, 24);
        auto args = f.args();
        for (const char* a : {"--topk", "50", "--format", "json", "--threads", "3"}) args.push_back(a);
        const auto r = run_cli(args);
        QVERIFY2(r.exit_code == 0, r.err.c_str());
        QCOMPARE(std::count(r.out.begin(), r.out.end(), '\n'), 1L);
        const QJsonObject j = parse_json_line(r.out);
        const QStringList keys{"bits", "database", "map", "map_at_k", "p_at_h2", "queries", "seconds"};
        QCOMPARE(j.keys(), keys);

        RetrievalOptions o;
        o.top_k = 50;
        const RetrievalMetrics m = evaluate_retrieval(read_codes_npy(f.q), read_labels_npy(f.ql), read_codes_npy(f.d),
                                                      read_labels_npy(f.dl), o);
        QVERIFY(m.map > 0.3);  // the labelled bits make retrieval far better than chance (0.2)
        QCOMPARE(j["map"].toDouble(), m.map);  // printed in shortest round-trip form: exact
        QCOMPARE(j["map_at_k"].toDouble(), m.map_at_k);
        QCOMPARE(j["p_at_h2"].toDouble(), m.p_at_h2);
        QCOMPARE(j["queries"].toInt(), 40);
        QCOMPARE(j["database"].toInt(), 500);
        QCOMPARE(j["bits"].toInt(), 24);
        QVERIFY(j["seconds"].toDouble() >= 0.0);
    }

    void multi_label_float_codes_table_and_curves() {
        Files f;
        Rng rng(3);
        std::vector<float> qv(30 * 70), dv(200 * 70);
        for (auto& v : qv) v = float(rng.normal());
        for (auto& v : dv) v = float(rng.normal());
        write_npy(f.q, npy_from_floats({30, 70}, qv));
        write_npy(f.d, npy_from_floats({200, 70}, dv));
        std::vector<std::uint8_t> qh(30 * 4), dh(200 * 4);
        for (auto& h : qh) h = rng.uniform() < 0.3;
        for (auto& h : dh) h = rng.uniform() < 0.3;
        write_npy(f.ql, npy_from_uint8({30, 4}, qh));
        write_npy(f.dl, npy_from_uint8({200, 4}, dh));

        auto args = f.args();
        for (const std::string a : {"--format", "json"}) args.push_back(a);
        const auto json = run_cli(args);
        QVERIFY2(json.exit_code == 0, json.err.c_str());
        const RetrievalMetrics m = evaluate_retrieval(read_codes_npy(f.q), read_labels_npy(f.ql), read_codes_npy(f.d),
                                                      read_labels_npy(f.dl));
        const QJsonObject j = parse_json_line(json.out);
        QCOMPARE(j["map"].toDouble(), m.map);
        QVERIFY(!j.contains("map_at_k"));

        const std::string curves = f.dir.file("curves.csv");
        args = f.args();
        for (const std::string a : {"--topk", "10", "--curves", curves.c_str()}) args.push_back(a);
        const auto table = run_cli(args);
        QVERIFY2(table.exit_code == 0, table.err.c_str());
        for (const char* needle : {"4-class multi-label", "mAP@all", "mAP@10", "P@H<=2", "70 bits"})
            QVERIFY2(table.out.find(needle) != std::string::npos, table.out.c_str());
        std::ifstream in(curves);
        std::string line;
        std::getline(in, line);
        QCOMPARE(line, std::string("radius,precision,recall"));
        int rows = 0;
        while (std::getline(in, line)) ++rows;
        QCOMPARE(rows, 71);
    }

    void refuses_bad_inputs_with_one_line() {
        Files f;
        write_single_label_set(f, 24);
        Rng rng(1);
        const std::string d16 = f.dir.file("d16.npy"), dl_short = f.dir.file("dl_short.npy"),
                          hot = f.dir.file("hot.npy"), wide = f.dir.file("wide.npy"), damaged = f.dir.file("damaged.npy"),
                          float_ids = f.dir.file("float_ids.npy");
        write_npy(d16, labelled_codes(rng, random_labels(rng, 500, 5), 16));
        write_npy(dl_short, npy_from_int64({499}, random_labels(rng, 499, 5)));
        write_npy(hot, npy_from_uint8({500, 3}, std::vector<std::uint8_t>(1500, 1)));
        write_npy(wide, npy_from_int8({500, 129}, std::vector<std::int8_t>(500 * 129, 1)));
        write_npy(float_ids, npy_from_floats({500}, std::vector<float>(500, 1.0f)));
        test::write_bytes(damaged, {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 0xff, 0x7f, '{'});

        auto with = [&](const std::string& option, const std::string& path) {
            auto args = f.args();
            *(std::find(args.begin(), args.end(), option) + 1) = path;
            return run_cli(args);
        };
        expect_one_line_error(with("--db-codes", d16), 1, "query codes have 24 bits, database codes have 16");
        expect_one_line_error(with("--db-labels", dl_short), 1, "499 database labels for 500 database codes");
        expect_one_line_error(with("--db-labels", hot), 1, "multi-hot");
        expect_one_line_error(with("--db-codes", wide), 1, "129 bits");
        expect_one_line_error(with("--db-codes", damaged), 1, damaged + ": truncated .npy header");
        expect_one_line_error(with("--db-labels", float_ids), 1, "integers");
        expect_one_line_error(with("--query-codes", f.dir.file("none.npy")), 1, "not found");
        expect_one_line_error(run_cli({"eval", "--query-codes", f.q}), 2, "--query-labels is required");
        auto args = f.args();
        args.insert(args.end(), {"--topk", "0"});
        expect_one_line_error(run_cli(args), 2, "--topk must be positive");
    }
};

QTEST_APPLESS_MAIN(EvalCliTest)
#include "test_eval_cli.moc"
