// fedhap run: one experiment, headless, with a progress line and a final summary.
#include <csignal>
#include <iostream>
#include <nlohmann/json.hpp>

#include "command_registry.h"
#include "training_commands.h"
#include "experiment/experiment_runner.h"
#include "experiment_options.h"

namespace fedhap::cli {
namespace {

StopToken* g_stop = nullptr;
extern "C" void on_interrupt(int) {
    if (g_stop) g_stop->request_stop();  // finish the batch, keep the last checkpoint
}

int run(const std::vector<std::string>& args) {
    ArgParser p("run", "Trains one federated hashing experiment and evaluates it (mAP@all on the full protocol).\n"
                       "With --out, the run folder gets config.json, metrics.jsonl, summary.json, codes and\n"
                       "checkpoints; Ctrl-C stops after the current batch and --resume continues.");
    add_experiment_options(p);
    p.flag("pooled", "train the same method and switches on the pooled train set (its own upper reference)")
        .option("out", "DIR", "run folder to write")
        .flag("resume", "continue the run in --out from its last checkpoint")
        .option("format", "F", "table | json (the summary on stdout)", "table");
    if (!p.parse(args)) return 0;
    const std::string format = p.choice("format", {"table", "json"});
    ExperimentConfig config = experiment_config_from_options(p);
    if (p.is_set("pooled")) config.pooled = true;
    RunOptions options{p.text("out"), p.is_set("resume")};
    StopToken stop;
    g_stop = &stop;
    std::signal(SIGINT, on_interrupt);
    std::signal(SIGTERM, on_interrupt);
    ProgressPrinter progress(config.rounds, to_string(config.method.method) + " ");
    const RunSummary s = run_experiment(config, options, progress, stop);
    progress.finish();
    g_stop = nullptr;
    if (format == "json") {
        std::cout << nlohmann::json{{"method", s.method},       {"device", s.device},         {"rounds", s.rounds},
                                    {"stopped", s.stopped},     {"map_all", s.map_all},       {"p_at_h2", s.p_at_h2},
                                    {"seconds", s.seconds},     {"train_images_per_s", s.train_images_per_s},
                                    {"encode_images_per_s", s.encode_images_per_s},
                                    {"bytes_up", s.bytes_up},   {"bytes_down", s.bytes_down}}
                         .dump()
                  << "\n";
    } else {
        std::printf("method            %s (%s)\n", s.method.c_str(), s.device.c_str());
        std::printf("rounds            %d%s\n", s.rounds, s.stopped ? " (stopped)" : "");
        if (!s.stopped) std::printf("mAP@all           %.4f\nP@H<=2            %.4f\n", s.map_all, s.p_at_h2);
        std::printf("seconds           %.1f\n", s.seconds);
        std::printf("training          %.0f images/s\n", s.train_images_per_s);
        if (!s.stopped) std::printf("encoding          %.0f images/s\n", s.encode_images_per_s);
        std::printf("bytes up / down   %.2f MB / %.2f MB in all\n", s.bytes_up / 1e6, s.bytes_down / 1e6);
        if (!options.out_dir.empty()) std::printf("run folder        %s\n", options.out_dir.c_str());
    }
    return s.stopped ? 130 : 0;
}

const RegisterCommand registered(kRunCommand.name, kRunCommand.summary, &run);

}  // namespace
}  // namespace fedhap::cli
