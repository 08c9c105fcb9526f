#pragma once
// File → Host a federation…: where to listen, how long a round waits, the shared secret, the run
// folder and how many silo processes to start on this machine.
#include <optional>

#include "settings/host_settings.h"

class QWidget;

namespace fedhap::workbench {

// Asks; nullopt when cancelled. `clients` is the experiment's number of silos.
std::optional<HostSettings> ask_host_settings(QWidget* parent, int clients, const HostSettings& previous);

}  // namespace fedhap::workbench
