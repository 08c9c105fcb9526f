#include "experiment/run_folder_read.h"

#include <nlohmann/json.hpp>

#include "io/input_file.h"

namespace fedhap {
namespace {

RunFileError refused(const InputFileError& e) { return RunFileError(e.fault()); }

template <typename T>
std::optional<T> number(const nlohmann::json& j, const char* key) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_number()) return std::nullopt;
    return it->get<T>();
}

}  // namespace

SummaryRecord read_summary_file(const std::string& path) {
    std::string text;
    try {
        text = read_input_file(path, input_limits::kConfig);
    } catch (const InputFileError& e) {
        throw refused(e);
    }
    const nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object() || j.empty()) throw RunFileError("not a run summary");
    SummaryRecord s;
    if (const auto it = j.find("stopped"); it != j.end() && it->is_boolean()) s.stopped = it->get<bool>();
    s.rounds = number<int>(j, "rounds");
    s.map_all = number<double>(j, "map_all");
    s.p_at_h2 = number<double>(j, "p_at_h2");
    s.seconds = number<double>(j, "seconds");
    s.seconds_all_sessions = number<double>(j, "seconds_all_sessions");
    s.bytes_up = number<double>(j, "bytes_up");
    s.bytes_down = number<double>(j, "bytes_down");
    return s;
}

void read_metrics_file(const std::string& path, int max_lines, const std::function<void(const RoundRecord&)>& each) {
    try {
        InputFile file(path, input_limits::kJournal);
        LineReader lines(file, input_limits::kJournalLine);
        std::string line;
        while (lines.next(line)) {
            if (!lines.complete()) break;  // being written: the next read takes it whole
            const auto n = lines.line_number();
            // More lines than a run can have rounds cannot be one, and would only grow the record.
            if (n > static_cast<std::size_t>(max_lines)) throw RunFileError("more than " + std::to_string(max_lines) + " lines; refused");
            const nlohmann::json m = nlohmann::json::parse(line, nullptr, false);
            const auto round = m.is_object() ? number<double>(m, "round") : std::nullopt;
            const auto loss = m.is_object() ? number<double>(m, "loss") : std::nullopt;
            if (!round || !loss) throw RunFileError("line " + std::to_string(n) + " is not a round's metrics");
            RoundRecord r;
            r.round = *round;
            r.loss = *loss;
            r.bytes_up = number<double>(m, "bytes_up").value_or(0.0);
            r.bytes_down = number<double>(m, "bytes_down").value_or(0.0);
            r.map = number<double>(m, "map");
            each(r);
        }
    } catch (const InputFileError& e) {
        throw refused(e);
    }
}

}  // namespace fedhap
