// Every loss against values worked out by hand (plain arithmetic, no torch), and the hash centres.
#include <QtTest>

#include <torch/torch.h>

#include <cmath>

#include "losses/adversarial_loss.h"
#include "losses/distillation.h"
#include "losses/dpsh_loss.h"
#include "losses/hash_centers.h"
#include "losses/prototype_losses.h"
#include "losses/regularizers.h"
#include "method/local_loss.h"

using namespace fedhap;

namespace {
double value(const torch::Tensor& t) { return t.item<double>(); }
torch::Tensor rows(std::vector<float> v, std::int64_t cols) {
    return torch::tensor(v).view({static_cast<std::int64_t>(v.size()) / cols, cols});
}
}  // namespace

class LossesTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void discriminator_sees_directions_not_magnitudes() {
        // A ±1 prototype and a half-saturated code pointing the same way look the same to it.
        const torch::Tensor p = torch::tensor({{1.0f, -1.0f, 1.0f, 1.0f}});
        const torch::Tensor u = 0.5 * p;
        QVERIFY(torch::allclose(discriminator_view(u, DiscriminatorInput::Direction), p));
        QVERIFY(torch::allclose(discriminator_view(p, DiscriminatorInput::Direction), p));
        QVERIFY(torch::equal(discriminator_view(u, DiscriminatorInput::Raw), u));
        // Rows are normalised one by one, to norm √B.
        const torch::Tensor two = torch::tensor({{3.0f, 0.0f, 0.0f, 4.0f}, {0.0f, 0.0f, 0.0f, 0.1f}});
        const torch::Tensor d = discriminator_view(two, DiscriminatorInput::Direction);
        QVERIFY(torch::allclose(d.norm(2, 1), torch::full({2}, 2.0f)));
        QVERIFY(torch::allclose(d[0], torch::tensor({1.2f, 0.0f, 0.0f, 1.6f})));
    }

    void dpsh_by_hand() {
        // u1 = (0.5, 0.5), u2 = (0.5, −0.5), different classes.
        // Θ11 = ½·0.5 = 0.25 = Θ22, Θ12 = Θ21 = 0; s = I.
        // pair term log(1+e^Θ) − sΘ: diagonal log(1+e^0.25) − 0.25, off-diagonal log 2.
        // quantisation 0.1·mean((u − sign u)²) = 0.1·0.25.
        const double diag = std::log1p(std::exp(0.25)) - 0.25, off = std::log(2.0);
        const double expected = (2 * diag + 2 * off) / 4 + 0.1 * 0.25;
        const auto l = dpsh_loss(rows({0.5f, 0.5f, 0.5f, -0.5f}, 2), torch::tensor({0, 1}, torch::kInt64));
        QVERIFY(std::abs(value(l) - expected) < 1e-6);
        // Same class: the off-diagonal pairs are now similar: log 2 − 0 as Θ12 = 0 still.
        const auto same = dpsh_loss(rows({0.5f, 0.5f, 0.5f, -0.5f}, 2), torch::tensor({3, 3}, torch::kInt64));
        QVERIFY(std::abs(value(same) - expected) < 1e-6);
        // Similar codes that agree score lower when labelled similar.
        const auto u = rows({0.9f, 0.9f, 0.9f, 0.9f}, 2);
        QVERIFY(value(dpsh_loss(u, torch::tensor({1, 1}, torch::kInt64))) < value(dpsh_loss(u, torch::tensor({1, 2}, torch::kInt64))));
    }
    void prototype_losses_by_hand() {
        // u = 0 → p = ½ → BCE = ln 2 whatever the target.
        QVERIFY(std::abs(value(prototype_bce_loss(torch::zeros({2, 3}), torch::ones({2, 3}))) - std::log(2.0)) < 1e-6);
        // u = 0.5, t = +1 → p = 0.75 → −ln 0.75; t = −1 → −ln 0.25.
        QVERIFY(std::abs(value(prototype_bce_loss(torch::full({1, 1}, 0.5), torch::ones({1, 1}))) + std::log(0.75)) < 1e-6);
        QVERIFY(std::abs(value(prototype_bce_loss(torch::full({1, 1}, 0.5), -torch::ones({1, 1}))) + std::log(0.25)) < 1e-6);
        QVERIFY(std::isfinite(value(prototype_bce_loss(torch::ones({1, 4}), -torch::ones({1, 4})))));  // saturated tanh
        QVERIFY(std::abs(value(prototype_mse_loss(rows({0.5f, -1.0f}, 2), rows({1.0f, 1.0f}, 2))) - (0.25 + 4.0) / 2) < 1e-6);
        // u = P0 exactly, P0 ⟂ P1: cos = (1, 0); logits = s·(1 − m, 0); CE = −log softmax_0.
        const double s = 8.0, m = 0.2;
        const double expected = -std::log(std::exp(s * (1 - m)) / (std::exp(s * (1 - m)) + 1.0));
        const auto protos = rows({1, 1, 1, 1, 1, -1, 1, -1}, 4);
        const auto ce = prototype_ce_loss(rows({0.5f, 0.5f, 0.5f, 0.5f}, 4), protos, torch::tensor({0}, torch::kInt64), s, m);
        QVERIFY2(std::abs(value(ce) - expected) < 1e-5, qPrintable(QString::number(value(ce))));
    }
    void restricted_softmax_scales_absent_classes() {
        // Same rows as above; with class 1 absent (α = 0.25) its logit s·0 stays 0, so only a
        // class with a non-zero cosine shows the scale: u along P1 but labelled 0.
        const double s = 8.0, m = 0.2, a = 0.25;
        const auto protos = rows({1, 1, 1, 1, 1, -1, 1, -1}, 4);
        const auto u = rows({0.5f, -0.5f, 0.5f, -0.5f}, 4);  // cos = (0, 1)
        const auto y = torch::tensor({0}, torch::kInt64);
        const auto scale = torch::tensor({1.0f, static_cast<float>(a)});
        const double plain = -std::log(std::exp(-s * m) / (std::exp(-s * m) + std::exp(s)));
        const double restricted = -std::log(std::exp(-s * m) / (std::exp(-s * m) + std::exp(a * s)));
        QVERIFY(std::abs(value(prototype_ce_loss(u, protos, y, s, m)) - plain) < 1e-4);
        QVERIFY(std::abs(value(prototype_ce_loss(u, protos, y, s, m, {}, scale)) - restricted) < 1e-4);
        QVERIFY(restricted < plain);  // the absent class pushes the code less
    }
    void not_true_distillation_by_hand() {
        // 3 classes, true class 0. Non-true logits: student (0, 0), teacher (ln 3, 0) →
        // teacher softmax (¾, ¼), student (½, ½): KL = ¾ ln(3/2) + ¼ ln(1/2).
        const auto y = torch::tensor({0}, torch::kInt64);
        const auto student = rows({5.0f, 0.0f, 0.0f}, 3);
        const auto teacher = rows({-2.0f, static_cast<float>(std::log(3.0)), 0.0f}, 3);
        const double kl = 0.75 * std::log(1.5) + 0.25 * std::log(0.5);
        QVERIFY(std::abs(value(not_true_distillation(student, teacher, y, 1.0)) - kl) < 1e-6);
        // The true class's logit does not matter; equal non-true logits give 0.
        QVERIFY(std::abs(value(not_true_distillation(rows({9.0f, 1.0f, 2.0f}, 3), rows({-9.0f, 1.0f, 2.0f}, 3), y, 1.0))) < 1e-6);
        // At temperature 2: non-true logits halved, then × T².
        const double p = 1.0 / (1.0 + std::exp(-std::log(3.0) / 2));
        const double kl2 = p * std::log(2 * p) + (1 - p) * std::log(2 * (1 - p));
        QVERIFY(std::abs(value(not_true_distillation(student, teacher, y, 2.0)) - 4 * kl2) < 1e-6);
        QCOMPARE(value(not_true_distillation(rows({1.0f}, 1), rows({2.0f}, 1), y, 1.0)), 0.0);  // one class
    }
    void decorrelation_by_hand() {
        // Two bits that move together (corr 1) and one against them (corr −1 with both):
        // every off-diagonal correlation squared is 1 → 1.
        const auto together = rows({1, 1, -1, -1, -1, 1}, 3);
        QVERIFY(std::abs(value(decorrelation_loss(together)) - 1.0) < 1e-4);
        // Orthogonal ±1 columns (Hadamard rows as the batch): every correlation 0.
        const auto orthogonal = rows({1, 1, 1, 1, -1, 1, 1, 1, -1, 1, -1, -1}, 3);
        QVERIFY(std::abs(value(decorrelation_loss(orthogonal))) < 1e-4);
        QCOMPARE(value(decorrelation_loss(rows({0.5f, 0.1f}, 2))), 0.0);  // a batch of one
        // A constant bit has no correlation: finite, and the other pair still counts.
        const auto constant = rows({1, 1, 0.3f, -1, -1, 0.3f}, 3);
        const double v = value(decorrelation_loss(constant));
        QVERIFY(std::isfinite(v) && std::abs(v - 2.0 / 6.0) < 1e-3);
    }
    void adversarial_and_regularisers_by_hand() {
        const auto zero = torch::zeros({3});
        QVERIFY(std::abs(value(discriminator_loss(zero, zero)) - 2 * std::log(2.0)) < 1e-6);
        QVERIFY(std::abs(value(generator_loss(zero)) - std::log(2.0)) < 1e-6);
        // logit 2 on a fake: −log σ(2).
        QVERIFY(std::abs(value(generator_loss(torch::full({1}, 2.0))) + std::log(1 / (1 + std::exp(-2.0)))) < 1e-6);
        QVERIFY(std::abs(value(quantization_loss(rows({0.5f, -1.0f, 0.0f, 1.0f}, 2))) - (0.25 + 0 + 1 + 0) / 4) < 1e-6);
        torch::nn::Linear lin(2, 1);
        {
            torch::NoGradGuard g;
            lin->weight.fill_(3.0);
            lin->bias.fill_(1.0);
        }
        std::vector<torch::Tensor> anchor{torch::zeros({1, 2}), torch::ones({1})};
        // μ/2·((3² + 3²) + (1 − 1)²) with μ = 0.1 → 0.9.
        QVERIFY(std::abs(value(proximal_term(*lin, anchor, 0.1)) - 0.9) < 1e-6);
    }
    void hash_centres() {
        const auto h = hadamard_centers(10, 32, 0);
        QCOMPARE(h.size(), std::size_t(320));
        for (float v : h) QVERIFY(v == 1.0f || v == -1.0f);
        QCOMPARE(min_pairwise_distance(h, 10, 32), 16);  // Hadamard rows are orthogonal
        const auto pm = hadamard_centers(64, 32, 0);  // [H; −H]: row c+32 = −row c
        for (int j = 0; j < 32; ++j) QCOMPARE(pm[static_cast<std::size_t>(33 * 32 + j)], -pm[static_cast<std::size_t>(32 + j)]);
        const auto r = random_balanced_codes(10, 12, 1);  // 12 bits: not a power of two
        QVERIFY(min_pairwise_distance(r, 10, 12) > 3);
        for (int c = 0; c < 10; ++c) {
            int ones = 0;
            for (int j = 0; j < 12; ++j) ones += r[static_cast<std::size_t>(c * 12 + j)] > 0;
            QCOMPARE(ones, 6);
        }
        QVERIFY(hadamard_centers(10, 24, 5) == random_balanced_codes(10, 24, 5));
    }
};

QTEST_APPLESS_MAIN(LossesTest)
#include "test_losses.moc"
