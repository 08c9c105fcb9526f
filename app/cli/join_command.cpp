// fedhap join: one silo of a cross-silo run.
#include <cstdio>
#include <sys/resource.h>

#include "command_registry.h"
#include "stop_on_interrupt.h"
#include "cross_silo_options.h"
#include "crosssilo/silo.h"
#include "experiment/config_limits.h"
#include "training_commands.h"

namespace fedhap::cli {
namespace {

int join(const std::vector<std::string>& args) {
    ArgParser p("join", "Joins a `fedhap serve` run as silo K: reads the experiment from the server, loads only its\n"
                        "own data (its partition of the dataset, or its own folder with --data), trains each\n"
                        "round and sends the server its update. It waits for a server that is not up yet and\n"
                        "reconnects when a link or the server is lost; it ends when the server ends the run.");
    p.option("server", "HOST:PORT", "the server's --listen address (required)")
        .option("silo", "K", "this silo's index, 0 to partition.clients - 1 (required)")
        .option("data", "PATH", "this silo's own dataset folder (default: its partition of the server's dataset)")
        .option("device", "D", "auto | cpu | cuda | cuda:N", "cpu")
        .option("bind", "HOST", "address the server reaches this silo at (default: the one on the route to it)")
        .option("secret-file", "FILE", "the server's shared secret")
        .option("wait", "SECONDS", "how long to wait for a server that is not up, or gone", "600")
        .option("threads", "N", "LibTorch threads", "1")
        .flag("quiet", "print only errors");
    if (!p.parse(args)) return 0;
    if (p.text("server").empty() || p.text("silo").empty())
        throw std::invalid_argument("join: --server HOST:PORT and --silo K are required");
    JoinSettings s;
    s.server = parse_endpoint(p.text("server"), "--server");
    s.silo = static_cast<int>(p.integer_in("silo", limits::silo));
    s.data_path = p.text("data");
    s.device = p.text("device");
    s.bind_host = p.text("bind");
    s.key = secret_from(p);
    s.wait = std::chrono::milliseconds(static_cast<long long>(p.real_in("wait", limits::wait_seconds) * 1000.0));
    s.threads = static_cast<int>(p.integer_in("threads", limits::threads));
    const bool quiet = p.is_set("quiet");
    StopToken stop;
    const StopOnInterrupt interrupt(stop);
    try {
        run_silo(s, [quiet](const std::string& line) {
            if (!quiet) std::fprintf(stderr, "%s\n", line.c_str());
        }, stop);
    } catch (const StopRequested&) {
        return 130;
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    if (!quiet) std::fprintf(stderr, "silo %d: peak memory %.0f MiB\n", s.silo, usage.ru_maxrss / 1024.0);
    return 0;
}

const RegisterCommand registered(kJoinCommand.name, kJoinCommand.summary, &join);

}  // namespace
}  // namespace fedhap::cli
