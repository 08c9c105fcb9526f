// fedhap sweep: a grid of configurations × seeds from one JSON file, resumable (finished cells
// are read back), a failing cell recorded and skipped, a progress line with the sweep's ETA;
// writes results.csv (one row per cell and seed), summary.csv and summary.svg under --out.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>
#include <sstream>

#include "command_registry.h"
#include "experiment_options.h"
#include "io/atomic_file.h"
#include "io/input_file.h"
#include "io/output_folder.h"
#include "seed_study.h"
#include "study_plot.h"
#include "study_table.h"
#include "training_commands.h"
#include "util/printable_path.h"

namespace fedhap::cli {
namespace {

using nlohmann::json;

struct Grid {
    ExperimentConfig base;
    std::vector<std::uint64_t> seeds;
    std::vector<std::pair<std::string, std::vector<json>>> axes;  // "section.key" → values
};

[[noreturn]] void bad_grid(const std::string& path, const std::string& fault) { throw ConfigError(printable_path(path) + ": " + fault); }

Grid read_grid(const std::string& path) {
    std::string text;
    try {
        text = read_input_file(path, input_limits::kConfig);
    } catch (const InputFileError& e) {
        throw ConfigError(e.what());
    }
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception&) {
        bad_grid(path, "not valid JSON");
    }
    if (!j.is_object()) bad_grid(path, "the top level must be an object");
    for (auto it = j.begin(); it != j.end(); ++it)
        if (it.key() != "config" && it.key() != "seeds" && it.key() != "axes") bad_grid(path, it.key() + ": unknown key (expected config, seeds, axes)");
    Grid g;
    if (j.contains("config")) {
        if (!j["config"].is_string()) bad_grid(path, "config: must be the path of an experiment JSON");
        const std::filesystem::path cfg = std::filesystem::path(path).parent_path() / j["config"].get<std::string>();
        g.base = load_config_file(std::filesystem::exists(cfg) ? cfg.string() : j["config"].get<std::string>());
    }
    if (!j.contains("seeds") || !j["seeds"].is_array() || j["seeds"].empty()) bad_grid(path, "seeds: must be a list of seeds");
    for (const auto& s : j["seeds"]) {
        if (!s.is_number_unsigned() || s.get<unsigned long long>() > static_cast<unsigned long long>(limits::seed.hi))
            bad_grid(path, "seeds: each must be an integer in 0.." + std::to_string(limits::seed.hi));
        g.seeds.push_back(s.get<std::uint64_t>());
    }
    if (j.contains("axes")) {
        if (!j["axes"].is_object()) bad_grid(path, "axes: must map \"section.key\" to a list of values");
        for (auto it = j["axes"].begin(); it != j["axes"].end(); ++it) {
            if (!it.value().is_array() || it.value().empty()) bad_grid(path, "axes." + it.key() + ": must be a non-empty list");
            if (std::count(it.key().begin(), it.key().end(), '.') > 1) bad_grid(path, "axes." + it.key() + ": at most section.key");
            g.axes.push_back({it.key(), std::vector<json>(it.value().begin(), it.value().end())});
        }
    }
    return g;
}

std::string value_text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

// The base config with one value per axis; a new method name brings its own preset first.
ExperimentConfig cell_config(const Grid& g, const std::vector<std::size_t>& pick, const std::string& label) {
    json j = json::parse(config_to_json(g.base));
    for (std::size_t a = 0; a < g.axes.size(); ++a)
        if (g.axes[a].first == "method.name") j["method"] = json{{"name", g.axes[a].second[pick[a]]}};
    for (std::size_t a = 0; a < g.axes.size(); ++a) {
        const std::string& key = g.axes[a].first;
        const auto dot = key.find('.');
        json& target = dot == std::string::npos ? j : j[key.substr(0, dot)];
        target[dot == std::string::npos ? key : key.substr(dot + 1)] = g.axes[a].second[pick[a]];
    }
    return config_from_json(j.dump(), "grid cell " + label);  // names the key of a bad value
}

std::vector<StudyArm> grid_arms(const Grid& g) {
    std::vector<StudyArm> arms;
    std::vector<std::size_t> pick(g.axes.size(), 0);
    for (;;) {
        std::string label;
        for (std::size_t a = 0; a < g.axes.size(); ++a) {
            const std::string& key = g.axes[a].first;
            label += (label.empty() ? "" : ",") + key.substr(key.find('.') + 1) + "=" + value_text(g.axes[a].second[pick[a]]);
        }
        for (char& ch : label)
            if (ch == '/' || ch == ' ') ch = '_';
        if (label.empty()) label = "base";
        arms.push_back({label, cell_config(g, pick, label)});
        std::size_t a = 0;
        while (a < pick.size() && ++pick[a] == g.axes[a].second.size()) pick[a++] = 0;
        if (a == pick.size()) return arms;
    }
}

int run(const std::vector<std::string>& args) {
    ArgParser p("sweep", "Runs a grid of configurations x seeds from --grid FILE, a JSON object:\n"
                         "  {\"config\": \"experiment.json\", \"seeds\": [0, 1, 2],\n"
                         "   \"axes\": {\"partition.alpha\": [0.1, 0.5], \"method.name\": [\"fedhap\", \"fedavg-ce\"]}}\n"
                         "(config relative to the grid file; every combination of the axes' values is a cell).\n"
                         "Finished cells under --out are read back, a failing cell is recorded and skipped.\n"
                         "Writes --out/results.csv, summary.csv and summary.svg and prints the summary.");
    p.option("grid", "FILE", "the grid (JSON)").option("out", "DIR", "folder of the cells' runs and the results");
    if (!p.parse(args)) return 0;
    for (const char* name : {"grid", "out"})
        if (!p.given(name)) throw UsageError(std::string("--") + name + " is required");
    const Grid grid = read_grid(p.text("grid"));
    const std::vector<StudyArm> arms = grid_arms(grid);
    const std::string out = p.text("out");
    prepare_output_folder(out, "sweep folder");  // before the first cell trains
    std::cerr << "sweep: " << arms.size() << " configurations x " << grid.seeds.size() << " seeds\n";
    const std::vector<ArmResult> results = run_study(arms, {grid.seeds, out, true});

    std::ostringstream rows;
    rows << "cell,seed,status,map_all,seconds,mb_up_per_round,error\n";
    for (const auto& r : results)
        for (std::size_t s = 0; s < r.cells.size(); ++s) {
            const CellResult& c = r.cells[s];
            std::string error = c.error;
            for (char& ch : error)
                if (ch == '"' || ch == '\n') ch = '\'';
            rows << '"' << r.label << "\"," << grid.seeds[s] << ',' << (c.ok ? (c.reused ? "reused" : "trained") : "failed") << ','
                 << (c.ok ? std::to_string(c.map) : "") << ',' << c.seconds << ',' << c.bytes_up_per_round / 1e6 << ",\"" << error << "\"\n";
        }
    write_file_atomic(out + "/results.csv", rows.str());
    std::ostringstream summary;
    print_study_table(summary, results, {0, {}, true});
    write_file_atomic(out + "/summary.csv", summary.str());
    write_study_svg(out + "/summary.svg", "mAP@all over seeds: " + p.text("grid"), results);
    print_study_table(std::cout, results, {0, {}, false});
    return study_exit_status(results);
}

const RegisterCommand registered(kSweepCommand.name, kSweepCommand.summary, &run);

}  // namespace
}  // namespace fedhap::cli
