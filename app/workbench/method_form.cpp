#include "method_form.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>

namespace fedhap::workbench {
namespace {

QDoubleSpinBox* number(double lo, double hi, int decimals, const QString& tip, QWidget* parent) {
    auto* s = new QDoubleSpinBox(parent);
    s->setRange(lo, hi);
    s->setDecimals(decimals);
    s->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    s->setToolTip(tip);
    return s;
}

QComboBox* choices(const std::vector<std::string>& names, QWidget* parent) {
    auto* c = new QComboBox(parent);
    for (const auto& n : names) c->addItem(QString::fromStdString(n), QString::fromStdString(n));
    return c;
}

std::string chosen(const QComboBox* c) { return c->currentData().toString().toStdString(); }
void choose(QComboBox* c, const std::string& name) { c->setCurrentIndex(c->findData(QString::fromStdString(name))); }

}  // namespace

MethodForm::MethodForm(QWidget* parent) : QGroupBox(tr("Method"), parent) {
    auto* form = new QFormLayout(this);
    method_ = choices(method_names(), this);
    // The paper's full text is not available: say so where the method is picked.
    method_->setItemText(method_->findData("fedhap"), tr("fedhap — FedHAP (reconstruction)"));
    method_->setToolTip(tr("Picking a method loads its preset of the switches below"));
    form->addRow(tr("Method"), method_);
    similarity_ = choices({"none", "dpsh"}, this);
    prototype_loss_ = choices({"none", "bce", "mse", "ce"}, this);
    init_ = choices({"hadamard", "random", "none"}, this);
    aggregation_ = choices({"count-weighted-sign", "mean-sign", "majority-vote", "mean", "fixed"}, this);
    upload_ = choices({"weights+prototypes", "prototypes", "weights", "nothing"}, this);
    similarity_->setToolTip(tr("Pairwise similarity loss on each batch"));
    prototype_loss_->setToolTip(tr("Pulls each relaxed code towards its class prototype (ce: cosine CE over all prototypes)"));
    init_->setToolTip(tr("Round-0 prototypes: Hadamard/CSQ centres, random balanced codes, or none"));
    aggregation_->setToolTip(tr("How the server turns the clients' local prototypes into global ones"));
    upload_->setToolTip(tr("What clients send up; 'prototypes' keeps the backbone local (personalised)"));
    form->addRow(tr("Similarity loss"), similarity_);
    form->addRow(tr("Prototype loss"), prototype_loss_);
    form->addRow(tr("Prototype init"), init_);
    form->addRow(tr("Prototype aggregation"), aggregation_);
    form->addRow(tr("Upload"), upload_);
    adversarial_ = new QCheckBox(tr("adversarial discriminator"), this);
    share_discriminator_ = new QCheckBox(tr("share the discriminator"), this);
    adversarial_->setToolTip(tr("A client-side discriminator tells prototypes from local codes; the hashing net learns to fool it"));
    form->addRow(QString(), adversarial_);
    form->addRow(QString(), share_discriminator_);
    lambda_similarity_ = number(0, 1e6, 3, tr("Weight of the similarity loss"), this);
    lambda_prototype_ = number(0, 1e6, 3, tr("λp: weight of the prototype loss"), this);
    lambda_adversarial_ = number(0, 1e6, 3, tr("λa: weight of the adversarial loss"), this);
    lambda_quantization_ = number(0, 1e6, 4, tr("λq: weight of mean((|u|−1)²)"), this);
    form->addRow(tr("λ similarity"), lambda_similarity_);
    form->addRow(tr("λ prototype"), lambda_prototype_);
    form->addRow(tr("λ adversarial"), lambda_adversarial_);
    form->addRow(tr("λ quantization"), lambda_quantization_);
    ce_scale_ = number(1e-6, 1e6, 2, tr("s of the cosine cross-entropy"), this);
    ce_margin_ = number(0, 2, 3, tr("m of the cosine cross-entropy"), this);
    logit_adjust_ = number(0, 100, 2, tr("τ: logit adjustment by the client's own class prior"), this);
    form->addRow(tr("CE scale s"), ce_scale_);
    form->addRow(tr("CE margin m"), ce_margin_);
    form->addRow(tr("Logit adjust τ"), logit_adjust_);
    server_momentum_ = number(0, 0.999, 3, tr("FedAvgM: β-momentum of the server update"), this);
    disc_real_noise_ = number(0, 10, 3, tr("Std of the noise on real (prototype) samples"), this);
    participation_ = number(0.01, 1, 2, tr("Fraction of clients sampled each round"), this);
    fedprox_mu_ = number(0, 1e6, 4, tr("FedProx proximal term μ"), this);
    proto_dp_sigma_ = number(0, 1e6, 3, tr("Gaussian noise on each uploaded prototype (privacy)"), this);
    form->addRow(tr("Server momentum"), server_momentum_);
    form->addRow(tr("Disc. real noise"), disc_real_noise_);
    form->addRow(tr("Participation"), participation_);
    form->addRow(tr("FedProx μ"), fedprox_mu_);
    form->addRow(tr("Prototype DP σ"), proto_dp_sigma_);

    method_->setObjectName("method");
    prototype_loss_->setObjectName("prototype_loss");
    adversarial_->setObjectName("adversarial");
    lambda_prototype_->setObjectName("lambda_prototype");
    set_options(method_preset(Method::FedHap));

    connect(method_, &QComboBox::currentIndexChanged, this, [this] {
        set_options(method_preset(parse_method(chosen(method_))));
        Q_EMIT changed();
    });
    for (QComboBox* c : {similarity_, prototype_loss_, init_, aggregation_, upload_})
        connect(c, &QComboBox::currentIndexChanged, this, [this] {
            update_enabled_fields();
            Q_EMIT changed();
        });
    for (QCheckBox* c : {adversarial_, share_discriminator_})
        connect(c, &QCheckBox::toggled, this, [this] {
            update_enabled_fields();
            Q_EMIT changed();
        });
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
    o.lambda_similarity = lambda_similarity_->value();
    o.lambda_prototype = lambda_prototype_->value();
    o.lambda_adversarial = lambda_adversarial_->value();
    o.lambda_quantization = lambda_quantization_->value();
    o.ce_scale = ce_scale_->value();
    o.ce_margin = ce_margin_->value();
    o.logit_adjust = logit_adjust_->value();
    o.server_momentum = server_momentum_->value();
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
    lambda_similarity_->setValue(o.lambda_similarity);
    lambda_prototype_->setValue(o.lambda_prototype);
    lambda_adversarial_->setValue(o.lambda_adversarial);
    lambda_quantization_->setValue(o.lambda_quantization);
    ce_scale_->setValue(o.ce_scale);
    ce_margin_->setValue(o.ce_margin);
    logit_adjust_->setValue(o.logit_adjust);
    server_momentum_->setValue(o.server_momentum);
    disc_real_noise_->setValue(o.disc_real_noise);
    participation_->setValue(o.participation);
    fedprox_mu_->setValue(o.fedprox_mu);
    proto_dp_sigma_->setValue(o.proto_dp_sigma);
    for (QWidget* w : fields) w->blockSignals(false);
    update_enabled_fields();
}

void MethodForm::update_enabled_fields() {
    // Grey out what the current switches make irrelevant, so the form explains itself.
    const bool proto = chosen(prototype_loss_) != "none";
    const bool ce = chosen(prototype_loss_) == "ce";
    const bool adv = adversarial_->isChecked();
    lambda_similarity_->setEnabled(chosen(similarity_) != "none");
    lambda_prototype_->setEnabled(proto);
    ce_scale_->setEnabled(ce);
    ce_margin_->setEnabled(ce);
    logit_adjust_->setEnabled(ce);
    lambda_adversarial_->setEnabled(adv);
    share_discriminator_->setEnabled(adv);
    disc_real_noise_->setEnabled(adv);
}

}  // namespace fedhap::workbench
