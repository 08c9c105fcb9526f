#include "seed_study.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "arg_parser.h"
#include "experiment/experiment_runner.h"
#include "experiment/run_folder_read.h"
#include "experiment_options.h"
#include "io/input_file.h"
#include "io/output_folder.h"

namespace fedhap::cli {
namespace {

std::string read_text(const std::string& path) { return read_input_file(path, input_limits::kConfig); }

// A finished run of exactly this config in `dir`: its summary, else nothing.
bool read_finished(const std::string& dir, const ExperimentConfig& config, CellResult& cell) {
    namespace fs = std::filesystem;
    if (!fs::exists(dir + "/summary.json") || !fs::exists(dir + "/config.json")) return false;
    try {
        // Compared as read back, so a folder written before a setting existed (at its default) counts.
        const std::string path = dir + "/config.json";
        if (config_to_json(config_from_json(read_text(path), path)) != config_to_json(config)) return false;  // another config: train anew
        const SummaryRecord s = read_summary_file(dir + "/summary.json");
        if (s.stopped || !s.rounds || *s.rounds <= 0 || !s.map_all || !s.seconds_all_sessions || !s.bytes_up) return false;
        cell.map = *s.map_all;
        cell.seconds = *s.seconds_all_sessions;
        cell.bytes_up_per_round = *s.bytes_up / *s.rounds;
    } catch (const std::exception&) {
        return false;  // unreadable or damaged: train anew
    }
    cell.ok = cell.reused = true;
    return true;
}

}  // namespace

std::vector<double> ArmResult::maps() const {
    std::vector<double> out;
    for (const auto& c : cells)
        if (c.ok) out.push_back(c.map);
    return out;
}

bool ArmResult::complete() const {
    for (const auto& c : cells)
        if (!c.ok) return false;
    return true;
}

int study_exit_status(const std::vector<ArmResult>& results) {
    for (const auto& r : results)
        if (!r.complete()) return 1;
    return 0;
}

void add_study_options(ArgParser& p, const std::string& cell_names) {
    p.option("seeds", "LIST", "comma-separated seeds", "0,1,2")
        .option("out", "DIR", "keep each run's folder as DIR/" + cell_names + "-s<seed>; reuse finished ones")
        .flag("keep-going", "record a failing run and go on")
        .option("format", "F", "table | csv", "table");
}

StudyOptions study_options(const ArgParser& p) {
    StudyOptions options{parse_seed_list(p.text("seeds")), p.text("out"), p.is_set("keep-going")};
    // Proved writable before the first cell trains.
    if (!options.out_dir.empty()) prepare_output_folder(options.out_dir, "study folder");
    return options;
}

std::vector<std::uint64_t> parse_seed_list(const std::string& text) {
    std::vector<std::uint64_t> seeds;
    std::stringstream in(text);
    for (std::string item; std::getline(in, item, ',');) {
        if (item.empty()) continue;
        const bool digits = item.find_first_not_of("0123456789") == std::string::npos;
        unsigned long long v = 0;
        if (!digits || item.size() > 16 || (v = std::stoull(item)) > static_cast<unsigned long long>(limits::seed.hi))
            throw UsageError("--seeds: '" + item + "' is not a seed in 0.." + std::to_string(limits::seed.hi));
        seeds.push_back(v);
    }
    if (seeds.empty()) throw UsageError("--seeds must name at least one seed");
    return seeds;
}

std::vector<ArmResult> run_study(const std::vector<StudyArm>& arms, const StudyOptions& options) {
    const std::size_t total = arms.size() * options.seeds.size();
    std::size_t done = 0, trained = 0;
    double trained_seconds = 0.0;
    std::vector<ArmResult> results;
    for (const auto& arm : arms) {
        ArmResult r{arm.label, {}};
        for (auto seed : options.seeds) {
            ExperimentConfig c = arm.config;
            c.seed = seed;
            c.partition.seed = seed;
            const std::string cell_name = arm.label + "-s" + std::to_string(seed);
            const std::string dir = options.out_dir.empty() ? "" : options.out_dir + "/" + cell_name;
            CellResult cell;
            if (dir.empty() || !read_finished(dir, c, cell)) {
                const double eta = trained ? trained_seconds / static_cast<double>(trained) * static_cast<double>(total - done) : 0.0;
                char label[160];
                std::snprintf(label, sizeof label, "[%zu/%zu%s] %s ", done + 1, total,
                              trained ? (", study ETA " + std::to_string(static_cast<int>(eta / 60 + 0.5)) + " min").c_str() : "",
                              cell_name.c_str());
                StopToken stop;
                ProgressPrinter progress(c.rounds, label);
                try {
                    // A cell interrupted after a round continues from its checkpoint.
                    const bool resume = !dir.empty() && std::filesystem::exists(dir + "/checkpoint.bin");
                    const RunSummary s = run_experiment(c, {dir, resume, {}}, progress, stop);
                    cell.ok = true;
                    cell.map = s.map_all;
                    cell.seconds = s.seconds;
                    cell.bytes_up_per_round = static_cast<double>(s.bytes_up) / s.rounds;
                    ++trained;
                    trained_seconds += s.seconds;
                } catch (const std::exception& e) {
                    cell.error = e.what();
                }
                progress.finish();
                if (!cell.ok && !options.keep_going) throw std::runtime_error(cell_name + ": " + cell.error);
                if (!cell.ok) std::cerr << cell_name << ": failed: " << cell.error << "\n";
            }
            r.cells.push_back(cell);
            ++done;
        }
        results.push_back(std::move(r));
    }
    return results;
}

}  // namespace fedhap::cli
