// Hostile run folders in the Runs view: a config.json that is /dev/zero, a metrics.jsonl that is a
// FIFO, 40 links back to the opened folder, a 200 MB metrics.jsonl of one line, a folder name
// with a newline in it. The library must list the good run once, name every refusal with its
// file and fault, answer within seconds, keep the GUI thread free and its memory bounded.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <QtTest>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QListWidget>
#include <QRegularExpression>
#include <algorithm>

#include "experiment/experiment_config.h"
#include "io/input_file.h"
#include "window/main_window.h"
#include "runs/run_folder_scan.h"
#include "runs/run_library_presenter.h"
#include "runs_view.h"
#include "test_files.h"

using namespace fedhap;
using fedhap::test::TempDir;

namespace {

constexpr qint64 kBigBytes = 200LL << 20;

void write_file(const QString& path, const QByteArray& bytes) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY2(f.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    f.write(bytes);
}

QByteArray config_json(quint64 seed) {
    ExperimentConfig c;
    c.name = "hostile";
    c.seed = seed;
    c.rounds = 2;
    return QByteArray::fromStdString(config_to_json(c));
}

QByteArray rounds_text(int rounds) {
    QByteArray text;
    for (int r = 1; r <= rounds; ++r)
        text += QString("{\"bytes_down\":2000000,\"bytes_up\":1000000,\"clients\":[],\"loss\":%1,\"round\":%2}\n").arg(1.0 / r).arg(r).toUtf8();
    return text;
}

void write_good_run(const QString& dir) {
    write_file(dir + "/config.json", config_json(7));
    write_file(dir + "/metrics.jsonl", rounds_text(2));
    write_file(dir + "/summary.json", "{\"map_all\":0.5,\"p_at_h2\":0.25,\"rounds\":2,\"seconds\":3,\"stopped\":false}");
}

void make_fifo(const QString& path) { QVERIFY2(::mkfifo(QFile::encodeName(path).constData(), 0600) == 0, qPrintable(path)); }

void make_link(const QString& target, const QString& link) {
    QVERIFY2(::symlink(QFile::encodeName(target).constData(), QFile::encodeName(link).constData()) == 0, qPrintable(link));
}

// A metrics.jsonl of `bytes` zeros and no newline: one endless line, sparse, so cheap to make.
void make_big_line(const QString& path) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    QVERIFY(fd >= 0);
    QVERIFY(::ftruncate(fd, kBigBytes) == 0);
    ::close(fd);
}

void make_big_run(const QString& dir) {
    write_file(dir + "/config.json", config_json(2));
    make_big_line(dir + "/metrics.jsonl");
}

// <root>/runs with every hostile case beside one good run; returns the runs folder.
QString make_hostile_runs(const TempDir& root) {
    const QString runs = QString::fromStdString(root.file("runs"));
    write_good_run(runs + "/good");
    write_file(runs + "/zero/metrics.jsonl", rounds_text(1));
    make_link("/dev/zero", runs + "/zero/config.json");
    write_file(runs + "/fifo/config.json", config_json(1));
    make_fifo(runs + "/fifo/metrics.jsonl");
    write_file(runs + "/two\nlines/config.json", config_json(3));
    make_fifo(runs + "/two\nlines/metrics.jsonl");
    make_big_run(runs + "/big");
    for (int i = 1; i <= 40; ++i) make_link(".", QString("%1/l%2").arg(runs).arg(i));
    return runs;
}

QStringList hostile_notes() {
    const QString line_cap = QString::fromStdString(size_text(input_limits::kJournalLine));
    return {"runs/big/metrics.jsonl: line 1 is longer than " + line_cap + "; refused",
            "runs/fifo/metrics.jsonl: is a FIFO, not a regular file",
            "runs/two\\nlines/metrics.jsonl: is a FIFO, not a regular file",
            "runs/zero/config.json: is a character device, not a regular file",
            "runs: reached again through 40 other paths (runs/l1, runs/l10, runs/l11, …); searched once"};
}

// Waits for the library's passes to end (each one is bounded: seconds at most).
bool settle(workbench::RunLibraryPresenter& library, int ms = 5000) {
    QElapsedTimer t;
    t.start();
    while (library.busy() && t.elapsed() < ms) QTest::qWait(5);
    return !library.busy();
}

// The process's peak resident memory in KiB since the last reset_peak_rss.
long peak_rss_kib() {
    QFile f("/proc/self/status");
    if (!f.open(QIODevice::ReadOnly)) return -1;
    const auto m = QRegularExpression("VmHWM:\\s+(\\d+) kB").match(QString::fromLatin1(f.readAll()));
    return m.hasMatch() ? m.captured(1).toLong() : -1;
}

bool reset_peak_rss() {
    QFile f("/proc/self/clear_refs");  // "5": the peak starts again from the current size
    return f.open(QIODevice::WriteOnly) && f.write("5") == 1;
}

}  // namespace

class HostileRunsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void every_refusal_is_named_and_the_good_run_listed_once() {
        TempDir root;
        const QString runs = make_hostile_runs(root);
        widgets::RunsView view;
        workbench::RunLibraryPresenter library(view);
        QSignalSpy opened(&library, &workbench::RunLibraryPresenter::opened);
        QElapsedTimer clock;
        clock.start();
        library.open(runs);
        QVERIFY(opened.wait(5000));
        QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(opened.at(0).at(1).toString(), QString());
        QCOMPARE(view.runs().size(), 1);
        QCOMPARE(view.runs()[0].folder, QFileInfo(runs + "/good").canonicalFilePath());
        QVERIFY2(view.runs()[0].completed, qPrintable(view.runs()[0].status));
        QCOMPARE(view.runs()[0].rounds, (QVector<double>{1, 2}));
        QCOMPARE(view.notes(), hostile_notes());
    }

    void rescans_neither_multiply_nor_hang() {
        TempDir root;
        const QString runs = make_hostile_runs(root);
        widgets::RunsView view;
        workbench::RunLibraryPresenter library(view);
        library.set_poll_interval(20);
        QSignalSpy passes(&library, &workbench::RunLibraryPresenter::pass_done);
        library.open(runs);
        QTRY_VERIFY_WITH_TIMEOUT(passes.size() >= 6, 10000);  // the first pass and five rescans
        QCOMPARE(view.runs().size(), 1);
        QCOMPARE(view.notes(), hostile_notes());
        QCOMPARE(library.unfinished(), 0);
    }

    void the_gui_thread_is_never_held() {
        TempDir root;
        const QString runs = make_hostile_runs(root);
        widgets::RunsView view;
        workbench::RunLibraryPresenter library(view);
        QElapsedTimer clock;
        clock.start();
        library.open(runs);
        // open() only hands the folder to the worker: nothing is read yet, however hostile.
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(view.runs().size(), 0);
        QVERIFY(library.busy());
        // While the pass runs, the event loop keeps turning.
        qint64 last = clock.elapsed(), longest = 0;
        QTimer tick;
        tick.setInterval(10);
        connect(&tick, &QTimer::timeout, [&] {
            longest = std::max(longest, clock.elapsed() - last);
            last = clock.elapsed();
        });
        tick.start();
        QVERIFY(settle(library));
        QTest::qWait(30);
        QVERIFY2(longest < 1000, qPrintable(QString::number(longest)));
        QCOMPARE(view.runs().size(), 1);
    }

    void a_200_mb_line_keeps_memory_bounded() {
        TempDir root;
        const QString runs = QString::fromStdString(root.file("runs"));
        write_good_run(runs + "/good");
        make_big_run(runs + "/big");
        widgets::RunsView view;
        workbench::RunLibraryPresenter library(view);
        QTest::qWait(50);  // the view's first layout and replot are not the reads' doing
        if (!reset_peak_rss()) QSKIP("/proc/self/clear_refs cannot be written here");
        const long empty_list = peak_rss_kib();
        QVERIFY(empty_list > 0);
        library.open(runs);
        QVERIFY(settle(library));
        const long after = peak_rss_kib();
        qInfo("peak RSS: %ld KiB with an empty run list, %ld KiB after reading the 200 MB line", empty_list, after);
        QCOMPARE(view.runs().size(), 1);
        QCOMPARE(view.notes().size(), 1);
        QVERIFY2(view.notes()[0].startsWith("runs/big/metrics.jsonl: line 1 is longer than"), qPrintable(view.notes()[0]));
        QVERIFY2(after <= 2 * empty_list, qPrintable(QString("%1 > 2 × %2 KiB").arg(after).arg(empty_list)));
        // And well under the file itself: the line is refused at the cap, not held.
        QVERIFY2((after - empty_list) * 1024 < kBigBytes / 4, qPrintable(QString("grew by %1 KiB").arg(after - empty_list)));
    }

    void a_listed_run_that_turns_hostile_keeps_its_curves() {
        TempDir root;
        const QString runs = QString::fromStdString(root.file("runs"));
        write_file(runs + "/a/config.json", config_json(1));
        write_file(runs + "/a/metrics.jsonl", rounds_text(2));
        widgets::RunsView view;
        workbench::RunLibraryPresenter library(view);
        library.set_poll_interval(20);
        library.open(runs);
        QVERIFY(settle(library));
        QCOMPARE(view.runs().size(), 1);
        QCOMPARE(view.runs()[0].rounds.size(), 2);
        QVERIFY(QFile::remove(runs + "/a/metrics.jsonl"));
        make_fifo(runs + "/a/metrics.jsonl");
        QTRY_COMPARE_WITH_TIMEOUT(view.runs()[0].status, QString("cannot read: runs/a/metrics.jsonl: is a FIFO, not a regular file"), 5000);
        QCOMPARE(view.runs()[0].rounds.size(), 2);  // what was read stays
        QCOMPARE(view.notes(), QStringList());     // a listed run's fault is in its own status
    }

    void the_list_is_capped_and_says_so() {
        TempDir root;
        const QString runs = QString::fromStdString(root.file("many"));
        for (int i = 0; i < 503; ++i) {
            const QString dir = QString("%1/run-%2").arg(runs).arg(i, 3, 10, QChar('0'));
            write_file(dir + "/config.json", config_json(static_cast<quint64>(i)));
            write_file(dir + "/metrics.jsonl", rounds_text(1));
        }
        widgets::RunsView view;
        workbench::RunLibraryPresenter library(view);
        QElapsedTimer clock;
        clock.start();
        library.open(runs, false);
        QVERIFY(settle(library, 20000));
        qInfo("503 run folders read in %lld ms", static_cast<long long>(clock.elapsed()));
        QCOMPARE(view.runs().size(), 500);
        QVERIFY(view.runs().last().folder.endsWith("/run-499"));
        QCOMPARE(view.notes(), QStringList{QString("showing the first 500 of 503 run folders under %1").arg(QDir(runs).absolutePath())});
    }

    void the_walk_is_bounded_in_depth_and_folders() {
        TempDir root;
        const QString top = QString::fromStdString(root.file("top"));
        write_good_run(top + "/a/b/c");        // 3 levels down: found
        write_good_run(top + "/d/e/f/g");      // 4: not searched
        for (int i = 0; i < 5; ++i) QDir().mkpath(QString("%1/wide/w%2").arg(top).arg(i));
        const auto deep = workbench::scan_run_folders(top);
        QCOMPARE(deep.runs, QStringList{QFileInfo(top + "/a/b/c").canonicalFilePath()});
        QCOMPARE(deep.notes, QStringList{"1 folder 3 levels down holds folders not searched (the search goes 3 levels deep), e.g. top/d/e/f"});
        QVERIFY(!deep.cut_short);

        workbench::RunScanLimits few;
        few.max_folders = 4;  // top, a, a/b, a/b/c: then it stops
        const auto cut = workbench::scan_run_folders(top, few);
        QCOMPARE(cut.runs.size(), 1);
        QVERIFY(cut.cut_short);
        QCOMPARE(cut.notes, QStringList{"stopped after searching 4 folders: run folders further on are not listed"});
        few.max_runs = 0;
        QCOMPARE(workbench::scan_run_folders(top, few).notes.first(),
                 QString("showing the first 0 of ≥ 1 run folders under %1").arg(QDir(top).absolutePath()));

        const auto not_folder = workbench::scan_run_folders(top + "/a/b/c/config.json");
        QCOMPARE(not_folder.error, top + "/a/b/c/config.json: not a folder");
        const QString fifo = QString::fromStdString(root.file("fifo"));
        make_fifo(fifo);
        QCOMPARE(workbench::scan_run_folders(fifo).error, fifo + ": not a folder");
    }

    void a_walk_cut_short_is_repeated_every_tenth_poll() {
        TempDir root;
        const QString top = QString::fromStdString(root.file("huge"));
        write_good_run(top + "/b-run");
        for (int i = 0; i < 30; ++i) QVERIFY(QDir().mkpath(QString("%1/c/%2").arg(top).arg(i)));
        widgets::RunsView view;
        workbench::RunLibraryPresenter library(view);
        workbench::RunScanLimits limits;
        limits.max_folders = 20;
        library.set_walk_limits(limits);
        library.set_poll_interval(10);
        library.open(top);
        QVERIFY(settle(library));
        QCOMPARE(view.runs().size(), 1);
        QCOMPARE(view.notes(), QStringList{"stopped after searching 20 folders: run folders further on are not listed"});
        // A new run appears at the next walk; written then, the one after at the walk after.
        QSignalSpy passes(&library, &workbench::RunLibraryPresenter::pass_done);
        QVector<qsizetype> walks;  // passes ended when a new run appeared
        connect(&library, &workbench::RunLibraryPresenter::runs_read, this, [&] {
            walks << passes.size();
            if (walks.size() < 3) write_good_run(QString("%1/a%2-run").arg(top).arg(walks.size()));  // first in path order
        });
        write_good_run(top + "/a0-run");
        QTRY_COMPARE_WITH_TIMEOUT(walks.size(), 3, 10000);
        QCOMPARE(view.runs().size(), 4);
        QCOMPARE(walks[2] - walks[1], 10);
        QCOMPARE(walks[1] - walks[0], 10);
    }

    void the_window_shows_them() {
        TempDir root, saved;
        qputenv("FEDHAP_WORKBENCH_RUNS", QByteArray::fromStdString(saved.path()));
        const QString runs = make_hostile_runs(root);
        {
            workbench::MainWindow window;
            window.open_runs(runs);
            QTRY_VERIFY_WITH_TIMEOUT(!window.run_library().busy(), 5000);
            auto* view = window.findChild<widgets::RunsView*>("runs");
            QCOMPARE(view->runs().size(), 1);
            QCOMPARE(view->notes(), hostile_notes());
            auto* notes = view->findChild<QListWidget*>("run_notes");
            QVERIFY(notes && notes->isVisibleTo(view));
            QCOMPARE(notes->count(), hostile_notes().size());
        }
        qunsetenv("FEDHAP_WORKBENCH_RUNS");
    }
};

QTEST_MAIN(HostileRunsTest)
#include "gui_test_hostile_runs.moc"
