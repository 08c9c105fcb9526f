// fedhap embed: a 2-D map of hash codes (t-SNE or PCA) as CSV, for plots outside the workbench.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>

#include "arg_parser.h"
#include "command_registry.h"
#include "data/data_error.h"
#include "embed/pca.h"
#include "embed/tsne.h"
#include "io/atomic_file.h"
#include "io/npy.h"
#include "io/output_folder.h"
#include "util/printable_path.h"

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

// Written whole or not at all (a refused or failed embedding leaves no file, not an empty one).
void write_coordinates(const std::string& path, const std::vector<float>& xy, const std::vector<std::int64_t>& labels) {
    std::string text = labels.empty() ? "x,y\n" : "x,y,label\n";
    for (std::size_t i = 0; i < xy.size() / 2; ++i) {
        text += number(xy[2 * i]) + ',' + number(xy[2 * i + 1]);
        if (!labels.empty()) text += ',' + std::to_string(labels[i]);
        text += '\n';
    }
    write_file_atomic(path, text);
}

// True when every row equals the first: no pair of points to tell apart.
bool all_rows_equal(const std::vector<float>& values, std::size_t points, std::size_t dims) {
    for (std::size_t i = 1; i < points; ++i)
        if (!std::equal(values.begin() + static_cast<std::ptrdiff_t>(i * dims),
                        values.begin() + static_cast<std::ptrdiff_t>((i + 1) * dims), values.begin()))
            return false;
    return true;
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
        .option("perplexity", "P", "t-SNE perplexity, 1 <= P < N/3", "30")
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
    // A perplexity is an effective number of neighbours, exp(entropy): below 1 no bandwidth can
    // reach it (an entropy is never negative), and t-SNE's neighbour lists need N > 3P.
    if (method == "tsne" && !(perplexity >= 1.0 && 3.0 * perplexity < static_cast<double>(points)))
        throw DataError(codes_path, points < 4 ? "t-SNE needs at least 4 points (N > 3 x perplexity, perplexity >= 1), got " +
                                                     std::to_string(points)
                                               : "--perplexity must be in [1, N/3) = [1, " + number(points / 3.0) + ") for " +
                                                     std::to_string(points) + " points, got " + p.text("perplexity"));

    for (float v : values)
        if (!std::isfinite(v)) throw DataError(codes_path, "contains NaN or infinite values");
    // Identical points have no layout to find: t-SNE's affinities and PCA's axes are undefined.
    if (all_rows_equal(values, points, dims))
        throw DataError(codes_path, (points == 1 ? std::string("holds one point") : "all " + std::to_string(points) + " rows are identical") +
                                        "; a map needs at least two distinct points");
    const std::string out_path = p.text("out");
    check_output_file(out_path);  // before the work: no long run for a file that cannot be written

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
    // The last guard: a map with a NaN in it is a failure, not a result.
    if (!std::all_of(xy.begin(), xy.end(), [](float v) { return std::isfinite(v); }))
        throw DataError(codes_path, "the embedding produced NaN or infinite coordinates; nothing written");
    write_coordinates(out_path, xy, labels);

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
    std::cout << line << "  coordinates      " << printable_path(out_path) << "\n";
    return 0;
}

const RegisterCommand registered("embed", "map hash codes to 2-D (t-SNE or PCA) and write the coordinates", &run);

}  // namespace
}  // namespace fedhap::cli
