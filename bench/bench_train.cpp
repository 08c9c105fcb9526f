// Local training and encoding throughput of the default hashing CNN (28×28 grey, 32 bits) on
// random data, batch 64 with Adam and the DPSH loss — the same loop bench/bench_train_pytorch.py
// runs in Python, so the two can be compared in one sitting.
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "losses/dpsh_loss.h"
#include "nn/hash_net.h"
#include "runtime/torch_runtime.h"

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 5000;
    const int threads = fedhap::set_torch_threads(argc > 2 ? std::atoi(argv[2]) : 0);
    torch::manual_seed(0);
    fedhap::HashNet net(fedhap::NetSpec{});
    const torch::Tensor x = torch::rand({n, 1, 28, 28});
    const torch::Tensor y = torch::randint(0, 10, {n}, torch::kInt64);
    torch::optim::Adam opt(net->parameters(), torch::optim::AdamOptions(1e-3));
    using Clock = std::chrono::steady_clock;
    for (int pass = 0; pass < 2; ++pass) {  // the first pass warms up
        const auto t = Clock::now();
        for (int from = 0; from < n; from += 64) {
            const int to = std::min(n, from + 64);
            const torch::Tensor u = net->forward(x.slice(0, from, to));
            const torch::Tensor loss = fedhap::dpsh_loss(u, y.slice(0, from, to));
            opt.zero_grad();
            loss.backward();
            opt.step();
        }
        const double s = std::chrono::duration<double>(Clock::now() - t).count();
        if (pass == 1) std::printf("train   %8.0f images/s  (%d images, batch 64, %d threads)\n", n / s, n, threads);
    }
    torch::NoGradGuard no_grad;
    net->eval();
    for (int pass = 0; pass < 2; ++pass) {
        const auto t = Clock::now();
        for (int from = 0; from < n; from += 1000) net->forward(x.slice(0, from, std::min(n, from + 1000)));
        const double s = std::chrono::duration<double>(Clock::now() - t).count();
        if (pass == 1) std::printf("encode  %8.0f images/s  (batch 1000, no grad)\n", n / s);
    }
    return 0;
}
