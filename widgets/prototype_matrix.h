#pragma once
// Plain value type fed to the prototype view: the global prototypes after a round.
#include <QStringList>
#include <QVector>

namespace fedhap::widgets {

struct PrototypeMatrix {
    int round = 0, classes = 0, bits = 0;
    QStringList class_names;
    QVector<float> values;    // classes × bits, ±1 (or real for mean aggregation)
    QVector<bool> known;      // per class: some client has held it
    QVector<bool> flipped;    // classes × bits: the sign changed this round
    QVector<int> distances;   // classes × classes Hamming distances of the signs

    bool empty() const { return classes == 0 || bits == 0; }
    int flipped_count() const { return static_cast<int>(flipped.count(true)); }
};

}  // namespace fedhap::widgets
