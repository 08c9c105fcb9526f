#pragma once
// The server's prototype aggregation rules, one pure function each: what the clients reported of
// one class this round in, that class's new global prototype row out. The server picks the rule
// with aggregation_rule() and applies the separation guard (fl/server.cpp); nothing else here
// knows about rounds or clients.
//
// Adding a rule: a value in PrototypeAggregation and its name (method_options.{h,cpp}), a function
// below, its case in aggregation_rule() and aggregation_traits() (switches without a default, so
// the compiler names every place left), and its tip (app/workbench/settings/setting_tips.cpp).
#include <vector>

#include "method/method_options.h"

namespace fedhap {

// One client's report of one class: how many of its samples the class has, and its local
// prototype (the mean of its codes of that class, `bits` values).
struct ClassReport {
    double count = 0.0;
    const float* prototype = nullptr;
};

// The new row of one class from its holders' reports (at least one; counts > 0, in client
// order), given the class's row so far and the smoothing ρ (which only smoothed_mean uses).
// Binary rules give ±1; a tie on a bit keeps the previous bit, and on a fresh class (a row of
// zeros) gives +1.
using AggregationRule = std::vector<float> (*)(const std::vector<ClassReport>& reports, const std::vector<float>& previous,
                                               double smoothing);

std::vector<float> count_weighted_sign(const std::vector<ClassReport>& reports, const std::vector<float>& previous, double);
std::vector<float> count_weighted_mean_sign(const std::vector<ClassReport>& reports, const std::vector<float>& previous,
                                            double);
std::vector<float> majority_vote(const std::vector<ClassReport>& reports, const std::vector<float>& previous, double);
std::vector<float> count_weighted_mean(const std::vector<ClassReport>& reports, const std::vector<float>& previous, double);
// normalise(ρ·p̂ + (1−ρ)·m̂)·√B, with p̂ the previous row's direction (none on a fresh class) and
// m̂ that of Σ_k n_k·p_k/|p_k|: each client's class mean counts by direction and sample count.
std::vector<float> smoothed_mean(const std::vector<ClassReport>& reports, const std::vector<float>& previous,
                                 double smoothing);
std::vector<float> keep_previous(const std::vector<ClassReport>& reports, const std::vector<float>& previous, double);

AggregationRule aggregation_rule(PrototypeAggregation aggregation);

struct AggregationTraits {
    bool learned = true;  // the rule changes prototypes (Fixed does not: CSQ's centres stay)
    bool binary = true;   // its prototypes are ±1 codes (Mean's are real-valued, as FedProto's)
};
AggregationTraits aggregation_traits(PrototypeAggregation aggregation);

}  // namespace fedhap
