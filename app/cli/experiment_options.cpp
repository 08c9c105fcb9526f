#include "experiment_options.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>

namespace fedhap::cli {
namespace {
double now_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
}  // namespace

void add_experiment_options(ArgParser& p) {
    p.option("config", "FILE", "experiment JSON (default: the built-in classroom settings)")
        .option("device", "D", "auto | cpu | cuda | cuda:N (overrides the config)")
        .option("method", "M", join(method_names(), " | "))
        .option("rounds", "N", "federated rounds")
        .option("seed", "S", "seed of split, partition, initialisation and training")
        .option("alpha", "A", "Dirichlet alpha of the partition")
        .option("clients", "N", "number of clients")
        .option("bits", "B", "code length")
        .option("threads", "N", "LibTorch threads (0 = all cores)");
}

ExperimentConfig experiment_config_from_options(const ArgParser& p) {
    ExperimentConfig c = p.given("config") ? load_config_file(p.text("config")) : ExperimentConfig{};
    try {
        if (p.given("method")) {
            // A different method brings its own switch defaults.
            c.method = method_preset(parse_method(p.text("method")));
        }
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    if (p.given("device")) c.device = p.text("device");
    if (p.given("rounds")) c.rounds = static_cast<int>(p.integer_in("rounds", limits::rounds));
    if (p.given("seed")) c.seed = static_cast<std::uint64_t>(p.integer_in("seed", limits::seed));
    if (p.given("alpha")) c.partition.alpha = p.real_in("alpha", limits::alpha);
    if (p.given("clients")) c.partition.clients = static_cast<std::size_t>(p.integer_in("clients", limits::clients));
    if (p.given("bits")) c.bits = static_cast<int>(p.integer_in("bits", limits::bits));
    if (p.given("threads")) c.threads = static_cast<int>(p.integer_in("threads", limits::threads));
    c.partition.seed = c.seed;
    validate_config(c, "command line");
    return c;
}

ProgressPrinter::ProgressPrinter(int rounds, std::string label)
    : rounds_(rounds), label_(std::move(label)), tty_(isatty(STDERR_FILENO) != 0) {}

void ProgressPrinter::on_round_start(int round, int) {
    round_ = round;
    started_ = 0;
}

// The position among this round's clients, not the client's id: with partial participation ids
// run to the number of clients, and clients start largest first.
void ProgressPrinter::on_client_start(int, int, int clients) {
    ++started_;
    clients_ = clients;
}

void ProgressPrinter::on_batch(int, int, int batch, int batches, double loss) {
    batch_ = batch;
    batches_ = batches;
    loss_ = loss;
    if (tty_ && now_seconds() - last_draw_ > 0.1) draw(false);
}

void ProgressPrinter::on_round_end(const RoundMetrics& m, const PrototypeSnapshot&) {
    ++rounds_done_;
    seconds_done_ += m.seconds;
    loss_ = m.loss;
    if (m.map) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "  mAP %.4f", *m.map);
        last_map_ = buf;
    }
    draw(!tty_);
}

void ProgressPrinter::draw(bool final_line) {
    last_draw_ = now_seconds();
    const double per_round = rounds_done_ ? seconds_done_ / rounds_done_ : 0.0;
    const int eta = static_cast<int>(per_round * (rounds_ - round_ + (rounds_done_ < round_ ? 1 : 0)) + 0.5);
    const int filled = rounds_ ? 20 * rounds_done_ / rounds_ : 0;
    char line[256];
    std::snprintf(line, sizeof line, "%s[%s%s] round %d/%d  client %d/%d  loss %.4f%s  ETA %s", label_.c_str(),
                  std::string(static_cast<std::size_t>(filled), '#').c_str(), std::string(static_cast<std::size_t>(20 - filled), '.').c_str(),
                  round_, rounds_, std::max(started_, 1), std::max(clients_, 1), loss_, last_map_.c_str(),
                  rounds_done_ ? (std::to_string(eta) + "s").c_str() : "?");
    std::cerr << (tty_ ? "\r\033[K" : "") << line << (final_line ? "\n" : "") << std::flush;
}

void ProgressPrinter::finish() {
    if (tty_) std::cerr << "\n";
}

}  // namespace fedhap::cli
