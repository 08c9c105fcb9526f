#include "run/federation_journal.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace fedhap::workbench {
namespace {

widgets::SiloStatus& silo_at(widgets::FederationStatus& status, int silo) {
    while (status.silos.size() <= silo) {
        widgets::SiloStatus s;
        s.silo = static_cast<int>(status.silos.size());
        status.silos.push_back(s);
    }
    return status.silos[silo];
}

}  // namespace

bool apply_journal_line(widgets::FederationStatus& status, const QByteArray& line) {
    const QJsonDocument doc = QJsonDocument::fromJson(line);
    if (!doc.isObject()) return false;
    const QJsonObject e = doc.object();
    const QString event = e["event"].toString();
    const int silo = e["silo"].toInt(-1);
    if (event == "listening") {
        status.endpoint = e["endpoint"].toString();
    } else if (event == "joined" && silo >= 0 && silo < 100000) {
        widgets::SiloStatus& s = silo_at(status, silo);
        s.joined = true;
        s.connection = e["connection"].toInt();
        s.class_counts.clear();
        for (const auto& c : e["class_counts"].toArray()) s.class_counts.push_back(c.toInt());
        while (status.class_labels.size() < s.class_counts.size()) status.class_labels.push_back(QString::number(status.class_labels.size()));
    } else if (event == "refused" && silo >= 0 && silo < 100000) {
        silo_at(status, silo).last_problem = e["reason"].toString();
    } else if (event == "round") {
        status.round = e["round"].toInt();
        for (const auto& v : e["silos"].toArray()) {
            const QJsonObject r = v.toObject();
            const int k = r["silo"].toInt(-1);
            if (k < 0 || k >= 100000) continue;
            widgets::SiloStatus& s = silo_at(status, k);
            s.answered_last = r["answered"].toBool();
            (s.answered_last ? s.rounds_answered : s.rounds_missed) += 1;
            s.bytes_sent = r["bytes_sent"].toDouble();
            s.bytes_received = r["bytes_received"].toDouble();
            s.round_trip_seconds = r["round_trip_seconds"].toDouble();
            // "not connected" only repeats that it is gone: keep why it went.
            const QString reason = r["reason"].toString();
            if (!s.answered_last && !(reason == "not connected" && !s.last_problem.isEmpty()))
                s.last_problem = QString("round %1: %2").arg(status.round).arg(reason);
        }
    } else {
        return false;
    }
    return true;
}

}  // namespace fedhap::workbench
