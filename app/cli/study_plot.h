#pragma once
// A study's mAP@all per arm as a bar chart with ±sd whiskers and each seed's value as a dot,
// written as a standalone SVG file (the CLI has no plotting library; any browser opens it).
#include <string>
#include <vector>

#include "seed_study.h"

namespace fedhap::cli {

void write_study_svg(const std::string& path, const std::string& title, const std::vector<ArmResult>& arms);

}  // namespace fedhap::cli
