// PCA: known principal directions (narrow and wide data), variances, sign convention, projection.
#include <QtTest>

#include <cmath>

#include "embed/pca.h"
#include "util/random.h"

using namespace fedhap;

namespace {

double dot(const double* a, const std::vector<double>& b) {
    double s = 0.0;
    for (std::size_t i = 0; i < b.size(); ++i) s += a[i] * b[i];
    return s;
}

std::vector<double> unit(std::vector<double> v) {
    double n = 0.0;
    for (double x : v) n += x * x;
    for (double& x : v) x /= std::sqrt(n);
    return v;
}

// n points: mean + Σ_c sd_c · N(0,1) · direction_c + noise · N(0,1) per coordinate.
std::vector<float> planted(std::size_t n, const std::vector<double>& mean,
                           const std::vector<std::vector<double>>& directions, const std::vector<double>& sd,
                           double noise, std::uint64_t seed) {
    Rng rng(seed);
    const std::size_t d = mean.size();
    std::vector<float> x(n * d);
    for (std::size_t r = 0; r < n; ++r) {
        std::vector<double> v(mean);
        for (std::size_t c = 0; c < directions.size(); ++c) {
            const double t = sd[c] * rng.normal();
            for (std::size_t i = 0; i < d; ++i) v[i] += t * directions[c][i];
        }
        for (std::size_t i = 0; i < d; ++i) x[r * d + i] = static_cast<float>(v[i] + noise * rng.normal());
    }
    return x;
}

}  // namespace

class EmbedPcaTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void recovers_a_planted_direction() {
        const std::vector<double> u = unit({1.0, -2.0, 0.5}), mean = {3.0, -1.0, 7.0};
        const auto x = planted(4000, mean, {u}, {5.0}, 0.1, 1);
        const Pca pca = fit_pca(x.data(), 4000, 3, 2, 2);
        QCOMPARE(pca.size(), std::size_t{2});
        QVERIFY2(std::abs(dot(pca.components.data(), u)) > 0.9999, "first component is not the planted direction");
        QVERIFY(std::abs(pca.variances[0] - 25.0) < 2.5);  // 25 + noise, up to sampling
        QVERIFY(std::abs(pca.variances[1] - 0.01) < 0.003);
        for (std::size_t i = 0; i < 3; ++i) QVERIFY(std::abs(pca.mean[i] - mean[i]) < 0.3);
        // Orthonormal rows.
        QVERIFY(std::abs(dot(pca.components.data(),
                             std::vector<double>(pca.components.begin() + 3, pca.components.end()))) < 1e-9);
        QVERIFY(
            std::abs(dot(&pca.components[3], std::vector<double>(pca.components.begin() + 3, pca.components.end())) -
                     1.0) < 1e-9);
    }

    void sign_convention_makes_the_largest_entry_positive() {
        const std::vector<double> u = unit({0.3, -1.0, 0.2, 0.1});  // largest entry negative
        const auto x = planted(500, {0, 0, 0, 0}, {u}, {3.0}, 0.05, 2);
        const Pca pca = fit_pca(x.data(), 500, 4, 1, 1);
        QVERIFY(pca.components[1] > 0.9);  // the flipped −u
        // The sign does not depend on the thread count or on a negated copy of the data.
        std::vector<float> neg(x);
        for (auto& v : neg) v = -v;
        const Pca other = fit_pca(neg.data(), 500, 4, 1, 3);
        for (std::size_t i = 0; i < 4; ++i) QVERIFY(std::abs(other.components[i] - pca.components[i]) < 1e-9);
    }

    void axis_aligned_variances_come_out_in_order() {
        // Independent coordinates with standard deviations 1, 3, 2: components e2, e3, e1.
        Rng rng(3);
        std::vector<float> x(3 * 20000);
        for (std::size_t r = 0; r < 20000; ++r)
            for (std::size_t i = 0; i < 3; ++i)
                x[r * 3 + i] = static_cast<float>((i == 0 ? 1.0 : i == 1 ? 3.0 : 2.0) * rng.normal());
        const Pca pca = fit_pca(x.data(), 20000, 3, 3, 2);
        QVERIFY(pca.components[1] > 0.999 && pca.components[5] > 0.999 && pca.components[6] > 0.999);
        QVERIFY(std::abs(pca.variances[0] - 9.0) < 0.3 && std::abs(pca.variances[1] - 4.0) < 0.15 &&
                std::abs(pca.variances[2] - 1.0) < 0.05);
    }

    void wide_data_two_planted_directions() {
        // 300-D: the block solver (subspace iteration) must find the planted plane.
        const std::size_t d = 300;
        Rng rng(4);
        std::vector<double> a(d), b(d);
        for (auto& v : a) v = rng.normal();
        a = unit(a);
        for (auto& v : b) v = rng.normal();
        const double ab = dot(a.data(), b);
        for (std::size_t i = 0; i < d; ++i) b[i] -= ab * a[i];
        b = unit(b);
        const auto x = planted(1000, std::vector<double>(d, 0.5), {a, b}, {10.0, 6.0}, 0.3, 5);
        const Pca pca = fit_pca(x.data(), 1000, d, 2, 2);
        QVERIFY2(std::abs(dot(pca.components.data(), a)) > 0.999, "first component");
        QVERIFY2(std::abs(dot(&pca.components[d], b)) > 0.999, "second component");
    }

    void transform_projects_centred_rows() {
        const auto x = planted(200, {1, 2}, {unit({1, 1})}, {4.0}, 0.5, 6);
        const Pca pca = fit_pca(x.data(), 200, 2, 2, 1);
        const auto y = pca.transform(x.data(), 200);
        QCOMPARE(y.size(), std::size_t{400});
        double mean0 = 0.0, var0 = 0.0;
        for (std::size_t r = 0; r < 200; ++r) {
            const double expect =
                (x[2 * r] - pca.mean[0]) * pca.components[0] + (x[2 * r + 1] - pca.mean[1]) * pca.components[1];
            QVERIFY(std::abs(y[2 * r] - expect) < 1e-4);
            mean0 += y[2 * r];
            var0 += y[2 * r] * y[2 * r];
        }
        QVERIFY(std::abs(mean0 / 200) < 1e-4);
        QVERIFY(std::abs(var0 / 199 - pca.variances[0]) < 1e-3 * pca.variances[0]);
    }

    void degenerate_inputs() {
        const std::vector<float> same(10 * 4, 1.5f);  // zero variance: any orthonormal basis, no NaN
        const Pca pca = fit_pca(same.data(), 10, 4, 2, 1);
        for (double v : pca.components) QVERIFY(std::isfinite(v));
        QCOMPARE(pca.variances[0], 0.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fit_pca(same.data(), 10, 4, 5, 1));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fit_pca(same.data(), 0, 4, 2, 1));
    }
};

QTEST_APPLESS_MAIN(EmbedPcaTest)
#include "test_embed_pca.moc"
