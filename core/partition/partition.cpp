#include "partition/partition.h"

#include <algorithm>
#include <stdexcept>

#include "partition/schemes.h"
#include "util/name_table.h"

namespace fedhap {
namespace {

constexpr NamedValue<PartitionScheme> kNames[] = {
    {PartitionScheme::Iid, "iid"},           {PartitionScheme::Dirichlet, "dirichlet"},
    {PartitionScheme::Pathological, "pathological"}, {PartitionScheme::Shards, "shards"},
    {PartitionScheme::Quantity, "quantity"}, {PartitionScheme::FeatureNoise, "feature-noise"},
};

void validate(const std::vector<std::int32_t>& labels, std::size_t num_classes, const PartitionConfig& c) {
    const std::size_t n = labels.size();
    auto fail = [](const std::string& m) { throw std::invalid_argument(m); };
    if (c.clients == 0) fail("clients must be at least 1");
    if (c.clients > n)
        fail("cannot split " + std::to_string(n) + " samples among " + std::to_string(c.clients) + " clients");
    for (auto y : labels)
        if (y < 0 || static_cast<std::size_t>(y) >= num_classes) fail("a label is outside 0..classes-1");
    const bool uses_alpha = c.scheme == PartitionScheme::Dirichlet || c.scheme == PartitionScheme::Quantity;
    if (uses_alpha && !(c.alpha > 0.0)) fail("alpha must be > 0 (got " + std::to_string(c.alpha) + ")");
    if (uses_alpha && c.min_partition_size * c.clients > n)
        fail("a minimum of " + std::to_string(c.min_partition_size) + " samples for each of " +
             std::to_string(c.clients) + " clients needs more than " + std::to_string(n) + " samples");
    if (c.scheme == PartitionScheme::Pathological) {
        const std::size_t k = c.classes_per_client;
        if (k == 0 || k > num_classes)
            fail("classes per client must be in 1.." + std::to_string(num_classes) + " (got " +
                 std::to_string(k) + ")");
        if (c.clients * k < num_classes)
            fail(std::to_string(c.clients) + " clients x " + std::to_string(k) + " classes cannot cover all " +
                 std::to_string(num_classes) + " classes; raise --clients or --classes-per-client");
    }
    if (c.scheme == PartitionScheme::Shards && (c.shards_per_client == 0 || c.clients * c.shards_per_client > n))
        fail("shards: " + std::to_string(c.clients) + " clients x " + std::to_string(c.shards_per_client) +
             " shards needs at least that many samples and at least one shard each");
    if (c.scheme == PartitionScheme::FeatureNoise && !(c.noise_sigma >= 0.0)) fail("noise sigma must be >= 0");
}

}  // namespace

PartitionScheme parse_partition_scheme(const std::string& text) { return parse_name(kNames, text, "partition scheme"); }
std::string to_string(PartitionScheme scheme) { return name_of(kNames, scheme); }
std::vector<std::string> partition_scheme_names() { return names_of(kNames); }

Partition make_partition(const std::vector<std::int32_t>& labels, std::size_t num_classes,
                         const PartitionConfig& config) {
    validate(labels, num_classes, config);
    Rng rng(config.seed);
    Partition p;
    switch (config.scheme) {
        case PartitionScheme::Iid:
        case PartitionScheme::FeatureNoise: p.clients = schemes::iid(labels.size(), config.clients, rng); break;
        case PartitionScheme::Dirichlet: p.clients = schemes::dirichlet(labels, num_classes, config, rng); break;
        case PartitionScheme::Pathological:
            p.clients = schemes::pathological(labels, num_classes, config, rng);
            break;
        case PartitionScheme::Shards: p.clients = schemes::shards(labels, config, rng); break;
        case PartitionScheme::Quantity: p.clients = schemes::quantity(labels.size(), config, rng); break;
    }
    for (auto& c : p.clients) std::sort(c.begin(), c.end());
    p.feature_noise_sigma.assign(config.clients, 0.0);
    if (config.scheme == PartitionScheme::FeatureNoise && config.clients > 1)
        for (std::size_t i = 0; i < config.clients; ++i)
            p.feature_noise_sigma[i] = config.noise_sigma * static_cast<double>(i) / static_cast<double>(config.clients - 1);
    return p;
}

std::vector<std::vector<std::size_t>> partition_counts(const Partition& partition,
                                                       const std::vector<std::int32_t>& labels,
                                                       std::size_t num_classes) {
    std::vector<std::vector<std::size_t>> counts(partition.clients.size(), std::vector<std::size_t>(num_classes, 0));
    for (std::size_t k = 0; k < partition.clients.size(); ++k)
        for (auto i : partition.clients[k]) ++counts[k][static_cast<std::size_t>(labels[i])];
    return counts;
}

namespace schemes {

Groups split_by_proportions(const std::vector<std::size_t>& items, const std::vector<double>& p) {
    Groups out(p.size());
    double cumulative = 0.0;
    std::size_t from = 0;
    for (std::size_t k = 0; k < p.size(); ++k) {
        cumulative += p[k];
        const std::size_t cut = static_cast<std::size_t>(cumulative * static_cast<double>(items.size()));
        const std::size_t to = k + 1 == p.size() ? items.size() : std::max(from, std::min(items.size(), cut));
        out[k].assign(items.begin() + static_cast<std::ptrdiff_t>(from), items.begin() + static_cast<std::ptrdiff_t>(to));
        from = to;
    }
    return out;
}

Groups indices_by_class(const Labels& labels, std::size_t num_classes) {
    Groups by_class(num_classes);
    for (std::size_t i = 0; i < labels.size(); ++i) by_class[static_cast<std::size_t>(labels[i])].push_back(i);
    return by_class;
}

}  // namespace schemes
}  // namespace fedhap
