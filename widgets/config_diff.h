#pragma once
// The settings that differ between two experiment files (JSON objects), by dotted key path.
#include <QString>
#include <QVector>

namespace fedhap::widgets {

struct ConfigDifference {
    QString key;  // e.g. "method.lambda_p"
    QString left, right;  // the values as JSON text; empty when the key is absent
};

QVector<ConfigDifference> diff_configs(const QString& left_json, const QString& right_json);

}  // namespace fedhap::widgets
