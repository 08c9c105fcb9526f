#include "fl/lr_schedule.h"

#include <algorithm>
#include <cmath>

#include "util/name_table.h"

namespace fedhap {
namespace {

constexpr NamedValue<LrSchedule> kSchedules[] = {{LrSchedule::Constant, "constant"}, {LrSchedule::Cosine, "cosine"}};

}  // namespace

LrSchedule parse_lr_schedule(const std::string& t) { return parse_name(kSchedules, t, "learning-rate schedule"); }
std::string to_string(LrSchedule v) { return name_of(kSchedules, v); }
std::vector<std::string> lr_schedule_names() { return names_of(kSchedules); }

double round_lr(double lr, LrSchedule schedule, int round, int rounds) {
    switch (schedule) {
        case LrSchedule::Constant: return lr;
        case LrSchedule::Cosine: {
            const double pi = std::acos(-1.0);
            const double t = rounds > 1 ? static_cast<double>(std::clamp(round, 1, rounds) - 1) / rounds : 0.0;
            return lr * 0.5 * (1.0 + std::cos(pi * t));
        }
    }
    return lr;
}

}  // namespace fedhap
