// bench_cli_start: whole-process times of the light `fedhap` (no LibTorch, no OpenCV) — `--help`
// and `eval` of 1,000 × 69,000 codes of 64 bits — and of `fedhap-train --help` (LibTorch loaded),
// each the median of several runs, started as a user would start them.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "io/npy.h"
#include "util/random.h"

using namespace fedhap;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kQueries = 1000, kDatabase = 69000, kBits = 64, kClasses = 10;
constexpr int kRuns = 7;

// Codes of a class are its random centre with each bit flipped with probability 0.2.
void write_set(Rng& rng, const std::vector<std::vector<std::int8_t>>& centres, std::size_t n, const std::string& stem) {
    std::vector<std::int8_t> codes(n * kBits);
    std::vector<std::int32_t> labels(n);
    for (std::size_t i = 0; i < n; ++i) {
        labels[i] = static_cast<std::int32_t>(rng.below(kClasses));
        for (std::size_t b = 0; b < kBits; ++b)
            codes[i * kBits + b] = static_cast<std::int8_t>(centres[labels[i]][b] * (rng.uniform() < 0.2 ? -1 : 1));
    }
    write_npy(stem + "_codes.npy", npy_from_int8({n, kBits}, codes));
    write_npy(stem + "_labels.npy", npy_from_int32({n}, labels));
}

// Median wall seconds of `argv`, its output thrown away.
double median_seconds(const std::vector<std::string>& args) {
    std::vector<double> times;
    for (int run = 0; run < kRuns; ++run) {
        const auto start = std::chrono::steady_clock::now();
        const pid_t pid = fork();
        if (pid == 0) {
            std::freopen("/dev/null", "w", stdout);
            std::freopen("/dev/null", "w", stderr);
            std::vector<char*> argv;
            for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
            argv.push_back(nullptr);
            execv(argv[0], argv.data());
            _exit(127);
        }
        int status = 0;
        waitpid(pid, &status, 0);
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            std::fprintf(stderr, "bench_cli_start: %s failed\n", args[0].c_str());
            std::exit(1);
        }
        times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    std::sort(times.begin(), times.end());
    return times[times.size() / 2];
}

}  // namespace

int main() {
    const fs::path bin = fs::canonical("/proc/self/exe").parent_path();
    const fs::path dir = fs::temp_directory_path() / ("bench_cli_start." + std::to_string(getpid()));
    fs::create_directories(dir);
    Rng rng(7);
    std::vector<std::vector<std::int8_t>> centres(kClasses, std::vector<std::int8_t>(kBits));
    for (auto& c : centres)
        for (auto& b : c) b = rng.uniform() < 0.5 ? -1 : 1;
    write_set(rng, centres, kQueries, (dir / "query").string());
    write_set(rng, centres, kDatabase, (dir / "db").string());

    const std::string fedhap = (bin / "fedhap").string(), trainer = (bin / "fedhap-train").string();
    const double help = median_seconds({fedhap, "--help"});
    const double eval = median_seconds({fedhap, "eval", "--query-codes", (dir / "query_codes.npy").string(), "--query-labels",
                                        (dir / "query_labels.npy").string(), "--db-codes", (dir / "db_codes.npy").string(),
                                        "--db-labels", (dir / "db_labels.npy").string(), "--format", "json"});
    const double trainer_help = median_seconds({trainer, "--help"});
    fs::remove_all(dir);
    std::printf("whole process, median of %d runs\n", kRuns);
    std::printf("  fedhap --help                                   %7.3f s\n", help);
    std::printf("  fedhap eval 1,000 x 69,000 x 64 bits            %7.3f s\n", eval);
    std::printf("  fedhap-train --help (LibTorch and OpenCV load)  %7.3f s\n", trainer_help);
    return 0;
}
