// The one reader of run folders' summary.json and metrics.jsonl (experiment/run_folder_read.h):
// what it takes from them, and the exact fault of each file it refuses.
#include <sys/stat.h>

#include <QtTest>

#include <fstream>
#include <vector>

#include "experiment/run_folder_read.h"
#include "test_files.h"

using namespace fedhap;
using fedhap::test::TempDir;

namespace {

void write_text(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary | std::ios::trunc) << text; }

std::string fault_of_summary(const std::string& path) {
    try {
        read_summary_file(path);
    } catch (const RunFileError& e) {
        return e.fault();
    }
    return "(read)";
}

std::vector<RoundRecord> rounds_of(const std::string& path, int max_lines = 100) {
    std::vector<RoundRecord> out;
    read_metrics_file(path, max_lines, [&out](const RoundRecord& r) { out.push_back(r); });
    return out;
}

std::string fault_of_metrics(const std::string& path, int max_lines = 100) {
    try {
        rounds_of(path, max_lines);
    } catch (const RunFileError& e) {
        return e.fault();
    }
    return "(read)";
}

}  // namespace

class RunFolderReadTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void a_summary_gives_its_fields() {
        TempDir d;
        write_text(d.file("summary.json"), R"({"map_all": 0.71, "p_at_h2": 0.5, "rounds": 20, "seconds": 3.5,
            "seconds_all_sessions": 7.25, "stopped": false, "bytes_up": 1000, "bytes_down": 4000, "torch": "1.13.1"})");
        const SummaryRecord s = read_summary_file(d.file("summary.json"));
        QVERIFY(!s.stopped);
        QCOMPARE(s.rounds.value_or(-1), 20);
        QCOMPARE(s.map_all.value_or(-1), 0.71);
        QCOMPARE(s.p_at_h2.value_or(-1), 0.5);
        QCOMPARE(s.seconds.value_or(-1), 3.5);
        QCOMPARE(s.seconds_all_sessions.value_or(-1), 7.25);
        QCOMPARE(s.bytes_up.value_or(-1), 1000.0);
        QCOMPARE(s.bytes_down.value_or(-1), 4000.0);
    }

    void absent_or_mistyped_fields_are_empty() {
        TempDir d;
        write_text(d.file("summary.json"), R"({"map_all": "high", "stopped": true, "rounds": 3})");
        const SummaryRecord s = read_summary_file(d.file("summary.json"));
        QVERIFY(s.stopped);
        QCOMPARE(s.rounds.value_or(-1), 3);
        QVERIFY(!s.map_all && !s.seconds && !s.seconds_all_sessions && !s.bytes_up);
    }

    void what_is_not_a_summary_is_refused_by_its_fault() {
        TempDir d;
        for (const char* text : {"", "not json", "[1, 2]", "{}", "{\"map_all\": 0.5"}) {
            write_text(d.file("summary.json"), text);
            QCOMPARE(fault_of_summary(d.file("summary.json")), std::string("not a run summary"));
        }
        QCOMPARE(::mkfifo(d.file("fifo.json").c_str(), 0600), 0);
        QCOMPARE(fault_of_summary(d.file("fifo.json")), std::string("is a FIFO, not a regular file"));
        QCOMPARE(fault_of_summary(d.file("none.json")), std::string("file not found"));
    }

    void metrics_give_every_complete_line() {
        TempDir d;
        write_text(d.file("metrics.jsonl"),
                         "{\"round\":1,\"loss\":2.5,\"bytes_up\":100,\"bytes_down\":300}\n"
                         "{\"round\":2,\"loss\":1.5,\"map\":0.4,\"clients\":[{\"id\":0}]}\n"
                         "{\"round\":3,\"loss\":1.2");  // being written: left for the next read
        const std::vector<RoundRecord> r = rounds_of(d.file("metrics.jsonl"));
        QCOMPARE(r.size(), std::size_t{2});
        QCOMPARE(r[0].round, 1.0);
        QCOMPARE(r[0].loss, 2.5);
        QCOMPARE(r[0].bytes_up, 100.0);
        QCOMPARE(r[0].bytes_down, 300.0);
        QVERIFY(!r[0].map);
        QCOMPARE(r[1].bytes_up, 0.0);
        QCOMPARE(r[1].map.value_or(-1), 0.4);
    }

    void bad_metrics_are_refused_naming_the_line() {
        TempDir d;
        write_text(d.file("m.jsonl"), "{\"round\":1,\"loss\":2}\n{\"round\":\"2\",\"loss\":1}\n");
        QCOMPARE(fault_of_metrics(d.file("m.jsonl")), std::string("line 2 is not a round's metrics"));
        write_text(d.file("m.jsonl"), "{\"round\":1,\"loss\":2}\n[]\n");
        QCOMPARE(fault_of_metrics(d.file("m.jsonl")), std::string("line 2 is not a round's metrics"));
        write_text(d.file("m.jsonl"), "{\"round\":1,\"loss\":2}\n{\"round\":2,\"loss\":2}\n{\"round\":3,\"loss\":2}\n");
        QCOMPARE(fault_of_metrics(d.file("m.jsonl"), 2), std::string("more than 2 lines; refused"));
        QCOMPARE(rounds_of(d.file("m.jsonl"), 3).size(), std::size_t{3});
        QCOMPARE(::mkfifo(d.file("fifo.jsonl").c_str(), 0600), 0);
        QCOMPARE(fault_of_metrics(d.file("fifo.jsonl")), std::string("is a FIFO, not a regular file"));
    }
};

QTEST_APPLESS_MAIN(RunFolderReadTest)
#include "test_run_folder_read.moc"
