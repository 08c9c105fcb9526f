#pragma once
// The learning rate of each round. Clients build a fresh optimiser every round, so a schedule is a
// function of the round alone: a resumed run and every silo of a cross-silo run agree on it.
#include <string>
#include <vector>

namespace fedhap {

enum class LrSchedule {
    Constant,  // lr every round
    Cosine,    // lr·½(1 + cos(π(r − 1)/R)) in round r of R: lr in round 1, decaying towards 0
};

LrSchedule parse_lr_schedule(const std::string& text);  // throws std::invalid_argument
std::string to_string(LrSchedule schedule);
std::vector<std::string> lr_schedule_names();

// round: 1-based, rounds: the run's R (≥ 1).
double round_lr(double lr, LrSchedule schedule, int round, int rounds);

}  // namespace fedhap
