#pragma once
// The form that defines an experiment: data, protocol sizes, non-IID split, model and training,
// method and its switches. Reads and writes ExperimentConfig (the CLI's JSON format).
#include <QWidget>

#include "experiment/experiment_config.h"
#include "settings/split_settings.h"

class QComboBox;
class QLineEdit;
class QSpinBox;
class QDoubleSpinBox;
class QCheckBox;
class QGroupBox;
class QPushButton;

namespace fedhap::workbench {

class MethodForm;

class ExperimentPanel : public QWidget {
    Q_OBJECT
public:
    explicit ExperimentPanel(QWidget* parent = nullptr);
    SplitSettings settings() const;  // the data and split part, for the heat map
    ExperimentConfig config() const;
    // Emits dataset_changed once, so the caller reloads the data once.
    void set_config(const ExperimentConfig& config);
    void set_settings(const SplitSettings& s);

Q_SIGNALS:
    void dataset_changed();    // kind, path or protocol sizes: the data must be reloaded
    void partition_changed();  // only the client split changed
    void config_changed();     // anything changed

private:
    // The constructor's parts: each box builds its fields (and shares their tips with the labels).
    QGroupBox* build_data_box(QPushButton*& browse);
    QGroupBox* build_split_box();
    QGroupBox* build_train_box();
    void connect_fields(QPushButton* browse);
    void name_fields();
    void update_enabled_fields();
    QLineEdit* name_;
    QComboBox* dataset_;
    QLineEdit* path_;
    QSpinBox* query_per_class_;
    QSpinBox* train_per_class_;
    QComboBox* scheme_;
    QSpinBox* clients_;
    QDoubleSpinBox* alpha_;
    QSpinBox* min_size_;
    QCheckBox* balance_;
    QSpinBox* classes_per_client_;
    QSpinBox* shards_per_client_;
    QDoubleSpinBox* sigma_;
    QDoubleSpinBox* seed_;
    QComboBox* net_;
    QComboBox* lr_schedule_;
    QSpinBox* bits_;
    QSpinBox* hidden_;
    QSpinBox* rounds_;
    QSpinBox* local_epochs_;
    QSpinBox* batch_size_;
    QDoubleSpinBox* lr_;
    QComboBox* device_;
    QSpinBox* eval_every_;
    QSpinBox* eval_database_sample_;
    QCheckBox* pooled_;
    MethodForm* method_;
    int threads_ = 0;  // kept from a loaded file; not worth a field
};

}  // namespace fedhap::workbench
