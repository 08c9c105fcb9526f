#include "util/statistics.h"

#include <cmath>
#include <limits>
#include <stdexcept>

namespace fedhap {

SampleSummary summarize(const std::vector<double>& values) {
    SampleSummary s;
    s.n = values.size();
    if (s.n == 0) return s;
    for (double v : values) s.mean += v;
    s.mean /= static_cast<double>(s.n);
    if (s.n < 2) return s;
    double ss = 0.0;
    for (double v : values) ss += (v - s.mean) * (v - s.mean);
    s.sd = std::sqrt(ss / static_cast<double>(s.n - 1));
    return s;
}

double t_quantile_975(std::size_t dof) {
    if (dof == 0) throw std::invalid_argument("t quantile: at least one degree of freedom");
    // Exact table to 30 degrees of freedom, then the normal approximation's series.
    static const double table[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                   2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                   2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
    if (dof <= 30) return table[dof - 1];
    const double z = 1.959964, d = static_cast<double>(dof);
    return z + (z * z * z + z) / (4 * d) + (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * d * d);
}

PairedDifference paired_difference(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) throw std::invalid_argument("paired difference: the two samples differ in length");
    std::vector<double> d(a.size());
    for (std::size_t i = 0; i < a.size(); ++i) d[i] = a[i] - b[i];
    const SampleSummary s = summarize(d);
    PairedDifference p;
    p.n = s.n;
    p.mean = s.mean;
    p.half_width = s.n < 2 ? std::numeric_limits<double>::infinity()
                           : t_quantile_975(s.n - 1) * s.sd / std::sqrt(static_cast<double>(s.n));
    return p;
}

}  // namespace fedhap
