#pragma once
// Seed statistics for comparing methods: a result is several seeds, mean ± sd, and a difference
// between two methods is taken seed by seed (paired: the same seed draws the same split and
// partition for both) with a 95 % Student-t interval.
#include <cstddef>
#include <vector>

namespace fedhap {

struct SampleSummary {
    std::size_t n = 0;
    double mean = 0.0;
    double sd = 0.0;  // sample standard deviation (n − 1); 0 for n < 2
};

struct PairedDifference {
    std::size_t n = 0;
    double mean = 0.0;        // mean of a_i − b_i
    double half_width = 0.0;  // of the 95 % interval: mean ± half_width; infinite for n < 2
    double low() const { return mean - half_width; }
    double high() const { return mean + half_width; }
};

SampleSummary summarize(const std::vector<double>& values);
// a and b must have the same length (throws std::invalid_argument).
PairedDifference paired_difference(const std::vector<double>& a, const std::vector<double>& b);
// The 0.975 quantile of Student's t with `dof` degrees of freedom (dof ≥ 1).
double t_quantile_975(std::size_t dof);

}  // namespace fedhap
