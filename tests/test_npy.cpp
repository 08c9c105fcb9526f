// .npy read/write (every dtype, versions 1–3, hand-made files, every damage) and the CSV writer.
#include <QtTest>

#include <fstream>
#include <sstream>

#include "data/data_error.h"
#include "io/csv_writer.h"
#include "io/npy.h"
#include "test_files.h"

using namespace fedhap;

namespace {

std::vector<std::uint8_t> bytes_of(const std::string& s) { return {s.begin(), s.end()}; }

std::vector<std::uint8_t> read_all(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

// A .npy file: magic, version, little-endian header length, header (padded as given), data.
std::vector<std::uint8_t> npy_file(const std::string& header, const std::vector<std::uint8_t>& data, int major = 1) {
    std::string out = std::string("\x93NUMPY", 6) + char(major) + '\0';
    const std::size_t len = header.size();
    for (int i = 0; i < (major == 1 ? 2 : 4); ++i) out += char((len >> (8 * i)) & 0xff);
    std::vector<std::uint8_t> file = bytes_of(out + header);
    file.insert(file.end(), data.begin(), data.end());
    return file;
}

// NumPy 1.24's np.save(np.array([[1, 2, 3], [4, 5, 6]], dtype='<i4')): 10 + 118 header bytes, then data.
std::vector<std::uint8_t> numpy_int32_2x3() {
    std::string header = "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 3), }";
    header += std::string(117 - header.size(), ' ') + "\n";
    std::vector<std::uint8_t> data;
    for (std::int32_t v : {1, 2, 3, 4, 5, 6})
        for (int b = 0; b < 4; ++b) data.push_back(std::uint8_t(std::uint32_t(v) >> (8 * b)));
    return npy_file(header, data);
}

void expect_data_error(const std::string& path, const char* needle) {
    try {
        read_npy(path);
        QFAIL("no error");
    } catch (const DataError& e) {
        const std::string what = e.what();
        QVERIFY2(what.find(path) != std::string::npos, e.what());  // names the file
        QVERIFY2(what.find(needle) != std::string::npos, e.what());
        QVERIFY(what.find('\n') == std::string::npos);
    }
}

}  // namespace

class NpyTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void round_trip_every_dtype() {
        test::TempDir dir;
        const std::string f = dir.file("a.npy");
        const std::vector<NpyArray> arrays{
            npy_from_int8({2, 3}, {-128, -1, 0, 1, 2, 127}),
            npy_from_uint8({5}, {0, 1, 128, 254, 255}),
            npy_from_int32({3, 1, 2}, {-2147483647 - 1, -1, 0, 1, 7, 2147483647}),
            npy_from_int64({2}, {-9000000000000000000LL, 9000000000000000000LL}),
            npy_from_floats({2, 2}, {-1.5f, 0.0f, 3.25f, 1e30f}),
            npy_from_doubles({1, 3}, {-0.1, 1e-300, 12345.678}),
            npy_from_floats({0, 64}, {}),
            npy_from_int64({}, {42}),  // a 0-d scalar
        };
        for (const NpyArray& a : arrays) {
            write_npy(f, a);
            const NpyArray b = read_npy(f);
            QCOMPARE(int(b.type), int(a.type));
            QVERIFY(b.shape == a.shape);
            QVERIFY(b.bytes == a.bytes);
            QCOMPARE(read_all(f).size() % 64, b.bytes.size() % 64);  // data starts on a 64-byte boundary
        }
    }

    void conversions() {
        const NpyArray i8 = npy_from_int8({3}, {-3, 0, 5});
        QVERIFY(i8.to_float() == std::vector<float>({-3, 0, 5}));
        QVERIFY(i8.to_int64() == std::vector<std::int64_t>({-3, 0, 5}));
        QVERIFY(npy_from_uint8({1}, {200}).to_int64() == std::vector<std::int64_t>({200}));
        QVERIFY(npy_from_doubles({2}, {0.5, -2}).to_float() == std::vector<float>({0.5f, -2.0f}));
        QVERIFY(npy_from_int64({1}, {-5}).to_float() == std::vector<float>({-5.0f}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, npy_from_floats({2}, {1.0f}).to_int64());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, npy_from_int32({2, 2}, {1, 2, 3}));
    }

    void reads_and_writes_the_exact_numpy_bytes() {
        test::TempDir dir;
        const std::vector<std::uint8_t> expected = numpy_int32_2x3();
        QCOMPARE(expected.size(), std::size_t(128 + 24));
        test::write_bytes(dir.file("hand.npy"), expected);
        const NpyArray a = read_npy(dir.file("hand.npy"));
        QCOMPARE(int(a.type), int(NpyType::Int32));
        QVERIFY(a.shape == std::vector<std::size_t>({2, 3}));
        QVERIFY(a.to_int64() == std::vector<std::int64_t>({1, 2, 3, 4, 5, 6}));
        write_npy(dir.file("ours.npy"), a);
        QVERIFY(read_all(dir.file("ours.npy")) == expected);
    }

    void reads_other_versions_and_spellings() {
        test::TempDir dir;
        // Version 2.0 and 3.0 (4-byte header length), double quotes, no trailing comma, no padding.
        const std::vector<std::uint8_t> data{1, 0, 1};
        for (int major : {2, 3}) {
            test::write_bytes(dir.file("v.npy"), npy_file("{\"descr\": \"|b1\", \"shape\": (3,), \"fortran_order\": False}\n", data, major));
            const NpyArray a = read_npy(dir.file("v.npy"));
            QCOMPARE(int(a.type), int(NpyType::UInt8));  // bool reads as 0/1 bytes
            QVERIFY(a.to_int64() == std::vector<std::int64_t>({1, 0, 1}));
        }
        // Fortran order is the same thing for one dimension.
        test::write_bytes(dir.file("f1.npy"), npy_file("{'descr': '|u1', 'fortran_order': True, 'shape': (3,), }\n", data));
        QCOMPARE(read_npy(dir.file("f1.npy")).elements(), std::size_t(3));
    }

    void refuses_damaged_files() {
        test::TempDir dir;
        const std::string f = dir.file("bad.npy");
        expect_data_error(dir.file("missing.npy"), "not found");

        std::vector<std::uint8_t> file = numpy_int32_2x3();
        file[1] = 'X';
        test::write_bytes(f, file);
        expect_data_error(f, "bad magic");
        test::write_bytes(f, bytes_of("\x93NU"));
        expect_data_error(f, "bad magic");

        file = numpy_int32_2x3();
        file.resize(file.size() - 1);
        test::write_bytes(f, file);
        expect_data_error(f, "truncated .npy data (23 of 24 bytes)");
        file.resize(60);
        test::write_bytes(f, file);
        expect_data_error(f, "truncated .npy header");
        file = numpy_int32_2x3();
        file.push_back(0);
        test::write_bytes(f, file);
        expect_data_error(f, "longer than its shape");

        file = numpy_int32_2x3();
        file[6] = 4;
        test::write_bytes(f, file);
        expect_data_error(f, "unsupported .npy version 4.0");

        const std::vector<std::uint8_t> eight(8, 0);
        test::write_bytes(f, npy_file("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }\n", eight));
        expect_data_error(f, "unsupported .npy dtype '<c8'");
        test::write_bytes(f, npy_file("{'descr': '>i4', 'fortran_order': False, 'shape': (2,), }\n", eight));
        expect_data_error(f, "unsupported .npy dtype '>i4'");
        test::write_bytes(f, npy_file("{'descr': [('a', '<i4')], 'fortran_order': False, 'shape': (2,), }\n", eight));
        expect_data_error(f, "malformed .npy header");
        test::write_bytes(f, npy_file("{'descr': '<i4', 'fortran_order': True, 'shape': (1, 2), }\n", eight));
        expect_data_error(f, "Fortran-order");
        test::write_bytes(f, npy_file("{'descr': '<i4', 'shape': (2,), }\n", eight));
        expect_data_error(f, "lacks");
        test::write_bytes(f, npy_file("{'descr': '<i4', 'fortran_order': False, 'shape': (2, x), }\n", eight));
        expect_data_error(f, "bad shape");
        test::write_bytes(f, npy_file("{'descr': '<i4', 'fortran_order': False, 'shape': (99999999999, 99999999999), }\n", eight));
        expect_data_error(f, "too large");
    }

    void write_errors() {
        NpyArray a = npy_from_floats({2}, {1, 2});
        a.bytes.pop_back();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, write_npy("/tmp/never-written.npy", a));
        QVERIFY_THROWS_EXCEPTION(DataError, write_npy("/nonexistent-folder/a.npy", npy_from_floats({1}, {1})));
    }

    void csv_writer() {
        const std::string text = to_csv({"radius", "precision, %"}, {{0, 0.5}, {1, 1.0 / 3}, {2, 1e-20}});
        QCOMPARE(text, std::string("radius,\"precision, %\"\n0,0.5\n1,0.3333333333333333\n2,1e-20\n"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, to_csv({"a", "b"}, {{1}}));
        test::TempDir dir;
        write_csv(dir.file("c.csv"), {"n"}, {{7}});
        const auto bytes = read_all(dir.file("c.csv"));
        QCOMPARE(std::string(bytes.begin(), bytes.end()), std::string("n\n7\n"));
        QVERIFY_THROWS_EXCEPTION(DataError, write_csv("/nonexistent-folder/c.csv", {"n"}, {}));
    }
};

QTEST_APPLESS_MAIN(NpyTest)
#include "test_npy.moc"
