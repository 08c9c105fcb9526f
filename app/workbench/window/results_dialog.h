#pragma once
// Help → What the measurements say: docs/RESULTS.md (built into the binary), so the window tells
// the same measured truth as the README — which parts of FedHAP help and which do not.
class QWidget;

namespace fedhap::workbench {

void show_results_dialog(QWidget* parent);

}  // namespace fedhap::workbench
