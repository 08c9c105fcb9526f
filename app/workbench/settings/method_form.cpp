#include "settings/method_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QSpinBox>

#include "method/method_traits.h"
#include "real_spin_box.h"
#include "settings/setting_fields.h"

namespace fedhap::workbench {
namespace {

// Every real-valued switch once: its label, its key (config file and tip), where it lives in
// MethodOptions, its range, and the trait under which it takes effect (none: always).
struct RealSetting {
    const char* label;
    const char* key;
    double MethodOptions::*value;
    limits::RealRange range;
    bool MethodTraits::*applies;
};

const RealSetting kRealSettings[] = {
    {QT_TRANSLATE_NOOP("MethodForm", "λ similarity"), "method.lambda_sim", &MethodOptions::lambda_similarity, limits::lambda,
     &MethodTraits::similarity_term},
    {QT_TRANSLATE_NOOP("MethodForm", "λ prototype"), "method.lambda_p", &MethodOptions::lambda_prototype, limits::lambda,
     &MethodTraits::prototype_term},
    {QT_TRANSLATE_NOOP("MethodForm", "λ adversarial"), "method.lambda_a", &MethodOptions::lambda_adversarial, limits::lambda,
     &MethodTraits::adversarial_term},
    {QT_TRANSLATE_NOOP("MethodForm", "λ quantization"), "method.lambda_q", &MethodOptions::lambda_quantization, limits::lambda,
     nullptr},
    {QT_TRANSLATE_NOOP("MethodForm", "CE scale s"), "method.ce_scale", &MethodOptions::ce_scale, limits::ce_scale,
     &MethodTraits::cosine_ce_term},
    {QT_TRANSLATE_NOOP("MethodForm", "CE margin m"), "method.ce_margin", &MethodOptions::ce_margin, limits::ce_margin,
     &MethodTraits::cosine_ce_term},
    {QT_TRANSLATE_NOOP("MethodForm", "Logit adjust τ"), "method.logit_adjust", &MethodOptions::logit_adjust,
     limits::logit_adjust, &MethodTraits::cosine_ce_term},
    {QT_TRANSLATE_NOOP("MethodForm", "Absent-class logit α"), "method.absent_logit_scale", &MethodOptions::absent_logit_scale,
     limits::absent_logit_scale, &MethodTraits::cosine_ce_term},
    {QT_TRANSLATE_NOOP("MethodForm", "λ not-true distillation"), "method.lambda_ntd", &MethodOptions::lambda_not_true,
     limits::lambda, &MethodTraits::distillation_term},
    {QT_TRANSLATE_NOOP("MethodForm", "Distillation temperature"), "method.ntd_temperature", &MethodOptions::ntd_temperature,
     limits::ntd_temperature, &MethodTraits::distillation_term},
    {QT_TRANSLATE_NOOP("MethodForm", "λ decorrelation"), "method.lambda_decorr", &MethodOptions::lambda_decorrelation,
     limits::lambda, nullptr},
    {QT_TRANSLATE_NOOP("MethodForm", "Prototype smoothing ρ"), "method.proto_smoothing", &MethodOptions::proto_smoothing,
     limits::proto_smoothing, &MethodTraits::smoothed_prototypes},
    {QT_TRANSLATE_NOOP("MethodForm", "Server momentum"), "method.server_momentum", &MethodOptions::server_momentum,
     limits::server_momentum, &MethodTraits::shares_weights},
    {QT_TRANSLATE_NOOP("MethodForm", "Disc. real noise"), "method.disc_real_noise", &MethodOptions::disc_real_noise,
     limits::disc_real_noise, &MethodTraits::adversarial_term},
    {QT_TRANSLATE_NOOP("MethodForm", "Participation"), "method.participation", &MethodOptions::participation,
     limits::participation, nullptr},
    {QT_TRANSLATE_NOOP("MethodForm", "FedProx μ"), "method.fedprox_mu", &MethodOptions::fedprox_mu, limits::lambda, nullptr},
    {QT_TRANSLATE_NOOP("MethodForm", "Prototype DP σ"), "method.proto_dp_sigma", &MethodOptions::proto_dp_sigma,
     limits::lambda, &MethodTraits::shares_prototypes},
};

}  // namespace

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
    for (const RealSetting& setting : kRealSettings) {
        QDoubleSpinBox* field = real_field(setting.range, setting.key, this);
        // The key without "method." names the widget, for tests and accessibility tools.
        field->setObjectName(QString::fromLatin1(setting.key).section('.', 1));
        form->addRow(tr(setting.label), field);
        reals_.push_back(field);
        connect(field, &QDoubleSpinBox::valueChanged, this, &MethodForm::changed);
    }
    proto_min_distance_ = int_field(limits::proto_min_distance, "method.proto_min_distance", this);
    proto_min_distance_->setSpecialValueText(tr("auto (bits/4)"));  // −1
    form->addRow(tr("Prototype min. distance"), proto_min_distance_);
    share_tips_with_labels(form);

    method_->setObjectName("method");
    prototype_loss_->setObjectName("prototype_loss");
    adversarial_->setObjectName("adversarial");
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
    for (std::size_t i = 0; i < reals_.size(); ++i) o.*kRealSettings[i].value = reals_[i]->value();
    o.proto_min_distance = proto_min_distance_->value();
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
    for (std::size_t i = 0; i < reals_.size(); ++i) reals_[i]->setValue(o.*kRealSettings[i].value);
    proto_min_distance_->setValue(o.proto_min_distance);
    for (QWidget* w : fields) w->blockSignals(false);
    update_enabled_fields();
}

void MethodForm::update_enabled_fields() {
    // Grey out what the current switches make irrelevant, so the form explains itself.
    const MethodTraits t = method_traits(options());
    proto_min_distance_->setEnabled(t.separation_guard);
    for (std::size_t i = 0; i < reals_.size(); ++i)
        reals_[i]->setEnabled(kRealSettings[i].applies == nullptr || t.*kRealSettings[i].applies);
    share_discriminator_->setEnabled(t.adversarial_term);
    disc_input_->setEnabled(t.adversarial_term);
}

}  // namespace fedhap::workbench
