#include "settings/experiment_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "settings/method_form.h"
#include "real_spin_box.h"
#include "settings/setting_fields.h"
#include "runtime/torch_runtime.h"

namespace fedhap::workbench {

ExperimentPanel::ExperimentPanel(QWidget* parent) : QWidget(parent) {
    QPushButton* browse = nullptr;
    QGroupBox* data_box = build_data_box(browse);
    QGroupBox* split_box = build_split_box();
    QGroupBox* train_box = build_train_box();
    method_ = new MethodForm(this);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(data_box);
    layout->addWidget(split_box);
    layout->addWidget(train_box);
    layout->addWidget(method_);
    layout->addStretch(1);
    connect_fields(browse);
    name_fields();
    set_config(ExperimentConfig{});  // the defaults are core's, as for the CLI
}

QGroupBox* ExperimentPanel::build_data_box(QPushButton*& browse) {
    name_ = new QLineEdit("experiment", this);
    set_setting_tip(name_, "name");
    auto* data_box = new QGroupBox(tr("Data"), this);
    auto* data_form = new QFormLayout(data_box);
    dataset_ = choice_field(dataset_kind_names(), "dataset.name", data_box);
    data_form->addRow(tr("Name"), name_);
    data_form->addRow(tr("Dataset"), dataset_);
    path_ = new QLineEdit(data_box);
    path_->setPlaceholderText(tr("default location"));
    set_setting_tip(path_, "dataset.path");
    browse = new QPushButton(tr("Browse…"), data_box);
    browse->setToolTip(tr("Choose the dataset's folder (or digits.png)"));
    auto* path_row = new QHBoxLayout;
    path_row->addWidget(path_, 1);
    path_row->addWidget(browse);
    data_form->addRow(tr("Path"), path_row);
    query_per_class_ = int_field(limits::per_class, "dataset.query_per_class", data_box);
    train_per_class_ = int_field(limits::per_class, "dataset.train_per_class", data_box);
    data_form->addRow(tr("Queries / class"), query_per_class_);
    data_form->addRow(tr("Train / class"), train_per_class_);
    share_tips_with_labels(data_form);
    return data_box;
}

QGroupBox* ExperimentPanel::build_split_box() {
    auto* split_box = new QGroupBox(tr("Non-IID split"), this);
    auto* split_form = new QFormLayout(split_box);
    scheme_ = choice_field(partition_scheme_names(), "partition.scheme", split_box);
    split_form->addRow(tr("Scheme"), scheme_);
    clients_ = int_field(limits::clients, "partition.clients", split_box);
    split_form->addRow(tr("Clients"), clients_);
    alpha_ = real_field(limits::alpha, "partition.alpha", split_box);
    split_form->addRow(tr("Dirichlet α"), alpha_);
    min_size_ = int_field(limits::min_partition_size, "partition.min_size", split_box);
    split_form->addRow(tr("Min. client size"), min_size_);
    balance_ = new QCheckBox(tr("self-balancing"), split_box);
    set_setting_tip(balance_, "partition.balance");
    split_form->addRow(QString(), balance_);
    classes_per_client_ = int_field(limits::per_client, "partition.classes_per_client", split_box);
    split_form->addRow(tr("Classes / client"), classes_per_client_);
    shards_per_client_ = int_field(limits::per_client, "partition.shards_per_client", split_box);
    split_form->addRow(tr("Shards / client"), shards_per_client_);
    sigma_ = real_field(limits::noise_sigma, "partition.noise_sigma", split_box);
    split_form->addRow(tr("Noise σ (last client)"), sigma_);
    // Seeds go up to 2^53, beyond an int: a whole-number QDoubleSpinBox holds them exactly.
    seed_ = new QDoubleSpinBox(split_box);
    seed_->setDecimals(0);
    seed_->setRange(static_cast<double>(limits::seed.lo), static_cast<double>(limits::seed.hi));
    set_setting_tip(seed_, "seed");
    split_form->addRow(tr("Seed"), seed_);
    share_tips_with_labels(split_form);
    return split_box;
}

QGroupBox* ExperimentPanel::build_train_box() {
    auto* train_box = new QGroupBox(tr("Model && training"), this);
    auto* train_form = new QFormLayout(train_box);
    net_ = choice_field(net_kind_names(), "model.net", train_box);
    train_form->addRow(tr("Network"), net_);
    bits_ = int_field(limits::bits, "model.bits", train_box);
    bits_->setSingleStep(8);
    train_form->addRow(tr("Bits"), bits_);
    hidden_ = int_field(limits::hidden, "model.hidden", train_box);
    train_form->addRow(tr("Hidden units"), hidden_);
    rounds_ = int_field(limits::rounds, "training.rounds", train_box);
    train_form->addRow(tr("Rounds"), rounds_);
    local_epochs_ = int_field(limits::local_epochs, "training.local_epochs", train_box);
    train_form->addRow(tr("Local epochs"), local_epochs_);
    batch_size_ = int_field(limits::batch_size, "training.batch_size", train_box);
    train_form->addRow(tr("Batch size"), batch_size_);
    lr_ = real_field(limits::lr, "training.lr", train_box);
    train_form->addRow(tr("Learning rate"), lr_);
    lr_schedule_ = choice_field(lr_schedule_names(), "training.lr_schedule", train_box);
    train_form->addRow(tr("Learning-rate schedule"), lr_schedule_);
    device_ = new QComboBox(train_box);
    device_->addItem(tr("auto"), "auto");
    device_->addItem("cpu", "cpu");
    // Offer only the devices this machine has.
    for (int i = 0; cuda_available() && i < cuda_device_count(); ++i)
        device_->addItem(i == 0 ? QString("cuda") : QString("cuda:%1").arg(i), i == 0 ? QString("cuda") : QString("cuda:%1").arg(i));
    set_setting_tip(device_, "training.device");
    if (!cuda_available()) device_->setToolTip(device_->toolTip() + tr(" — LibTorch sees no CUDA GPU here: auto means cpu"));
    train_form->addRow(tr("Device"), device_);
    eval_every_ = int_field(limits::eval_every, "training.eval_every", train_box);
    train_form->addRow(tr("Evaluate every"), eval_every_);
    eval_database_sample_ = int_field(limits::eval_database_sample, "training.eval_database_sample", train_box);
    eval_database_sample_->setSpecialValueText(tr("whole database"));
    train_form->addRow(tr("Eval. database sample"), eval_database_sample_);
    pooled_ = new QCheckBox(tr("pooled: one node holds all training data"), train_box);
    set_setting_tip(pooled_, "training.pooled");
    train_form->addRow(QString(), pooled_);
    share_tips_with_labels(train_form);
    return train_box;
}

void ExperimentPanel::connect_fields(QPushButton* browse) {
    connect(browse, &QPushButton::clicked, this, [this] {
        const bool wants_file = chosen(dataset_) == "digits";
        const QString chosen = wants_file
            ? QFileDialog::getOpenFileName(this, tr("Choose digits.png"), path_->text(), tr("Images (*.png)"))
            : QFileDialog::getExistingDirectory(this, tr("Choose the dataset folder"), path_->text());
        if (!chosen.isEmpty()) {
            path_->setText(chosen);
            Q_EMIT dataset_changed();
        }
    });
    connect(dataset_, &QComboBox::currentIndexChanged, this, [this] {
        path_->clear();
        Q_EMIT dataset_changed();
    });
    connect(path_, &QLineEdit::editingFinished, this, &ExperimentPanel::dataset_changed);
    for (QSpinBox* s : {query_per_class_, train_per_class_}) connect(s, &QSpinBox::valueChanged, this, &ExperimentPanel::dataset_changed);
    for (QSpinBox* s : {clients_, min_size_, classes_per_client_, shards_per_client_})
        connect(s, &QSpinBox::valueChanged, this, &ExperimentPanel::partition_changed);
    for (QDoubleSpinBox* s : {alpha_, sigma_, seed_}) connect(s, &QDoubleSpinBox::valueChanged, this, &ExperimentPanel::partition_changed);
    connect(balance_, &QCheckBox::toggled, this, &ExperimentPanel::partition_changed);
    connect(scheme_, &QComboBox::currentIndexChanged, this, [this] {
        update_enabled_fields();
        Q_EMIT partition_changed();
    });
    // The seed also draws the retrieval split.
    connect(seed_, &QDoubleSpinBox::valueChanged, this, &ExperimentPanel::dataset_changed);
    connect(this, &ExperimentPanel::dataset_changed, this, &ExperimentPanel::config_changed);
    connect(this, &ExperimentPanel::partition_changed, this, &ExperimentPanel::config_changed);
    connect(method_, &MethodForm::changed, this, &ExperimentPanel::config_changed);
    connect(name_, &QLineEdit::editingFinished, this, &ExperimentPanel::config_changed);
    for (QSpinBox* s : {bits_, hidden_, rounds_, local_epochs_, batch_size_, eval_every_, eval_database_sample_})
        connect(s, &QSpinBox::valueChanged, this, &ExperimentPanel::config_changed);
    connect(lr_, &QDoubleSpinBox::valueChanged, this, &ExperimentPanel::config_changed);
    connect(pooled_, &QCheckBox::toggled, this, &ExperimentPanel::config_changed);
    for (QComboBox* c : {net_, lr_schedule_, device_}) connect(c, &QComboBox::currentIndexChanged, this, &ExperimentPanel::config_changed);
}

void ExperimentPanel::name_fields() {
    // Names for tests and style sheets.
    name_->setObjectName("name");
    bits_->setObjectName("bits");
    rounds_->setObjectName("rounds");
    lr_->setObjectName("lr");
    device_->setObjectName("device");
    eval_every_->setObjectName("eval_every");
    dataset_->setObjectName("dataset");
    path_->setObjectName("data_path");
    scheme_->setObjectName("scheme");
    clients_->setObjectName("clients");
    alpha_->setObjectName("alpha");
    classes_per_client_->setObjectName("classes_per_client");
    seed_->setObjectName("seed");
}

void ExperimentPanel::update_enabled_fields() {
    const auto s = parse_partition_scheme(chosen(scheme_));
    const bool dir = s == PartitionScheme::Dirichlet, qty = s == PartitionScheme::Quantity;
    alpha_->setEnabled(dir || qty);
    min_size_->setEnabled(dir || qty);
    balance_->setEnabled(dir);
    classes_per_client_->setEnabled(s == PartitionScheme::Pathological);
    shards_per_client_->setEnabled(s == PartitionScheme::Shards);
    sigma_->setEnabled(s == PartitionScheme::FeatureNoise);
}

SplitSettings ExperimentPanel::settings() const {
    SplitSettings s;
    s.dataset = parse_dataset_kind(chosen(dataset_));
    s.data_path = path_->text().trimmed();
    s.sizes.query_per_class = static_cast<std::size_t>(query_per_class_->value());
    s.sizes.train_per_class = static_cast<std::size_t>(train_per_class_->value());
    auto& p = s.partition;
    p.scheme = parse_partition_scheme(chosen(scheme_));
    p.clients = static_cast<std::size_t>(clients_->value());
    p.alpha = alpha_->value();
    p.min_partition_size = static_cast<std::size_t>(min_size_->value());
    p.self_balancing = balance_->isChecked();
    p.classes_per_client = static_cast<std::size_t>(classes_per_client_->value());
    p.shards_per_client = static_cast<std::size_t>(shards_per_client_->value());
    p.noise_sigma = sigma_->value();
    p.seed = static_cast<std::uint64_t>(seed_->value());
    return s;
}

ExperimentConfig ExperimentPanel::config() const {
    const SplitSettings s = settings();
    ExperimentConfig c;
    c.name = name_->text().trimmed().toStdString();
    c.dataset = s.dataset;
    c.data_path = s.data_path.toStdString();
    c.sizes = s.sizes;
    c.partition = s.partition;
    c.seed = s.partition.seed;
    c.net = parse_net_kind(chosen(net_));
    c.bits = bits_->value();
    c.hidden = hidden_->value();
    c.rounds = rounds_->value();
    c.local_epochs = local_epochs_->value();
    c.batch_size = batch_size_->value();
    c.lr = lr_->value();
    c.lr_schedule = parse_lr_schedule(chosen(lr_schedule_));
    c.device = device_->currentData().toString().toStdString();
    c.threads = threads_;
    c.eval_every = eval_every_->value();
    c.eval_database_sample = static_cast<std::size_t>(eval_database_sample_->value());
    c.pooled = pooled_->isChecked();
    c.method = method_->options();
    return c;
}

void ExperimentPanel::set_config(const ExperimentConfig& c) {
    SplitSettings s;
    s.dataset = c.dataset;
    s.data_path = QString::fromStdString(c.data_path);
    s.sizes = c.sizes;
    s.partition = c.partition;
    s.partition.seed = c.seed;
    const QList<QWidget*> fields{name_,   net_,    bits_,       hidden_,           rounds_, local_epochs_, batch_size_,
                                 lr_,     lr_schedule_, device_, eval_every_, eval_database_sample_, pooled_};
    for (QWidget* w : fields) w->blockSignals(true);
    name_->setText(QString::fromStdString(c.name));
    choose(net_, to_string(c.net));
    bits_->setValue(c.bits);
    hidden_->setValue(c.hidden);
    rounds_->setValue(c.rounds);
    local_epochs_->setValue(c.local_epochs);
    batch_size_->setValue(c.batch_size);
    lr_->setValue(c.lr);
    choose(lr_schedule_, to_string(c.lr_schedule));
    // A device this machine lacks (a file from a GPU box) stays selected, marked, so saving keeps it.
    const QString device = QString::fromStdString(c.device);
    if (device_->findData(device) < 0) device_->addItem(tr("%1 (not on this machine)").arg(device), device);
    device_->setCurrentIndex(device_->findData(device));
    eval_every_->setValue(c.eval_every);
    eval_database_sample_->setValue(static_cast<int>(c.eval_database_sample));
    pooled_->setChecked(c.pooled);
    for (QWidget* w : fields) w->blockSignals(false);
    threads_ = c.threads;
    method_->set_options(c.method);
    set_settings(s);
    Q_EMIT dataset_changed();
}

void ExperimentPanel::set_settings(const SplitSettings& s) {
    // One reload by the caller, not one per field.
    const QList<QWidget*> fields{dataset_, path_, query_per_class_, train_per_class_, scheme_, clients_, alpha_,
                                 min_size_, balance_, classes_per_client_, shards_per_client_, sigma_, seed_};
    for (QWidget* w : fields) w->blockSignals(true);
    choose(dataset_, to_string(s.dataset));
    path_->setText(s.data_path);
    query_per_class_->setValue(static_cast<int>(s.sizes.query_per_class));
    train_per_class_->setValue(static_cast<int>(s.sizes.train_per_class));
    const auto& p = s.partition;
    choose(scheme_, to_string(p.scheme));
    clients_->setValue(static_cast<int>(p.clients));
    alpha_->setValue(p.alpha);
    min_size_->setValue(static_cast<int>(p.min_partition_size));
    balance_->setChecked(p.self_balancing);
    classes_per_client_->setValue(static_cast<int>(p.classes_per_client));
    shards_per_client_->setValue(static_cast<int>(p.shards_per_client));
    sigma_->setValue(p.noise_sigma);
    seed_->setValue(static_cast<double>(p.seed));
    for (QWidget* w : fields) w->blockSignals(false);
    update_enabled_fields();
}

}  // namespace fedhap::workbench
