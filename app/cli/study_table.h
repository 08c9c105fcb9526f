#pragma once
// Prints a study (seed_study.h) as a table or CSV: per arm mAP@all mean ± sd over the seeds, the
// seeds' values, % of the arm's pooled counterpart when the study has one, and the paired
// difference to a reference arm with its 95 % interval.
#include <iosfwd>
#include <string>
#include <vector>

#include "seed_study.h"

namespace fedhap::cli {

struct StudyTableOptions {
    int reference = -1;                    // index of the reference arm; −1: no difference column
    std::vector<int> pooled_counterpart;   // per arm: index of its pooled arm, or −1 (may be empty)
    bool csv = false;
};

void print_study_table(std::ostream& out, const std::vector<ArmResult>& arms, const StudyTableOptions& options);

}  // namespace fedhap::cli
