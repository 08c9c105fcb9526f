// bench_scale_eval: seconds and peak memory of top-k search and mAP@all as the database grows
// (69,000, 1,000,000 and 10,000,000 codes of 64 bits by default, 1,000 queries).
//
//   bench_scale_eval [--queries Q] [--sizes N1,N2,...] [--k K] [--threads T] [--skip-in-memory]
//
// Each figure comes from a fresh process (this program started again with --case), so its peak
// resident memory (getrusage's ru_maxrss) is that of one computation alone. The streamed rows
// generate the database block by block (65,536 codes, drawn from the block's own seed) and never
// hold it whole: their memory should not grow with the database. The in-memory row is
// evaluate_retrieval on the whole database, for comparison; its mAP must equal the streamed one.
// Data: 10 classes, each code its class's random centre with every bit flipped with probability 1/4.
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "eval/hamming_topk.h"
#include "eval/retrieval_metrics.h"
#include "eval/streamed_average_precision.h"
#include "util/random.h"

extern char** environ;

using namespace fedhap;

namespace {

constexpr std::size_t kBits = 64, kClasses = 10, kBlock = 65536;
constexpr std::uint64_t kSeed = 2024;

struct Setup {
    std::size_t queries = 1000, k = 100, threads = 0;
    std::vector<std::size_t> sizes{69000, 1000000, 10000000};
    bool in_memory = true;
};

std::vector<std::uint64_t> centres() {
    Rng rng(kSeed);
    std::vector<std::uint64_t> c(kClasses);
    for (auto& w : c) w = rng.next_u64();
    return c;
}

// `count` codes and labels from `rng`: the class's centre XOR a mask with each bit set w.p. 1/4.
void draw(Rng& rng, std::size_t count, PackedCodes& codes, LabelSet& labels) {
    static const std::vector<std::uint64_t> centre = centres();
    codes.count = count;
    codes.bits = kBits;
    codes.words_per_code = 1;
    codes.words.resize(count);
    std::vector<std::int64_t> ids(count);
    for (std::size_t i = 0; i < count; ++i) {
        ids[i] = static_cast<std::int64_t>(rng.below(kClasses));
        codes.words[i] = centre[static_cast<std::size_t>(ids[i])] ^ (rng.next_u64() & rng.next_u64());
    }
    labels = LabelSet::single(std::move(ids));
}

// Block b of a database of n codes, or false past the end; the same block on every call.
bool database_block(std::size_t n, std::size_t b, PackedCodes& codes, LabelSet& labels) {
    if (b * kBlock >= n) return false;
    Rng rng(kSeed * 1000003 + b + 1);
    draw(rng, std::min(kBlock, n - b * kBlock), codes, labels);
    return true;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

double peak_mib() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;  // KiB on Linux
}

// One measurement, in this (fresh) process: prints one table row.
int run_case(const std::string& what, std::size_t n, const Setup& s) {
    PackedCodes queries, codes;
    LabelSet query_labels, labels;
    Rng query_rng(kSeed + 7);
    draw(query_rng, s.queries, queries, query_labels);
    const DatabaseBlocks blocks = [n](std::size_t b, PackedCodes& c, LabelSet& l) { return database_block(n, b, c, l); };
    char result[96] = "";
    auto t0 = std::chrono::steady_clock::now();
    if (what == "generate") {  // the cost of drawing the blocks, included in the streamed rows
        std::size_t total = 0;
        for (std::size_t b = 0; blocks(b, codes, labels); ++b) total += codes.count;
        std::snprintf(result, sizeof result, "%zu codes", total);
    } else if (what == "topk") {
        HammingTopK search(queries, s.k, s.threads);
        for (std::size_t b = 0; blocks(b, codes, labels); ++b) search.add(codes);
        const HammingNeighbours found = search.finish();
        double kth = 0.0;
        for (std::size_t q = 0; q < found.queries; ++q) kth += found.distances[q * found.k + found.k - 1];
        std::snprintf(result, sizeof result, "mean k-th distance %.3f", kth / double(found.queries));
    } else if (what == "map-streamed") {
        const double map = mean_over_queries(streamed_average_precision(queries, query_labels, blocks, s.threads));
        std::snprintf(result, sizeof result, "mAP %.17g", map);
    } else if (what == "map-in-memory") {
        PackedCodes db;
        db.bits = kBits;
        db.words_per_code = 1;
        std::vector<std::int64_t> ids;
        for (std::size_t b = 0; blocks(b, codes, labels); ++b) {
            db.words.insert(db.words.end(), codes.words.begin(), codes.words.end());
            ids.insert(ids.end(), labels.ids().begin(), labels.ids().end());
        }
        db.count = db.words.size();
        const LabelSet db_labels = LabelSet::single(std::move(ids));
        t0 = std::chrono::steady_clock::now();  // the evaluation alone
        RetrievalOptions options;
        options.threads = s.threads;
        std::snprintf(result, sizeof result, "mAP %.17g",
                      evaluate_retrieval(queries, query_labels, db, db_labels, options).map);
    } else {
        std::fprintf(stderr, "bench_scale_eval: unknown case %s\n", what.c_str());
        return 2;
    }
    const double seconds = seconds_since(t0);
    std::printf("%10zu %7zu  %-30s %9.3f %9.1f  %s\n", n, s.queries, what.c_str(), seconds, peak_mib(), result);
    return 0;
}

std::vector<std::size_t> parse_sizes(const std::string& text) {
    std::vector<std::size_t> sizes;
    for (std::size_t start = 0; start <= text.size();) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        sizes.push_back(std::strtoull(text.substr(start, comma - start).c_str(), nullptr, 10));
        start = comma + 1;
    }
    return sizes;
}

int spawn_case(const std::string& what, std::size_t n, const Setup& s) {
    std::fflush(stdout);
    std::vector<std::string> args{"bench_scale_eval", "--case", what, "--n", std::to_string(n), "--queries",
                                  std::to_string(s.queries), "--k", std::to_string(s.k), "--threads", std::to_string(s.threads)};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawn(&pid, "/proc/self/exe", nullptr, nullptr, argv.data(), environ) != 0) return 1;
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

}  // namespace

int main(int argc, char** argv) {
    Setup s;
    std::string what;
    std::size_t n = 0;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        const char* v = i + 1 < argc ? argv[i + 1] : "";
        if (a == "--skip-in-memory") s.in_memory = false;
        else if (a == "--queries") s.queries = std::strtoull(v, nullptr, 10), ++i;
        else if (a == "--k") s.k = std::strtoull(v, nullptr, 10), ++i;
        else if (a == "--threads") s.threads = std::strtoull(v, nullptr, 10), ++i;
        else if (a == "--sizes") s.sizes = parse_sizes(v), ++i;
        else if (a == "--case") what = v, ++i;
        else if (a == "--n") n = std::strtoull(v, nullptr, 10), ++i;
        else {
            std::fprintf(stderr, "usage: bench_scale_eval [--queries Q] [--sizes N1,N2,...] [--k K] [--threads T] [--skip-in-memory]\n");
            return 2;
        }
    }
    if (!what.empty()) return run_case(what, n, s);

    std::printf("bench_scale_eval: %zu-bit codes, %zu classes, top-%zu, database streamed in blocks of %zu codes; "
                "one process per row\n", kBits, kClasses, s.k, kBlock);
    std::printf("%10s %7s  %-30s %9s %9s  %s\n", "database", "queries", "computation", "seconds", "peak MiB", "result");
    for (std::size_t size : s.sizes) {
        std::vector<std::string> cases{"generate", "topk", "map-streamed"};
        if (s.in_memory) cases.push_back("map-in-memory");
        for (const auto& c : cases)
            if (spawn_case(c, size, s) != 0) return 1;
    }
    return 0;
}
