#include "experiment/seed_comparison.h"

#include <vector>

namespace fedhap {
namespace {

std::vector<double> values(const SeedMaps& maps) {
    std::vector<double> v;
    for (const auto& [seed, map] : maps) v.push_back(map);
    return v;
}

}  // namespace

ArmComparison compare_arm(const SeedMaps& arm, const SeedMaps* pooled, const SeedMaps* reference) {
    ArmComparison c;
    c.summary = summarize(values(arm));
    if (pooled && !pooled->empty()) {
        const double pooled_mean = summarize(values(*pooled)).mean;
        if (pooled_mean > 0) c.pct_of_pooled = 100.0 * c.summary.mean / pooled_mean;
    }
    if (reference && reference != &arm) {
        std::vector<double> x, r;
        for (const auto& [seed, map] : arm) {
            const auto it = reference->find(seed);
            if (it == reference->end()) continue;
            x.push_back(map);
            r.push_back(it->second);
        }
        if (!x.empty()) c.vs_reference = paired_difference(x, r);
    }
    return c;
}

}  // namespace fedhap
