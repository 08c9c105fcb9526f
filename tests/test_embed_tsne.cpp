// t-SNE: perplexity search, exact neighbours with ties (scan and pivot index), the FFT and the
// grid repulsion against exact sums, exact vs Barnes–Hut KL, cluster separation (also above the
// grid's threshold), determinism, the step API, extra points and degenerate inputs.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>

#include <complex>

#include "clustered_codes.h"
#include "embed/affinities.h"
#include "embed/fft.h"
#include "embed/grid_repulsion.h"
#include "embed/hamming_neighbours.h"
#include "embed/tsne.h"
#include "embed/vp_tree.h"
#include "util/random.h"
#include "util/thread_pool.h"

using namespace fedhap;
using fedhap::test::Codes;
using fedhap::test::clustered_codes;
using fedhap::test::d2;
using fedhap::test::one_nn_accuracy;

namespace {

double entropy(const std::vector<float>& p) {
    double h = 0.0;
    for (float v : p)
        if (v > 0) h -= v * std::log(static_cast<double>(v));
    return h;
}

// Trustworthiness (Venna & Kaski, as scikit-learn): penalises embedding neighbours that are far
// in the input; input ranks order ties by index.
double trustworthiness(const std::vector<float>& x, std::size_t dims, const std::vector<float>& y, std::size_t k) {
    const std::size_t n = x.size() / dims;
    double penalty = 0.0;
    std::vector<std::size_t> order(n), rank(n);
    std::vector<double> dx(n);
    for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t j = 0; j < n; ++j) dx[j] = squared_distance(&x[i * dims], &x[j * dims], dims);
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return dx[a] < dx[b]; });
        std::stable_partition(order.begin(), order.end(), [&](auto a) { return a == i; });
        for (std::size_t r = 0; r < n; ++r) rank[order[r]] = r;  // self has rank 0
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(),
                         [&](auto a, auto b) { return d2(y.data(), i, a) < d2(y.data(), i, b); });
        std::stable_partition(order.begin(), order.end(), [&](auto a) { return a == i; });
        for (std::size_t r = 1; r <= k; ++r) penalty += std::max<double>(0.0, static_cast<double>(rank[order[r]]) - k);
    }
    return 1.0 - 2.0 / (n * k * (2.0 * n - 3.0 * k - 1.0)) * penalty;
}

bool all_finite(const std::vector<float>& v) {
    return std::all_of(v.begin(), v.end(), [](float x) { return std::isfinite(x); });
}

}  // namespace

class EmbedTsneTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void perplexity_search_hits_the_target_entropy() {
        Rng rng(1);
        for (double perplexity : {2.0, 5.0, 30.0, 60.0}) {
            for (int trial = 0; trial < 50; ++trial) {
                std::vector<float> d(90);
                const double scale = std::pow(10.0, rng.uniform() * 8.0 - 4.0);
                for (auto& v : d) v = static_cast<float>(scale * rng.uniform());
                for (int z = 0; z < trial % 5; ++z) d[rng.below(90)] = 0.0f;  // some zero distances
                for (int t = 0; t < trial % 7; ++t) d[rng.below(90)] = d[0];  // some ties
                if (trial % 3 == 0)
                    for (auto& v : d) v = std::round(v / scale * 8.0f) * static_cast<float>(scale);  // many ties
                std::vector<float> p(90);
                const double beta = conditional_probabilities(d.data(), 90, perplexity, p.data());
                double sum = 0.0;
                for (float v : p) sum += v;
                QVERIFY(std::abs(sum - 1.0) < 1e-5);
                std::size_t at_min = std::count(d.begin(), d.end(), *std::min_element(d.begin(), d.end()));
                if (at_min < perplexity) {
                    QVERIFY2(
                        std::abs(entropy(p) - std::log(perplexity)) < 1e-4,
                        qPrintable(
                            QString("perplexity %1 trial %2: entropy %3").arg(perplexity).arg(trial).arg(entropy(p))));
                    QVERIFY(std::isfinite(beta) && beta > 0);
                }
            }
        }
    }

    void unreachable_perplexity_is_uniform_over_the_ties() {
        // 40 exact duplicates among 90 neighbours: no bandwidth reaches perplexity 30.
        std::vector<float> d(90, 0.0f);
        for (std::size_t j = 40; j < 90; ++j) d[j] = static_cast<float>(j);
        std::vector<float> p(90);
        QVERIFY(std::isinf(conditional_probabilities(d.data(), 90, 30.0, p.data())));
        for (std::size_t j = 0; j < 90; ++j) QCOMPARE(p[j], j < 40 ? 1.0f / 40.0f : 0.0f);
        std::vector<float> same(10, 4.0f);  // all tied
        QVERIFY(std::isinf(conditional_probabilities(same.data(), 10, 3.0, p.data())));
        QCOMPARE(p[9], 0.1f);
    }

    void joint_probabilities_are_symmetric_and_normalised() {
        const Codes c = clustered_codes(400, 32, 4, 0.05, 2);  // short codes: many duplicates and ties
        ThreadPool pool(2);
        const Neighbours nb = nearest_neighbours(c.x.data(), c.n, c.bits, 45, 0, pool);
        const SparseMatrix p = joint_probabilities(nb, 15.0, pool);
        // Every point's bandwidth hits the target, unless more than 15 duplicates make it unreachable.
        std::size_t reachable = 0;
        for (std::size_t i = 0; i < c.n; ++i) {
            std::vector<float> row(45);
            conditional_probabilities(&nb.distance2[i * 45], 45, 15.0, row.data());
            const float* d = &nb.distance2[i * 45];
            if (std::count(d, d + 45, d[0]) >= 15) continue;
            ++reachable;
            QVERIFY(std::abs(entropy(row) - std::log(15.0)) < 1e-4);
        }
        QVERIFY(reachable > 100);
        double total = 0.0;
        for (std::size_t i = 0; i < p.rows(); ++i)
            for (std::size_t t = p.row_start[i]; t < p.row_start[i + 1]; ++t) {
                QVERIFY(std::isfinite(p.value[t]) && p.value[t] >= 0);
                QVERIFY(p.column[t] != i);
                if (t > p.row_start[i]) QVERIFY(p.column[t] > p.column[t - 1]);
                total += p.value[t];
                const std::size_t j = p.column[t];
                const auto first = p.column.begin() + static_cast<std::ptrdiff_t>(p.row_start[j]);
                const auto last = p.column.begin() + static_cast<std::ptrdiff_t>(p.row_start[j + 1]);
                const auto it = std::lower_bound(first, last, static_cast<std::uint32_t>(i));
                QVERIFY(it != last && *it == i);
                QCOMPARE(p.value[static_cast<std::size_t>(it - p.column.begin())], p.value[t]);
            }
        QVERIFY(std::abs(total - 1.0) < 1e-4);
    }

    void neighbours_are_exact_with_ties() {
        ThreadPool pool(2);
        // ±1 codes (bit scan): exactly the k smallest by (distance, index).
        const Codes c = clustered_codes(300, 24, 3, 0.1, 3);
        const std::size_t k = 20;
        const Neighbours fast = nearest_neighbours(c.x.data(), c.n, c.bits, k, 0, pool);
        for (std::size_t i = 0; i < c.n; ++i) {
            std::vector<std::pair<float, std::uint32_t>> all;
            for (std::size_t j = 0; j < c.n; ++j)
                if (j != i)
                    all.push_back(
                        {squared_distance(&c.x[i * c.bits], &c.x[j * c.bits], c.bits), static_cast<std::uint32_t>(j)});
            std::sort(all.begin(), all.end());
            for (std::size_t t = 0; t < k; ++t) {
                QCOMPARE(fast.index[i * k + t], all[t].second);
                QCOMPARE(fast.distance2[i * k + t], all[t].first);
            }
        }
        // The same codes halved go through the vantage-point tree: the same distances (/4),
        // ties broken in some fixed order.
        std::vector<float> half(c.x);
        for (auto& v : half) v *= 0.5f;
        const Neighbours tree = nearest_neighbours(half.data(), c.n, c.bits, k, 7, pool);
        for (std::size_t t = 0; t < fast.distance2.size(); ++t) QCOMPARE(tree.distance2[t] * 4.0f, fast.distance2[t]);
        // Continuous features: the tree against brute force.
        Rng rng(4);
        std::vector<float> x(500 * 7);
        for (auto& v : x) v = static_cast<float>(rng.normal());
        const Neighbours g = nearest_neighbours(x.data(), 500, 7, 12, 1, pool);
        for (std::size_t i = 0; i < 500; ++i) {
            std::vector<float> all;
            for (std::size_t j = 0; j < 500; ++j)
                if (j != i) all.push_back(squared_distance(&x[i * 7], &x[j * 7], 7));
            std::sort(all.begin(), all.end());
            for (std::size_t t = 0; t < 12; ++t) QCOMPARE(g.distance2[i * 12 + t], all[t]);
        }
    }

    void pivot_index_finds_the_same_neighbours_as_the_scan() {
        ThreadPool pool(3);
        auto same = [&](const std::vector<float>& x, std::size_t n, std::size_t bits, std::size_t k) {
            const PackedCodes codes = pack_codes(n, bits, x.data());
            const Neighbours scan = hamming_neighbours_by_scan(codes, k, pool);
            const Neighbours index = hamming_neighbours_by_index(codes, k, pool);
            return scan.index == index.index && scan.distance2 == index.distance2;
        };
        // Few bits: most distances tie and many codes repeat, so the lowest-index rule decides.
        for (std::size_t bits : {4, 10, 16}) {
            const Codes c = clustered_codes(3000, bits, 1, 0.5, 20 + bits);
            QVERIFY2(same(c.x, c.n, c.bits, 30), qPrintable(QString("%1 random bits").arg(bits)));
        }
        // Clusters, a code spanning two words, uniform random codes (nothing to prune), and k = N − 1.
        const Codes clustered = clustered_codes(4000, 64, 10, 0.15, 30);
        QVERIFY(same(clustered.x, clustered.n, clustered.bits, 91));
        const Codes wide = clustered_codes(2000, 70, 5, 0.1, 31);
        QVERIFY(same(wide.x, wide.n, wide.bits, 40));
        const Codes uniform = clustered_codes(1500, 32, 1, 0.5, 32);
        QVERIFY(same(uniform.x, uniform.n, uniform.bits, 91));
        const Codes tiny = clustered_codes(40, 8, 2, 0.2, 33);
        QVERIFY(same(tiny.x, tiny.n, tiny.bits, 39));
        // nearest_neighbours switches to the index above its threshold: still the scan's answer.
        const Codes large = clustered_codes(12000, 16, 6, 0.1, 34);
        const Neighbours picked = nearest_neighbours(large.x.data(), large.n, large.bits, 31, 0, pool);
        const Neighbours scan = hamming_neighbours_by_scan(pack_codes(large.n, large.bits, large.x.data()), 31, pool);
        QVERIFY(picked.index == scan.index && picked.distance2 == scan.distance2);
    }

    void fft_matches_the_direct_transform() {
        for (std::size_t n : {1, 2, 3, 4, 5, 6, 8, 12, 15, 16, 20, 30, 60, 64, 90}) {
            const std::size_t batch = 3;
            std::vector<double> re(n * batch), im(n * batch), work(2 * n * batch);
            for (std::size_t t = 0; t < re.size(); ++t) {
                re[t] = std::sin(1.3 * t) + 0.1 * t;
                im[t] = std::cos(0.7 * t);
            }
            const std::vector<double> re0 = re, im0 = im;
            const Fft fft(n);
            fft.transform(re.data(), im.data(), batch, false, work.data());
            double error = 0.0;
            for (std::size_t b = 0; b < batch; ++b)
                for (std::size_t k = 0; k < n; ++k) {
                    std::complex<double> sum = 0.0;
                    for (std::size_t t = 0; t < n; ++t)
                        sum += std::complex<double>(re0[t * batch + b], im0[t * batch + b]) *
                               std::polar(1.0, -2.0 * M_PI * static_cast<double>((t * k) % n) / n);
                    error = std::max(error, std::abs(sum - std::complex<double>(re[k * batch + b], im[k * batch + b])));
                }
            fft.transform(re.data(), im.data(), batch, true, work.data());
            for (std::size_t t = 0; t < re.size(); ++t)
                error = std::max({error, std::abs(re[t] / n - re0[t]), std::abs(im[t] / n - im0[t])});
            QVERIFY2(error < 1e-9, qPrintable(QString("length %1: error %2").arg(n).arg(error)));
        }
        QCOMPARE(Fft::good_size(97), std::size_t{128});
        QCOMPARE(Fft::good_size(700), std::size_t{768});
        QCOMPARE(Fft::good_size(769), std::size_t{1024});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, Fft(7));
    }

    void grid_repulsion_approximates_the_exact_sums() {
        // Ten Gaussian clusters, compact and spread out; the grid against the O(N²) sums.
        for (double spread : {3.0, 12.0, 40.0}) {
            Rng rng(40);
            const std::size_t n = 2000;
            std::vector<float> y(2 * n);
            for (std::size_t i = 0; i < n; ++i) {
                const int c = static_cast<int>(rng.below(10));
                y[2 * i] = static_cast<float>(spread * (c % 4) + rng.normal() * spread / 8);
                y[2 * i + 1] = static_cast<float>(spread * (c / 4) + rng.normal() * spread / 8);
            }
            std::vector<double> exact_force(2 * n), exact_z(n);
            for (std::size_t i = 0; i < n; ++i)
                for (std::size_t j = 0; j < n; ++j) {
                    if (j == i) continue;
                    const double dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
                    const double w = 1.0 / (1.0 + dx * dx + dy * dy);
                    exact_z[i] += w;
                    exact_force[2 * i] += w * w * dx;
                    exact_force[2 * i + 1] += w * w * dy;
                }
            std::vector<float> force(2 * n), again(2 * n);
            std::vector<double> z(n), z_again(n);
            ThreadPool pool(2), other(3);
            GridRepulsion grid;
            grid.repulsion(y.data(), n, pool, force.data(), z.data());
            double error = 0.0, norm = 0.0, z_sum = 0.0, exact_z_sum = 0.0;
            for (std::size_t t = 0; t < 2 * n; ++t) {
                error += (force[t] - exact_force[t]) * (force[t] - exact_force[t]);
                norm += exact_force[t] * exact_force[t];
            }
            for (std::size_t i = 0; i < n; ++i) {
                z_sum += z[i];
                exact_z_sum += exact_z[i];
            }
            const double force_error = std::sqrt(error / norm), z_error = std::abs(z_sum - exact_z_sum) / exact_z_sum;
            qInfo("spread %.0f: %zu nodes a side, relative force error %.2e, normaliser error %.2e", spread,
                  grid.nodes(), force_error, z_error);
            // Nodes 0.4 apart on a wide map; the quadtree (θ = 0.5) measures ~0.5 %.
            QVERIFY(force_error < (spread < 20.0 ? 0.02 : 0.05));
            QVERIFY(z_error < 2e-3);
            GridRepulsion fresh;  // the same sums with other threads and a fresh grid
            fresh.repulsion(y.data(), n, other, again.data(), z_again.data());
            QVERIFY(again == force && z_again == z);
        }
    }

    void grid_iterations_do_not_depend_on_the_thread_count() {
        // The grid in every iteration (normally only where it is cheaper): 1 and 3 threads give
        // the same bits. The grid's KL and a map above its threshold: test_embed_scale.
        const Codes c = clustered_codes(800, 64, 8, 0.15, 41);
        TsneOptions o;
        o.repulsion = TsneRepulsion::Grid;
        o.threads = 1;
        TsneEmbedding one_thread(c.x, c.bits, o);
        one_thread.step(150);
        o.threads = 3;
        TsneEmbedding three_threads(c.x, c.bits, o);
        three_threads.step(150);
        QVERIFY(one_thread.coordinates() == three_threads.coordinates());
    }

    void exact_and_barnes_hut_reach_close_kl() {
        const Codes c = clustered_codes(300, 48, 5, 0.15, 5);
        TsneOptions o;
        o.perplexity = 20;
        o.threads = 2;
        TsneEmbedding bh(c.x, c.bits, o);
        o.method = TsneMethod::Exact;
        TsneEmbedding exact(c.x, c.bits, o);
        bh.step(o.iterations);
        exact.step(o.iterations);
        const double kl_exact = exact.kl_divergence(), kl_bh = bh.exact_kl_divergence();
        // Each under its own P (all pairs vs 61 neighbours), and both under the exact method's P.
        ThreadPool pool(2);
        const double kl_bh_dense = exact_kl_divergence(exact.affinities(), bh.coordinates(), pool);
        qInfo("KL exact %.4f, Barnes-Hut %.4f (Barnes-Hut coordinates under the all-pairs P: %.4f)", kl_exact, kl_bh,
              kl_bh_dense);
        QVERIFY(std::abs(kl_bh - kl_exact) < 0.05 * kl_exact);
        QVERIFY(std::abs(kl_bh_dense - kl_exact) < 0.05 * kl_exact);
        // The Barnes–Hut estimate of the normaliser is close to the exact one.
        QVERIFY(std::abs(bh.kl_divergence() - kl_bh) < 0.01 * kl_bh);
    }

    void well_separated_clusters_stay_separated() {
        const Codes c = clustered_codes(1500, 64, 10, 0.1, 6);
        TsneOptions o;
        o.threads = 2;
        TsneEmbedding e(c.x, c.bits, o);
        e.step(o.iterations);
        const double acc = one_nn_accuracy(e.coordinates(), c.label);
        const double trust = trustworthiness(c.x, c.bits, e.coordinates(), 5);
        qInfo("1-NN accuracy %.4f, trustworthiness(5) %.4f, KL %.4f", acc, trust, e.exact_kl_divergence());
        QVERIFY(acc >= 0.99);
        QVERIFY(trust >= 0.95);
    }

    void same_seed_gives_the_same_coordinates() {
        const Codes c = clustered_codes(600, 32, 6, 0.15, 7);
        TsneOptions o;
        o.iterations = 300;
        o.init = TsneInit::Random;
        o.seed = 11;
        auto run = [&](int threads) {
            o.threads = threads;
            TsneEmbedding e(c.x, c.bits, o);
            e.step(o.iterations);
            return e.coordinates();
        };
        const auto a = run(2);
        QVERIFY(all_finite(a));
        QVERIFY(a == run(2));  // bit for bit
        QVERIFY(a == run(1));  // per-point sums: the thread count does not matter either
        QVERIFY(a == run(3));
        o.seed = 12;
        QVERIFY(a != run(2));
    }

    void step_api_streams_and_stops() {
        const Codes c = clustered_codes(400, 32, 4, 0.1, 8);
        TsneOptions o;
        o.iterations = 300;
        o.perplexity = 10;
        TsneEmbedding e(c.x, c.bits, o);
        QCOMPARE(e.iteration(), 0);
        QCOMPARE(e.size(), std::size_t{400});
        QCOMPARE(e.coordinates().size(), std::size_t{800});
        QVERIFY(std::abs(e.learning_rate() - 50.0) < 1e-12);  // max(400 / 12 / 4, 50)
        double previous = e.kl_divergence();
        for (int frame = 0; frame < 6; ++frame) {
            e.step(50);
            QCOMPARE(e.iteration(), 50 * (frame + 1));
            QVERIFY(all_finite(e.coordinates()));
            const double kl = e.kl_divergence();
            QVERIFY(std::isfinite(kl));
            if (frame >= 5) QVERIFY(kl < previous);  // after the exaggeration the fit improves
            previous = kl;
        }
        QVERIFY(e.done());
        e.step(10);  // past the end: nothing
        QCOMPARE(e.iteration(), 300);
    }

    void extra_points_land_in_their_class() {
        const Codes c = clustered_codes(800, 64, 8, 0.12, 9);
        TsneOptions o;
        o.threads = 2;
        TsneEmbedding e(c.x, c.bits, o, c.centres);
        QCOMPARE(e.size(), std::size_t{808});
        QVERIFY(!e.is_extra(799) && e.is_extra(800) && e.is_extra(807));
        e.step(o.iterations);
        const auto& y = e.coordinates();
        for (std::size_t k = 0; k < 8; ++k) {
            std::size_t best = 0;
            for (std::size_t j = 1; j < 800; ++j)
                if (d2(y.data(), 800 + k, j) < d2(y.data(), 800 + k, best)) best = j;
            QCOMPARE(c.label[best], static_cast<int>(k));
        }
    }

    void duplicates_and_identical_points_stay_finite() {
        // 300 codes, only 6 distinct: each has 49 zero-distance neighbours.
        const Codes base = clustered_codes(6, 64, 6, 0.0, 10);
        std::vector<float> x;
        for (int r = 0; r < 50; ++r) x.insert(x.end(), base.x.begin(), base.x.end());
        TsneOptions o;
        o.iterations = 400;
        TsneEmbedding e(x, 64, o);
        e.step(o.iterations);
        QVERIFY(all_finite(e.coordinates()));
        QVERIFY(std::isfinite(e.kl_divergence()) && std::isfinite(e.exact_kl_divergence()));
        // All points alike: PCA has no direction, so the start is random.
        TsneEmbedding same(std::vector<float>(100 * 8, 1.0f), 8, o);
        same.step(100);
        QVERIFY(all_finite(same.coordinates()));
        QVERIFY(std::isfinite(same.exact_kl_divergence()));
    }

    void wide_features_are_reduced_first() {
        // 200-D Gaussian blobs go through PCA to 50-D before the neighbour search.
        Rng rng(11);
        const std::size_t n = 600, d = 200;
        std::vector<float> centres(5 * d), x;
        for (auto& v : centres) v = static_cast<float>(3.0 * rng.normal());
        std::vector<int> label;
        for (std::size_t i = 0; i < n; ++i) {
            label.push_back(static_cast<int>(i % 5));
            for (std::size_t j = 0; j < d; ++j)
                x.push_back(centres[(i % 5) * d + j] + static_cast<float>(rng.normal()));
        }
        TsneOptions o;
        o.iterations = 500;
        TsneEmbedding e(x, d, o);
        e.step(o.iterations);
        QVERIFY(one_nn_accuracy(e.coordinates(), label) >= 0.99);
    }

    void wide_codes_are_kept_whole() {
        // 256-bit ±1 codes skip the PCA reduction: P comes from their exact neighbours (the VP tree;
        // the Hamming search takes codes of up to kMaxCodeBits).
        const Codes c = clustered_codes(300, 256, 3, 0.2, 13);
        TsneOptions o;
        o.perplexity = 10;
        o.iterations = 1;
        const TsneEmbedding e(c.x, c.bits, o);
        ThreadPool pool(1);
        const SparseMatrix p = joint_probabilities(nearest_neighbours(c.x.data(), c.n, c.bits, 31, 0, pool), 10.0, pool);
        QVERIFY(e.affinities().column == p.column);
        QVERIFY(e.affinities().value == p.value);
    }

    void bad_arguments_throw() {
        const Codes c = clustered_codes(30, 8, 2, 0.1, 12);
        auto make = [&](double perplexity, int iterations, std::size_t dims = 8) {
            TsneOptions o;
            o.perplexity = perplexity;
            o.iterations = iterations;
            TsneEmbedding e(c.x, dims, o);
        };
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, make(0.0, 10));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, make(-1.0, 10));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, make(10.0, 10));  // ≥ N/3
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, make(5.0, 0));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, make(5.0, 10, 7));  // 240 values are not rows of 7
        make(9.5, 10);
        std::vector<float> nan(c.x);
        nan[5] = std::nanf("");
        TsneOptions o;
        o.perplexity = 5;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, TsneEmbedding(nan, 8, o));
    }
};

QTEST_APPLESS_MAIN(EmbedTsneTest)
#include "test_embed_tsne.moc"
