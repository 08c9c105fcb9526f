// fedhap embed: a 2-D map of hash codes (t-SNE or PCA) as CSV, for plots outside the workbench.
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <optional>

#include "arg_parser.h"
#include "command_registry.h"
#include "data/data_error.h"
#include "embed/pca.h"
#include "embed/tsne.h"
#include "io/npy.h"

namespace fedhap::cli {
namespace {

// Above this many points the reported KL uses the Barnes–Hut normaliser, not the O(N²) one.
constexpr std::size_t kExactKlPoints = 20000;

std::string number(double v) {
    char buf[32];
    return std::string(buf, std::to_chars(buf, buf + sizeof(buf), v).ptr);
}

std::string number(float v) {  // shortest text that reads back as the same float
    char buf[32];
    return std::string(buf, std::to_chars(buf, buf + sizeof(buf), v).ptr);
}


std::vector<std::int64_t> read_labels(const std::string& path, std::size_t points) {
    const NpyArray a = read_npy(path);
    if (!a.is_integer()) throw DataError(path, "labels must be integers, got " + npy_type_name(a.type));
    if (a.shape.empty() || a.shape[0] != points || a.elements() != points)
        throw DataError(
            path, "expected " + std::to_string(points) + " labels (one per code), got shape " + npy_shape_text(a.shape));
    return a.to_int64();
}

void write_coordinates(std::ofstream& out, const std::string& path, const std::vector<float>& xy,
                       const std::vector<std::int64_t>& labels) {
    out << (labels.empty() ? "x,y\n" : "x,y,label\n");
    for (std::size_t i = 0; i < xy.size() / 2; ++i) {
        out << number(xy[2 * i]) << ',' << number(xy[2 * i + 1]);
        if (!labels.empty()) out << ',' << labels[i];
        out << '\n';
    }
    out.flush();
    if (!out) throw DataError(path, "write failed");
}

int run(const std::vector<std::string>& args) {
    ArgParser p("embed",
                "Maps hash codes to 2-D by Barnes-Hut t-SNE (or PCA) and writes the coordinates as\n"
                "CSV (x,y[,label]). Codes: N x D .npy of any numeric dtype, +-1 or relaxed codes or\n"
                "any features; labels: N integers. Prints the KL divergence of the result (exact up\n"
                "to 20000 points, Barnes-Hut estimate above) and the embedding time.");
    p.option("codes", "FILE", "codes or features (.npy, N x D)")
        .option("labels", "FILE", "labels (.npy, N integers), copied to the CSV")
        .option("method", "M", "tsne | pca", "tsne")
        .option("perplexity", "P", "t-SNE perplexity, 0 < P < N/3", "30")
        .option("iters", "N", "t-SNE iterations", "1000")
        .option("seed", "S", "seed of the neighbour-search tree (features other than +-1 codes)", "0")
        .option("threads", "N", "worker threads, 0 = one per core", "0")
        .option("out", "FILE", "coordinates (.csv)")
        .option("format", "F", "table | json", "table");
    if (!p.parse(args)) return 0;
    for (const char* name : {"codes", "out"})
        if (!p.given(name)) throw UsageError(std::string("--") + name + " is required");
    const std::string method = p.choice("method", {"tsne", "pca"});
    const std::string format = p.choice("format", {"table", "json"});
    const double perplexity = p.real("perplexity");
    const long long iters = p.integer("iters");
    if (iters <= 0 || iters > 1000000000) throw UsageError("--iters must be positive, got " + p.text("iters"));
    TsneOptions options;
    options.perplexity = perplexity;
    options.iterations = static_cast<int>(iters);
    options.seed = static_cast<std::uint64_t>(p.integer_in("seed", limits::seed));
    options.threads = static_cast<int>(p.integer_in("threads", limits::threads));

    const std::string codes_path = p.text("codes");
    const NpyArray codes = read_npy(codes_path);
    if (codes.shape.size() != 2 || codes.shape[0] == 0 || codes.shape[1] == 0)
        throw DataError(codes_path,
                        "expected a non-empty 2-D array (points x dims), got shape " + npy_shape_text(codes.shape));
    const std::size_t points = codes.shape[0], dims = codes.shape[1];
    const std::vector<std::int64_t> labels =
        p.given("labels") ? read_labels(p.text("labels"), points) : std::vector<std::int64_t>{};
    const std::vector<float> values = codes.to_float();
    if (method == "tsne" && !(perplexity > 0.0 && 3.0 * perplexity < static_cast<double>(points)))
        throw UsageError("--perplexity must be in (0, N/3) = (0, " + number(points / 3.0) + ") for " +
                         std::to_string(points) + " points, got " + p.text("perplexity"));

    for (float v : values)
        if (!std::isfinite(v)) throw DataError(codes_path, "contains NaN or infinite values");
    const std::string out_path = p.text("out");
    std::ofstream out(out_path, std::ios::binary);  // opened first: no long run for a file that cannot be written
    if (!out) throw DataError(out_path, "cannot open for writing");

    // Timed from the loaded codes to the coordinates, as scikit-learn's fit_transform; the KL
    // check afterwards is O(N²) and not part of the embedding.
    const auto start = std::chrono::steady_clock::now();
    std::vector<float> xy;
    std::optional<double> kl;
    int iterations = 0;
    double seconds = 0.0;
    auto stop_clock = [&] {
        seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    if (method == "pca") {
        if (dims < 2) throw DataError(codes_path, "PCA to 2-D needs at least 2 dimensions");
        xy = fit_pca(values.data(), points, dims, 2, options.threads).transform(values.data(), points);
        stop_clock();
    } else {
        TsneEmbedding tsne(values, dims, options);
        tsne.step(options.iterations);
        stop_clock();
        xy = tsne.coordinates();
        iterations = tsne.iteration();
        kl = points <= kExactKlPoints ? tsne.exact_kl_divergence() : tsne.kl_divergence();
    }
    write_coordinates(out, out_path, xy, labels);

    if (format == "json") {
        std::cout << "{\"kl\":" << (kl ? number(*kl) : "null") << ",\"seconds\":" << number(seconds)
                  << ",\"points\":" << points << ",\"iterations\":" << iterations << "}\n";
        return 0;
    }
    char line[160];
    std::cout << (method == "pca" ? "PCA" : "t-SNE") << " of " << points << " points (" << dims << "-D)";
    if (method == "tsne") std::cout << ", perplexity " << number(perplexity) << ", " << iterations << " iterations";
    std::cout << "\n";
    if (kl) {
        std::snprintf(line, sizeof(line), "  %-16s %.4f%s\n", "KL divergence", *kl,
                      points <= kExactKlPoints ? "" : " (Barnes-Hut estimate)");
        std::cout << line;
    }
    std::snprintf(line, sizeof(line), "  %-16s %.3f s\n", "time", seconds);
    std::cout << line << "  coordinates      " << out_path << "\n";
    return 0;
}

const RegisterCommand registered("embed", "map hash codes to 2-D (t-SNE or PCA) and write the coordinates", &run);

}  // namespace
}  // namespace fedhap::cli
