#pragma once
// Form fields for experiment settings, built from core's own ranges (experiment/config_limits.h)
// and name tables, so the panel offers exactly what the JSON files and the CLI accept.
#include <string>
#include <vector>

#include "experiment/config_limits.h"

class QComboBox;
class QSpinBox;
class QWidget;
class QString;

namespace fedhap::widgets {
class RealSpinBox;
}

namespace fedhap::workbench {

QSpinBox* int_field(const limits::IntRange& range, const QString& tip, QWidget* parent);
widgets::RealSpinBox* real_field(const limits::RealRange& range, const QString& tip, QWidget* parent);
QComboBox* choice_field(const std::vector<std::string>& names, const QString& tip, QWidget* parent);

std::string chosen(const QComboBox* box);          // the name picked
void choose(QComboBox* box, const std::string& name);  // selects it; unknown names are ignored

}  // namespace fedhap::workbench
