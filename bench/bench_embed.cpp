// bench_embed [threads]: Barnes–Hut t-SNE of synthetic 64-bit hash codes (10 classes, each code
// its class centre with 15% of the bits flipped, seeded), 5,000 and 20,000 points, 1,000 iterations.
// Prints the set-up time (neighbours, P, PCA start), the optimisation time, and the KL divergence:
// the Barnes–Hut estimate and the exact one.
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "embed/tsne.h"
#include "util/random.h"

namespace {

std::vector<float> synthetic_codes(std::size_t n, std::size_t bits, std::uint64_t seed) {
    fedhap::Rng rng(seed);
    std::vector<float> centres(10 * bits), codes;
    for (auto& v : centres) v = rng.uniform() < 0.5 ? -1.0f : 1.0f;
    codes.reserve(n * bits);
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t c = rng.below(10);
        for (std::size_t b = 0; b < bits; ++b)
            codes.push_back(centres[c * bits + b] * (rng.uniform() < 0.15 ? -1.0f : 1.0f));
    }
    return codes;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
    fedhap::TsneOptions options;
    options.threads = argc > 1 ? std::atoi(argv[1]) : 0;
    std::printf("Barnes-Hut t-SNE of 64-bit codes: perplexity %.0f, theta %.1f, %d iterations, threads %s\n\n",
                options.perplexity, options.theta, options.iterations, argc > 1 ? argv[1] : "all");
    std::printf("%8s %10s %11s %9s %10s %10s\n", "points", "set-up s", "optimise s", "total s", "KL (BH)", "KL exact");
    for (std::size_t n : {5000, 20000}) {
        const std::vector<float> codes = synthetic_codes(n, 64, 42);
        const auto start = std::chrono::steady_clock::now();
        fedhap::TsneEmbedding tsne(codes, 64, options);
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
