// Loaders on small files the test writes (every bad-input case) and on the packaged data.
#include <QtTest>

#include <filesystem>
#include <fstream>

#include "data/cifar10_loader.h"
#include "data/data_error.h"
#include "data/dataset_source.h"
#include "data/digits_sheet_loader.h"
#include "data/idx_loader.h"
#include "data/image_folder_loader.h"
#include "test_files.h"

#ifdef FEDHAP_WITH_OPENCV
#include <opencv2/imgcodecs.hpp>
#endif

using namespace fedhap;
using fedhap::test::TempDir;

namespace {

void put_u32(std::vector<std::uint8_t>& b, std::uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<std::uint8_t>(v >> s));
}

std::vector<std::uint8_t> idx_images(std::uint32_t n, std::uint32_t rows, std::uint32_t cols) {
    std::vector<std::uint8_t> b;
    put_u32(b, 0x803);
    put_u32(b, n);
    put_u32(b, rows);
    put_u32(b, cols);
    for (std::uint32_t i = 0; i < n * rows * cols; ++i) b.push_back(static_cast<std::uint8_t>(i % 251));
    return b;
}

std::vector<std::uint8_t> idx_labels(const std::vector<std::uint8_t>& labels) {
    std::vector<std::uint8_t> b;
    put_u32(b, 0x801);
    put_u32(b, static_cast<std::uint32_t>(labels.size()));
    b.insert(b.end(), labels.begin(), labels.end());
    return b;
}

// Writes a small MNIST-style folder: 6 train and 4 test images of 3×2.
void write_mnist_folder(const TempDir& dir, bool gz) {
    auto put = [&](const std::string& name, const std::vector<std::uint8_t>& bytes) {
        gz ? test::write_gzip(dir.file(name + ".gz"), bytes) : test::write_bytes(dir.file(name), bytes);
    };
    put("train-images-idx3-ubyte", idx_images(6, 3, 2));
    put("train-labels-idx1-ubyte", idx_labels({0, 1, 2, 9, 9, 3}));
    put("t10k-images-idx3-ubyte", idx_images(4, 3, 2));
    put("t10k-labels-idx1-ubyte", idx_labels({5, 6, 7, 8}));
}

// The message must be one line, name the file and say what is wrong.
template <typename F>
void expect_data_error(F&& f, const std::string& file, const std::string& fault) {
    try {
        f();
        QFAIL(("no error for " + file).c_str());
    } catch (const DataError& e) {
        const std::string what = e.what();
        QVERIFY2(what.find(file) != std::string::npos, what.c_str());
        QVERIFY2(what.find(fault) != std::string::npos, what.c_str());
        QVERIFY2(what.find('\n') == std::string::npos, what.c_str());
    }
}

}  // namespace

class DataLoadersTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void idx_raw_and_gzip() {
        for (bool gz : {false, true}) {
            TempDir dir;
            write_mnist_folder(dir, gz);
            const DatasetParts parts = load_mnist_family(dir.path(), "mnist", digit_class_names());
            QCOMPARE(parts.train.size(), std::size_t(6));
            QCOMPARE(parts.test.size(), std::size_t(4));
            QCOMPARE(parts.train.height, 3);
            QCOMPARE(parts.train.width, 2);
            QCOMPARE(parts.train.labels[3], 9);
            QCOMPARE(int(parts.train.image(1)[0]), 6);  // pixel bytes follow the header in order
            QCOMPARE(parts.test.labels[0], 5);
        }
    }
    void idx_file_given_directly_takes_its_role() {
        TempDir dir;
        write_mnist_folder(dir, false);
        const DatasetParts parts = load_mnist_family(dir.file("train-images-idx3-ubyte"), "mnist", digit_class_names());
        QCOMPARE(parts.train.size(), std::size_t(6));
    }
    void idx_missing_file() {
        TempDir dir;
        write_mnist_folder(dir, false);
        std::filesystem::remove(dir.file("t10k-labels-idx1-ubyte"));
        expect_data_error([&] { load_mnist_family(dir.path(), "mnist", digit_class_names()); },
                          "t10k-labels-idx1-ubyte", "not found");
    }
    void idx_bad_magic() {
        TempDir dir;
        write_mnist_folder(dir, false);
        auto bytes = idx_images(6, 3, 2);
        bytes[3] = 0x01;
        test::write_bytes(dir.file("train-images-idx3-ubyte"), bytes);
        expect_data_error([&] { load_mnist_family(dir.path(), "mnist", digit_class_names()); },
                          "train-images-idx3-ubyte", "bad magic 0x00000801");
    }
    void idx_truncated_raw_and_gzip() {
        TempDir dir;
        write_mnist_folder(dir, false);
        auto bytes = idx_images(6, 3, 2);
        bytes.resize(bytes.size() - 5);
        test::write_bytes(dir.file("train-images-idx3-ubyte"), bytes);
        expect_data_error([&] { load_mnist_family(dir.path(), "mnist", digit_class_names()); },
                          "train-images-idx3-ubyte", "truncated");
        test::write_bytes(dir.file("short"), {0, 0, 8});
        expect_data_error([&] { load_idx_pair(dir.file("short"), dir.file("t10k-labels-idx1-ubyte"), "m", digit_class_names()); },
                          "short", "truncated");
        // A gzip stream cut in the middle.
        TempDir gz;
        write_mnist_folder(gz, true);
        auto zipped = std::vector<std::uint8_t>();
        {
            std::ifstream f(gz.file("train-images-idx3-ubyte.gz"), std::ios::binary);
            zipped.assign(std::istreambuf_iterator<char>(f), {});
        }
        zipped.resize(zipped.size() / 2);
        test::write_bytes(gz.file("train-images-idx3-ubyte.gz"), zipped);
        expect_data_error([&] { load_mnist_family(gz.path(), "mnist", digit_class_names()); },
                          "train-images-idx3-ubyte.gz", "truncated");
    }
    void idx_counts_differ() {
        TempDir dir;
        write_mnist_folder(dir, false);
        test::write_bytes(dir.file("train-labels-idx1-ubyte"), idx_labels({0, 1, 2}));
        expect_data_error([&] { load_mnist_family(dir.path(), "mnist", digit_class_names()); },
                          "train-labels-idx1-ubyte", "has 3 labels but");
    }
    void idx_label_out_of_range() {
        TempDir dir;
        write_mnist_folder(dir, false);
        test::write_bytes(dir.file("train-labels-idx1-ubyte"), idx_labels({0, 1, 12, 3, 4, 5}));
        expect_data_error([&] { load_mnist_family(dir.path(), "mnist", digit_class_names()); },
                          "train-labels-idx1-ubyte", "label 12 of item 2 is out of range 0..9");
    }
    void packaged_fashion_mnist() {
        FEDHAP_REQUIRE_FASHION_MNIST();
        const DatasetParts parts = load_dataset(DatasetKind::FashionMnist, "");
        QCOMPARE(parts.train.size(), std::size_t(60000));
        QCOMPARE(parts.test.size(), std::size_t(10000));
        QCOMPARE(parts.train.height, 28);
        QCOMPARE(parts.train.num_classes(), std::size_t(10));
        for (auto n : parts.train.class_counts()) QCOMPARE(n, std::size_t(6000));
        for (auto n : parts.test.class_counts()) QCOMPARE(n, std::size_t(1000));
        QCOMPARE(parts.train.labels[0], 9);  // the first training image is an ankle boot
        QCOMPARE(parts.train.class_names[9], std::string("Ankle boot"));
    }

    void cifar10_batches() {
        TempDir dir;
        auto batch = [](std::vector<std::uint8_t> labels) {
            std::vector<std::uint8_t> b;
            for (auto y : labels) {
                b.push_back(y);
                for (int i = 0; i < 3072; ++i) b.push_back(static_cast<std::uint8_t>((i / 1024) * 100 + y));
            }
            return b;
        };
        for (int i = 1; i <= 5; ++i) test::write_bytes(dir.file("data_batch_" + std::to_string(i) + ".bin"), batch({std::uint8_t(i), 0}));
        test::write_bytes(dir.file("test_batch.bin"), batch({9, 8, 7}));
        const DatasetParts parts = load_dataset(DatasetKind::Cifar10, dir.path());
        QCOMPARE(parts.train.size(), std::size_t(10));
        QCOMPARE(parts.test.size(), std::size_t(3));
        QCOMPARE(parts.train.channels, 3);
        QCOMPARE(parts.train.labels[2], 2);
        QCOMPARE(int(parts.train.image(2)[1024]), 102);  // G plane follows R plane
        QCOMPARE(parts.test.class_names[9], std::string("truck"));

        auto bad = batch({1});
        bad.pop_back();
        test::write_bytes(dir.file("data_batch_3.bin"), bad);
        expect_data_error([&] { load_cifar10(dir.path()); }, "data_batch_3.bin", "truncated");
        test::write_bytes(dir.file("data_batch_3.bin"), batch({10}));
        expect_data_error([&] { load_cifar10(dir.path()); }, "data_batch_3.bin", "label 10 of record 0 is out of range");
        std::filesystem::remove(dir.file("data_batch_3.bin"));
        expect_data_error([&] { load_cifar10(dir.path()); }, "data_batch_3.bin", "not found");
    }

#ifdef FEDHAP_WITH_OPENCV
    void image_folder() {
        TempDir dir;
        for (const char* cls : {"cats", "dogs"}) {
            std::filesystem::create_directories(dir.file(cls));
            for (int i = 0; i < 3; ++i) {
                cv::Mat img(8, 6, CV_8UC3, cv::Scalar(10 * i, 20, cls[0] == 'c' ? 200 : 50));  // BGR
                cv::imwrite(dir.file(std::string(cls) + "/" + std::to_string(i) + ".png"), img);
            }
        }
        const Dataset d = load_image_folder(dir.path());
        QCOMPARE(d.size(), std::size_t(6));
        QCOMPARE(d.channels, 3);
        QCOMPARE(d.height, 8);
        QCOMPARE(d.width, 6);
        QCOMPARE(d.class_names, (std::vector<std::string>{"cats", "dogs"}));
        QCOMPARE(d.labels[4], 1);
        QCOMPARE(int(d.image(0)[0]), 200);  // planar RGB: the R plane (OpenCV stores BGR) comes first
        ImageFolderOptions small{4, 4, 1};
        const Dataset g = load_image_folder(dir.path(), small);
        QCOMPARE(g.channels, 1);
        QCOMPARE(g.image_bytes(), std::size_t(16));
    }
    void image_folder_errors() {
        TempDir dir;
        expect_data_error([&] { load_image_folder(dir.path()); }, dir.path(), "empty folder");
        expect_data_error([&] { load_image_folder(dir.file("nope")); }, "nope", "not a folder");
        std::filesystem::create_directories(dir.file("a"));
        expect_data_error([&] { load_image_folder(dir.path()); }, "/a", "empty folder");
        test::write_bytes(dir.file("a/broken.png"), {1, 2, 3, 4});
        expect_data_error([&] { load_image_folder(dir.path()); }, "broken.png", "unreadable image");
    }
    void digits_sheet() {
        TempDir dir;
        cv::Mat sheet(1000, 2000, CV_8UC1);
        for (int r = 0; r < 50; ++r)
            for (int c = 0; c < 100; ++c) sheet(cv::Rect(c * 20, r * 20, 20, 20)).setTo(cv::Scalar((r * 100 + c) % 256));
        cv::imwrite(dir.file("digits.png"), sheet);
        const Dataset d = load_digits_sheet(dir.file("digits.png"));
        QCOMPARE(d.size(), std::size_t(5000));
        QCOMPARE(d.height, 20);
        for (auto n : d.class_counts()) QCOMPARE(n, std::size_t(500));
        QCOMPARE(d.labels[499], 0);
        QCOMPARE(d.labels[500], 1);
        QCOMPARE(int(d.image(1234)[55]), 1234 % 256);
        cv::imwrite(dir.file("small.png"), cv::Mat(10, 10, CV_8UC1, cv::Scalar(0)));
        expect_data_error([&] { load_digits_sheet(dir.file("small.png")); }, "small.png", "expected the 2000x1000");
        expect_data_error([&] { load_digits_sheet(dir.file("missing.png")); }, "missing.png", "not found");
        test::write_bytes(dir.file("junk.png"), {0, 1, 2});
        expect_data_error([&] { load_digits_sheet(dir.file("junk.png")); }, "junk.png", "unreadable image");
    }
#endif

    void dataset_kind_names_round_trip() {
        for (const auto& n : dataset_kind_names()) QCOMPARE(to_string(parse_dataset_kind(n)), n);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parse_dataset_kind("imagenet"));
        expect_data_error([] { load_dataset(DatasetKind::Mnist, ""); }, "mnist", "--data");
    }
};

QTEST_APPLESS_MAIN(DataLoadersTest)
#include "test_data_loaders.moc"
