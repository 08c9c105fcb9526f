// Output places proved writable before any work (io/output_folder.h), with the cause in one line.
#include <QtTest>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <functional>

#include "io/output_folder.h"
#include "test_files.h"

using namespace fedhap;
using fedhap::test::TempDir;

namespace {

std::string output_error(const std::function<void()>& f) {
    try {
        f();
    } catch (const OutputError& e) {
        return e.what();
    }
    return "";
}

bool is_empty_folder(const std::string& path) { return std::filesystem::is_empty(path); }

}  // namespace

class OutputFolderTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void a_missing_folder_is_created_and_the_probe_removed() {
        TempDir dir;
        prepare_output_folder(dir.file("a/b/run"), "run folder");
        QVERIFY(std::filesystem::is_directory(dir.file("a/b/run")));
        QVERIFY(is_empty_folder(dir.file("a/b/run")));  // no probe file left behind
        prepare_output_folder(dir.file("a/b/run"), "run folder");  // an existing folder is fine
        QVERIFY(is_empty_folder(dir.file("a/b/run")));
    }

    // A regular file where the folder should be: refused as root too, which a mode is not.
    void a_file_in_the_way_is_named_with_the_cause() {
        TempDir dir;
        test::write_bytes(dir.file("plain"), {'x'});
        QCOMPARE(output_error([&] { prepare_output_folder(dir.file("plain"), "run folder"); }),
                 "cannot create the run folder " + dir.file("plain") + ": a file of that name is in the way");
        QCOMPARE(output_error([&] { prepare_output_folder(dir.file("plain/sub"), "study folder"); }),
                 "cannot create the study folder " + dir.file("plain/sub") + ": Not a directory");
        QCOMPARE(output_error([&] { prepare_output_folder("", "run folder"); }), std::string("the run folder has an empty name"));
    }

    void a_read_only_folder_is_refused_before_any_work() {
        if (::geteuid() == 0) QSKIP("root writes into a folder of mode 0555 all the same; the file-in-the-way case covers root");
        TempDir dir;
        std::filesystem::create_directories(dir.file("ro"));
        QCOMPARE(::chmod(dir.file("ro").c_str(), 0555), 0);
        const std::string message = output_error([&] { prepare_output_folder(dir.file("ro"), "run folder"); });
        const std::string nested = output_error([&] { prepare_output_folder(dir.file("ro/new"), "run folder"); });
        const std::string file = output_error([&] { check_output_file(dir.file("ro/xy.csv")); });
        ::chmod(dir.file("ro").c_str(), 0755);
        QCOMPARE(message, "cannot write in the run folder " + dir.file("ro") + ": Permission denied");
        QCOMPARE(nested, "cannot create the run folder " + dir.file("ro/new") + ": Permission denied");
        QCOMPARE(file, "cannot write " + dir.file("ro/xy.csv") + ": Permission denied");
    }

    void an_output_file_needs_an_existing_writable_folder() {
        TempDir dir;
        check_output_file(dir.file("xy.csv"));
        QVERIFY(is_empty_folder(dir.path()));  // checked, nothing written
        QCOMPARE(output_error([&] { check_output_file(dir.file("no/such/xy.csv")); }),
                 "cannot write " + dir.file("no/such/xy.csv") + ": its folder " + dir.file("no/such") + ": No such file or directory");
        QCOMPARE(output_error([&] { check_output_file(dir.path()); }), "cannot write " + dir.path() + ": it is a folder");
        test::write_bytes(dir.file("plain"), {'x'});
        QCOMPARE(output_error([&] { check_output_file(dir.file("plain/xy.csv")); }),
                 "cannot write " + dir.file("plain/xy.csv") + ": its folder " + dir.file("plain") + ": Not a directory");
    }

    void control_bytes_in_the_path_are_escaped() {
        TempDir dir;
        test::write_bytes(dir.file("in\nthe\tway"), {'x'});
        QCOMPARE(output_error([&] { prepare_output_folder(dir.file("in\nthe\tway"), "run folder"); }),
                 "cannot create the run folder " + dir.path() + "/in\\nthe\\tway: a file of that name is in the way");
    }
};

QTEST_APPLESS_MAIN(OutputFolderTest)
#include "test_output_folder.moc"
