#include "runs/run_comparison.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QStringList>
#include <algorithm>
#include <exception>
#include <vector>

#include "config_diff.h"
#include "experiment/experiment_config.h"
#include "experiment/seed_comparison.h"

namespace fedhap::workbench {
namespace {

constexpr int kLabelSettings = 3;  // differing settings named in a label; the tooltip names all

// Settings that do not make a configuration: its identity and where it runs.
const QStringList& not_configuration() {
    static const QStringList keys{"name", "seed", "dataset.path", "training.device", "training.threads"};
    return keys;
}

QJsonObject comparable(const QString& config_json) {
    QJsonObject o = QJsonDocument::fromJson(config_json.toUtf8()).object();
    for (const QString& dotted : not_configuration()) {
        const QStringList path = dotted.split('.');
        if (path.size() == 1) {
            o.remove(path[0]);
        } else if (o.value(path[0]).isObject()) {
            QJsonObject section = o.value(path[0]).toObject();
            section.remove(path[1]);
            o.insert(path[0], section);
        }
    }
    return o;
}

QString key_of(const QJsonObject& o) { return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)); }

// The same configuration trained pooled, or empty when this one is pooled already.
QString pooled_key(QJsonObject o) {
    QJsonObject training = o.value("training").toObject();
    if (training.value("pooled").toBool(true)) return {};
    training.insert("pooled", true);
    o.insert("training", training);
    return key_of(o);
}

struct Group {
    QString key, json, method;
    QMap<quint64, const widgets::RunRecord*> by_seed;  // ascending seeds; a later run replaces an earlier
};

// The reference's settings under `method`'s preset when the reference uses another method.
QString label_baseline(const QString& reference_json, const QString& method) {
    try {
        ExperimentConfig c = config_from_json(reference_json.toStdString(), "reference");
        const Method m = parse_method(method.toStdString());
        if (c.method.method == m) return reference_json;
        c.method = method_preset(m);
        return QString::fromStdString(config_to_json(c));
    } catch (const std::exception&) {
        return reference_json;  // not a complete experiment file: compare with it as it is
    }
}

// "adversarial" for "method.adversarial"; "dataset" for "dataset.name".
QString short_key(const QString& dotted) {
    const QStringList path = dotted.split('.');
    return path.size() > 1 && path.last() == "name" ? path[path.size() - 2] : path.last();
}

void label_row(widgets::RunComparisonRow& row, const Group& g, const Group& reference) {
    row.label = g.method.isEmpty() ? QObject::tr("(no method)") : g.method;
    if (&g == &reference) return;
    QStringList named, details;
    for (const widgets::ConfigDifference& d : widgets::diff_configs(label_baseline(reference.json, g.method), g.json)) {
        if (not_configuration().contains(d.key) || d.key == "method.name") continue;  // the method leads the label
        named << short_key(d.key) + "=" + d.right;
        details << QString("%1: %2 → %3").arg(d.key, d.left, d.right);
    }
    if (named.size() > kLabelSettings) {
        const auto more = named.size() - (kLabelSettings - 1);
        named = named.mid(0, kLabelSettings - 1);
        named << QObject::tr("+%1 more").arg(more);
    }
    if (!named.isEmpty()) row.label += " · " + named.join(" · ");
    row.details = details.join("\n");
}

SeedMaps maps_of(const Group& g) {
    SeedMaps out;
    for (auto it = g.by_seed.begin(); it != g.by_seed.end(); ++it) out[it.key()] = it.value()->map_all;
    return out;
}

}  // namespace

QString comparison_key(const QString& config_json) { return key_of(comparable(config_json)); }

QMap<int, double> pooled_shares(const QVector<widgets::RunRecord>& runs) {
    QMap<QString, std::vector<double>> maps_by_key;  // of the completed runs
    for (const widgets::RunRecord& r : runs)
        if (r.completed) maps_by_key[comparison_key(r.config_json)].push_back(r.map_all);
    QMap<int, double> shares;
    for (const widgets::RunRecord& r : runs) {
        if (!r.completed) continue;
        const auto pooled = maps_by_key.constFind(pooled_key(comparable(r.config_json)));
        if (pooled == maps_by_key.constEnd()) continue;
        const double mean = summarize(*pooled).mean;
        if (mean > 0) shares.insert(r.id, 100.0 * r.map_all / mean);
    }
    return shares;
}

widgets::RunComparisonTable compare_runs(const QVector<widgets::RunRecord>& runs, const QString& reference_key) {
    QVector<Group> groups;
    for (const widgets::RunRecord& r : runs) {
        if (!r.completed) continue;
        const QString key = comparison_key(r.config_json);
        auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return g.key == key; });
        if (it == groups.end()) {
            const QJsonObject o = QJsonDocument::fromJson(r.config_json.toUtf8()).object();
            groups.push_back({key, r.config_json, o.value("method").toObject().value("name").toString(), {}});
            it = groups.end() - 1;
        }
        it->by_seed.insert(r.seed, &r);
    }
    widgets::RunComparisonTable table;
    if (groups.isEmpty()) return table;
    table.reference = 0;
    for (int i = 0; i < groups.size(); ++i)
        if (groups[i].key == reference_key) table.reference = i;
    const Group& reference = groups[table.reference];
    const SeedMaps reference_maps = maps_of(reference);

    for (int i = 0; i < groups.size(); ++i) {
        const Group& g = groups[i];
        widgets::RunComparisonRow row;
        row.key = g.key;
        row.reference = i == table.reference;
        label_row(row, g, reference);
        for (auto it = g.by_seed.begin(); it != g.by_seed.end(); ++it) {
            row.seeds << it.key();
            row.maps << it.value()->map_all;
            row.run_ids << it.value()->id;
        }
        const QString pooled = pooled_key(comparable(g.json));
        const Group* pooled_group = nullptr;
        for (const Group& p : groups)
            if (!pooled.isEmpty() && p.key == pooled) pooled_group = &p;
        const SeedMaps pooled_maps = pooled_group ? maps_of(*pooled_group) : SeedMaps{};
        const SeedMaps mine = maps_of(g);
        const ArmComparison cmp =
            compare_arm(mine, pooled_group ? &pooled_maps : nullptr, row.reference ? nullptr : &reference_maps);
        row.mean = cmp.summary.mean;
        row.sd = cmp.summary.sd;
        row.pct_of_pooled = cmp.pct_of_pooled;
        if (cmp.vs_reference) {
            const PairedDifference& d = *cmp.vs_reference;
            row.pairs = static_cast<int>(d.n);
            row.diff = d.mean;
            if (row.has_interval()) {
                row.diff_low = d.low();
                row.diff_high = d.high();
            }
        }
        table.rows << row;
    }
    return table;
}

}  // namespace fedhap::workbench
