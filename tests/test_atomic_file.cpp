// write_file_atomic: the bytes arrive whole, replace an older file, leave no temporary file
// behind (also when the write fails), and the file gets the usual permissions.
#include <QtTest>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "data/data_error.h"
#include "io/atomic_file.h"
#include "test_files.h"

using namespace fedhap;
using fedhap::test::TempDir;

namespace {

std::string read_text(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::stringstream s;
    s << f.rdbuf();
    return s.str();
}

std::size_t files_in(const std::string& folder) {
    std::size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(folder)) n += e.is_regular_file();
    return n;
}

}  // namespace

class AtomicFileTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void writes_and_replaces_whole_files() {
        TempDir dir;
        const std::string path = dir.file("a.bin");
        const std::string binary("x\0y\n\xff", 5);
        write_file_atomic(path, binary);
        QCOMPARE(read_text(path), binary);
        write_file_atomic(path, "second, longer content");
        QCOMPARE(read_text(path), std::string("second, longer content"));
        write_file_atomic(path, "");
        QCOMPARE(read_text(path), std::string());
        QCOMPARE(files_in(dir.path()), std::size_t(1));  // no temporary file left
    }

    void the_file_gets_the_umask_permissions() {
        TempDir dir;
        const mode_t mask = ::umask(022);
        write_file_atomic(dir.file("p.txt"), "x");
        ::umask(mask);
        struct stat st {};
        QCOMPARE(::stat(dir.file("p.txt").c_str(), &st), 0);
        QCOMPARE(st.st_mode & 0777, mode_t(0644));
    }

    void a_failed_write_names_the_file_and_leaves_the_old_one() {
        TempDir dir;
        try {
            write_file_atomic(dir.file("missing/a.txt"), "x");
            QFAIL("no exception");
        } catch (const DataError& e) {
            QVERIFY2(std::string(e.what()).find("missing/a.txt") != std::string::npos, e.what());
        }
        // A folder where the file should be: the rename fails, the temporary file goes.
        std::filesystem::create_directory(dir.file("taken"));
        std::filesystem::create_directory(dir.file("taken/inside"));
        QVERIFY_THROWS_EXCEPTION(DataError, write_file_atomic(dir.file("taken"), "x"));
        QVERIFY(std::filesystem::is_directory(dir.file("taken/inside")));
        QCOMPARE(files_in(dir.path()), std::size_t(0));
    }
};

QTEST_APPLESS_MAIN(AtomicFileTest)
#include "test_atomic_file.moc"
