// fedhap serve: the server of a cross-silo run; its silos are `fedhap join` processes.

#include "command_registry.h"
#include "stop_on_interrupt.h"
#include "cross_silo_options.h"
#include "experiment_options.h"
#include "io/output_folder.h"
#include "run_summary_output.h"
#include "training_commands.h"

namespace fedhap::cli {
namespace {

int serve(const std::vector<std::string>& args) {
    ArgParser p("serve", "Runs an experiment whose clients are silos in other processes or on other machines, one\n"
                         "`fedhap join` each (partition.clients of them). The server owns the global model and\n"
                         "prototypes, evaluates, and writes the same run folder as `fedhap run`, plus silos.jsonl.\n"
                         "Gloo and the rendezvous store neither encrypt nor authenticate: use --secret-file, and\n"
                         "cross sites through an SSH tunnel or WireGuard (README, \"Across machines\").");
    add_experiment_options(p);
    add_serve_options(p, "127.0.0.1:29500");
    p.option("out", "DIR", "run folder to write (required)")
        .flag("resume", "continue the run in --out from its last checkpoint; the silos reconnect")
        .option("format", "F", "table | json (the summary on stdout)", "table");
    if (!p.parse(args)) return 0;
    const std::string format = p.choice("format", {"table", "json"});
    if (p.text("out").empty()) throw std::invalid_argument("serve: --out DIR is required (the run folder)");
    const ExperimentConfig config = experiment_config_from_options(p);
    const ServeSettings settings = serve_settings_from(p);
    if (!settings.key.authenticates())
        std::fprintf(stderr, "serve: no --secret-file: messages are checked for damage but anyone who reaches %s can forge them\n",
                     p.text("listen").c_str());
    RunOptions options{p.text("out"), p.is_set("resume")};
    prepare_output_folder(options.out_dir, "run folder");  // before the silos are waited for
    StopToken stop;
    const StopOnInterrupt interrupt(stop);
    SiloPrinter silos(options.out_dir, options.resume);
    ProgressPrinter progress(config.rounds, to_string(config.method.method) + " ");
    const RunSummary s = serve_experiment(config, options, settings, progress, silos, stop);
    progress.finish();
    print_run_summary(s, format, options.out_dir);
    return s.stopped ? 130 : 0;
}

const RegisterCommand registered(kServeCommand.name, kServeCommand.summary, &serve);

}  // namespace
}  // namespace fedhap::cli
