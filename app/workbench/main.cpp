// fedhap-workbench — the desktop workbench.
#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>
#include <cstdio>

#include "config.h"
#include "main_window.h"
#include "runtime/torch_runtime.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName("FedHAP");
    QApplication::setApplicationName("Workbench");
    QApplication::setApplicationVersion(FEDHAP_VERSION);

    QCommandLineParser cli;
    cli.setApplicationDescription("FedHAP Workbench: federated deep hashing with global prototypes");
    cli.addHelpOption();
    cli.addVersionOption();
    const QCommandLineOption screenshot_dir("screenshot-dir", "Save one PNG per view into DIR once the data is shown.", "DIR");
    const QCommandLineOption quit("quit", "Exit after the screenshots are saved.");
    cli.addOptions({screenshot_dir, quit});
    cli.process(app);

    fedhap::set_torch_threads(0);
    fedhap::workbench::MainWindow window;
    window.show();
    if (cli.isSet(screenshot_dir) || cli.isSet(quit)) {
        QObject::connect(&window, &fedhap::workbench::MainWindow::data_ready, &app, [&] {
            if (window.is_loading()) return;
            // Let the queued replots land before grabbing.
            QTimer::singleShot(300, &app, [&] {
                if (cli.isSet(screenshot_dir))
                    for (const auto& f : window.save_screenshots(cli.value(screenshot_dir)))
                        std::printf("%s\n", qPrintable(f));
                if (cli.isSet(quit)) QApplication::quit();
            });
        });
    }
    return app.exec();
}
