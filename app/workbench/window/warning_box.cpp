#include "window/warning_box.h"

#include <QMessageBox>

namespace fedhap::workbench {

void show_warning(QWidget* parent, const QString& title, const QString& text) {
    auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, parent);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

}  // namespace fedhap::workbench
