#include "config_diff.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

namespace fedhap::widgets {
namespace {

QString text_of(const QJsonValue& v) {
    if (v.isString()) return v.toString();
    if (v.isBool()) return v.toBool() ? "true" : "false";
    if (v.isDouble()) return QString::number(v.toDouble(), 'g', 10);
    if (v.isArray()) return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    return QString();
}

void flatten(const QJsonObject& o, const QString& prefix, QMap<QString, QString>& out) {
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = prefix.isEmpty() ? it.key() : prefix + "." + it.key();
        if (it.value().isObject()) flatten(it.value().toObject(), key, out);
        else out.insert(key, text_of(it.value()));
    }
}

QMap<QString, QString> flat(const QString& json) {
    QMap<QString, QString> out;
    flatten(QJsonDocument::fromJson(json.toUtf8()).object(), QString(), out);
    return out;
}

}  // namespace

QVector<ConfigDifference> diff_configs(const QString& left_json, const QString& right_json) {
    const auto a = flat(left_json), b = flat(right_json);
    QStringList keys = a.keys() + b.keys();
    keys.removeDuplicates();
    keys.sort();
    QVector<ConfigDifference> out;
    for (const QString& k : keys)
        if (a.value(k) != b.value(k) || a.contains(k) != b.contains(k)) out.push_back({k, a.value(k), b.value(k)});
    return out;
}

}  // namespace fedhap::widgets
