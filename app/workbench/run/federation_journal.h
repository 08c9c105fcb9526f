#pragma once
// Folds the silo events of a cross-silo run (crosssilo/silo_journal.h's JSON lines, live or read
// from silos.jsonl) into what the federation view shows.
#include <QByteArray>

#include "federation_status.h"

namespace fedhap::workbench {

// Applies one line; returns false (and changes nothing) for a line it cannot read.
bool apply_journal_line(widgets::FederationStatus& status, const QByteArray& line);

}  // namespace fedhap::workbench
