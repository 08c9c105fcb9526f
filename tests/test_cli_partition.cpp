// `fedhap partition` end to end on the packaged Fashion-MNIST, and its refusals.
#include <QtTest>

#include <filesystem>
#include <sstream>

#include "test_files.h"

using fedhap::test::run_cli;

namespace {

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        std::vector<std::string> cells;
        std::istringstream l(line);
        for (std::string cell; std::getline(l, cell, ',');) cells.push_back(cell);
        rows.push_back(cells);
    }
    return rows;
}

}  // namespace

class CliPartitionTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void dirichlet_csv_on_fashion_mnist_is_complete_and_repeatable() {
        FEDHAP_REQUIRE_FASHION_MNIST();
        const std::vector<std::string> args{"partition", "--dataset", "fashion-mnist", "--clients", "10", "--scheme",
                                            "dirichlet", "--alpha", "0.1", "--seed", "1", "--format", "csv"};
        const auto a = run_cli(args);
        QVERIFY2(a.exit_code == 0, a.err.c_str());
        const auto rows = parse_csv(a.out);
        QCOMPARE(rows.size(), std::size_t(11));
        QCOMPARE(rows[0].front(), std::string("client"));
        QCOMPARE(rows[0][1], std::string("T-shirt/top"));
        QCOMPARE(rows[0].back(), std::string("total"));
        std::vector<long> per_class(10, 0);
        long total = 0;
        for (std::size_t r = 1; r < rows.size(); ++r) {
            QCOMPARE(rows[r].size(), std::size_t(12));
            QCOMPARE(rows[r][0], std::to_string(r - 1));
            long row_sum = 0;
            for (int c = 0; c < 10; ++c) {
                const long n = std::stol(rows[r][c + 1]);
                row_sum += n;
                per_class[c] += n;
            }
            QCOMPARE(std::stol(rows[r][11]), row_sum);
            total += row_sum;
        }
        QCOMPARE(total, 5000L);
        for (long n : per_class) QCOMPARE(n, 500L);
        QCOMPARE(run_cli(args).out, a.out);
        auto other_seed = args;
        other_seed[10] = "2";
        QVERIFY(run_cli(other_seed).out != a.out);
    }
    void truncated_idx_is_refused_with_a_short_message() {
        FEDHAP_REQUIRE_FASHION_MNIST();
        fedhap::test::TempDir dir;
        const std::string src = fedhap::test::packaged_fashion_mnist();
        for (const char* f : {"train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"})
            std::filesystem::copy_file(src + "/" + f, dir.file(f));
        // A raw images file with the right header but only 100 of 60,000 images.
        std::vector<std::uint8_t> bytes{0, 0, 8, 3, 0, 0, 0xEA, 0x60, 0, 0, 0, 28, 0, 0, 0, 28};
        bytes.resize(16 + 100 * 784, 7);
        fedhap::test::write_bytes(dir.file("train-images-idx3-ubyte"), bytes);
        for (const std::string& data : {dir.path(), dir.file("train-images-idx3-ubyte")}) {
            const auto r = run_cli({"partition", "--data", data, "--clients", "10"});
            QVERIFY(r.exit_code != 0);
            QVERIFY(r.out.empty());
            QVERIFY2(r.err.find("train-images-idx3-ubyte: truncated") != std::string::npos, r.err.c_str());
            QCOMPARE(std::count(r.err.begin(), r.err.end(), '\n'), 1L);
        }
    }
    void usage_errors_and_help() {
        auto r = run_cli({"partition", "--bogus", "1"});
        QCOMPARE(r.exit_code, 2);
        QVERIFY2(r.err.find("unknown option --bogus") != std::string::npos, r.err.c_str());
        r = run_cli({"partition", "--scheme", "labeldir"});
        QCOMPARE(r.exit_code, 2);
        QVERIFY2(r.err.find("unknown partition scheme 'labeldir'") != std::string::npos, r.err.c_str());
        r = run_cli({"partition", "--clients", "6000"});
        QCOMPARE(r.exit_code, 1);
        QVERIFY2(r.err.find("cannot split 5000 samples among 6000 clients") != std::string::npos, r.err.c_str());
        r = run_cli({"partition", "--clients", "ten"});
        QCOMPARE(r.exit_code, 2);
        r = run_cli({"partition", "--help"});
        QCOMPARE(r.exit_code, 0);
        QVERIFY(r.out.find("--classes-per-client") != std::string::npos);
        r = run_cli({"--help"});
        QCOMPARE(r.exit_code, 0);
        QVERIFY(r.out.find("partition") != std::string::npos);
        r = run_cli({"--version"});
        QCOMPARE(r.exit_code, 0);
        QVERIFY(r.out.find("LibTorch") != std::string::npos);
        r = run_cli({"frobnicate"});
        QCOMPARE(r.exit_code, 2);
    }
    void image_folder_goes_to_the_executable_that_decodes_images() {
        // `fedhap` links no OpenCV: asked for an image folder, it hands the command to
        // fedhap-train, and the caller sees one ordinary answer.
        fedhap::test::TempDir dir;
        for (const char* cls : {"cat", "dog"}) {
            std::filesystem::create_directory(dir.file(cls));
            for (int i = 0; i < 6; ++i) {
                std::string pgm = "P5 4 4 255\n" + std::string(16, static_cast<char>(40 * i + (cls[0] == 'd' ? 9 : 0)));
                fedhap::test::write_bytes(dir.file(std::string(cls) + "/" + std::to_string(i) + ".pgm"),
                                          std::vector<std::uint8_t>(pgm.begin(), pgm.end()));
            }
        }
        const auto r = run_cli({"partition", "--dataset", "folder", "--data", dir.path(), "--clients", "2", "--scheme", "iid",
                                "--query-per-class", "1", "--train-per-class", "2", "--format", "csv"});
#ifdef FEDHAP_WITH_OPENCV
        QVERIFY2(r.exit_code == 0, r.err.c_str());
        const auto rows = parse_csv(r.out);
        QCOMPARE(rows.size(), std::size_t(3));  // header + 2 clients
        QCOMPARE(rows[0][1], std::string("cat"));
#else
        QCOMPARE(r.exit_code, 1);
#endif
    }

    void table_format_has_a_totals_row() {
        const auto r = run_cli({"partition", "--scheme", "pathological", "--classes-per-client", "2", "--clients", "5"});
        QVERIFY2(r.exit_code == 0, r.err.c_str());
        QVERIFY(r.out.find("all ") != std::string::npos);
        QVERIFY(r.out.find("5000") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(CliPartitionTest)
#include "test_cli_partition.moc"
