#pragma once
// How the workbench hosts a cross-silo run (File → Host a federation…): the server's side of
// `fedhap serve`, plus an optional number of `fedhap join` processes started on this machine.
#include <QString>

namespace fedhap::workbench {

struct HostSettings {
    QString listen = "127.0.0.1:29500";  // port 0: a free one
    double round_timeout_seconds = 60;
    QString secret_file;                 // empty: messages are checked for damage only
    QString run_folder;                  // empty: nothing written
    int local_silos = 0;                 // silo processes to start here once the server listens
};

}  // namespace fedhap::workbench
