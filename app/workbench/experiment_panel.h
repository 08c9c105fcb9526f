#pragma once
// The form where the user picks the dataset, the protocol sizes and the non-IID split.
#include <QWidget>

#include "split_settings.h"

class QComboBox;
class QLineEdit;
class QSpinBox;
class QDoubleSpinBox;
class QCheckBox;
class QLabel;

namespace fedhap::workbench {

class ExperimentPanel : public QWidget {
    Q_OBJECT
public:
    explicit ExperimentPanel(QWidget* parent = nullptr);
    SplitSettings settings() const;
    void set_settings(const SplitSettings& s);

Q_SIGNALS:
    void dataset_changed();    // kind, path or protocol sizes: the data must be reloaded
    void partition_changed();  // only the client split changed

private:
    void update_enabled_fields();
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
    QSpinBox* seed_;
};

}  // namespace fedhap::workbench
