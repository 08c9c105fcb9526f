// fedhap eval: retrieval quality of saved hash codes (.npy), by Hamming ranking.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "arg_parser.h"
#include "command_registry.h"
#include "eval/code_stats.h"
#include "eval/npy_inputs.h"
#include "eval/retrieval_metrics.h"
#include "io/csv_writer.h"
#include "io/output_folder.h"
#include "util/thread_pool.h"

namespace fedhap::cli {
namespace {

// Shortest text that reads back as the same double.
std::string number(double v) {
    char buf[32];
    return std::string(buf, std::to_chars(buf, buf + sizeof(buf), v).ptr);
}

void print_json(const RetrievalMetrics& m, double seconds) {
    std::cout << "{\"map\":" << number(m.map);
    if (m.top_k) std::cout << ",\"map_at_k\":" << number(m.map_at_k);
    std::cout << ",\"p_at_h2\":" << number(m.p_at_h2) << ",\"queries\":" << m.queries << ",\"database\":" << m.database
              << ",\"bits\":" << m.bits << ",\"seconds\":" << number(seconds) << "}\n";
}

void print_table(const RetrievalMetrics& m, const LabelSet& labels, const PackedCodes& db, double seconds,
                 std::size_t threads) {
    const CodeStats stats = code_stats(db);
    char line[160];
    std::cout << m.queries << " queries, " << m.database << " database items, " << m.bits << " bits, "
              << (labels.multi_label() ? std::to_string(labels.classes()) + "-class multi-label" : "single-label")
              << "\n\n";
    auto row = [&](const std::string& name, double v) {
        std::snprintf(line, sizeof(line), "  %-22s %.4f\n", name.c_str(), v);
        std::cout << line;
    };
    row("mAP@all", m.map);
    if (m.top_k) row("mAP@" + std::to_string(m.top_k), m.map_at_k);
    row("P@H<=2", m.p_at_h2);
    row("database |bit mean|", stats.mean_abs_bit_mean);
    row("database |bit corr.|", stats.mean_abs_correlation);
    std::snprintf(line, sizeof(line), "  %-22s %.3f s (%zu threads)\n", "evaluation time", seconds, threads);
    std::cout << line << "\n  radius  precision  recall\n";
    for (std::size_t r = 0; r <= std::min<std::size_t>(m.bits, 4); ++r) {
        std::snprintf(line, sizeof(line), "  %6zu  %9.4f  %6.4f\n", r, m.precision_at_radius[r], m.recall_at_radius[r]);
        std::cout << line;
    }
}

int run(const std::vector<std::string>& args) {
    ArgParser p("eval", "Ranks the database codes by Hamming distance to each query code and prints mAP,\n"
                        "mAP@K and precision within Hamming radius 2. Codes: N x B .npy, int8 +-1 or float\n"
                        "(sign taken, 0 -> +1), B <= 128. Labels: N integer class ids, or N x C 0/1 multi-hot.\n"
                        "Ties in distance are ranked by database index.");
    p.option("query-codes", "FILE", "query codes (.npy)")
        .option("query-labels", "FILE", "query labels (.npy)")
        .option("db-codes", "FILE", "database codes (.npy)")
        .option("db-labels", "FILE", "database labels (.npy)")
        .option("topk", "K", "also report mAP over the top K")
        .option("format", "F", "table | json", "table")
        .option("threads", "N", "worker threads, 0 = one per core", "0")
        .option("curves", "FILE", "write precision/recall by Hamming radius as CSV");
    if (!p.parse(args)) return 0;
    for (const char* name : {"query-codes", "query-labels", "db-codes", "db-labels"})
        if (!p.given(name)) throw UsageError(std::string("--") + name + " is required");
    const std::string format = p.choice("format", {"table", "json"});
    RetrievalOptions options;
    options.threads = static_cast<std::size_t>(p.integer_in("threads", limits::threads));
    if (p.given("topk")) {
        options.top_k = p.count("topk");
        if (options.top_k == 0) throw UsageError("--topk must be positive");
    }

    const PackedCodes query_codes = read_codes_npy(p.text("query-codes"));
    const LabelSet query_labels = read_labels_npy(p.text("query-labels"));
    const PackedCodes db_codes = read_codes_npy(p.text("db-codes"));
    const LabelSet db_labels = read_labels_npy(p.text("db-labels"));
    if (p.given("curves")) check_output_file(p.text("curves"));  // before the evaluation, not after

    const auto t0 = std::chrono::steady_clock::now();
    const RetrievalMetrics m = evaluate_retrieval(query_codes, query_labels, db_codes, db_labels, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    if (p.given("curves")) {
        std::vector<std::vector<double>> rows;
        for (std::size_t r = 0; r <= m.bits; ++r) rows.push_back({double(r), m.precision_at_radius[r], m.recall_at_radius[r]});
        write_csv(p.text("curves"), {"radius", "precision", "recall"}, rows);
    }
    if (format == "json") print_json(m, seconds);
    else print_table(m, query_labels, db_codes, seconds, resolve_thread_count(static_cast<int>(options.threads)));
    return 0;
}

const RegisterCommand registered("eval", "mAP, mAP@K and P@H<=2 of hash codes saved as .npy", &run);

}  // namespace
}  // namespace fedhap::cli
