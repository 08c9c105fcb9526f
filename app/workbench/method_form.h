#pragma once
// The method and every FedHAP switch (method/method_options.h). Picking a method loads its preset;
// each switch can then be changed to study it.
#include <QGroupBox>

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
    QDoubleSpinBox *lambda_similarity_, *lambda_prototype_, *lambda_adversarial_, *lambda_quantization_;
    QDoubleSpinBox *ce_scale_, *ce_margin_, *logit_adjust_, *server_momentum_, *disc_real_noise_;
    QDoubleSpinBox *participation_, *fedprox_mu_, *proto_dp_sigma_;
    QSpinBox* proto_min_distance_;
};

}  // namespace fedhap::workbench
