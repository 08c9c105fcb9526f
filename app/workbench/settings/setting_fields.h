#pragma once
// Form fields for experiment settings, built from core's own ranges (experiment/config_limits.h)
// and name tables, so the panel offers exactly what the JSON files and the CLI accept. Each is
// named by its JSON key ("method.lambda_p"), which gives it its tooltip (setting_tips.h).
#include <string>
#include <vector>

#include "experiment/config_limits.h"

class QComboBox;
class QFormLayout;
class QSpinBox;
class QWidget;

namespace fedhap::widgets {
class RealSpinBox;
}

namespace fedhap::workbench {

QSpinBox* int_field(const limits::IntRange& range, const std::string& key, QWidget* parent);
widgets::RealSpinBox* real_field(const limits::RealRange& range, const std::string& key, QWidget* parent);
QComboBox* choice_field(const std::vector<std::string>& names, const std::string& key, QWidget* parent);
// Any other field of a setting (a check box, a line edit): its tooltip from the table.
void set_setting_tip(QWidget* field, const std::string& key);
// Gives each row's label its field's tooltip, so hovering the setting's name explains it too.
void share_tips_with_labels(QFormLayout* form);

std::string chosen(const QComboBox* box);          // the name picked
void choose(QComboBox* box, const std::string& name);  // selects it; unknown names are ignored

}  // namespace fedhap::workbench
