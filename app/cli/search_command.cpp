// fedhap search: the k nearest database codes of each query code by Hamming distance (.npy in and out).
#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <stdexcept>

#include "arg_parser.h"
#include "command_registry.h"
#include "eval/hamming_topk.h"
#include "eval/npy_inputs.h"
#include "io/npy.h"
#include "io/output_folder.h"
#include "util/thread_pool.h"

namespace fedhap::cli {
namespace {

// One line: the JSON of a whole result can be megabytes, so it is built in one buffer and written once.
void print_json(const HammingNeighbours& found, std::size_t database, std::size_t bits, double seconds) {
    std::ostringstream out;
    out << "{\"queries\":" << found.queries << ",\"database\":" << database << ",\"bits\":" << bits
        << ",\"k\":" << found.k << ",\"seconds\":" << seconds << ",\"indices\":[";
    const auto rows = [&](const auto& values) {
        for (std::size_t q = 0; q < found.queries; ++q) {
            out << (q ? ",[" : "[");
            for (std::size_t i = 0; i < found.k; ++i) out << (i ? "," : "") << values[q * found.k + i];
            out << "]";
        }
    };
    rows(found.indices);
    out << "],\"distances\":[";
    rows(found.distances);
    out << "]}\n";
    std::cout << out.str();
}

PackedCodes read_codes(const std::string& path) {
    PackedCodes codes = read_codes_npy(path);
    if (codes.count == 0) throw std::runtime_error(path + ": holds no codes");
    return codes;
}

int run(const std::vector<std::string>& args) {
    ArgParser p("search",
                "For each query code, the K database codes nearest in Hamming distance, nearest first;\n"
                "equal distances are ordered by database index. Codes: N x B .npy, int8 +-1 or float\n"
                "(sign taken, 0 -> +1), B <= 128, as for `fedhap eval`. Writes --out: queries x K int64\n"
                "database indices, and --distances: queries x K int32 distances. K larger than the\n"
                "database gives as many columns as there are database codes.\n"
                "--format json prints {queries, database, bits, k, seconds, indices, distances} on one\n"
                "line of stdout (indices and distances as queries x K nested arrays); --out is then\n"
                "optional. --format text prints a one-line summary.");
    p.option("query-codes", "FILE", "query codes (.npy)")
        .option("db-codes", "FILE", "database codes (.npy)")
        .option("k", "K", "neighbours per query")
        .option("out", "FILE", "indices (.npy, int64), required unless --format json")
        .option("distances", "FILE", "distances (.npy, int32)")
        .option("format", "F", "text | json", "text")
        .option("threads", "N", "worker threads, 0 = one per core", "0");
    if (!p.parse(args)) return 0;
    for (const char* name : {"query-codes", "db-codes", "k"})
        if (!p.given(name)) throw UsageError(std::string("--") + name + " is required");
    const std::string format = p.choice("format", {"text", "json"});
    if (format == "text" && !p.given("out")) throw UsageError("--out is required unless --format json");
    const std::size_t k = p.count("k");
    if (k == 0) throw UsageError("--k must be positive");
    const auto threads = static_cast<std::size_t>(p.integer_in("threads", limits::threads));

    const std::string query_path = p.text("query-codes"), db_path = p.text("db-codes");
    const PackedCodes queries = read_codes(query_path);
    const PackedCodes database = read_codes(db_path);
    if (queries.bits != database.bits)
        throw std::runtime_error(query_path + " has " + std::to_string(queries.bits) + "-bit codes, " + db_path +
                                 " has " + std::to_string(database.bits) + "-bit codes");
    // Both outputs are proved writable before the search (the inputs' faults are named first).
    if (p.given("out")) check_output_file(p.text("out"));
    if (p.given("distances")) check_output_file(p.text("distances"));

    const auto t0 = std::chrono::steady_clock::now();
    const HammingNeighbours found = hamming_top_k(queries, database, k, threads);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    const std::vector<std::size_t> shape{found.queries, found.k};
    if (p.given("out")) write_npy(p.text("out"), npy_from_int64(shape, found.indices));
    if (p.given("distances")) write_npy(p.text("distances"), npy_from_int32(shape, found.distances));
    if (format == "json") {
        print_json(found, database.count, database.bits, seconds);
    } else {
        char line[200];
        std::snprintf(line, sizeof line, "%zu queries x %zu database codes, %zu bits: top %zu in %.3f s (%d threads)\n",
                      found.queries, database.count, database.bits, found.k, seconds,
                      resolve_thread_count(static_cast<int>(threads)));
        std::cout << line;
    }
    return 0;
}

const RegisterCommand registered("search", "top-k nearest codes by Hamming distance, .npy in and out", &run);

}  // namespace
}  // namespace fedhap::cli
