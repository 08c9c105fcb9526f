#pragma once
// Reading a run folder's summary.json and metrics.jsonl into plain records: the one parser of
// those files, used by the CLI (a seed study reusing finished runs) and the workbench (the Runs
// view). run_directory.h is the one writer. Both readers go through the input-file rule
// (io/input_file.h); what they refuse is a RunFileError whose fault() names no path, so each
// caller names the file as its user sees it.
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

namespace fedhap {

class RunFileError : public std::runtime_error {
public:
    explicit RunFileError(const std::string& fault) : std::runtime_error(fault) {}
    std::string fault() const { return what(); }
};

// summary.json. A field that is absent or of the wrong type is empty.
struct SummaryRecord {
    bool stopped = false;
    std::optional<int> rounds;
    std::optional<double> map_all, p_at_h2, seconds, seconds_all_sessions;
    std::optional<double> bytes_up, bytes_down;  // over the whole run
};

// Throws RunFileError: refused by the input-file rule, or "not a run summary".
SummaryRecord read_summary_file(const std::string& path);

// One line of metrics.jsonl (one round).
struct RoundRecord {
    double round = 0.0, loss = 0.0;
    double bytes_up = 0.0, bytes_down = 0.0;  // 0 when absent
    std::optional<double> map;                // on the rounds that were evaluated
};

// Calls `each` for every complete line of metrics.jsonl in order, one bounded line at a time
// (a last line still being written is left for the next read); at most `max_lines` lines.
// Throws RunFileError: refused by the input-file rule, "more than N lines; refused", or
// "line N is not a round's metrics" (no numeric round and loss).
void read_metrics_file(const std::string& path, int max_lines, const std::function<void(const RoundRecord&)>& each);

}  // namespace fedhap
