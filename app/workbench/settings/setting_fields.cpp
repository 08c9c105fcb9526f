#include "settings/setting_fields.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLayout>
#include <QSpinBox>
#include <climits>

#include "real_spin_box.h"
#include "settings/setting_tips.h"

namespace fedhap::workbench {

QSpinBox* int_field(const limits::IntRange& range, const std::string& key, QWidget* parent) {
    Q_ASSERT(range.lo >= INT_MIN && range.hi <= INT_MAX);  // wider ranges need another widget (see the seed)
    auto* s = new QSpinBox(parent);
    s->setRange(static_cast<int>(range.lo), static_cast<int>(range.hi));
    set_setting_tip(s, key);
    return s;
}

widgets::RealSpinBox* real_field(const limits::RealRange& range, const std::string& key, QWidget* parent) {
    auto* s = new widgets::RealSpinBox(parent);
    s->setRange(range.lo, range.hi);
    set_setting_tip(s, key);
    return s;
}

QComboBox* choice_field(const std::vector<std::string>& names, const std::string& key, QWidget* parent) {
    auto* c = new QComboBox(parent);
    for (const auto& n : names) c->addItem(QString::fromStdString(n), QString::fromStdString(n));
    set_setting_tip(c, key);
    return c;
}

void set_setting_tip(QWidget* field, const std::string& key) { field->setToolTip(setting_tip(key)); }

void share_tips_with_labels(QFormLayout* form) {
    for (int row = 0; row < form->rowCount(); ++row) {
        QLayoutItem* label = form->itemAt(row, QFormLayout::LabelRole);
        QLayoutItem* field = form->itemAt(row, QFormLayout::FieldRole);
        if (!label || !label->widget() || !field) continue;
        // A row of several widgets (a path and its Browse… button) is explained by its first.
        QWidget* explained = field->widget() ? field->widget()
                             : field->layout() && field->layout()->count() > 0 ? field->layout()->itemAt(0)->widget()
                                                                               : nullptr;
        if (explained) label->widget()->setToolTip(explained->toolTip());
    }
}

std::string chosen(const QComboBox* box) { return box->currentData().toString().toStdString(); }

void choose(QComboBox* box, const std::string& name) {
    const int i = box->findData(QString::fromStdString(name));
    if (i >= 0) box->setCurrentIndex(i);
}

}  // namespace fedhap::workbench
