// Time per round and peak memory as the number of clients grows while the clients of a round
// stay about 10: 10 clients at participation 1.0, 100 at 0.1, 1,000 at 0.01. Each client holds
// --per-client Fashion-MNIST train images (IID), so every round trains about the same number
// of images and the train set grows with the clients (10 × 50 = 500 … 1,000 × 50 = 50,000:
// train_per_class = clients × per-client / 10, at most the 6,900 a class has outside the
// queries). FedHAP, the classroom network (CNN, 32 bits), batch 64, one local epoch; no
// evaluation. Each row runs in a process of its own, so its peak RSS (getrusage) is its own;
// the train images alone (float32) are listed beside it.
//
//   bench_clients [--rounds N] [--per-client N] [--clients 10,100,1000] [--data DIR]
#include <sys/resource.h>
#include <unistd.h>

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "experiment/experiment_config.h"
#include "experiment/federation_plan.h"
#include "fl/federation.h"
#include "runtime/torch_runtime.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    int rounds = 4;
    int per_client = 50;
    std::vector<int> clients{10, 100, 1000};
    std::string data;  // "" = the dataset's default location
};

double peak_rss_mib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

double current_rss_mib() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

// One row, in this process: set up, train `rounds` rounds, print the figures.
int run_row(const Options& o, int clients) {
    fedhap::ExperimentConfig c;
    c.dataset = fedhap::DatasetKind::FashionMnist;
    c.data_path = o.data;
    c.sizes.train_per_class = std::min<std::size_t>(6900, static_cast<std::size_t>((clients * o.per_client + 9) / 10));
    c.partition.scheme = fedhap::PartitionScheme::Iid;
    c.partition.clients = static_cast<std::size_t>(clients);
    c.method = fedhap::method_preset(fedhap::Method::FedHap);
    c.method.participation = std::min(1.0, 10.0 / clients);
    c.rounds = o.rounds;
    c.eval_every = 0;
    c.device = "cpu";
    const int threads = fedhap::set_torch_threads(0);
    const fedhap::ProtocolData data = fedhap::load_protocol_data(c.dataset, c.data_path, c.sizes, c.seed);
    const fedhap::FederationSetup setup = fedhap::plan_federation(c, data, threads);
    fedhap::TrainData train = fedhap::train_tensors(data, fedhap::all_train_rows(data), torch::kCPU);
    const double train_mib = static_cast<double>(train.images.numel()) * 4.0 / (1024.0 * 1024.0);
    fedhap::Federation federation(setup, std::move(train), torch::kCPU);
    const double setup_mib = current_rss_mib();
    fedhap::StopToken stop;
    fedhap::RunObserver quiet;
    std::vector<double> seconds;
    std::uint64_t samples = 0;
    for (int r = 1; r <= o.rounds; ++r) {
        const auto t = Clock::now();
        const fedhap::RoundMetrics m = federation.run_round(r, stop, quiet);
        seconds.push_back(std::chrono::duration<double>(Clock::now() - t).count());
        samples += m.train_samples;
    }
    std::vector<double> sorted = seconds;
    std::sort(sorted.begin(), sorted.end());
    std::printf("%8d  %13.2f  %9zu  %12.0f  %9.2f  %9.2f  %9.2f  %14.0f  %12.0f  %9.0f\n", clients,
                c.method.participation, static_cast<std::size_t>(std::lround(c.method.participation * clients)),
                static_cast<double>(samples) / o.rounds, seconds.front(), sorted[sorted.size() / 2], sorted.back(),
                train_mib, setup_mib, peak_rss_mib());
    std::fflush(stdout);
    return 0;
}

std::vector<int> parse_list(const std::string& text) {
    std::vector<int> values;
    std::stringstream ss(text);
    for (std::string item; std::getline(ss, item, ',');) values.push_back(std::atoi(item.c_str()));
    return values;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    int row = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i], value = argv[i + 1];
        if (key == "--rounds") o.rounds = std::max(1, std::atoi(value.c_str()));
        else if (key == "--per-client") o.per_client = std::max(1, std::atoi(value.c_str()));
        else if (key == "--clients") o.clients = parse_list(value);
        else if (key == "--data") o.data = value;
        else if (key == "--row") row = std::atoi(value.c_str());
        else {
            std::fprintf(stderr, "bench_clients: unknown option %s\n", key.c_str());
            return 2;
        }
    }
    try {
        if (row > 0) return run_row(o, row);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_clients: %s\n", e.what());
        return 1;
    }
    std::printf("fedhap, CNN 32 bits, IID, %d train images per client, %d rounds; seconds per round: first / median / max\n",
                o.per_client, o.rounds);
    std::printf("%8s  %13s  %9s  %12s  %9s  %9s  %9s  %14s  %12s  %9s\n", "clients", "participation", "per round",
                "images/round", "first s", "median s", "max s", "train data MiB", "set-up MiB", "peak MiB");
    std::fflush(stdout);
    // One process per row: peak RSS is a process's high-water mark and never comes down.
    char self[PATH_MAX] = {};
    if (readlink("/proc/self/exe", self, sizeof self - 1) <= 0) return 1;
    for (const int clients : o.clients) {
        std::string command = "'" + std::string(self) + "' --row " + std::to_string(clients) + " --rounds " + std::to_string(o.rounds) +
                              " --per-client " + std::to_string(o.per_client);
        if (!o.data.empty()) command += " --data '" + o.data + "'";
        if (std::system(command.c_str()) != 0) {
            std::fprintf(stderr, "bench_clients: the row of %d clients failed\n", clients);
            return 1;
        }
    }
    return 0;
}
