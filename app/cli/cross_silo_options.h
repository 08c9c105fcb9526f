#pragma once
// Options of the server side of a cross-silo run, shared by `fedhap serve` and
// `fedhap run --processes`, and the log both print about their silos.
#include <memory>
#include <string>

#include "arg_parser.h"
#include "crosssilo/serve.h"
#include "crosssilo/silo_journal.h"

namespace fedhap::cli {

void add_serve_options(ArgParser& parser, const std::string& default_listen);
ServeSettings serve_settings_from(const ArgParser& parser);
FrameKey secret_from(const ArgParser& parser);  // --secret-file, or none

// One stderr line per silo event, and silos.jsonl in the run folder when there is one.
class SiloPrinter : public SiloObserver {
public:
    SiloPrinter(const std::string& out_dir, bool resume);
    void on_listening(const std::string& endpoint) override;
    void on_joined(int silo, std::int64_t generation, const std::vector<std::int32_t>& class_counts) override;
    void on_refused(int silo, const std::string& reason) override;
    void on_round(int round, const std::vector<SiloRoundReport>& reports) override;
    void on_retrieval(const CrossSiloRetrieval& result) override;

private:
    std::unique_ptr<SiloJournal> journal_;
};

}  // namespace fedhap::cli
