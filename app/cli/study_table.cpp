#include "study_table.h"

#include <cmath>
#include <algorithm>
#include <cstdio>
#include <ostream>

#include "experiment/seed_comparison.h"

namespace fedhap::cli {
namespace {

std::string format(const char* fmt, double a, double b = 0.0, double c = 0.0) {
    char buf[96];
    std::snprintf(buf, sizeof buf, fmt, a, b, c);
    return buf;
}

// The arm's finished cells by seed position: every arm of a study ran the same seeds in order.
SeedMaps seed_maps(const ArmResult& a) {
    SeedMaps maps;
    for (std::size_t i = 0; i < a.cells.size(); ++i)
        if (a.cells[i].ok) maps[i] = a.cells[i].map;
    return maps;
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
    std::vector<SeedMaps> maps;
    for (const auto& a : arms) maps.push_back(seed_maps(a));
    for (std::size_t a = 0; a < arms.size(); ++a) {
        const ArmResult& arm = arms[a];
        const int p = pooled ? o.pooled_counterpart[a] : -1;
        const ArmComparison cmp = compare_arm(maps[a], p >= 0 ? &maps[static_cast<std::size_t>(p)] : nullptr,
                                              o.reference >= 0 ? &maps[static_cast<std::size_t>(o.reference)] : nullptr);
        const SampleSummary& s = cmp.summary;
        std::string seeds;
        for (const auto& c : arm.cells) seeds += (seeds.empty() ? "" : " ") + (c.ok ? format("%.3f", c.map) : std::string("fail"));
        std::string pct, diff, diff_csv = ",,";
        if (cmp.pct_of_pooled) pct = format("%.1f", *cmp.pct_of_pooled);
        if (cmp.vs_reference) {
            const PairedDifference& d = *cmp.vs_reference;
            diff = std::isfinite(d.half_width) ? format("%+.4f [%+.4f, %+.4f]", d.mean, d.low(), d.high())
                                               : format("%+.4f (one seed)", d.mean);
            diff_csv = format("%.6f,%.6f,%.6f", d.mean, d.low(), d.high());
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
