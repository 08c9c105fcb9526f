// bench_embed [threads]: t-SNE of synthetic 64-bit hash codes (10 classes, each code its class
// centre with 15% of the bits flipped, seeded), 5,000, 20,000 and 70,000 points (the size of the
// whole Fashion-MNIST database), 1,000 iterations. Prints the set-up time (neighbours, P, PCA
// start), the optimisation time, and the KL divergence: the Barnes–Hut estimate and the exact one.
//
// Two helpers for bench_embed_anchors.sh, which compares other t-SNE programs on the same codes:
//   bench_embed --write-codes DIR N...   the codes (and labels) as DIR/codes_N.npy, labels_N.npy
//                                        and DIR/codes_N.csv (for R)
//   bench_embed --kl CODES.npy XY.csv    the exact KL of a 2-D map (CSV: x,y[,...] with a header)
//                                        under this project's P (perplexity 30, 91 neighbours)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "embed/tsne.h"
#include "io/npy.h"
#include "util/random.h"
#include "util/thread_pool.h"

namespace {

struct Codes {
    std::vector<float> values;
    std::vector<std::int64_t> labels;
};

Codes synthetic_codes(std::size_t n, std::size_t bits, std::uint64_t seed) {
    fedhap::Rng rng(seed);
    std::vector<float> centres(10 * bits);
    for (auto& v : centres) v = rng.uniform() < 0.5 ? -1.0f : 1.0f;
    Codes codes;
    codes.values.reserve(n * bits);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t c = rng.below(10);
        codes.labels.push_back(static_cast<std::int64_t>(c));
        for (std::size_t b = 0; b < bits; ++b)
            codes.values.push_back(centres[c * bits + b] * (rng.uniform() < 0.15 ? -1.0f : 1.0f));
    }
    return codes;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

int write_codes(const std::string& dir, int argc, char** argv) {
    for (int a = 0; a < argc; ++a) {
        const std::size_t n = std::strtoul(argv[a], nullptr, 10);
        const Codes codes = synthetic_codes(n, 64, 42);
        const std::string stem = dir + "/";
        fedhap::write_npy(stem + "codes_" + argv[a] + ".npy", fedhap::npy_from_floats({n, 64}, codes.values));
        fedhap::write_npy(stem + "labels_" + argv[a] + ".npy", fedhap::npy_from_int64({n}, codes.labels));
        std::ofstream csv(stem + "codes_" + argv[a] + ".csv");
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t b = 0; b < 64; ++b) csv << codes.values[i * 64 + b] << (b + 1 < 64 ? ',' : '\n');
        if (!csv) return 1;
    }
    return 0;
}

int exact_kl(const std::string& codes_path, const std::string& xy_path) {
    const fedhap::NpyArray codes = fedhap::read_npy(codes_path);
    fedhap::TsneOptions options;
    options.iterations = 1;
    const fedhap::TsneEmbedding tsne(codes.to_float(), codes.shape.at(1), options);  // P only
    std::ifstream in(xy_path);
    std::string line;
    std::getline(in, line);  // header
    std::vector<float> y;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string x, yv;
        std::getline(fields, x, ',');
        std::getline(fields, yv, ',');
        y.push_back(std::stof(x));
        y.push_back(std::stof(yv));
    }
    fedhap::ThreadPool pool(0);
    std::printf("%.4f\n", fedhap::exact_kl_divergence(tsne.affinities(), y, pool));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 3 && std::string(argv[1]) == "--write-codes") return write_codes(argv[2], argc - 3, argv + 3);
    if (argc == 4 && std::string(argv[1]) == "--kl") return exact_kl(argv[2], argv[3]);
    fedhap::TsneOptions options;
    options.threads = argc > 1 ? std::atoi(argv[1]) : 0;
    std::printf("t-SNE of 64-bit codes: perplexity %.0f, theta %.1f, %d iterations, threads %s\n\n",
                options.perplexity, options.theta, options.iterations, argc > 1 ? argv[1] : "all");
    std::printf("%8s %10s %11s %9s %10s %10s\n", "points", "set-up s", "optimise s", "total s", "KL (BH)", "KL exact");
    for (std::size_t n : {5000, 20000, 70000}) {
        const Codes codes = synthetic_codes(n, 64, 42);
        const auto start = std::chrono::steady_clock::now();
        fedhap::TsneEmbedding tsne(codes.values, 64, options);
        const double setup = seconds_since(start);
        const auto optimise_start = std::chrono::steady_clock::now();
        tsne.step(options.iterations);
        const double optimise = seconds_since(optimise_start);
        std::printf("%8zu %10.3f %11.3f %9.3f %10.4f %10.4f\n", n, setup, optimise, setup + optimise,
                    tsne.kl_divergence(), tsne.exact_kl_divergence());
        std::fflush(stdout);
    }
    return 0;
}
