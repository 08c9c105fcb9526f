#pragma once
// Conversions from core results to the widgets' plain value types.
#include <QImage>
#include <QStringList>

#include "data/dataset.h"
#include "fl/run_observer.h"
#include "prototype_matrix.h"
#include "training_curves.h"

namespace fedhap::workbench {

QStringList class_names(const Dataset& data);
// A deep copy of image `row` (grey or RGB).
QImage image_of(const Dataset& data, std::size_t row);
// Signs the values for the distances; keeps real values (mean aggregation) for the cells.
widgets::PrototypeMatrix to_prototype_matrix(const PrototypeSnapshot& snapshot, const QStringList& class_names);

// Accumulates the per-round metrics of one run into learning curves.
class TrainingHistory {
public:
    void reset(int total_rounds);
    void add(const RoundMetrics& metrics);
    // The final evaluation's mAP completes the curve when that round had none; returns whether
    // it was added.
    bool add_final_map(int round, double map);
    const widgets::TrainingCurves& curves() const { return curves_; }

private:
    widgets::TrainingCurves curves_;
};

}  // namespace fedhap::workbench
