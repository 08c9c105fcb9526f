#pragma once
// The summary `fedhap run` and `fedhap serve` print at the end: a table or one JSON line.
#include <string>

#include "experiment/experiment_runner.h"

namespace fedhap::cli {

void print_run_summary(const RunSummary& s, const std::string& format, const std::string& out_dir);

}  // namespace fedhap::cli
