#include "setting_fields.h"

#include <QComboBox>
#include <QSpinBox>
#include <climits>

#include "real_spin_box.h"

namespace fedhap::workbench {

QSpinBox* int_field(const limits::IntRange& range, const QString& tip, QWidget* parent) {
    Q_ASSERT(range.lo >= INT_MIN && range.hi <= INT_MAX);  // wider ranges need another widget (see the seed)
    auto* s = new QSpinBox(parent);
    s->setRange(static_cast<int>(range.lo), static_cast<int>(range.hi));
    s->setToolTip(tip);
    return s;
}

widgets::RealSpinBox* real_field(const limits::RealRange& range, const QString& tip, QWidget* parent) {
    auto* s = new widgets::RealSpinBox(parent);
    s->setRange(range.lo, range.hi);
    s->setToolTip(tip);
    return s;
}

QComboBox* choice_field(const std::vector<std::string>& names, const QString& tip, QWidget* parent) {
    auto* c = new QComboBox(parent);
    for (const auto& n : names) c->addItem(QString::fromStdString(n), QString::fromStdString(n));
    c->setToolTip(tip);
    return c;
}

std::string chosen(const QComboBox* box) { return box->currentData().toString().toStdString(); }

void choose(QComboBox* box, const std::string& name) {
    const int i = box->findData(QString::fromStdString(name));
    if (i >= 0) box->setCurrentIndex(i);
}

}  // namespace fedhap::workbench
