// fedhap partition: how a non-IID scheme spreads the train set over the clients.
#include <iomanip>
#include <iostream>

#include "command_registry.h"
#include "dataset_options.h"
#include "partition/partition.h"

namespace fedhap::cli {
namespace {

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

void print_csv(const std::vector<std::vector<std::size_t>>& counts, const std::vector<std::string>& classes) {
    std::cout << "client";
    for (const auto& c : classes) std::cout << ',' << csv_field(c);
    std::cout << ",total\n";
    for (std::size_t k = 0; k < counts.size(); ++k) {
        std::size_t total = 0;
        std::cout << k;
        for (auto n : counts[k]) {
            std::cout << ',' << n;
            total += n;
        }
        std::cout << ',' << total << '\n';
    }
}

void print_table(const std::vector<std::vector<std::size_t>>& counts, const std::vector<std::string>& classes) {
    std::vector<std::size_t> width(classes.size());
    for (std::size_t c = 0; c < classes.size(); ++c) width[c] = std::max<std::size_t>(classes[c].size(), 5);
    std::cout << std::left << std::setw(7) << "client" << std::right;
    for (std::size_t c = 0; c < classes.size(); ++c) std::cout << ' ' << std::setw(static_cast<int>(width[c])) << classes[c];
    std::cout << ' ' << std::setw(6) << "total" << '\n';
    std::vector<std::size_t> column(classes.size(), 0);
    auto row = [&](const std::string& name, const std::vector<std::size_t>& values) {
        std::size_t total = 0;
        std::cout << std::left << std::setw(7) << name << std::right;
        for (std::size_t c = 0; c < values.size(); ++c) {
            std::cout << ' ' << std::setw(static_cast<int>(width[c])) << values[c];
            total += values[c];
        }
        std::cout << ' ' << std::setw(6) << total << '\n';
    };
    for (std::size_t k = 0; k < counts.size(); ++k) {
        row(std::to_string(k), counts[k]);
        for (std::size_t c = 0; c < classes.size(); ++c) column[c] += counts[k][c];
    }
    row("all", column);
}

int run(const std::vector<std::string>& args) {
    ArgParser p("partition", "Draws the retrieval split, partitions its train part over the clients and prints\n"
                             "the clients x classes counts.");
    add_dataset_options(p);
    p.option("clients", "N", "number of clients", "10")
        .option("scheme", "S", join(partition_scheme_names(), " | "), "dirichlet")
        .option("alpha", "A", "Dirichlet concentration (dirichlet, quantity)", "0.1")
        .option("min-size", "N", "dirichlet/quantity: least samples per client", "10")
        .flag("balance", "dirichlet: self-balancing (stop filling clients above the mean size)")
        .option("classes-per-client", "K", "pathological: classes each client holds", "2")
        .option("shards-per-client", "S", "shards: shards each client gets", "2")
        .option("sigma", "S", "feature-noise: noise of the last client", "0.1")
        .option("seed", "S", "seed of the split and the partition", "0")
        .option("format", "F", "table | csv", "table");
    if (!p.parse(args)) return 0;
    const std::string format = p.choice("format", {"table", "csv"});
    PartitionConfig config;
    try {
        config.scheme = parse_partition_scheme(p.text("scheme"));
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    config.clients = static_cast<std::size_t>(p.integer_in("clients", limits::clients));
    config.alpha = p.real_in("alpha", limits::alpha);
    config.min_partition_size = static_cast<std::size_t>(p.integer_in("min-size", limits::min_partition_size));
    config.self_balancing = p.is_set("balance");
    config.classes_per_client = static_cast<std::size_t>(p.integer_in("classes-per-client", limits::per_client));
    config.shards_per_client = static_cast<std::size_t>(p.integer_in("shards-per-client", limits::per_client));
    config.noise_sigma = p.real_in("sigma", limits::noise_sigma);
    config.seed = static_cast<std::uint64_t>(p.integer_in("seed", limits::seed));

    const LoadedData data = load_dataset_from_options(p);
    const std::vector<std::int32_t>& train_labels = data.train_labels;
    const Partition partition = make_partition(train_labels, data.joined.num_classes(), config);
    const auto counts = partition_counts(partition, train_labels, data.joined.num_classes());
    if (format == "csv") {
        print_csv(counts, data.joined.class_names);
        return 0;
    }
    std::cout << data.joined.name << " (" << data.origin << "): " << data.joined.size() << " images; query "
              << data.split.query.size() << ", database " << data.split.database.size() << ", train "
              << data.split.train.size() << "\n"
              << to_string(config.scheme) << " over " << config.clients << " clients, seed " << config.seed << "\n\n";
    print_table(counts, data.joined.class_names);
    return 0;
}

const RegisterCommand registered("partition", "split the train set over non-IID clients and print the counts", &run);

}  // namespace
}  // namespace fedhap::cli
