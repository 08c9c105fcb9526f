#pragma once
// One arm of a study set against its pooled counterpart and a reference arm, seed by seed: what
// `fedhap compare`, `ablate` and `sweep` print and what the workbench's Runs view shows, computed
// in one place. The same seed draws the same split and partition for every arm, so differences
// are taken over the seeds both arms finished (util/statistics.h).
#include <cstdint>
#include <map>
#include <optional>

#include "util/statistics.h"

namespace fedhap {

using SeedMaps = std::map<std::uint64_t, double>;  // seed → final mAP@all

struct ArmComparison {
    SampleSummary summary;                        // over the arm's seeds
    std::optional<double> pct_of_pooled;          // mean as % of the pooled arm's mean (> 0)
    std::optional<PairedDifference> vs_reference;  // over the shared seeds; none when there is none
};

// `pooled` and `reference` may be null (no pooled counterpart, no reference, or the arm is the
// reference: then vs_reference stays empty).
ArmComparison compare_arm(const SeedMaps& arm, const SeedMaps* pooled, const SeedMaps* reference);

}  // namespace fedhap
