// The input-file rule (io/input_file.h): regular files only, opened without blocking, size capped
// before reading, lines bounded; and printable_path, which keeps the messages one line.
#include <QtTest>

#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <functional>
#include <future>

#include "data/data_error.h"
#include "experiment/experiment_config.h"
#include "io/input_file.h"
#include "test_files.h"
#include "util/printable_path.h"

using namespace fedhap;
using fedhap::test::TempDir;

namespace {

std::vector<std::uint8_t> bytes_of(const std::string& s) { return {s.begin(), s.end()}; }

// The message of the InputFileError `f` throws ("" when it throws none).
std::string input_error(const std::function<void()>& f) {
    try {
        f();
    } catch (const InputFileError& e) {
        return e.what();
    }
    return "";
}

// A file of `size` bytes that takes no disk space: what the size caps are tested with.
void sparse_file(const std::string& path, off_t size) {
    test::write_bytes(path, {});
    if (::truncate(path.c_str(), size) != 0) throw std::runtime_error("cannot truncate " + path);
}

// The process's peak resident memory so far.
long peak_rss_kib() {
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

}  // namespace

class InputFileTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void reads_a_regular_file_whole() {
        TempDir dir;
        const std::string text("line one\nline two\0with a zero byte\n", 35);
        test::write_bytes(dir.file("a.txt"), bytes_of(text));
        QCOMPARE(read_input_file(dir.file("a.txt"), 35), text);
        QCOMPARE(read_input_bytes(dir.file("a.txt"), 1000), bytes_of(text));
        test::write_bytes(dir.file("empty"), {});
        QCOMPARE(read_input_file(dir.file("empty"), 0), std::string());
        InputFile f(dir.file("a.txt"), 100);
        QCOMPARE(f.size(), std::uint64_t{35});
        char head[4];
        QCOMPARE(f.read_some(head, 4), std::size_t{4});
        QCOMPARE(std::string(head, 4), std::string("line"));
        QCOMPARE(f.read_rest(), text.substr(4));
    }

    void a_missing_file_and_a_folder_are_named() {
        TempDir dir;
        QCOMPARE(input_error([&] { read_input_file(dir.file("nope.json"), 100); }), dir.file("nope.json") + ": file not found");
        QCOMPARE(input_error([&] { read_input_file(dir.path(), 100); }), dir.path() + ": is a folder, not a file");
    }

    // The open itself must not block: a FIFO with no writer is refused at once. If it blocked,
    // a writer opened here after the deadline releases it, so the test fails instead of hanging.
    void a_fifo_is_refused_without_blocking() {
        TempDir dir;
        const std::string fifo = dir.file("codes.npy");
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        auto refused = std::async(std::launch::async, [&] { return input_error([&] { read_input_file(fifo, 100); }); });
        if (refused.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
            const int writer = ::open(fifo.c_str(), O_WRONLY | O_NONBLOCK);
            if (writer >= 0) ::close(writer);
            refused.wait();
            QFAIL("reading a FIFO blocked for 5 s");
        }
        QCOMPARE(refused.get(), fifo + ": is a FIFO, not a regular file");
        // The line reader takes the same InputFile, so it cannot be handed a FIFO either.
        QCOMPARE(input_error([&] { InputFile f(fifo, 100); }), fifo + ": is a FIFO, not a regular file");
    }

    void devices_through_a_symlink_are_refused() {
        TempDir dir;
        const std::string link = dir.file("config.json");
        std::filesystem::create_symlink("/dev/zero", link);
        QCOMPARE(input_error([&] { read_input_file(link, input_limits::kConfig); }), link + ": is a character device, not a regular file");
        QCOMPARE(input_error([&] { read_input_file("/dev/null", 100); }), std::string("/dev/null: is a character device, not a regular file"));
    }

    void a_socket_is_refused_by_name() {
        TempDir dir;
        // bind() takes a short path: name the socket relative to the test's folder.
        const std::string here = std::filesystem::current_path().string();
        std::filesystem::current_path(dir.path());
        const int s = ::socket(AF_UNIX, SOCK_STREAM, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::strcpy(address.sun_path, "s.sock");
        const int bound = ::bind(s, reinterpret_cast<const sockaddr*>(&address), sizeof address);
        std::filesystem::current_path(here);
        QCOMPARE(bound, 0);
        QCOMPARE(input_error([&] { read_input_file(dir.file("s.sock"), 100); }), dir.file("s.sock") + ": is a socket, not a regular file");
        ::close(s);
    }

    // The size is checked on the opened file before a byte is read: a sparse 17 MiB config or a
    // 4 GiB + 1 array costs nothing to refuse.
    void the_size_cap_is_checked_before_reading() {
        TempDir dir;
        test::write_bytes(dir.file("ten"), bytes_of("0123456789"));
        QCOMPARE(read_input_file(dir.file("ten"), 10), std::string("0123456789"));
        QCOMPARE(input_error([&] { read_input_file(dir.file("ten"), 9); }), dir.file("ten") + ": is larger than 9 bytes; refused");
        sparse_file(dir.file("big.json"), (off_t{16} << 20) + 1);
        try {
            load_config_file(dir.file("big.json"));
            QFAIL("a config over 16 MiB was read");
        } catch (const ConfigError& e) {
            QCOMPARE(std::string(e.what()), dir.file("big.json") + ": is larger than 16 MiB; refused");
        }
        sparse_file(dir.file("big.npy"), (off_t{4} << 30) + 1);
        QCOMPARE(input_error([&] { read_input_bytes(dir.file("big.npy"), input_limits::kDataset); }),
                 dir.file("big.npy") + ": is larger than 4 GiB; refused");
    }

    void size_text_names_the_caps() {
        QCOMPARE(size_text(input_limits::kConfig), std::string("16 MiB"));
        QCOMPARE(size_text(input_limits::kDataset), std::string("4 GiB"));
        QCOMPARE(size_text(input_limits::kSecret), std::string("64 KiB"));
        QCOMPARE(size_text(1000), std::string("1000 bytes"));
    }

    void lines_are_read_one_by_one() {
        TempDir dir;
        test::write_bytes(dir.file("m.jsonl"), bytes_of("{\"round\": 1}\r\n\n{\"round\": 2}\n{\"round\""));
        InputFile f(dir.file("m.jsonl"), 1000);
        LineReader lines(f, 16);
        std::string line;
        QVERIFY(lines.next(line));
        QCOMPARE(line, std::string("{\"round\": 1}"));  // the '\r' of a CRLF line is dropped
        QVERIFY(lines.complete());
        QVERIFY(lines.next(line));
        QCOMPARE(line, std::string());
        QVERIFY(lines.next(line));
        QCOMPARE(line, std::string("{\"round\": 2}"));
        QCOMPARE(lines.line_number(), std::size_t{3});
        QVERIFY(lines.next(line));  // the last line, still being written: returned, marked
        QCOMPARE(line, std::string("{\"round\""));
        QVERIFY(!lines.complete());
        QVERIFY(!lines.next(line));
    }

    void lines_longer_than_the_bound_are_refused() {
        TempDir dir;
        test::write_bytes(dir.file("m.jsonl"), bytes_of("short\n" + std::string(17, 'x') + "\nnever read\n"));
        InputFile f(dir.file("m.jsonl"), 1000);
        LineReader lines(f, 16);
        std::string line;
        QVERIFY(lines.next(line));
        QCOMPARE(input_error([&] { lines.next(line); }), dir.file("m.jsonl") + ": line 2 is longer than 16 bytes; refused");
        // A line of exactly the bound is fine, with or without its newline.
        test::write_bytes(dir.file("edge"), bytes_of(std::string(16, 'y') + "\n" + std::string(16, 'z')));
        InputFile g(dir.file("edge"), 1000);
        LineReader edge(g, 16);
        QVERIFY(edge.next(line));
        QCOMPARE(line, std::string(16, 'y'));
        QVERIFY(edge.next(line));
        QCOMPARE(line, std::string(16, 'z'));
        QVERIFY(!edge.next(line));
    }

    // One endless line (a sparse 256 MiB file of zero bytes, no newline) is refused after about
    // the bound, not after reading the file: bounded memory.
    void an_endless_line_is_refused_early() {
        TempDir dir;
        sparse_file(dir.file("zeros.jsonl"), off_t{256} << 20);
        InputFile f(dir.file("zeros.jsonl"), input_limits::kJournal);
        LineReader lines(f, 1 << 20);
        std::string line;
        const long peak_before = peak_rss_kib();
        QCOMPARE(input_error([&] { lines.next(line); }), dir.file("zeros.jsonl") + ": line 1 is longer than 1 MiB; refused");
        // Holding the file would raise the peak by 256 MiB; the reader holds about 1 MiB.
        QVERIFY2(peak_rss_kib() - peak_before < 64 * 1024, QByteArray::number(static_cast<qlonglong>(peak_rss_kib() - peak_before)));
    }

    void printable_path_escapes_control_bytes() {
        QCOMPARE(printable_path("plain/path.npy"), std::string("plain/path.npy"));
        QCOMPARE(printable_path("a\nb\tc\rd"), std::string("a\\nb\\tc\\rd"));
        QCOMPARE(printable_path("esc\x1b[31mred\x7f"), std::string("esc\\x1b[31mred\\x7f"));
        QCOMPARE(printable_path(std::string("nul\0end", 7)), std::string("nul\\x00end"));
        QCOMPARE(printable_path("caf\xc3\xa9/\xe2\x9c\x93"), std::string("caf\xc3\xa9/\xe2\x9c\x93"));  // UTF-8 kept
        const std::string once = printable_path("x\ny\x01");
        QCOMPARE(printable_path(once), once);  // escaping twice changes nothing
        // Every fault of the readers is a DataError, which names the file that way.
        QCOMPARE(std::string(DataError("in\nput.npy", "bad magic").what()), std::string("in\\nput.npy: bad magic"));
    }

    void a_newline_in_a_name_stays_on_one_line() {
        TempDir dir;
        const std::string fifo = dir.file("two\nlines.npy");
        QCOMPARE(::mkfifo(fifo.c_str(), 0600), 0);
        QCOMPARE(input_error([&] { read_input_file(fifo, 100); }), dir.path() + "/two\\nlines.npy: is a FIFO, not a regular file");
    }
};

QTEST_APPLESS_MAIN(InputFileTest)
#include "test_input_file.moc"
