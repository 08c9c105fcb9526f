#include "study_plot.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "io/atomic_file.h"
#include "util/statistics.h"

namespace fedhap::cli {
namespace {

std::string escape(const std::string& s) {
    std::string out;
    for (char c : s) out += c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '&' ? "&amp;" : std::string(1, c);
    return out;
}

std::string num(double v, const char* format = "%.1f") {
    char buf[32];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

}  // namespace

void write_study_svg(const std::string& path, const std::string& title, const std::vector<ArmResult>& arms) {
    // One row per arm: label on the left, a bar for the mean on an mAP axis from 0 to 1.
    const double left = 260, width = 480, row = 26, top = 48;
    const double height = top + row * static_cast<double>(arms.size()) + 40;
    auto x = [&](double map) { return left + width * std::clamp(map, 0.0, 1.0); };
    std::ostringstream svg;
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << num(left + width + 40) << "\" height=\"" << num(height)
        << "\" font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        << "<text x=\"10\" y=\"22\" font-size=\"14\">" << escape(title) << "</text>\n";
    for (int t = 0; t <= 10; t += 2) {
        const double gx = x(t / 10.0);
        svg << "<line x1=\"" << num(gx) << "\" y1=\"" << num(top - 8) << "\" x2=\"" << num(gx) << "\" y2=\"" << num(height - 32)
            << "\" stroke=\"#ddd\"/><text x=\"" << num(gx) << "\" y=\"" << num(height - 16) << "\" text-anchor=\"middle\">"
            << t / 10.0 << "</text>\n";
    }
    svg << "<text x=\"" << num(left + width / 2) << "\" y=\"" << num(height - 2) << "\" text-anchor=\"middle\">mAP@all</text>\n";
    for (std::size_t i = 0; i < arms.size(); ++i) {
        const SampleSummary s = summarize(arms[i].maps());
        const double y = top + row * static_cast<double>(i);
        svg << "<text x=\"" << num(left - 8) << "\" y=\"" << num(y + 13) << "\" text-anchor=\"end\">" << escape(arms[i].label) << "</text>\n";
        if (s.n == 0) continue;
        svg << "<rect x=\"" << num(left) << "\" y=\"" << num(y + 3) << "\" width=\"" << num(x(s.mean) - left)
            << "\" height=\"14\" fill=\"#4477aa\"/>\n"
            << "<line x1=\"" << num(x(s.mean - s.sd)) << "\" y1=\"" << num(y + 10) << "\" x2=\"" << num(x(s.mean + s.sd))
            << "\" y2=\"" << num(y + 10) << "\" stroke=\"black\" stroke-width=\"1.5\"/>\n";
        for (double m : arms[i].maps())
            svg << "<circle cx=\"" << num(x(m)) << "\" cy=\"" << num(y + 10) << "\" r=\"2.5\" fill=\"#ee6677\"/>\n";
        svg << "<text x=\"" << num(x(s.mean + s.sd) + 6) << "\" y=\"" << num(y + 14) << "\">" << num(s.mean, "%.3f") << " ± " << num(s.sd, "%.3f") << "</text>\n";
    }
    svg << "</svg>\n";
    write_file_atomic(path, svg.str());
}

}  // namespace fedhap::cli
