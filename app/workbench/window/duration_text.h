#pragma once
// Seconds as the status bar and the run list show them: "42 s", "3 min 07 s".
#include <QString>

namespace fedhap::workbench {

QString duration_text(double seconds);

}  // namespace fedhap::workbench
