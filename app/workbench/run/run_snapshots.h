#pragma once
// Value snapshots a training run sends from the worker thread to the GUI thread (queued
// signals copy them; the big ones travel behind shared pointers to const).
#include <QMetaType>
#include <QString>
#include <memory>
#include <vector>

#include "data/dataset.h"
#include "experiment/experiment_runner.h"
#include "fl/run_observer.h"

namespace fedhap::workbench {

// Once per run, before round 1: the images (for galleries and hover) and the protocol split.
struct RunData {
    std::shared_ptr<const Dataset> data;  // train ⧺ test
    std::vector<std::size_t> query, database;
    std::vector<std::vector<std::size_t>> client_counts;  // clients × classes
};

// Where the run is inside a round; sent at most ~10 times a second.
struct RunProgress {
    int round = 0, rounds = 0;
    int client = 0, clients = 0;  // the position among this round's clients, 1-based
    int batch = 0, batches = 0;
};

struct RoundUpdate {
    RoundMetrics metrics;
    PrototypeSnapshot prototypes;
};

using SharedCodes = std::shared_ptr<const CodesSnapshot>;

struct RunOutcome {
    RunSummary summary;
    QString error;  // non-empty when the run failed
    bool stopped() const { return error.isEmpty() && summary.stopped; }
};

}  // namespace fedhap::workbench

Q_DECLARE_METATYPE(fedhap::workbench::RunData)
Q_DECLARE_METATYPE(fedhap::workbench::RunProgress)
Q_DECLARE_METATYPE(fedhap::workbench::RoundUpdate)
Q_DECLARE_METATYPE(fedhap::workbench::SharedCodes)
Q_DECLARE_METATYPE(fedhap::workbench::RunOutcome)
