// fedhap run: one experiment, headless, with a progress line and a final summary.
#include <iostream>
#include <nlohmann/json.hpp>

#include "command_registry.h"
#include "stop_on_interrupt.h"
#include "cross_silo_options.h"
#include "experiment/config_limits.h"
#include "experiment/experiment_runner.h"
#include "experiment_options.h"
#include "io/output_folder.h"
#include "run_summary_output.h"
#include "silo_processes.h"
#include "training_commands.h"

namespace fedhap::cli {
namespace {

int run(const std::vector<std::string>& args) {
    ArgParser p("run", "Trains one federated hashing experiment and evaluates it (mAP@all on the full protocol).\n"
                       "With --out, the run folder gets config.json, metrics.jsonl, summary.json, codes and\n"
                       "checkpoints; Ctrl-C stops after the current batch and --resume continues.");
    add_experiment_options(p);
    p.flag("pooled", "train the same method and switches on the pooled train set (its own upper reference)")
        .option("out", "DIR", "run folder to write")
        .flag("resume", "continue the run in --out from its last checkpoint")
        .flag("processes", "every client a silo process of this machine, over c10d on loopback (as fedhap serve + join)")
        .option("round-timeout", "SECONDS", "with --processes: how long a round waits for its silos", "60")
        .option("secret-file", "FILE", "with --processes: shared secret that authenticates every message")
        .option("format", "F", "table | json (the summary on stdout)", "table");
    if (!p.parse(args)) return 0;
    const std::string format = p.choice("format", {"table", "json"});
    ExperimentConfig config = experiment_config_from_options(p);
    if (p.is_set("pooled")) config.pooled = true;
    RunOptions options{p.text("out"), p.is_set("resume")};
    resolve_device(config.device);  // a device that is not here is refused before a folder is made
    // Proved writable now, before the data load and the first round.
    if (!options.out_dir.empty()) prepare_output_folder(options.out_dir, "run folder");
    StopToken stop;
    const StopOnInterrupt interrupt(stop);
    ProgressPrinter progress(config.rounds, to_string(config.method.method) + " ");
    RunSummary s;
    if (p.is_set("processes")) {
        // A server in this process on a free loopback port; the silos start once it listens.
        ServeSettings settings;
        settings.listen = {"127.0.0.1", 0};
        settings.round_timeout = std::chrono::milliseconds(static_cast<long long>(p.real_in("round-timeout", limits::wait_seconds) * 1000));
        settings.join_timeout = std::chrono::seconds(120);
        settings.key = secret_from(p);
        settings.retrieval_top_k = 0;  // a demonstration of training; serve does the retrieval
        SiloProcesses children;
        struct Spawner : SiloPrinter {
            Spawner(const RunOptions& o, const ArgParser& p, int count, SiloProcesses& c)
                : SiloPrinter(o.out_dir, o.resume), out(o.out_dir), secret(p.text("secret-file")), silos(count), children(c) {}
            void on_listening(const std::string& endpoint) override { children.start(silos, endpoint, secret, out); }
            std::string out, secret;
            int silos;
            SiloProcesses& children;
        } silos(options, p, config.partition.clients, children);
        s = serve_experiment(config, options, settings, progress, silos, stop);
    } else {
        s = run_experiment(config, options, progress, stop);
    }
    progress.finish();
    print_run_summary(s, format, options.out_dir);
    return s.stopped ? 130 : 0;
}

const RegisterCommand registered(kRunCommand.name, kRunCommand.summary, &run);

}  // namespace
}  // namespace fedhap::cli
