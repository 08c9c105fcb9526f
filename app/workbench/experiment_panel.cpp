#include "experiment_panel.h"

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
#include <algorithm>

#include "method_form.h"
#include "runtime/torch_runtime.h"

namespace fedhap::workbench {
namespace {

QSpinBox* spin(int lo, int hi, int value, QWidget* parent) {
    auto* s = new QSpinBox(parent);
    s->setRange(lo, hi);
    s->setValue(value);
    return s;
}

}  // namespace

ExperimentPanel::ExperimentPanel(QWidget* parent) : QWidget(parent) {
    name_ = new QLineEdit("experiment", this);
    name_->setToolTip(tr("A name for this experiment (saved in the JSON file and shown in the runs list)"));
    auto* data_box = new QGroupBox(tr("Data"), this);
    auto* data_form = new QFormLayout(data_box);
    dataset_ = new QComboBox(data_box);
    for (const auto& n : dataset_kind_names()) dataset_->addItem(QString::fromStdString(n));
    data_form->addRow(tr("Name"), name_);
    data_form->addRow(tr("Dataset"), dataset_);
    path_ = new QLineEdit(data_box);
    path_->setPlaceholderText(tr("default location"));
    auto* browse = new QPushButton(tr("Browse…"), data_box);
    auto* path_row = new QHBoxLayout;
    path_row->addWidget(path_, 1);
    path_row->addWidget(browse);
    data_form->addRow(tr("Path"), path_row);
    query_per_class_ = spin(1, 100000, 100, data_box);
    train_per_class_ = spin(1, 100000, 500, data_box);
    query_per_class_->setToolTip(tr("Query images per class, drawn from the test part"));
    train_per_class_->setToolTip(tr("Training images per class, drawn from the database"));
    data_form->addRow(tr("Queries / class"), query_per_class_);
    data_form->addRow(tr("Train / class"), train_per_class_);

    auto* split_box = new QGroupBox(tr("Non-IID split"), this);
    auto* split_form = new QFormLayout(split_box);
    scheme_ = new QComboBox(split_box);
    for (const auto& n : partition_scheme_names()) scheme_->addItem(QString::fromStdString(n));
    scheme_->setCurrentText("dirichlet");
    split_form->addRow(tr("Scheme"), scheme_);
    clients_ = spin(1, 1000, 10, split_box);
    split_form->addRow(tr("Clients"), clients_);
    alpha_ = new QDoubleSpinBox(split_box);
    alpha_->setDecimals(3);
    alpha_->setRange(0.001, 10000.0);
    alpha_->setValue(0.1);
    alpha_->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    alpha_->setToolTip(tr("Dirichlet concentration: small values give each client few classes"));
    split_form->addRow(tr("Dirichlet α"), alpha_);
    min_size_ = spin(0, 100000, 10, split_box);
    split_form->addRow(tr("Min. client size"), min_size_);
    balance_ = new QCheckBox(tr("self-balancing"), split_box);
    split_form->addRow(QString(), balance_);
    classes_per_client_ = spin(1, 1000, 2, split_box);
    split_form->addRow(tr("Classes / client"), classes_per_client_);
    shards_per_client_ = spin(1, 1000, 2, split_box);
    split_form->addRow(tr("Shards / client"), shards_per_client_);
    sigma_ = new QDoubleSpinBox(split_box);
    sigma_->setRange(0.0, 2.0);
    sigma_->setSingleStep(0.05);
    sigma_->setValue(0.1);
    split_form->addRow(tr("Noise σ (last client)"), sigma_);
    seed_ = spin(0, 1 << 30, 0, split_box);
    split_form->addRow(tr("Seed"), seed_);

    auto* train_box = new QGroupBox(tr("Model && training"), this);
    auto* train_form = new QFormLayout(train_box);
    net_ = new QComboBox(train_box);
    net_->addItems({"cnn", "mlp"});
    train_form->addRow(tr("Network"), net_);
    bits_ = spin(8, 128, 32, train_box);
    bits_->setSingleStep(8);
    bits_->setToolTip(tr("Code length B (a multiple of 8 up to 128)"));
    train_form->addRow(tr("Bits"), bits_);
    hidden_ = spin(1, 65536, 256, train_box);
    train_form->addRow(tr("Hidden units"), hidden_);
    rounds_ = spin(1, 10000, 20, train_box);
    train_form->addRow(tr("Rounds"), rounds_);
    local_epochs_ = spin(1, 1000, 1, train_box);
    train_form->addRow(tr("Local epochs"), local_epochs_);
    batch_size_ = spin(1, 65536, 64, train_box);
    train_form->addRow(tr("Batch size"), batch_size_);
    lr_ = new QDoubleSpinBox(train_box);
    lr_->setDecimals(6);
    lr_->setRange(1e-6, 10.0);
    lr_->setValue(1e-3);
    lr_->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    lr_->setToolTip(tr("Adam learning rate"));
    train_form->addRow(tr("Learning rate"), lr_);
    device_ = new QComboBox(train_box);
    device_->addItem(tr("auto"), "auto");
    device_->addItem("cpu", "cpu");
    // Offer only the devices this machine has.
    for (int i = 0; cuda_available() && i < cuda_device_count(); ++i)
        device_->addItem(i == 0 ? QString("cuda") : QString("cuda:%1").arg(i), i == 0 ? QString("cuda") : QString("cuda:%1").arg(i));
    device_->setToolTip(cuda_available() ? tr("auto picks CUDA") : tr("LibTorch sees no CUDA GPU here: auto means cpu"));
    train_form->addRow(tr("Device"), device_);
    eval_every_ = spin(0, 10000, 5, train_box);
    eval_every_->setToolTip(tr("Rounds between mAP evaluations (0: only at the end)"));
    train_form->addRow(tr("Evaluate every"), eval_every_);
    eval_database_sample_ = spin(0, 10000000, 10000, train_box);
    eval_database_sample_->setSpecialValueText(tr("whole database"));
    eval_database_sample_->setToolTip(tr("Database items used for the per-round mAP (0: all)"));
    train_form->addRow(tr("Eval. database sample"), eval_database_sample_);

    method_ = new MethodForm(this);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(data_box);
    layout->addWidget(split_box);
    layout->addWidget(train_box);
    layout->addWidget(method_);
    layout->addStretch(1);

    connect(browse, &QPushButton::clicked, this, [this] {
        const bool wants_file = dataset_->currentText() == "digits";
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
    for (QSpinBox* s : {clients_, min_size_, classes_per_client_, shards_per_client_, seed_})
        connect(s, &QSpinBox::valueChanged, this, &ExperimentPanel::partition_changed);
    for (QDoubleSpinBox* s : {alpha_, sigma_}) connect(s, &QDoubleSpinBox::valueChanged, this, &ExperimentPanel::partition_changed);
    connect(balance_, &QCheckBox::toggled, this, &ExperimentPanel::partition_changed);
    connect(scheme_, &QComboBox::currentIndexChanged, this, [this] {
        update_enabled_fields();
        Q_EMIT partition_changed();
    });
    // The seed also draws the retrieval split.
    connect(seed_, &QSpinBox::valueChanged, this, &ExperimentPanel::dataset_changed);
    connect(this, &ExperimentPanel::dataset_changed, this, &ExperimentPanel::config_changed);
    connect(this, &ExperimentPanel::partition_changed, this, &ExperimentPanel::config_changed);
    connect(method_, &MethodForm::changed, this, &ExperimentPanel::config_changed);
    connect(name_, &QLineEdit::editingFinished, this, &ExperimentPanel::config_changed);
    for (QSpinBox* s : {bits_, hidden_, rounds_, local_epochs_, batch_size_, eval_every_, eval_database_sample_})
        connect(s, &QSpinBox::valueChanged, this, &ExperimentPanel::config_changed);
    connect(lr_, &QDoubleSpinBox::valueChanged, this, &ExperimentPanel::config_changed);
    for (QComboBox* c : {net_, device_}) connect(c, &QComboBox::currentIndexChanged, this, &ExperimentPanel::config_changed);
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
    update_enabled_fields();
}

void ExperimentPanel::update_enabled_fields() {
    const auto s = parse_partition_scheme(scheme_->currentText().toStdString());
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
    s.dataset = parse_dataset_kind(dataset_->currentText().toStdString());
    s.data_path = path_->text().trimmed();
    s.sizes.query_per_class = static_cast<std::size_t>(query_per_class_->value());
    s.sizes.train_per_class = static_cast<std::size_t>(train_per_class_->value());
    auto& p = s.partition;
    p.scheme = parse_partition_scheme(scheme_->currentText().toStdString());
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
    c.net = parse_net_kind(net_->currentText().toStdString());
    c.bits = bits_->value();
    c.hidden = hidden_->value();
    c.rounds = rounds_->value();
    c.local_epochs = local_epochs_->value();
    c.batch_size = batch_size_->value();
    c.lr = lr_->value();
    c.device = device_->currentData().toString().toStdString();
    c.threads = threads_;
    c.eval_every = eval_every_->value();
    c.eval_database_sample = static_cast<std::size_t>(eval_database_sample_->value());
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
    const QList<QWidget*> fields{name_, net_, bits_, hidden_, rounds_, local_epochs_, batch_size_, lr_, device_, eval_every_, eval_database_sample_};
    for (QWidget* w : fields) w->blockSignals(true);
    name_->setText(QString::fromStdString(c.name));
    net_->setCurrentText(QString::fromStdString(to_string(c.net)));
    bits_->setValue(c.bits);
    hidden_->setValue(c.hidden);
    rounds_->setValue(c.rounds);
    local_epochs_->setValue(c.local_epochs);
    batch_size_->setValue(c.batch_size);
    lr_->setValue(c.lr);
    // A device this machine lacks (a file from a GPU box) falls back to auto.
    const int device = device_->findData(QString::fromStdString(c.device));
    device_->setCurrentIndex(device >= 0 ? device : 0);
    eval_every_->setValue(c.eval_every);
    eval_database_sample_->setValue(static_cast<int>(std::min<std::size_t>(c.eval_database_sample, 10000000)));
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
    dataset_->setCurrentText(QString::fromStdString(to_string(s.dataset)));
    path_->setText(s.data_path);
    query_per_class_->setValue(static_cast<int>(s.sizes.query_per_class));
    train_per_class_->setValue(static_cast<int>(s.sizes.train_per_class));
    const auto& p = s.partition;
    scheme_->setCurrentText(QString::fromStdString(to_string(p.scheme)));
    clients_->setValue(static_cast<int>(p.clients));
    alpha_->setValue(p.alpha);
    min_size_->setValue(static_cast<int>(p.min_partition_size));
    balance_->setChecked(p.self_balancing);
    classes_per_client_->setValue(static_cast<int>(p.classes_per_client));
    shards_per_client_->setValue(static_cast<int>(p.shards_per_client));
    sigma_->setValue(p.noise_sigma);
    seed_->setValue(static_cast<int>(p.seed));
    for (QWidget* w : fields) w->blockSignals(false);
    update_enabled_fields();
}

}  // namespace fedhap::workbench
