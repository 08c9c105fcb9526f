#pragma once
// The method and every FedHAP switch (method/method_options.h). Picking a method loads its preset;
// each switch can then be changed to study it.
#include <QGroupBox>

#include <vector>

#include "method/method_options.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace fedhap::workbench {

class MethodForm : public QGroupBox {
    Q_OBJECT
public:
    explicit MethodForm(QWidget* parent = nullptr);
    MethodOptions options() const;
    void set_options(const MethodOptions& options);  // emits nothing

Q_SIGNALS:
    void changed();

private:
    void update_enabled_fields();
    QComboBox *method_, *similarity_, *prototype_loss_, *init_, *aggregation_, *upload_, *disc_input_;
    QCheckBox *adversarial_, *share_discriminator_;
    std::vector<QDoubleSpinBox*> reals_;  // one per row of kRealSettings (method_form.cpp), in its order
    QSpinBox* proto_min_distance_;
};

}  // namespace fedhap::workbench
