#include "study_table.h"

#include <cmath>
#include <algorithm>
#include <cstdio>
#include <ostream>

#include "util/statistics.h"

namespace fedhap::cli {
namespace {

std::string format(const char* fmt, double a, double b = 0.0, double c = 0.0) {
    char buf[96];
    std::snprintf(buf, sizeof buf, fmt, a, b, c);
    return buf;
}

// The maps of the seeds on which both arms finished, paired.
void paired_maps(const ArmResult& a, const ArmResult& b, std::vector<double>& xa, std::vector<double>& xb) {
    for (std::size_t i = 0; i < a.cells.size() && i < b.cells.size(); ++i)
        if (a.cells[i].ok && b.cells[i].ok) {
            xa.push_back(a.cells[i].map);
            xb.push_back(b.cells[i].map);
        }
}

double mean_of(const ArmResult& a, double CellResult::*field) {
    double sum = 0.0;
    std::size_t n = 0;
    for (const auto& c : a.cells)
        if (c.ok) sum += c.*field, ++n;
    return n ? sum / static_cast<double>(n) : 0.0;
}

}  // namespace

void print_study_table(std::ostream& out, const std::vector<ArmResult>& arms, const StudyTableOptions& o) {
    const bool pooled = !o.pooled_counterpart.empty();
    // Each seed's value takes 6 characters: the column grows with the number of seeds.
    std::size_t most_seeds = 0;
    for (const auto& a : arms) most_seeds = std::max(most_seeds, a.cells.size());
    const int seeds_width = static_cast<int>(std::max<std::size_t>(8, 6 * most_seeds - 1));
    if (o.csv) {
        out << "arm,seeds,map_mean,map_sd,maps,pct_of_pooled,diff_vs_reference,diff_low,diff_high,seconds,mb_up_per_round\n";
    } else {
        char buf[256];
        std::snprintf(buf, sizeof buf, "%-28s %5s  %-16s  %-*s", "arm", "seeds", "mAP@all mean±sd", seeds_width, "per seed");
        out << buf;
        if (pooled) out << "  % pooled";
        if (o.reference >= 0) {
            std::snprintf(buf, sizeof buf, "  %-26s", ("Δ vs " + arms[o.reference].label + " [95% CI]").c_str());
            out << buf;
        }
        out << "  s/run  MB up/round\n";
    }
    for (std::size_t a = 0; a < arms.size(); ++a) {
        const ArmResult& arm = arms[a];
        const SampleSummary s = summarize(arm.maps());
        std::string seeds;
        for (const auto& c : arm.cells) seeds += (seeds.empty() ? "" : " ") + (c.ok ? format("%.3f", c.map) : std::string("fail"));
        std::string pct, diff, diff_csv = ",,";
        const int p = pooled ? o.pooled_counterpart[a] : -1;
        const double pooled_mean = p >= 0 ? summarize(arms[p].maps()).mean : 0.0;
        if (pooled_mean > 0) pct = format("%.1f", 100.0 * s.mean / pooled_mean);
        if (o.reference >= 0 && static_cast<int>(a) != o.reference) {
            std::vector<double> x, r;
            paired_maps(arm, arms[o.reference], x, r);
            if (!x.empty()) {
                const PairedDifference d = paired_difference(x, r);
                diff = std::isfinite(d.half_width) ? format("%+.4f [%+.4f, %+.4f]", d.mean, d.low(), d.high())
                                                   : format("%+.4f (one seed)", d.mean);
                diff_csv = format("%.6f,%.6f,%.6f", d.mean, d.low(), d.high());
            }
        }
        const double seconds = mean_of(arm, &CellResult::seconds), up = mean_of(arm, &CellResult::bytes_up_per_round) / 1e6;
        if (o.csv) {
            out << arm.label << ',' << s.n << ',' << format("%.6f", s.mean) << ',' << format("%.6f", s.sd) << ",\"" << seeds
                << "\"," << pct << ',' << diff_csv << ',' << format("%.1f", seconds) << ',' << format("%.3f", up) << "\n";
            continue;
        }
        char buf[512];
        std::snprintf(buf, sizeof buf, "%-28s %5zu  %.4f ± %.4f  %-*s", arm.label.c_str(), s.n, s.mean, s.sd, seeds_width, seeds.c_str());
        out << buf;
        if (pooled) {
            std::snprintf(buf, sizeof buf, "  %8s", pct.c_str());
            out << buf;
        }
        if (o.reference >= 0) {
            std::snprintf(buf, sizeof buf, "  %-26s", static_cast<int>(a) == o.reference ? "(reference)" : diff.c_str());
            out << buf;
        }
        std::snprintf(buf, sizeof buf, "  %5.0f  %11.3f\n", seconds, up);
        out << buf;
    }
    out.flush();
}

}  // namespace fedhap::cli
