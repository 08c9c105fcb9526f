#pragma once
// A warning for the user that does not block: window-modal, but the call returns at once, so
// automation and tests keep running while it is shown.
#include <QString>

class QWidget;

namespace fedhap::workbench {

void show_warning(QWidget* parent, const QString& title, const QString& text);

}  // namespace fedhap::workbench
