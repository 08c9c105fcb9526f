#pragma once
// What the federation view shows of a cross-silo run: the server's address and, per silo, its
// connection, label histogram and last exchange. Plain values, filled from silos.jsonl events
// (live from a hosted run, or read from a headless server's run folder).
#include <QString>
#include <QVector>

namespace fedhap::widgets {

struct SiloStatus {
    int silo = 0;
    bool joined = false;           // has said hello at least once
    int connection = 0;            // its newest connection (a restart or reconnect adds one)
    QVector<int> class_counts;     // from its hello
    bool answered_last = false;    // in the last round it was part of
    int rounds_answered = 0, rounds_missed = 0;
    double bytes_sent = 0, bytes_received = 0;  // server → silo, silo → server, last exchange
    double round_trip_seconds = 0;
    QString last_problem;          // the newest refusal or reason it was left out
};

struct FederationStatus {
    QString endpoint;  // where the server listens
    int round = 0;     // the last round reported
    QVector<SiloStatus> silos;
    QVector<QString> class_labels;
    int total_images() const {
        int n = 0;
        for (const auto& s : silos)
            for (int c : s.class_counts) n += c;
        return n;
    }
};

}  // namespace fedhap::widgets
