#include "real_spin_box.h"

#include <QRegularExpression>
#include <cfloat>

namespace fedhap::widgets {
namespace {

// The C locale's number format, as in the JSON files the values come from.
bool parse(const QString& text, double& out) {
    bool ok = false;
    out = text.trimmed().toDouble(&ok);
    return ok;
}

}  // namespace

RealSpinBox::RealSpinBox(QWidget* parent) : QDoubleSpinBox(parent) {
    // The most decimals Qt allows: its internal rounding then leaves every double as it is.
    setDecimals(DBL_MAX_10_EXP + DBL_DIG);
    setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
}

QString RealSpinBox::textFromValue(double value) const { return QString::number(value, 'g', QLocale::FloatingPointShortest); }

double RealSpinBox::valueFromText(const QString& text) const {
    double v = 0.0;
    return parse(text, v) ? v : value();
}

QValidator::State RealSpinBox::validate(QString& text, int&) const {
    const QString t = text.trimmed();
    double v = 0.0;
    if (parse(t, v)) return v >= minimum() && v <= maximum() ? QValidator::Acceptable : QValidator::Intermediate;
    // What a number looks like while it is being typed: "", "-", "1.", "1e", "1e-".
    static const QRegularExpression partial(R"(^[+-]?(\d*\.?\d*)([eE][+-]?\d*)?$)");
    return partial.match(t).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
}

void RealSpinBox::fixup(QString& text) const { text = textFromValue(value()); }

}  // namespace fedhap::widgets
