#include "crosssilo/remote_client_pool.h"

#include <torch/torch.h>

#include <cmath>
#include <optional>

#include "crosssilo/silo_messages.h"
#include "crosssilo/silo_protocol.h"
#include "fl/serialised_observer.h"
#include "eval/retrieval_metrics.h"
#include "nn/hash_net.h"

namespace fedhap {
namespace {

using Clock = std::chrono::steady_clock;

Millis left_until(Clock::time_point deadline) {
    return std::max(Millis(1), std::chrono::duration_cast<Millis>(deadline - Clock::now()));
}

}  // namespace

struct RemoteClientPool::Answer {
    std::unique_ptr<PeerLink> link;  // back to its slot when the exchange worked
    std::optional<ClientRound> trained;
    SiloRoundReport report;
};

RemoteClientPool::RemoteClientPool(const FederationSetup& setup, RemotePoolSettings settings, SiloObserver& observer)
    : settings_(std::move(settings)), observer_(observer), classes_(setup.classes), bits_(setup.net.bits),
      limit_(message_limit(setup.net, setup.classes)), shares_weights_(shares_weights(setup.method.upload)),
      silos_(setup.client_rows.size()) {
    torch::NoGradGuard no_grad;
    weights_ = static_cast<std::size_t>(parameter_count(*HashNet(setup.net)));
    discriminator_weights_ = setup.method.share_discriminator
                                 ? static_cast<std::size_t>(parameter_count(*Discriminator(setup.net.bits, setup.classes)))
                                 : 0;
    watcher_ = std::thread([this] { watch(); });
}

RemoteClientPool::~RemoteClientPool() {
    stopping_ = true;
    if (watcher_.joinable()) watcher_.join();
    std::vector<std::thread> connectors;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        connectors.swap(connectors_);
    }
    for (auto& t : connectors) t.join();
    for (std::size_t k = 0; k < silos_.size(); ++k) {
        if (!silos_[k].link) continue;
        try {
            silos_[k].link->send(seal({FrameKind::Finish, static_cast<std::uint32_t>(k), 0, settings_.session, {}}, settings_.key),
                                 Millis(5000));
        } catch (const LinkError&) {
            // It is gone already; nothing is waiting for it.
        }
    }
}

// Polls one counter that every join bumps; a silo with a newer generation gets a new link.
void RemoteClientPool::watch() {
    std::unique_ptr<RendezvousStore> store;
    std::int64_t seen = -1;
    while (!stopping_) {
        try {
            if (!store) store = RendezvousStore::connect(settings_.store_host, settings_.store_port, settings_.connect_timeout);
            const std::int64_t joins = store->add(silo_keys::kJoins, 0);
            if (joins != seen) {
                seen = joins;
                for (int k = 0; k < static_cast<int>(silos_.size()); ++k) {
                    const std::int64_t g = store->add(silo_keys::generation(k), 0);
                    std::lock_guard<std::mutex> lock(mutex_);
                    if (g > silos_[static_cast<std::size_t>(k)].newest && !stopping_) {
                        silos_[static_cast<std::size_t>(k)].newest = g;
                        connectors_.emplace_back([this, k, g] { connect(k, g); });
                    }
                }
            }
        } catch (const LinkError& e) {
            observer_.on_refused(-1, std::string("rendezvous store: ") + e.what());
            store.reset();
        }
        std::this_thread::sleep_for(Millis(100));
    }
}

void RemoteClientPool::connect(int k, std::int64_t generation) {
    try {
        // Its own connection to the store: a set-up waiting for a dead silo must not hold up others.
        const auto store = RendezvousStore::connect(settings_.store_host, settings_.store_port, settings_.connect_timeout);
        auto link = std::make_unique<PeerLink>(*store, silo_keys::link_prefix(k, generation), 0, settings_.gloo_host,
                                               settings_.connect_timeout);
        const Frame hello = open_frame(link->receive(limit_, settings_.connect_timeout), settings_.key);
        check_frame(hello, FrameKind::Hello, static_cast<std::uint32_t>(k), 0, settings_.session);
        const SiloHello h = decode_hello(hello.payload);
        if (h.class_counts.size() != static_cast<std::size_t>(classes_))
            throw FrameError("hello with " + std::to_string(h.class_counts.size()) + " class counts, expected " +
                             std::to_string(classes_));
        {
            std::lock_guard<std::mutex> lock(mutex_);
            Silo& s = silos_[static_cast<std::size_t>(k)];
            if (generation < s.newest) return;  // a newer connection of the same silo is on its way
            s.link = std::move(link);
            s.generation = generation;
        }
        observer_.on_joined(k, generation, h.class_counts);
        joined_.notify_all();
    } catch (const std::exception& e) {  // LinkError, FrameError, a malformed hello
        observer_.on_refused(k, e.what());
    }
}

void RemoteClientPool::wait_for_silos() {
    std::unique_lock<std::mutex> lock(mutex_);
    joined_.wait_for(lock, settings_.join_timeout, [this] {
        for (const Silo& s : silos_)
            if (!s.link) return false;
        return true;
    });
}

// Refuses an update whose shapes the server could not aggregate, before it reaches the server.
void RemoteClientPool::check_update(const Bytes& bytes) const {
    const ClientUpdate u = decode_update(bytes);
    const auto n = static_cast<std::size_t>(classes_);
    if (u.classes != classes_ || u.bits != bits_) throw FrameError("update for another network (classes or bits differ)");
    if (u.weights.size() != (shares_weights_ ? weights_ : 0)) throw FrameError("update with a wrong number of weights");
    if (!u.prototypes.empty() && (u.prototypes.size() != n * static_cast<std::size_t>(bits_) || u.counts.size() != n))
        throw FrameError("update with malformed prototypes");
    if (u.discriminator.size() != discriminator_weights_) throw FrameError("update with a wrong discriminator size");
    for (float w : u.weights)
        if (!std::isfinite(w)) throw FrameError("update with non-finite weights");
}

RemoteClientPool::Answer RemoteClientPool::exchange(int k, std::unique_ptr<PeerLink> link, const Bytes& down, int round,
                                                    Clock::time_point deadline) {
    Answer a;
    a.report.silo = k;
    const auto start = Clock::now();
    const auto silo = static_cast<std::uint32_t>(k);
    const std::uint64_t sent0 = link->bytes_sent(), received0 = link->bytes_received();
    try {
        SiloReply reply = decode_reply(ask(*link, {FrameKind::Global, silo, static_cast<std::uint32_t>(round), settings_.session, down},
                                           FrameKind::Update, limit_, deadline));
        check_update(reply.update);
        ClientRound c;
        c.result.client = k;
        c.result.loss = reply.loss;
        c.result.samples = reply.samples;
        c.result.seconds = reply.seconds;
        c.result.bytes_down = down.size();
        c.result.bytes_up = reply.update.size();
        c.update = std::move(reply.update);
        a.trained = std::move(c);
        a.report.answered = true;
    } catch (const std::exception& e) {  // LinkError (timed out, gone), FrameError, malformed payload
        a.report.reason = e.what();
    }
    a.report.bytes_sent = link->bytes_sent() - sent0;
    a.report.bytes_received = link->bytes_received() - received0;
    a.report.round_trip_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    if (a.report.answered) a.link = std::move(link);  // else it dies here: the silo reconnects
    return a;
}

Bytes RemoteClientPool::ask(PeerLink& link, const Frame& out, FrameKind expect, std::size_t limit, Clock::time_point deadline) {
    link.send(seal(out, settings_.key), left_until(deadline));
    const Frame f = open_frame(link.receive(limit, left_until(deadline)), settings_.key);
    check_frame(f, expect, out.silo, out.round, settings_.session);
    return f.payload;
}

std::unique_ptr<PeerLink> RemoteClientPool::take_link(int k, std::int64_t& generation) {
    std::lock_guard<std::mutex> lock(mutex_);
    generation = silos_[static_cast<std::size_t>(k)].generation;
    return std::move(silos_[static_cast<std::size_t>(k)].link);
}

// Back to its slot, unless the silo has reconnected meanwhile (then the old link just dies).
void RemoteClientPool::return_link(int k, std::int64_t generation, std::unique_ptr<PeerLink> link) {
    std::lock_guard<std::mutex> lock(mutex_);
    Silo& s = silos_[static_cast<std::size_t>(k)];
    if (!s.link && s.generation == generation) s.link = std::move(link);
}

PoolRound RemoteClientPool::train(const std::vector<int>& chosen, const Bytes& down, int round, StopToken& stop,
                                  RunObserver& observer) {
    if (!waited_) {
        wait_for_silos();
        waited_ = true;
    }
    const auto deadline = Clock::now() + settings_.round_timeout;
    std::vector<Answer> answers(chosen.size());
    std::vector<std::thread> threads;
    SerialisedObserver serial(observer);
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        const int k = chosen[i];
        std::int64_t generation = 0;
        std::unique_ptr<PeerLink> link = take_link(k, generation);
        if (!link) {
            answers[i].report = {k, false, "not connected", 0, 0, 0.0};
            continue;
        }
        threads.emplace_back([&, i, k, generation, l = std::move(link)]() mutable {
            serial.on_client_start(round, k, static_cast<int>(chosen.size()));
            answers[i] = exchange(k, std::move(l), down, round, deadline);
            if (answers[i].trained) serial.on_client_end(round, answers[i].trained->result);
            if (answers[i].link) return_link(k, generation, std::move(answers[i].link));
        });
    }
    for (auto& t : threads) t.join();
    if (stop.stop_requested()) throw StopRequested{};
    PoolRound out;
    std::vector<SiloRoundReport> reports;
    for (Answer& a : answers) {
        if (a.trained) out.trained.push_back(std::move(*a.trained));
        else out.missing.push_back({a.report.silo, a.report.reason});
        reports.push_back(std::move(a.report));
    }
    observer_.on_round(round, reports);
    return out;
}

void RemoteClientPool::set_retrieval(std::size_t top_k, PackedCodes queries, std::vector<std::int32_t> query_labels,
                                     double pooled_map_at_k) {
    retrieval_ = {top_k, std::move(queries), std::move(query_labels), pooled_map_at_k};
}

void RemoteClientPool::finish(const Bytes& final_global) {
    const Retrieval& r = retrieval_;
    if (r.top_k == 0 || r.queries.count == 0) return;
    const auto start = Clock::now();
    const auto deadline = start + settings_.round_timeout;
    const RetrievalRequest request{static_cast<std::uint32_t>(r.top_k), final_global, r.queries};
    const Bytes payload = encode(request);
    const std::size_t answer_limit = r.queries.count * r.top_k * 16 + (1u << 20);
    std::vector<std::optional<RetrievalAnswer>> answers(silos_.size());
    std::vector<std::uint64_t> sent(silos_.size(), 0), received(silos_.size(), 0);
    std::vector<std::thread> threads;
    for (int k = 0; k < static_cast<int>(silos_.size()); ++k) {
        std::int64_t generation = 0;
        std::unique_ptr<PeerLink> link = take_link(k, generation);
        if (!link) continue;
        threads.emplace_back([&, k, generation, l = std::move(link)]() mutable {
            const auto silo = static_cast<std::uint32_t>(k);
            const std::uint64_t sent0 = l->bytes_sent(), received0 = l->bytes_received();
            try {
                answers[static_cast<std::size_t>(k)] = decode_retrieval_answer(
                    ask(*l, {FrameKind::Retrieve, silo, 0, settings_.session, payload}, FrameKind::Answer, answer_limit, deadline),
                    r.queries.count, request.top_k);
                sent[static_cast<std::size_t>(k)] = l->bytes_sent() - sent0;
                received[static_cast<std::size_t>(k)] = l->bytes_received() - received0;
                return_link(k, generation, std::move(l));
            } catch (const std::exception& e) {
                observer_.on_refused(k, std::string("retrieval: ") + e.what());
            }
        });
    }
    for (auto& t : threads) t.join();
    CrossSiloRetrieval result;
    result.top_k = r.top_k;
    result.queries = r.queries.count;
    result.silos = silos_.size();
    result.map_at_k_pooled = r.pooled;
    std::vector<const std::vector<RetrievalHit>*> lists;
    std::vector<double> ap(r.queries.count);
    for (std::size_t q = 0; q < r.queries.count; ++q) {
        lists.clear();
        for (const auto& a : answers)
            if (a) lists.push_back(&a->hits[q]);
        ap[q] = average_precision(merge_top_k(lists, r.top_k), r.labels[q]);
    }
    result.map_at_k = mean_over_queries(ap);
    for (std::size_t k = 0; k < answers.size(); ++k) {
        if (!answers[k]) continue;
        ++result.silos_answered;
        result.database_items += answers[k]->database;
        result.bytes_sent += sent[k];
        result.bytes_received += received[k];
    }
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    observer_.on_retrieval(result);
}

std::vector<HashNet> RemoteClientPool::models() {
    throw std::invalid_argument("the silos keep their own models: a cross-silo server evaluates only methods that share weights");
}

}  // namespace fedhap
