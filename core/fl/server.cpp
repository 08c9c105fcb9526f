#include "fl/server.h"

#include <algorithm>
#include <stdexcept>

#include "losses/hash_centers.h"
#include "method/prototype_aggregation.h"

namespace fedhap {
namespace {

// Sample-weighted average of the non-empty vectors of `pick(update)`; leaves `into` alone when none.
template <typename Pick>
void weighted_average(const std::vector<ClientUpdate>& updates, Pick pick, std::vector<float>& into) {
    double total = 0.0;
    std::vector<double> sum;
    for (const auto& u : updates) {
        const std::vector<float>& v = pick(u);
        if (v.empty() || u.samples == 0) continue;
        if (sum.empty()) sum.assign(v.size(), 0.0);
        if (v.size() != sum.size()) throw std::invalid_argument("server: clients sent models of different sizes");
        const double w = static_cast<double>(u.samples);
        for (std::size_t i = 0; i < v.size(); ++i) sum[i] += w * v[i];
        total += w;
    }
    if (total == 0.0) return;
    into.resize(sum.size());
    for (std::size_t i = 0; i < sum.size(); ++i) into[i] = static_cast<float>(sum[i] / total);
}

}  // namespace

Server::Server(std::vector<float> initial_weights, int classes, int bits, const MethodOptions& options,
               std::vector<float> initial_prototypes, std::vector<float> initial_discriminator)
    : classes_(classes), bits_(bits), options_(options), weights_(std::move(initial_weights)),
      prototypes_(std::move(initial_prototypes)), discriminator_(std::move(initial_discriminator)) {
    const std::size_t cells = static_cast<std::size_t>(classes) * bits;
    known_.assign(static_cast<std::size_t>(classes), prototypes_.empty() ? 0 : 1);
    if (prototypes_.empty()) prototypes_.assign(cells, 0.0f);
    if (prototypes_.size() != cells) throw std::invalid_argument("server: prototypes must be classes x bits");
    flipped_.assign(cells, 0);
}

GlobalMessage Server::global_message() const {
    GlobalMessage m;
    m.classes = classes_;
    m.bits = bits_;
    if (shares_weights(options_.upload)) m.weights = weights_;
    const bool any_known = std::find(known_.begin(), known_.end(), 1) != known_.end();
    if (any_known) {
        m.prototypes = prototypes_;
        m.known = known_;
    }
    m.binary_prototypes = binary_prototypes();
    if (options_.share_discriminator) m.discriminator = discriminator_;
    return m;
}

void Server::aggregate(const std::vector<ClientUpdate>& updates) {
    if (shares_weights(options_.upload)) {
        std::vector<float> average = weights_;
        weighted_average(updates, [](const ClientUpdate& u) -> const auto& { return u.weights; }, average);
        if (options_.server_momentum > 0) {
            // FedAvgM: v ← βv + (avg − w), w ← w + v.
            velocity_.resize(weights_.size(), 0.0f);
            for (std::size_t i = 0; i < weights_.size(); ++i) {
                velocity_[i] = static_cast<float>(options_.server_momentum) * velocity_[i] + (average[i] - weights_[i]);
                weights_[i] += velocity_[i];
            }
        } else {
            weights_ = std::move(average);
        }
    }
    if (options_.share_discriminator)
        weighted_average(updates, [](const ClientUpdate& u) -> const auto& { return u.discriminator; }, discriminator_);
    std::fill(flipped_.begin(), flipped_.end(), 0);
    if (shares_prototypes(options_.upload) && aggregation_traits(options_.aggregation).learned) aggregate_prototypes(updates);
}

void Server::aggregate_prototypes(const std::vector<ClientUpdate>& updates) {
    const AggregationRule rule = aggregation_rule(options_.aggregation);
    const bool binary = binary_prototypes();
    const int guard = !binary ? 0 : options_.proto_min_distance >= 0 ? options_.proto_min_distance : bits_ / 4;
    const std::vector<float> before = prototypes_;
    const std::vector<std::uint8_t> known_before = known_;
    std::vector<ClassReport> reports;
    for (int c = 0; c < classes_; ++c) {
        reports.clear();
        for (const auto& u : updates) {
            if (u.counts.empty() || u.counts[static_cast<std::size_t>(c)] <= 0) continue;
            reports.push_back({static_cast<double>(u.counts[static_cast<std::size_t>(c)]),
                               u.prototypes.data() + static_cast<std::size_t>(c) * bits_});
        }
        if (reports.empty()) continue;  // nobody holds it: keep the previous prototype
        const std::size_t row = static_cast<std::size_t>(c) * bits_;
        const std::vector<float> candidate = rule(
            reports,
            std::vector<float>(prototypes_.begin() + static_cast<std::ptrdiff_t>(row),
                               prototypes_.begin() + static_cast<std::ptrdiff_t>(row + bits_)),
            options_.proto_smoothing);
        if (guard > 0 && known_before[static_cast<std::size_t>(c)]) {
            // Compared with the other classes' rows as they stand (already updated ones included),
            // in class order, so the result is deterministic.
            bool too_close = false;
            for (int o = 0; o < classes_ && !too_close; ++o) {
                if (o == c || !known_[static_cast<std::size_t>(o)]) continue;
                int d = 0;
                for (int b = 0; b < bits_; ++b) d += (candidate[b] > 0) != (prototypes_[static_cast<std::size_t>(o) * bits_ + b] > 0);
                too_close = d < guard;
            }
            if (too_close) continue;
        }
        std::copy(candidate.begin(), candidate.end(), prototypes_.begin() + static_cast<std::ptrdiff_t>(row));
        known_[static_cast<std::size_t>(c)] = 1;
    }
    for (std::size_t i = 0; i < prototypes_.size(); ++i)
        flipped_[i] = known_before[i / static_cast<std::size_t>(bits_)] && ((before[i] > 0) != (prototypes_[i] > 0)) ? 1 : 0;
}

int Server::bits_flipped() const {
    int n = 0;
    for (auto f : flipped_) n += f;
    return n;
}

int Server::prototype_min_distance() const {
    if (!binary_prototypes()) return -1;
    std::vector<float> rows;
    int k = 0;
    for (int c = 0; c < classes_; ++c)
        if (known_[static_cast<std::size_t>(c)]) {
            rows.insert(rows.end(), prototypes_.begin() + static_cast<std::ptrdiff_t>(c) * bits_,
                        prototypes_.begin() + static_cast<std::ptrdiff_t>(c + 1) * bits_);
            ++k;
        }
    return k < 2 ? -1 : min_pairwise_distance(rows, k, bits_);
}

std::vector<std::vector<float>> ServerState::to_arrays() const {
    return {weights, prototypes, std::vector<float>(known.begin(), known.end()), discriminator, velocity};
}

ServerState ServerState::from_arrays(const std::vector<std::vector<float>>& a) {
    if (a.size() < kArrays) throw std::invalid_argument("checkpoint: the server's state is incomplete");
    ServerState s;
    s.weights = a[0];
    s.prototypes = a[1];
    s.known.assign(a[2].begin(), a[2].end());
    s.discriminator = a[3];
    s.velocity = a[4];
    return s;
}

ServerState Server::state() const { return {weights_, prototypes_, discriminator_, velocity_, known_}; }

void Server::restore(ServerState state) {
    velocity_ = std::move(state.velocity);
    weights_ = std::move(state.weights);
    prototypes_ = std::move(state.prototypes);
    known_ = std::move(state.known);
    discriminator_ = std::move(state.discriminator);
    std::fill(flipped_.begin(), flipped_.end(), 0);
}

}  // namespace fedhap
