#include "method_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QSpinBox>

#include "method/method_traits.h"
#include "real_spin_box.h"
#include "setting_fields.h"

namespace fedhap::workbench {

MethodForm::MethodForm(QWidget* parent) : QGroupBox(tr("Method"), parent) {
    auto* form = new QFormLayout(this);
    method_ = choice_field(method_names(), "method.name", this);
    // The paper's full text is not available: say so where the method is picked.
    method_->setItemText(method_->findData("fedhap"), tr("fedhap — FedHAP (reconstruction)"));
    form->addRow(tr("Method"), method_);
    similarity_ = choice_field(similarity_loss_names(), "method.similarity", this);
    prototype_loss_ = choice_field(prototype_loss_names(), "method.prototype_loss", this);
    init_ = choice_field(prototype_init_names(), "method.init", this);
    aggregation_ = choice_field(prototype_aggregation_names(), "method.proto_agg", this);
    upload_ = choice_field(upload_names(), "method.upload", this);
    form->addRow(tr("Similarity loss"), similarity_);
    form->addRow(tr("Prototype loss"), prototype_loss_);
    form->addRow(tr("Prototype init"), init_);
    form->addRow(tr("Prototype aggregation"), aggregation_);
    form->addRow(tr("Upload"), upload_);
    adversarial_ = new QCheckBox(tr("adversarial discriminator"), this);
    share_discriminator_ = new QCheckBox(tr("share the discriminator"), this);
    set_setting_tip(adversarial_, "method.adversarial");
    set_setting_tip(share_discriminator_, "method.share_disc");
    form->addRow(QString(), adversarial_);
    form->addRow(QString(), share_discriminator_);
    disc_input_ = choice_field(discriminator_input_names(), "method.disc_input", this);
    form->addRow(tr("Discriminator input"), disc_input_);
    lambda_similarity_ = real_field(limits::lambda, "method.lambda_sim", this);
    lambda_prototype_ = real_field(limits::lambda, "method.lambda_p", this);
    lambda_adversarial_ = real_field(limits::lambda, "method.lambda_a", this);
    lambda_quantization_ = real_field(limits::lambda, "method.lambda_q", this);
    form->addRow(tr("λ similarity"), lambda_similarity_);
    form->addRow(tr("λ prototype"), lambda_prototype_);
    form->addRow(tr("λ adversarial"), lambda_adversarial_);
    form->addRow(tr("λ quantization"), lambda_quantization_);
    ce_scale_ = real_field(limits::ce_scale, "method.ce_scale", this);
    ce_margin_ = real_field(limits::ce_margin, "method.ce_margin", this);
    logit_adjust_ = real_field(limits::logit_adjust, "method.logit_adjust", this);
    form->addRow(tr("CE scale s"), ce_scale_);
    form->addRow(tr("CE margin m"), ce_margin_);
    form->addRow(tr("Logit adjust τ"), logit_adjust_);
    server_momentum_ = real_field(limits::server_momentum, "method.server_momentum", this);
    disc_real_noise_ = real_field(limits::disc_real_noise, "method.disc_real_noise", this);
    participation_ = real_field(limits::participation, "method.participation", this);
    fedprox_mu_ = real_field(limits::lambda, "method.fedprox_mu", this);
    proto_dp_sigma_ = real_field(limits::lambda, "method.proto_dp_sigma", this);
    proto_min_distance_ = int_field(limits::proto_min_distance, "method.proto_min_distance", this);
    proto_min_distance_->setSpecialValueText(tr("auto (bits/4)"));  // −1
    form->addRow(tr("Prototype min. distance"), proto_min_distance_);
    form->addRow(tr("Server momentum"), server_momentum_);
    form->addRow(tr("Disc. real noise"), disc_real_noise_);
    form->addRow(tr("Participation"), participation_);
    form->addRow(tr("FedProx μ"), fedprox_mu_);
    form->addRow(tr("Prototype DP σ"), proto_dp_sigma_);
    share_tips_with_labels(form);

    method_->setObjectName("method");
    prototype_loss_->setObjectName("prototype_loss");
    adversarial_->setObjectName("adversarial");
    lambda_prototype_->setObjectName("lambda_prototype");
    set_options(method_preset(Method::FedHap));

    connect(method_, &QComboBox::currentIndexChanged, this, [this] {
        set_options(method_preset(parse_method(chosen(method_))));
        Q_EMIT changed();
    });
    for (QComboBox* c : {similarity_, prototype_loss_, init_, aggregation_, upload_, disc_input_})
        connect(c, &QComboBox::currentIndexChanged, this, [this] {
            update_enabled_fields();
            Q_EMIT changed();
        });
    for (QCheckBox* c : {adversarial_, share_discriminator_})
        connect(c, &QCheckBox::toggled, this, [this] {
            update_enabled_fields();
            Q_EMIT changed();
        });
    connect(proto_min_distance_, &QSpinBox::valueChanged, this, &MethodForm::changed);
    for (QDoubleSpinBox* s : {lambda_similarity_, lambda_prototype_, lambda_adversarial_, lambda_quantization_, ce_scale_,
                              ce_margin_, logit_adjust_, server_momentum_, disc_real_noise_, participation_, fedprox_mu_,
                              proto_dp_sigma_})
        connect(s, &QDoubleSpinBox::valueChanged, this, &MethodForm::changed);
}

MethodOptions MethodForm::options() const {
    MethodOptions o;
    o.method = parse_method(chosen(method_));
    o.similarity = parse_similarity_loss(chosen(similarity_));
    o.prototype_loss = parse_prototype_loss(chosen(prototype_loss_));
    o.init = parse_prototype_init(chosen(init_));
    o.aggregation = parse_prototype_aggregation(chosen(aggregation_));
    o.upload = parse_upload(chosen(upload_));
    o.adversarial = adversarial_->isChecked();
    o.share_discriminator = share_discriminator_->isChecked();
    o.disc_input = parse_discriminator_input(chosen(disc_input_));
    o.lambda_similarity = lambda_similarity_->value();
    o.lambda_prototype = lambda_prototype_->value();
    o.lambda_adversarial = lambda_adversarial_->value();
    o.lambda_quantization = lambda_quantization_->value();
    o.ce_scale = ce_scale_->value();
    o.ce_margin = ce_margin_->value();
    o.logit_adjust = logit_adjust_->value();
    o.server_momentum = server_momentum_->value();
    o.proto_min_distance = proto_min_distance_->value();
    o.disc_real_noise = disc_real_noise_->value();
    o.participation = participation_->value();
    o.fedprox_mu = fedprox_mu_->value();
    o.proto_dp_sigma = proto_dp_sigma_->value();
    return o;
}

void MethodForm::set_options(const MethodOptions& o) {
    const QList<QWidget*> fields = findChildren<QWidget*>();
    for (QWidget* w : fields) w->blockSignals(true);
    choose(method_, to_string(o.method));
    choose(similarity_, to_string(o.similarity));
    choose(prototype_loss_, to_string(o.prototype_loss));
    choose(init_, to_string(o.init));
    choose(aggregation_, to_string(o.aggregation));
    choose(upload_, to_string(o.upload));
    adversarial_->setChecked(o.adversarial);
    share_discriminator_->setChecked(o.share_discriminator);
    choose(disc_input_, to_string(o.disc_input));
    lambda_similarity_->setValue(o.lambda_similarity);
    lambda_prototype_->setValue(o.lambda_prototype);
    lambda_adversarial_->setValue(o.lambda_adversarial);
    lambda_quantization_->setValue(o.lambda_quantization);
    ce_scale_->setValue(o.ce_scale);
    ce_margin_->setValue(o.ce_margin);
    logit_adjust_->setValue(o.logit_adjust);
    server_momentum_->setValue(o.server_momentum);
    proto_min_distance_->setValue(o.proto_min_distance);
    disc_real_noise_->setValue(o.disc_real_noise);
    participation_->setValue(o.participation);
    fedprox_mu_->setValue(o.fedprox_mu);
    proto_dp_sigma_->setValue(o.proto_dp_sigma);
    for (QWidget* w : fields) w->blockSignals(false);
    update_enabled_fields();
}

void MethodForm::update_enabled_fields() {
    // Grey out what the current switches make irrelevant, so the form explains itself.
    const MethodTraits t = method_traits(options());
    proto_min_distance_->setEnabled(t.separation_guard);
    lambda_similarity_->setEnabled(t.similarity_term);
    lambda_prototype_->setEnabled(t.prototype_term);
    ce_scale_->setEnabled(t.cosine_ce_term);
    ce_margin_->setEnabled(t.cosine_ce_term);
    logit_adjust_->setEnabled(t.cosine_ce_term);
    lambda_adversarial_->setEnabled(t.adversarial_term);
    share_discriminator_->setEnabled(t.adversarial_term);
    disc_input_->setEnabled(t.adversarial_term);
    disc_real_noise_->setEnabled(t.adversarial_term);
}

}  // namespace fedhap::workbench
