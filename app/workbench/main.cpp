// fedhap-workbench — the desktop workbench.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QIcon>
#include <QTimer>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

#include "config.h"
#include "data/enable_image_datasets.h"
#include "settings/experiment_panel.h"
#include "views/federation_presenter.h"
#include "lessons/lesson_presenter.h"
#include "window/main_window.h"
#include "runs/run_library_presenter.h"
#include "runtime/torch_runtime.h"
#include "window/ui_stall_meter.h"

using fedhap::workbench::MainWindow;

namespace {

// Calls `then` once the embedding of the newest codes has settled, or after `limit_ms`.
void after_embedding(MainWindow& window, int limit_ms, std::function<void()> then) {
    auto once = std::make_shared<std::function<void()>>(std::move(then));
    auto fire = [once] {
        if (*once) std::exchange(*once, nullptr)();
    };
    if (!window.embedding_busy()) {
        QTimer::singleShot(0, &window, fire);
        return;
    }
    QObject::connect(&window, &MainWindow::embedding_settled, &window, fire);
    QTimer::singleShot(limit_ms, &window, fire);
}

// Calls `then` once the run library has no pass running or waiting (the folders of --runs are
// read off the GUI thread, so a screenshot waits for them).
void after_runs_read(MainWindow& window, std::function<void()> then) {
    auto& library = window.run_library();
    if (!library.busy()) return then();
    QObject::connect(&library, &fedhap::workbench::RunLibraryPresenter::pass_done, &window,
                     [&window, then] { after_runs_read(window, then); }, Qt::SingleShotConnection);
}

// Everything the command line takes: one list for the help (which needs no display) and the run.
// main() binds the members by position: add an option at the end, and to the binding there.
struct WorkbenchOptions {
    QCommandLineOption config{"config", "Load the experiment FILE (JSON, as the CLI writes it) and run it.", "FILE"};
    QCommandLineOption rounds{"rounds", "Run N rounds instead of the file's number.", "N"};
    QCommandLineOption screenshot_dir{"screenshot-dir", "Save one PNG per view into DIR once the data (or the run) is shown.", "DIR"};
    QCommandLineOption quit{"quit", "Exit after the screenshots are saved."};
    QCommandLineOption bench_ui{"bench-ui", "Train (the --config file, else the classroom preset, 2 rounds) and print how long the GUI thread stalled, as one JSON line."};
    QCommandLineOption host{"host", "Run the --config experiment as the server of a cross-silo run listening on HOST:PORT.", "HOST:PORT"};
    QCommandLineOption local_silos{"local-silos", "With --host: start N silo processes on this machine.", "N"};
    QCommandLineOption follow{"follow", "Show the silos of the fedhap serve run folder DIR as it runs.", "DIR"};
    QCommandLineOption runs{"runs", "Show every run folder under DIR in the Runs view, following those still being written.", "DIR"};
    QCommandLineOption lesson{"lesson", "Start the guided lesson NAME (non-iid, fedavg-breaks, prototypes, retrieval) on the classroom preset, or on --config.", "NAME"};
    QCommandLineOption autoplay{"autoplay", "With --lesson: go on to the next step by itself once a step is done (with --screenshot-dir, a picture of each step; with --quit, exit at the end)."};
    QCommandLineOption presentation{"presentation", "Start in presentation mode: full screen, larger text, a colour-blind-safe palette."};
    QCommandLineOption report{"report", "With --config: once the run is shown, write the report PDF FILE (and its PNG and CSV files beside it).", "FILE"};

    void describe(QCommandLineParser& cli) const {
        cli.setApplicationDescription("FedHAP Workbench: federated deep hashing with global prototypes");
        cli.addHelpOption();
        cli.addVersionOption();
        cli.addOptions({config, rounds, screenshot_dir, quit, bench_ui, host, local_silos, follow, runs, lesson, autoplay, presentation, report});
    }
};

// --lesson NAME [--config F] [--rounds N] [--autoplay] [--screenshot-dir D] [--quit].
int play_lesson(QApplication& app, MainWindow& window, const QCommandLineParser& cli, const WorkbenchOptions& o) {
    std::optional<fedhap::ExperimentConfig> base;
    if (cli.isSet(o.config)) {
        const QString error = window.open_experiment(cli.value(o.config));
        if (!error.isEmpty()) {
            std::fprintf(stderr, "fedhap-workbench: %s\n", qPrintable(error));
            return 2;
        }
        base = window.panel().config();
    }
    auto& lessons = window.lesson_presenter();
    const QString name = cli.value(o.lesson);
    QObject::connect(&lessons, &fedhap::workbench::LessonPresenter::step_ready, &app, [&](int step) {
        if (!cli.isSet(o.autoplay)) return;
        after_embedding(window, 60000, [&, step] {
            QTimer::singleShot(cli.isSet(o.screenshot_dir) ? 800 : 1500, &app, [&, step] {  // a moment to read
                if (cli.isSet(o.screenshot_dir)) {
                    const QString file = QDir(cli.value(o.screenshot_dir)).filePath(QString("lesson-%1-%2.png").arg(name).arg(step + 1));
                    QDir().mkpath(cli.value(o.screenshot_dir));
                    if (window.grab().save(file)) std::printf("%s\n", qPrintable(file));
                }
                lessons.next();
            });
        });
    });
    QObject::connect(&lessons, &fedhap::workbench::LessonPresenter::finished, &app, [&] {
        if (cli.isSet(o.quit)) QApplication::quit();
    });
    QString error;
    QTimer::singleShot(0, &app, [&] {
        error = lessons.start(name, base, cli.isSet(o.rounds) ? cli.value(o.rounds).toInt() : 0);
        if (!error.isEmpty()) {
            std::fprintf(stderr, "fedhap-workbench: %s\n", qPrintable(error));
            QApplication::exit(2);
        }
    });
    return app.exec();
}

bool asks_for_help_or_version(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "-h" || a == "-?" || a == "--help" || a == "--help-all" || a == "-v" || a == "--version") return true;
    }
    return false;
}

// A desktop application needs a display; say so in one line rather than let Qt abort.
bool has_display() {
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") ||
           !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

void name_application() {
    QCoreApplication::setOrganizationName("FedHAP");
    QCoreApplication::setApplicationName("Workbench");
    QCoreApplication::setApplicationVersion(FEDHAP_VERSION);
}

}  // namespace

int main(int argc, char** argv) {
    const WorkbenchOptions options;
    QCommandLineParser cli;
    options.describe(cli);
    if (asks_for_help_or_version(argc, argv)) {  // answered without a display
        QCoreApplication core(argc, argv);
        name_application();
        cli.process(core);
        return 0;
    }
    if (!has_display()) {
        std::fprintf(stderr, "fedhap-workbench: no display (DISPLAY is not set): run it in a desktop session or under "
                             "xvfb-run, or use the fedhap command line\n");
        return 2;
    }
    QApplication app(argc, argv);
    name_application();
    QGuiApplication::setDesktopFileName("fedhap-workbench");  // the task bar finds its .desktop entry
    app.setWindowIcon(QIcon::fromTheme("io.github.fedhap.Workbench", QIcon(":/icons/io.github.fedhap.Workbench.svg")));
    const auto& [config, rounds, screenshot_dir, quit, bench_ui, host, local_silos, follow, runs_dir, lesson, autoplay, presentation,
                 report] = options;
    cli.process(app);

    fedhap::set_torch_threads(0);
    fedhap::enable_image_datasets();
    MainWindow window;
    window.show();

    if (cli.isSet(presentation)) window.set_presentation_mode(true);
    if (cli.isSet(lesson)) return play_lesson(app, window, cli, options);
    const bool runs = cli.isSet(config) || cli.isSet(bench_ui);
    if (runs) {
        const QString file = cli.isSet(config) ? cli.value(config) : QString(":/presets/classroom.json");
        const QString error = window.open_experiment(file);
        if (!error.isEmpty()) {
            std::fprintf(stderr, "fedhap-workbench: %s\n", qPrintable(error));
            return 2;
        }
        fedhap::ExperimentConfig c = window.panel().config();
        if (cli.isSet(rounds)) c.rounds = cli.value(rounds).toInt();
        else if (cli.isSet(bench_ui)) c.rounds = 2;
        window.panel().set_config(c);
    }

    // Run, or host: the clients as silo processes that join this window's server.
    auto start = [&] {
        if (!cli.isSet(host)) return window.start_run();
        fedhap::workbench::HostSettings settings;
        settings.listen = cli.value(host);
        settings.local_silos = cli.value(local_silos).toInt();
        window.host_federation(settings);
    };
    if (cli.isSet(runs_dir)) {
        QObject::connect(&window.run_library(), &fedhap::workbench::RunLibraryPresenter::opened, &app,
                         [](const QString&, const QString& error) {
                             if (error.isEmpty()) return;
                             std::fprintf(stderr, "fedhap-workbench: %s\n", qPrintable(error));
                             QApplication::exit(2);
                         });
        window.open_runs(cli.value(runs_dir));
    }
    if (cli.isSet(follow)) {
        const QString error = window.federation().follow(cli.value(follow));
        if (!error.isEmpty()) {
            std::fprintf(stderr, "fedhap-workbench: %s\n", qPrintable(error));
            return 2;
        }
    }

    fedhap::workbench::UiStallMeter meter;
    QElapsedTimer wall;
    if (cli.isSet(bench_ui)) {
        QObject::connect(&window, &MainWindow::run_done, &app, [&](int, bool ok) {
            after_embedding(window, 60000, [&, ok] {
                meter.stop();
                std::printf("{\"stall_p50_ms\":%.2f,\"stall_p99_ms\":%.2f,\"stall_max_ms\":%.2f,\"samples\":%zu,"
                            "\"seconds\":%.1f,\"run_ok\":%s}\n",
                            meter.percentile_ms(50), meter.percentile_ms(99), meter.max_ms(), meter.samples(),
                            wall.elapsed() / 1000.0, ok ? "true" : "false");
                std::fflush(stdout);
                QApplication::exit(ok ? 0 : 1);
            });
        });
        QTimer::singleShot(0, &app, [&] {
            wall.start();
            meter.start();
            start();
        });
    } else if (runs && (cli.isSet(screenshot_dir) || cli.isSet(quit) || cli.isSet(report))) {
        QObject::connect(&window, &MainWindow::run_done, &app, [&](int, bool ok) {
            if (!ok) std::fprintf(stderr, "fedhap-workbench: the run failed: %s\n", qPrintable(window.last_error()));
            after_embedding(window, 60000, [&, ok] {
                QTimer::singleShot(300, &app, [&, ok] {  // let the last queued replots land
                    if (cli.isSet(screenshot_dir))
                        for (const auto& f : window.save_screenshots(cli.value(screenshot_dir))) std::printf("%s\n", qPrintable(f));
                    bool written = true;
                    if (cli.isSet(report)) {
                        const QString error = window.export_report(cli.value(report));
                        written = error.isEmpty();
                        if (written) std::printf("%s\n", qPrintable(cli.value(report)));
                        else std::fprintf(stderr, "fedhap-workbench: %s\n", qPrintable(error));
                    }
                    if (cli.isSet(quit)) QApplication::exit(ok && written ? 0 : 1);
                });
            });
        });
        QTimer::singleShot(0, &app, start);
    } else if (runs) {
        QTimer::singleShot(0, &app, start);
    } else if (cli.isSet(screenshot_dir) || cli.isSet(quit)) {
        QObject::connect(&window, &MainWindow::data_ready, &app, [&] {
            if (window.is_loading()) return;
            // Let the queued replots land before grabbing.
            after_runs_read(window, [&] {
                QTimer::singleShot(300, &app, [&] {
                    if (cli.isSet(screenshot_dir))
                        for (const auto& f : window.save_screenshots(cli.value(screenshot_dir))) std::printf("%s\n", qPrintable(f));
                    if (cli.isSet(quit)) QApplication::quit();
                });
            });
        });
    }
    return app.exec();
}
