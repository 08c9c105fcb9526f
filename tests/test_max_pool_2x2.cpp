// MaxPool2x2 against torch::nn::MaxPool2d(2): the same outputs and the same gradients, bit for
// bit, with ties (ReLU zeros, repeated values), odd sizes, −inf and NaN; also without grad.
#include <QtTest>

#include <torch/torch.h>

#include "nn/max_pool_2x2.h"

using namespace fedhap;

namespace {

bool same_bits(const torch::Tensor& a, const torch::Tensor& b) {
    if (a.sizes() != b.sizes()) return false;
    const torch::Tensor x = a.contiguous(), y = b.contiguous();
    return std::memcmp(x.data_ptr<float>(), y.data_ptr<float>(), static_cast<std::size_t>(x.numel()) * sizeof(float)) == 0;
}

// Values on a coarse grid, many zeros: windows with ties everywhere.
torch::Tensor tied(std::vector<std::int64_t> sizes) {
    return torch::relu(torch::round(torch::randn(sizes) * 2) / 2);
}

}  // namespace

class MaxPool2x2Test : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void same_outputs_and_gradients_as_max_pool2d() {
        torch::manual_seed(3);
        MaxPool2x2 ours;
        torch::nn::MaxPool2d theirs(2);
        for (const auto& sizes : std::vector<std::vector<std::int64_t>>{{3, 4, 8, 8}, {2, 5, 7, 9}, {1, 1, 2, 3}, {64, 32, 28, 28}}) {
            torch::Tensor x = tied(sizes);
            x.view(-1)[0] = -std::numeric_limits<float>::infinity();
            if (x.numel() > 10) x.view(-1)[5] = std::numeric_limits<float>::quiet_NaN();
            const torch::Tensor a = x.clone().requires_grad_(), b = x.clone().requires_grad_();
            const torch::Tensor ya = ours->forward(a), yb = theirs->forward(b);
            QVERIFY(same_bits(ya, yb));
            const torch::Tensor g = torch::randn(ya.sizes());
            ya.backward(g);
            yb.backward(g);
            QVERIFY(same_bits(a.grad(), b.grad()));
            {
                c10::InferenceMode inference;
                QVERIFY(same_bits(ours->forward(x), theirs->forward(x)));
            }
        }
    }

    void other_layouts_fall_back() {
        const torch::Tensor x = tied({2, 3, 6, 6}).contiguous(torch::MemoryFormat::ChannelsLast);
        MaxPool2x2 ours;
        QVERIFY(same_bits(ours->forward(x), torch::max_pool2d(x, 2)));
    }
};

QTEST_APPLESS_MAIN(MaxPool2x2Test)
#include "test_max_pool_2x2.moc"
