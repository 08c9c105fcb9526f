#include "crosssilo/silo.h"

#include <chrono>
#include <memory>
#include <thread>

#include "crosssilo/federated_retrieval.h"
#include "crosssilo/silo_protocol.h"
#include "crosssilo/silo_trainer.h"
#include "runtime/torch_runtime.h"

namespace fedhap {
namespace {

using Clock = std::chrono::steady_clock;

// One connection to the server: the store, the session it announced, a link of its own.
class SiloSession {
public:
    SiloSession(const JoinSettings& s, const std::function<void(const std::string&)>& log) : s_(s), log_(log) {}

    // Reads the server's brief. Throws LinkError when no server answers within `wait`.
    FederationBrief arrive() {
        store_ = RendezvousStore::connect(s_.server.host, s_.server.port, s_.wait);
        Frame config;
        try {
            config = open_frame(store_->get(silo_keys::kConfig), s_.key);
        } catch (const FrameError& e) {
            throw std::runtime_error(std::string("the server's config message was refused (") + e.what() +
                                     "): is --secret-file the same file as the server's?");
        }
        if (config.kind != FrameKind::Config) throw std::runtime_error("the server's config key holds no config message");
        session_ = config.session;
        brief_bytes_ = config.payload;
        return decode_brief(config.payload);
    }
    const Bytes& brief_bytes() const { return brief_bytes_; }

    // Joins, then trains every round it is sent until Finish (returns true) or a failure
    // (LinkError, FrameError: the caller reconnects).
    bool serve(SiloTrainer& trainer, StopToken& stop) {
        const auto silo = static_cast<std::uint32_t>(s_.silo);
        const std::int64_t generation = store_->add(silo_keys::generation(s_.silo), 1);
        store_->add(silo_keys::kJoins, 1);
        const std::string bind = s_.bind_host.empty() ? local_address_towards(s_.server.host) : s_.bind_host;
        PeerLink link(*store_, silo_keys::link_prefix(s_.silo, generation), 1, bind, s_.connect_timeout);
        link.send(seal({FrameKind::Hello, silo, 0, session_, encode(trainer.hello())}, s_.key), s_.connect_timeout);
        log_("silo " + std::to_string(s_.silo) + ": joined " + to_string(s_.server) + " (connection " +
             std::to_string(generation) + ", " + std::to_string(trainer.images()) + " training images)");
        std::uint32_t last_round = 0;
        while (true) {
            const Frame f = open_frame(link.receive(trainer.message_limit(), s_.idle_timeout), s_.key);
            if (f.kind == FrameKind::Finish) {
                check_frame(f, FrameKind::Finish, silo, f.round, session_);
                return true;
            }
            try {
                if (f.kind == FrameKind::Retrieve) {
                    check_frame(f, FrameKind::Retrieve, silo, f.round, session_);
                    const RetrievalAnswer answer = trainer.retrieve(decode_retrieval_request(f.payload));
                    link.send(seal({FrameKind::Answer, silo, f.round, session_, encode(answer)}, s_.key), s_.connect_timeout);
                    log_("silo " + std::to_string(s_.silo) + ": answered the server's retrieval over " +
                         std::to_string(answer.database) + " database items");
                    continue;
                }
                check_frame(f, FrameKind::Global, silo, f.round, session_);
                if (f.round <= last_round)
                    throw FrameError("replayed global message of round " + std::to_string(f.round) + " after round " +
                                     std::to_string(last_round));
                SiloReply reply = trainer.train(f.payload, static_cast<int>(f.round), stop);
                link.send(seal({FrameKind::Update, silo, f.round, session_, encode(reply)}, s_.key), s_.connect_timeout);
                last_round = f.round;
                progress_ = Clock::now();
                log_("silo " + std::to_string(s_.silo) + ": round " + std::to_string(f.round) + " trained, loss " +
                     std::to_string(reply.loss));
            } catch (const std::invalid_argument& e) {  // signed, but not a message this silo can use
                throw FrameError(std::string("malformed ") + to_string(f.kind) + " message: " + e.what());
            }
        }
    }
    Clock::time_point progress() const { return progress_; }

private:
    const JoinSettings& s_;
    const std::function<void(const std::string&)>& log_;
    std::unique_ptr<RendezvousStore> store_;
    SessionId session_{};
    Bytes brief_bytes_;
    Clock::time_point progress_{};  // of the last round trained in this session
};

}  // namespace

void run_silo(const JoinSettings& settings, const std::function<void(const std::string&)>& log, StopToken& stop) {
    set_torch_threads(settings.threads);
    std::unique_ptr<SiloTrainer> trainer;
    Bytes brief;
    auto last_progress = Clock::now();
    while (!stop.stop_requested()) {
        SiloSession session(settings, log);
        try {
            const FederationBrief b = session.arrive();
            if (!trainer) {
                trainer = std::make_unique<SiloTrainer>(b, settings.silo, settings.data_path, settings.device);
                brief = session.brief_bytes();
            } else if (session.brief_bytes() != brief) {
                throw std::runtime_error("the server at " + to_string(settings.server) + " now runs another experiment");
            }
            if (session.serve(*trainer, stop)) {
                log("silo " + std::to_string(settings.silo) + ": the server finished the run");
                return;
            }
        } catch (const LinkError& e) {
            last_progress = std::max(last_progress, session.progress());
            if (Clock::now() - last_progress > settings.wait)
                throw std::runtime_error("silo " + std::to_string(settings.silo) + ": gave up: " + e.what());
            log("silo " + std::to_string(settings.silo) + ": " + e.what() + "; reconnecting");
        } catch (const FrameError& e) {
            last_progress = std::max(last_progress, session.progress());
            if (Clock::now() - last_progress > settings.wait)
                throw std::runtime_error("silo " + std::to_string(settings.silo) + ": gave up: " + e.what());
            log("silo " + std::to_string(settings.silo) + ": refused a message: " + e.what() + "; reconnecting");
        }
        std::this_thread::sleep_for(Millis(500));
    }
    throw StopRequested{};
}

}  // namespace fedhap
