// Local training and encoding throughput of the default hashing CNN (28×28 grey, 32 bits) on
// random data: batch 64, Adam, DPSH — the loop bench/bench_train_pytorch.py runs in Python.
// Prints the plain loop (one model, LibTorch intra-op threads = cores, as PyTorch does) and
// what the engine does (one client per core, one intra-op thread each; encode_images).
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <thread>
#include <vector>

#include "experiment/code_encoder.h"
#include "losses/dpsh_loss.h"
#include "nn/hash_net.h"
#include "runtime/torch_runtime.h"

namespace {

using Clock = std::chrono::steady_clock;

// One epoch over x in batches of 64; returns seconds.
double train_epoch(fedhap::HashNet& net, const torch::Tensor& x, const torch::Tensor& y) {
    torch::optim::Adam opt(net->parameters(), torch::optim::AdamOptions(1e-3));
    const auto t = Clock::now();
    for (std::int64_t from = 0; from < x.size(0); from += 64) {
        const auto to = std::min<std::int64_t>(x.size(0), from + 64);
        const torch::Tensor loss = fedhap::dpsh_loss(net->forward(x.slice(0, from, to)), y.slice(0, from, to));
        opt.zero_grad();
        loss.backward();
        opt.step();
    }
    return std::chrono::duration<double>(Clock::now() - t).count();
}

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 5000;
    const int cores = fedhap::set_torch_threads(argc > 2 ? std::atoi(argv[2]) : 0);
    torch::manual_seed(0);
    const torch::Tensor x = torch::rand({n, 1, 28, 28});
    const torch::Tensor y = torch::randint(0, 10, {n}, torch::kInt64);

    fedhap::HashNet net(fedhap::NetSpec{});
    train_epoch(net, x.slice(0, 0, 640), y.slice(0, 0, 640));  // warm-up
    std::printf("train   plain loop       %7.0f images/s  (%d images, batch 64, %d intra-op threads)\n",
                n / train_epoch(net, x, y), n, cores);

    // The engine: `cores` clients train at once, each on its share, one intra-op thread each.
    std::vector<fedhap::HashNet> clients;
    for (int c = 0; c < cores; ++c) clients.push_back(std::dynamic_pointer_cast<fedhap::HashNetImpl>(net->clone()));
    const auto t = Clock::now();
    std::vector<std::thread> pool;
    const std::int64_t share = (n + cores - 1) / cores;
    for (int c = 0; c < cores; ++c)
        pool.emplace_back([&, c] {
            torch::set_num_threads(1);
            const std::int64_t from = c * share, to = std::min<std::int64_t>(n, from + share);
            train_epoch(clients[static_cast<std::size_t>(c)], x.slice(0, from, to), y.slice(0, from, to));
        });
    for (auto& th : pool) th.join();
    torch::set_num_threads(cores);
    std::printf("train   engine (clients) %7.0f images/s  (%d clients in parallel, 1 intra-op thread each)\n",
                n / std::chrono::duration<double>(Clock::now() - t).count(), cores);

    {
        torch::NoGradGuard no_grad;
        net->eval();
        net->forward(x.slice(0, 0, 1000));
        const auto t0 = Clock::now();
        for (std::int64_t from = 0; from < n; from += 1000) net->forward(x.slice(0, from, std::min<std::int64_t>(n, from + 1000)));
        std::printf("encode  plain loop       %7.0f images/s  (batch 1000, no grad)\n",
                    n / std::chrono::duration<double>(Clock::now() - t0).count());
    }
    fedhap::Dataset images;  // the same images as uint8, as the engine holds them
    images.height = images.width = 28;
    images.class_names = {"x"};
    images.labels.assign(static_cast<std::size_t>(n), 0);
    const torch::Tensor bytes = (x * 255).to(torch::kUInt8).contiguous();
    images.pixels.assign(bytes.data_ptr<std::uint8_t>(), bytes.data_ptr<std::uint8_t>() + bytes.numel());
    std::vector<std::size_t> rows(static_cast<std::size_t>(n));
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = i;
    const auto t1 = Clock::now();
    fedhap::encode_images(net, images, rows, torch::kCPU, cores);
    std::printf("encode  engine           %7.0f images/s  (encode_images: uint8 → codes, %d workers)\n",
                n / std::chrono::duration<double>(Clock::now() - t1).count(), cores);
    return 0;
}
