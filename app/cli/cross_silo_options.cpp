#include "cross_silo_options.h"

#include <cstdio>

#include "experiment/config_limits.h"
#include "io/output_folder.h"

namespace fedhap::cli {
namespace {

std::chrono::milliseconds seconds_option(const ArgParser& p, const std::string& name) {
    return std::chrono::milliseconds(static_cast<long long>(p.real_in(name, limits::wait_seconds) * 1000.0));
}

}  // namespace

void add_serve_options(ArgParser& p, const std::string& default_listen) {
    p.option("listen", "HOST:PORT", "address the silos connect to (port 0: a free one, printed)", default_listen)
        .option("round-timeout", "SECONDS", "how long a round waits for its silos; late ones are left out", "60")
        .option("join-timeout", "SECONDS", "how long the first round waits for every silo to join", "600")
        .option("secret-file", "FILE", "shared secret that authenticates every message (HMAC-SHA256)")
        .option("retrieval-top-k", "K", "after the last round, each silo ranks its part of the database; K per query (0: off)", "100");
}

FrameKey secret_from(const ArgParser& p) {
    return p.text("secret-file").empty() ? FrameKey() : FrameKey::from_file(p.text("secret-file"));
}

ServeSettings serve_settings_from(const ArgParser& p) {
    ServeSettings s;
    s.listen = parse_endpoint(p.text("listen"), "--listen");
    s.round_timeout = seconds_option(p, "round-timeout");
    s.join_timeout = seconds_option(p, "join-timeout");
    s.key = secret_from(p);
    s.retrieval_top_k = static_cast<std::size_t>(p.integer_in("retrieval-top-k", limits::retrieval_top_k));
    return s;
}

SiloPrinter::SiloPrinter(const std::string& out_dir, bool resume) {
    if (out_dir.empty()) return;
    prepare_output_folder(out_dir, "run folder");
    journal_ = std::make_unique<SiloJournal>(SiloJournal::file_sink(out_dir + "/silos.jsonl", resume));
}

void SiloPrinter::on_listening(const std::string& endpoint) {
    std::fprintf(stdout, "listening on %s\n", endpoint.c_str());
    std::fflush(stdout);
    if (journal_) journal_->on_listening(endpoint);
}

void SiloPrinter::on_joined(int silo, std::int64_t generation, const std::vector<std::int32_t>& counts) {
    long long images = 0;
    for (auto c : counts) images += c;
    std::fprintf(stderr, "\nsilo %d joined (connection %lld, %lld training images)\n", silo,
                 static_cast<long long>(generation), images);
    if (journal_) journal_->on_joined(silo, generation, counts);
}

void SiloPrinter::on_refused(int silo, const std::string& reason) {
    if (silo >= 0) std::fprintf(stderr, "\nsilo %d: refused: %s\n", silo, reason.c_str());
    else std::fprintf(stderr, "\n%s\n", reason.c_str());
    if (journal_) journal_->on_refused(silo, reason);
}

void SiloPrinter::on_retrieval(const CrossSiloRetrieval& r) {
    std::fprintf(stderr, "\ncross-silo retrieval: mAP@%zu %.4f over %zu of %zu silos (%llu database items)", r.top_k, r.map_at_k,
                 r.silos_answered, r.silos, static_cast<unsigned long long>(r.database_items));
    if (r.map_at_k_pooled >= 0) std::fprintf(stderr, "; pooled evaluation %.4f", r.map_at_k_pooled);
    std::fprintf(stderr, "\n");
    if (journal_) journal_->on_retrieval(r);
}

void SiloPrinter::on_round(int round, const std::vector<SiloRoundReport>& reports) {
    for (const auto& r : reports)
        if (!r.answered) std::fprintf(stderr, "\nsilo %d: left out of round %d: %s\n", r.silo, round, r.reason.c_str());
    if (journal_) journal_->on_round(round, reports);
}

}  // namespace fedhap::cli
