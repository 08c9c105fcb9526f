// fedhap compare: several methods (and seeds) on the same data, protocol and budget, as a table.
#include <cmath>
#include <iostream>
#include <sstream>

#include "command_registry.h"
#include "training_commands.h"
#include "experiment/experiment_runner.h"
#include "experiment_options.h"

namespace fedhap::cli {
namespace {

std::vector<std::string> split_list(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream in(s);
    for (std::string item; std::getline(in, item, ',');)
        if (!item.empty()) out.push_back(item);
    return out;
}

int run(const std::vector<std::string>& args) {
    ArgParser p("compare", "Runs several methods over the same split and budget and prints mAP@all (mean and\n"
                           "standard deviation over the seeds), time and bytes per round.");
    add_experiment_options(p);
    p.option("methods", "LIST", "comma-separated methods",
             "centralized,local-only,fedavg-dpsh,fedavg-csq,fedprox-dpsh,fedproto-hash,fedhap")
        .option("seeds", "LIST", "comma-separated seeds", "0")
        .option("out", "DIR", "write each run's folder under DIR/<method>-s<seed>")
        .option("format", "F", "table | csv", "table");
    if (!p.parse(args)) return 0;
    const std::string format = p.choice("format", {"table", "csv"});
    const ExperimentConfig base = experiment_config_from_options(p);
    std::vector<Method> methods;
    std::vector<std::uint64_t> seeds;
    try {
        for (const auto& m : split_list(p.text("methods"))) methods.push_back(parse_method(m));
        for (const auto& s : split_list(p.text("seeds"))) seeds.push_back(std::stoull(s));
    } catch (const std::exception& e) {
        throw UsageError(std::string("--methods/--seeds: ") + e.what());
    }
    if (methods.empty() || seeds.empty()) throw UsageError("--methods and --seeds must not be empty");

    if (format == "csv") std::cout << "method,seeds,map_mean,map_std,seconds,bytes_up_per_round,bytes_down_per_round\n";
    else std::printf("%-15s %5s %8s %7s %8s %14s %14s\n", "method", "seeds", "mAP@all", "+-", "seconds", "up/round MB", "down/round MB");
    for (Method m : methods) {
        std::vector<double> maps;
        double seconds = 0, up = 0, down = 0;
        for (auto seed : seeds) {
            ExperimentConfig c = base;
            const MethodOptions preset = method_preset(m);
            if (c.method.method != m) c.method = preset;  // a config's own switches apply to its own method only
            c.seed = seed;
            c.partition.seed = seed;
            StopToken stop;
            ProgressPrinter progress(c.rounds, to_string(m) + " s" + std::to_string(seed) + " ");
            const std::string out = p.given("out") ? p.text("out") + "/" + to_string(m) + "-s" + std::to_string(seed) : "";
            const RunSummary s = run_experiment(c, {out, false}, progress, stop);
            progress.finish();
            maps.push_back(s.map_all);
            seconds += s.seconds / seeds.size();
            up += static_cast<double>(s.bytes_up) / s.rounds / seeds.size();
            down += static_cast<double>(s.bytes_down) / s.rounds / seeds.size();
        }
        double mean = 0, var = 0;
        for (double v : maps) mean += v / maps.size();
        for (double v : maps) var += (v - mean) * (v - mean) / std::max<std::size_t>(1, maps.size() - 1);
        const double sd = maps.size() > 1 ? std::sqrt(var) : 0.0;
        if (format == "csv")
            std::cout << to_string(m) << ',' << maps.size() << ',' << mean << ',' << sd << ',' << seconds << ',' << up << ',' << down << "\n";
        else
            std::printf("%-15s %5zu %8.4f %7.4f %8.1f %14.3f %14.3f\n", to_string(m).c_str(), maps.size(), mean, sd, seconds, up / 1e6, down / 1e6);
        std::cout.flush();
    }
    return 0;
}

const RegisterCommand registered(kCompareCommand.name, kCompareCommand.summary, &run);

}  // namespace
}  // namespace fedhap::cli
