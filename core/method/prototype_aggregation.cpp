#include "method/prototype_aggregation.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace fedhap {
namespace {

// Σ over the reports of weight(report) × value(prototype bit), in client order for every bit.
template <typename Term>
std::vector<double> sum_over_reports(const std::vector<ClassReport>& reports, std::size_t bits, Term term) {
    std::vector<double> sum(bits, 0.0);
    for (const ClassReport& r : reports)
        for (std::size_t b = 0; b < bits; ++b) sum[b] += term(r.count, r.prototype[b]);
    return sum;
}

double sign_of(float p) { return p >= 0 ? 1.0 : -1.0; }

// v scaled to length 1; a zero vector stays zero.
std::vector<double> unit(std::vector<double> v) {
    double norm = 0.0;
    for (double x : v) norm += x * x;
    if (norm > 0.0)
        for (double& x : v) x /= std::sqrt(norm);
    return v;
}

// ±1 by the sign of each sum; a zero sum keeps the previous bit (+1 on a fresh class).
std::vector<float> signs(const std::vector<double>& sum, std::vector<float> row) {
    for (std::size_t b = 0; b < row.size(); ++b) {
        if (sum[b] != 0.0) row[b] = sum[b] > 0 ? 1.0f : -1.0f;
        else if (row[b] == 0.0f) row[b] = 1.0f;
    }
    return row;
}

}  // namespace

std::vector<float> count_weighted_sign(const std::vector<ClassReport>& reports, const std::vector<float>& previous, double) {
    return signs(sum_over_reports(reports, previous.size(), [](double n, float p) { return n * sign_of(p); }), previous);
}

std::vector<float> count_weighted_mean_sign(const std::vector<ClassReport>& reports, const std::vector<float>& previous, double) {
    return signs(sum_over_reports(reports, previous.size(), [](double n, float p) { return n * p; }), previous);
}

std::vector<float> majority_vote(const std::vector<ClassReport>& reports, const std::vector<float>& previous, double) {
    return signs(sum_over_reports(reports, previous.size(), [](double, float p) { return sign_of(p); }), previous);
}

std::vector<float> count_weighted_mean(const std::vector<ClassReport>& reports, const std::vector<float>& previous, double) {
    const std::vector<double> sum = sum_over_reports(reports, previous.size(), [](double n, float p) { return n * p; });
    double holders = 0.0;
    for (const ClassReport& r : reports) holders += r.count;
    std::vector<float> row(previous.size());
    for (std::size_t b = 0; b < row.size(); ++b) row[b] = static_cast<float>(sum[b] / holders);
    return row;
}

// Scaled to norm √B, as a ±1 row has: the discriminator's noise and the views keep their scale.
std::vector<float> smoothed_mean(const std::vector<ClassReport>& reports, const std::vector<float>& previous,
                                 double smoothing) {
    const std::size_t bits = previous.size();
    std::vector<double> mean(bits, 0.0);
    for (const ClassReport& r : reports) {
        const std::vector<double> direction = unit(std::vector<double>(r.prototype, r.prototype + bits));
        for (std::size_t b = 0; b < bits; ++b) mean[b] += r.count * direction[b];
    }
    const std::vector<double> before = unit(std::vector<double>(previous.begin(), previous.end()));
    const bool fresh = std::all_of(previous.begin(), previous.end(), [](float v) { return v == 0.0f; });
    const std::vector<double> now = unit(mean);
    std::vector<double> blend(bits);
    for (std::size_t b = 0; b < bits; ++b) blend[b] = fresh ? now[b] : smoothing * before[b] + (1.0 - smoothing) * now[b];
    blend = unit(blend);
    const bool empty = std::all_of(blend.begin(), blend.end(), [](double v) { return v == 0.0; });
    if (empty) return previous;  // nothing to point at: the clients' means and the row cancel
    std::vector<float> row(bits);
    const double scale = std::sqrt(static_cast<double>(bits));
    for (std::size_t b = 0; b < bits; ++b) row[b] = static_cast<float>(blend[b] * scale);
    return row;
}

std::vector<float> keep_previous(const std::vector<ClassReport>&, const std::vector<float>& previous, double) {
    return previous;
}

AggregationRule aggregation_rule(PrototypeAggregation aggregation) {
    switch (aggregation) {
        case PrototypeAggregation::CountWeightedSign: return count_weighted_sign;
        case PrototypeAggregation::CountWeightedMeanSign: return count_weighted_mean_sign;
        case PrototypeAggregation::MajorityVote: return majority_vote;
        case PrototypeAggregation::Mean: return count_weighted_mean;
        case PrototypeAggregation::SmoothedMean: return smoothed_mean;
        case PrototypeAggregation::Fixed: return keep_previous;
    }
    return keep_previous;  // not reached: every value has its case
}

AggregationTraits aggregation_traits(PrototypeAggregation aggregation) {
    switch (aggregation) {
        case PrototypeAggregation::CountWeightedSign:
        case PrototypeAggregation::CountWeightedMeanSign:
        case PrototypeAggregation::MajorityVote: return {true, true};
        case PrototypeAggregation::Mean:
        case PrototypeAggregation::SmoothedMean: return {true, false};
        case PrototypeAggregation::Fixed: return {false, true};
    }
    return {};
}

}  // namespace fedhap
