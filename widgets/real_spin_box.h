#pragma once
// A QDoubleSpinBox that keeps every value exactly and shows it in the shortest form that reads back
// the same (1e-12, 0.001, 2.5e+06). A plain QDoubleSpinBox rounds to a fixed number of decimals, so
// a setting loaded from a file and saved again would change.
#include <QDoubleSpinBox>

namespace fedhap::widgets {

class RealSpinBox : public QDoubleSpinBox {
    Q_OBJECT
public:
    explicit RealSpinBox(QWidget* parent = nullptr);

    QString textFromValue(double value) const override;
    double valueFromText(const QString& text) const override;
    QValidator::State validate(QString& text, int& pos) const override;
    void fixup(QString& text) const override;
};

}  // namespace fedhap::widgets
