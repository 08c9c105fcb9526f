// fedhap embed: CSV and JSON output, determinism through the CLI, and one-line errors.
#include <QtTest>

#include <fstream>
#include <sstream>

#include "io/npy.h"
#include "test_files.h"
#include "util/random.h"

using namespace fedhap;
using test::run_cli;

namespace {

std::vector<std::string> lines_of(const std::string& path) {
    std::ifstream f(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(f, line);) lines.push_back(line);
    return lines;
}

// n ±1 codes of `bits` bits around 3 centres, and their labels.
void write_codes(const std::string& codes, const std::string& labels, std::size_t n, std::size_t bits) {
    Rng rng(1);
    std::vector<float> centres(3 * bits), x;
    for (auto& v : centres) v = rng.uniform() < 0.5 ? -1.0f : 1.0f;
    std::vector<std::int64_t> y;
    for (std::size_t i = 0; i < n; ++i) {
        y.push_back(static_cast<std::int64_t>(i % 3));
        for (std::size_t b = 0; b < bits; ++b)
            x.push_back(centres[(i % 3) * bits + b] * (rng.uniform() < 0.1 ? -1.0f : 1.0f));
    }
    write_npy(codes, npy_from_floats({n, bits}, x));
    write_npy(labels, npy_from_int64({n}, y));
}

void expect_failure(const std::vector<std::string>& args, const std::string& needle) {
    const auto r = run_cli(args);
    QVERIFY2(r.exit_code != 0, r.out.c_str());
    QVERIFY2(r.err.find(needle) != std::string::npos, r.err.c_str());
    QVERIFY2(r.err.find('\n') == r.err.size() - 1, r.err.c_str());  // one line
}

}  // namespace

class EmbedCliTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void tsne_writes_csv_and_json() {
        test::TempDir dir;
        write_codes(dir.file("c.npy"), dir.file("l.npy"), 240, 32);
        const auto r =
            run_cli({"embed", "--codes", dir.file("c.npy"), "--labels", dir.file("l.npy"), "--perplexity", "15",
                     "--iters", "300", "--threads", "2", "--out", dir.file("xy.csv"), "--format", "json"});
        QVERIFY2(r.exit_code == 0, r.err.c_str());
        const auto lines = lines_of(dir.file("xy.csv"));
        QCOMPARE(lines.size(), std::size_t{241});
        QCOMPARE(lines[0], std::string("x,y,label"));
        QVERIFY(lines[2].size() > 4 && lines[2].substr(lines[2].size() - 2) == ",1");
        double x = 0, y = 0;
        char comma = 0;
        std::istringstream(lines[1]) >> x >> comma >> y;
        QVERIFY(comma == ',' && std::isfinite(x) && std::isfinite(y) && (x != 0 || y != 0));
        QVERIFY2(r.out.rfind("{\"kl\":", 0) == 0, r.out.c_str());
        QVERIFY2(r.out.find(",\"seconds\":") != std::string::npos, r.out.c_str());
        QVERIFY2(r.out.find(",\"points\":240,\"iterations\":300}\n") != std::string::npos, r.out.c_str());
        const double kl = std::stod(r.out.substr(6));
        QVERIFY(kl > 0.0 && kl < 3.0);

        // Same seed and threads: the same file, byte for byte.
        const auto again =
            run_cli({"embed", "--codes", dir.file("c.npy"), "--labels", dir.file("l.npy"), "--perplexity", "15",
                     "--iters", "300", "--threads", "2", "--out", dir.file("xy2.csv")});
        QVERIFY2(again.exit_code == 0, again.err.c_str());
        QVERIFY(lines_of(dir.file("xy2.csv")) == lines);
        QVERIFY2(again.out.find("KL divergence") != std::string::npos, again.out.c_str());
    }

    void pca_without_labels() {
        test::TempDir dir;
        write_codes(dir.file("c.npy"), dir.file("l.npy"), 50, 16);
        const auto r = run_cli({"embed", "--codes", dir.file("c.npy"), "--method", "pca", "--out", dir.file("xy.csv"),
                                "--format", "json"});
        QVERIFY2(r.exit_code == 0, r.err.c_str());
        const auto lines = lines_of(dir.file("xy.csv"));
        QCOMPARE(lines.size(), std::size_t{51});
        QCOMPARE(lines[0], std::string("x,y"));
        QVERIFY2(r.out.find("{\"kl\":null,") == 0 && r.out.find("\"points\":50,\"iterations\":0}") != std::string::npos,
                 r.out.c_str());
    }

    void bad_input_fails_with_one_line() {
        test::TempDir dir;
        write_codes(dir.file("c.npy"), dir.file("l.npy"), 90, 16);
        write_npy(dir.file("short.npy"), npy_from_int64({89}, std::vector<std::int64_t>(89, 0)));
        write_npy(dir.file("cube.npy"), npy_from_floats({3, 3, 3}, std::vector<float>(27, 1.0f)));
        const std::string codes = dir.file("c.npy"), out = dir.file("xy.csv");
        expect_failure({"embed", "--codes", dir.file("missing.npy"), "--out", out}, "missing.npy");
        expect_failure({"embed", "--codes", dir.file("cube.npy"), "--out", out}, "2-D");
        expect_failure({"embed", "--codes", codes, "--labels", dir.file("short.npy"), "--out", out}, "labels");
        expect_failure({"embed", "--codes", codes, "--perplexity", "0", "--out", out}, "perplexity");
        expect_failure({"embed", "--codes", codes, "--perplexity", "30", "--out", out}, "perplexity");  // 90 / 3
        expect_failure({"embed", "--codes", codes, "--perplexity", "-5", "--out", out}, "perplexity");
        expect_failure({"embed", "--codes", codes, "--iters", "0", "--out", out}, "iters");
        expect_failure({"embed", "--codes", codes, "--iters", "-3", "--out", out}, "iters");
        expect_failure({"embed", "--codes", codes}, "--out");
        expect_failure({"embed", "--codes", codes, "--method", "umap", "--out", out}, "method");
        expect_failure({"embed", "--codes", codes, "--perplexity", "10", "--out", dir.file("no/such/dir/xy.csv")},
                       "xy.csv");
    }
};

QTEST_APPLESS_MAIN(EmbedCliTest)
#include "test_embed_cli.moc"
