// Cross-silo runs: a server and silo processes on loopback (free ports). The same metrics as the
// in-process run, a silo killed mid-run, and forged, replayed, truncated and garbage messages.
#include <QtTest>

#include <QProcess>
#include <arpa/inet.h>
#include <filesystem>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <thread>

#include "crosssilo/c10d_link.h"
#include "crosssilo/endpoint.h"
#include "crosssilo/frame.h"
#include "crosssilo/silo_messages.h"
#include "crosssilo/silo_protocol.h"
#include "experiment/experiment_runner.h"
#include "test_files.h"
#include "tiny_experiment.h"

using namespace fedhap;
using fedhap::test::TempDir;

namespace {

constexpr int kWaitMs = 180000;

// A `fedhap serve` process; its address once it listens.
struct ServerProcess {
    std::unique_ptr<QProcess> proc;
    std::string endpoint;

    ServerProcess(const std::string& config, const std::string& out, const std::vector<std::string>& extra,
                  const std::string& listen = "127.0.0.1:0") {
        std::vector<std::string> args{"serve", "--config", config, "--listen", listen, "--out", out, "--format", "json"};
        args.insert(args.end(), extra.begin(), extra.end());
        proc = test::start_cli(args);
        QByteArray seen;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 60000 && !seen.contains('\n') && proc->state() != QProcess::NotRunning) {
            proc->waitForReadyRead(200);
            seen += proc->readAllStandardOutput();
        }
        const QByteArray line = seen.left(seen.indexOf('\n'));
        if (line.startsWith("listening on ")) endpoint = line.mid(13).toStdString();
    }
    std::string out_after_exit() {
        proc->waitForFinished(kWaitMs);
        return proc->readAllStandardOutput().toStdString();
    }
};

std::unique_ptr<QProcess> start_silo(const std::string& endpoint, int k, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> args{"join", "--server", endpoint, "--silo", std::to_string(k), "--wait", "60"};
    args.insert(args.end(), extra.begin(), extra.end());
    return test::start_cli(args);
}

std::vector<QJsonObject> json_lines(const std::string& path) {
    std::vector<QJsonObject> out;
    for (const QByteArray& line : QByteArray::fromStdString(test::read_text(path)).split('\n'))
        if (!line.isEmpty()) out.push_back(QJsonDocument::fromJson(line).object());
    return out;
}

// A loopback port nobody listens on now (for a server that must come back on the same one).
int free_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t n = sizeof a;
    bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &n);
    close(fd);
    return ntohs(a.sin_port);
}

int lines_in(const std::string& path) { return static_cast<int>(json_lines(path).size()); }

bool wait_until(const std::function<bool()>& done, int ms = kWaitMs) {
    QElapsedTimer timer;
    timer.start();
    while (!done()) {
        if (timer.elapsed() > ms) return false;
        QThread::msleep(50);
    }
    return true;
}

// Everything the server said about silo 2 being refused or left out, one reason per line.
std::string reasons_for_silo(const std::string& journal, int silo) {
    std::string out;
    for (const QJsonObject& e : json_lines(journal)) {
        if (e["event"].toString() == "refused" && e["silo"].toInt() == silo) out += e["reason"].toString().toStdString() + "\n";
        if (e["event"].toString() == "round")
            for (const auto& s : e["silos"].toArray())
                if (s.toObject()["silo"].toInt() == silo && !s.toObject()["answered"].toBool())
                    out += s.toObject()["reason"].toString().toStdString() + "\n";
    }
    return out;
}

}  // namespace

class CrossSiloTest : public QObject {
    Q_OBJECT
private:
    TempDir data_;
    std::string config_file(const TempDir& dir, int rounds, int local_epochs = 1) {
        ExperimentConfig c = test::tiny_experiment_config(data_.path());
        c.rounds = rounds;
        c.local_epochs = local_epochs;
        c.threads = 3;  // one per client, as each silo has one
        const std::string path = dir.file("config.json");
        save_config_file(path, c);
        return path;
    }

private Q_SLOTS:
    void initTestCase() { test::write_tiny_mnist(data_.path(), 30, 8); }

    void silos_in_processes_match_the_in_process_run() {
        TempDir dir;
        const std::string config = config_file(dir, 3);
        StopToken stop;
        RunObserver quiet;
        run_experiment(load_config_file(config), {dir.file("in-process"), false, {}}, quiet, stop);

        ServerProcess server(config, dir.file("served"), {"--round-timeout", "60"});
        QVERIFY2(!server.endpoint.empty(), "the server did not say where it listens");
        std::vector<std::unique_ptr<QProcess>> silos;
        for (int k = 0; k < 3; ++k) silos.push_back(start_silo(server.endpoint, k));
        const std::string summary = server.out_after_exit();
        QCOMPARE(server.proc->exitCode(), 0);
        for (auto& s : silos) {
            QVERIFY(s->waitForFinished(30000));
            QCOMPARE(s->exitCode(), 0);  // the server told them the run is over
        }
        QVERIFY(summary.find("\"rounds\":3") != std::string::npos);
        const std::string expected = test::metrics_without_timings(dir.file("in-process/metrics.jsonl"));
        QCOMPARE(std::count(expected.begin(), expected.end(), '\n'), 3);
        QCOMPARE(test::metrics_without_timings(dir.file("served/metrics.jsonl")), expected);
        QCOMPARE(test::read_text(dir.file("served/db_codes.npy")), test::read_text(dir.file("in-process/db_codes.npy")));

        // Cross-silo retrieval: each silo ranked its share of the database; merged, the top 100
        // scores what the server's own evaluation on the pooled database scores.
        const QJsonObject retrieval = QJsonDocument::fromJson(QByteArray::fromStdString(test::read_text(dir.file("served/retrieval.json")))).object();
        QCOMPARE(retrieval["silos_answered"].toInt(), 3);
        QCOMPARE(retrieval["top_k"].toInt(), 100);
        QVERIFY(retrieval["map_at_k"].toDouble() > 0.0);
        QCOMPARE(retrieval["map_at_k"].toDouble(), retrieval["map_at_k_pooled"].toDouble());

        // Bytes: what each silo's link carried = the counted message + envelope (72 B), the
        // size header (8 B) and, upwards, the reply's loss, seconds, samples and length (32 B).
        const auto metrics = json_lines(dir.file("served/metrics.jsonl"));
        for (const QJsonObject& e : json_lines(dir.file("served/silos.jsonl"))) {
            if (e["event"].toString() != "round") continue;
            const QJsonObject m = metrics.at(static_cast<std::size_t>(e["round"].toInt() - 1));
            for (const auto& s : e["silos"].toArray()) {
                const QJsonObject silo = s.toObject();
                const QJsonObject client = m["clients"].toArray().at(silo["silo"].toInt()).toObject();
                QCOMPARE(silo["bytes_sent"].toDouble(), client["bytes_down"].toDouble() + 80);
                QCOMPARE(silo["bytes_received"].toDouble(), client["bytes_up"].toDouble() + 112);
            }
        }
    }

    void a_killed_silo_is_left_out_and_a_restarted_one_rejoins() {
        TempDir dir;
        const std::string config = config_file(dir, 50, 4);
        ServerProcess server(config, dir.file("run"), {"--round-timeout", "20"});
        QVERIFY(!server.endpoint.empty());
        std::vector<std::unique_ptr<QProcess>> silos;
        for (int k = 0; k < 3; ++k) silos.push_back(start_silo(server.endpoint, k));
        const std::string metrics = dir.file("run/metrics.jsonl");
        QVERIFY(wait_until([&] { return lines_in(metrics) >= 1; }));
        silos[1]->kill();  // SIGKILL, most likely mid-round
        silos[1]->waitForFinished();
        silos[1] = start_silo(server.endpoint, 1);
        server.out_after_exit();
        QCOMPARE(server.proc->exitCode(), 0);
        const auto rounds = json_lines(metrics);
        QCOMPARE(static_cast<int>(rounds.size()), 50);
        int left_out = -1, back = -1;
        for (const QJsonObject& r : rounds) {
            const bool missing = r["missing"].toArray().contains(1);
            if (missing && left_out < 0) left_out = r["round"].toInt();
            if (left_out > 0 && !missing && back < 0) back = r["round"].toInt();
            if (missing) QCOMPARE(r["clients"].toArray().size(), 2);  // the others were aggregated
        }
        qInfo("silo 1 left out from round %d, back in round %d of 50", left_out, back);
        QVERIFY2(left_out > 0, "no round names the killed silo as missing");
        QVERIFY2(back > left_out, "the restarted silo never took part again");
        for (auto& s : silos) {
            QVERIFY(s->waitForFinished(30000));
            QCOMPARE(s->exitCode(), 0);
        }
    }

    void a_server_killed_with_sigkill_resumes_and_its_silos_reconnect() {
        TempDir dir;
        const std::string config = config_file(dir, 16, 3);
        const std::string listen = "127.0.0.1:" + std::to_string(free_port());
        auto server = std::make_unique<ServerProcess>(config, dir.file("run"), std::vector<std::string>{}, listen);
        QVERIFY(!server->endpoint.empty());
        std::vector<std::unique_ptr<QProcess>> silos;
        for (int k = 0; k < 3; ++k) silos.push_back(start_silo(server->endpoint, k));
        const std::string metrics = dir.file("run/metrics.jsonl");
        QVERIFY(wait_until([&] { return lines_in(metrics) >= 2; }));
        server->proc->kill();  // SIGKILL: no Finish, no summary; the checkpoint of the last round stays
        server->proc->waitForFinished();
        const int done_before = lines_in(metrics);
        server = std::make_unique<ServerProcess>(config, dir.file("run"), std::vector<std::string>{"--resume"}, listen);
        QVERIFY2(!server->endpoint.empty(), "the resumed server did not listen on the same address");
        server->out_after_exit();
        QCOMPARE(server->proc->exitCode(), 0);
        const auto rounds = json_lines(metrics);
        QCOMPARE(static_cast<int>(rounds.size()), 16);
        for (int r = 0; r < 16; ++r) QCOMPARE(rounds[static_cast<std::size_t>(r)]["round"].toInt(), r + 1);
        // The silos found the new server by themselves and took part after the restart.
        QVERIFY(rounds.back()["clients"].toArray().size() == 3);
        qInfo("killed after %d rounds; resumed to 16", done_before);
        for (auto& s : silos) {
            QVERIFY(s->waitForFinished(30000));
            QCOMPARE(s->exitCode(), 0);
        }
    }

    void forged_replayed_truncated_and_garbage_messages_are_refused() {
        TempDir dir;
        const std::string config = config_file(dir, 6);
        test::write_bytes(dir.file("secret"), std::vector<std::uint8_t>(32, 'k'));
        ServerProcess server(config, dir.file("run"),
                             {"--round-timeout", "10", "--join-timeout", "60", "--secret-file", dir.file("secret")});
        QVERIFY(!server.endpoint.empty());
        const Endpoint at = parse_endpoint(server.endpoint, "server");
        std::vector<std::unique_ptr<QProcess>> silos;
        for (int k = 0; k < 2; ++k) silos.push_back(start_silo(server.endpoint, k, {"--secret-file", dir.file("secret")}));

        // Silo 2 is played by this test, one misbehaviour per connection.
        const FrameKey key(std::vector<std::uint8_t>(32, 'k')), forger(std::vector<std::uint8_t>(32, 'f'));
        std::string rogue_error;
        std::thread rogue([&] {
            try {
                auto store = RendezvousStore::connect(at.host, at.port, Millis(30000));
                const Frame config_frame = open_frame(store->get(silo_keys::kConfig), key);
                const SessionId session = config_frame.session;
                auto link = [&] {
                    const auto g = store->add(silo_keys::generation(2), 1);
                    store->add(silo_keys::kJoins, 1);
                    return std::make_unique<PeerLink>(*store, silo_keys::link_prefix(2, g), 1, "127.0.0.1", Millis(30000));
                };
                auto closed_by_server = [](PeerLink& l) {
                    try {
                        l.receive(1 << 20, Millis(10000));
                    } catch (const LinkError&) {
                        return;
                    }
                };
                const Bytes hello = seal({FrameKind::Hello, 2, 0, session, encode(SiloHello{std::vector<std::int32_t>(10, 3)})}, key);
                {
                    auto l = link();
                    l->send(Bytes(100, 0xAB), Millis(5000));  // garbage
                    closed_by_server(*l);
                }
                {
                    auto l = link();
                    l->send(Bytes(hello.begin(), hello.end() - 10), Millis(5000));  // truncated
                    closed_by_server(*l);
                }
                {
                    auto l = link();
                    l->send(seal({FrameKind::Hello, 2, 0, session, encode(SiloHello{std::vector<std::int32_t>(10, 3)})}, forger),
                            Millis(5000));  // forged: signed with another secret
                    closed_by_server(*l);
                }
                {
                    auto l = link();
                    l->send(hello, Millis(5000));
                    const Frame global = open_frame(l->receive(1 << 24, Millis(60000)), key);
                    // A replay: an update of an earlier round.
                    l->send(seal({FrameKind::Update, 2, global.round - 1, session, encode(SiloReply{})}, key), Millis(5000));
                    closed_by_server(*l);
                }
                {
                    auto l = link();
                    l->send(hello, Millis(5000));
                    const Frame global = open_frame(l->receive(1 << 24, Millis(60000)), key);
                    // Properly signed, but the payload is not a reply.
                    l->send(seal({FrameKind::Update, 2, global.round, session, Bytes(5, 1)}, key), Millis(5000));
                    closed_by_server(*l);
                }
            } catch (const std::exception& e) {
                rogue_error = e.what();
            }
        });
        const std::string summary = server.out_after_exit();
        rogue.join();
        QVERIFY2(rogue_error.empty(), rogue_error.c_str());
        for (auto& s : silos) QVERIFY(s->waitForFinished(30000));
        QCOMPARE(server.proc->exitCode(), 0);
        QVERIFY(summary.find("\"rounds\":6") != std::string::npos);
        const std::string reasons = reasons_for_silo(dir.file("run/silos.jsonl"), 2);
        for (const char* expected : {"bad magic", "truncated", "bad HMAC", "replayed or stale update message", "reply: truncated"})
            QVERIFY2(reasons.find(expected) != std::string::npos, (std::string(expected) + " not in:\n" + reasons).c_str());
        for (const QJsonObject& r : json_lines(dir.file("run/metrics.jsonl"))) QVERIFY(r["clients"].toArray().size() >= 2);
    }

    void a_silo_with_another_secret_says_so() {
        TempDir dir;
        const std::string config = config_file(dir, 1);
        test::write_bytes(dir.file("secret"), std::vector<std::uint8_t>(32, 'k'));
        test::write_bytes(dir.file("other"), std::vector<std::uint8_t>(32, 'o'));
        ServerProcess server(config, dir.file("run"), {"--join-timeout", "1", "--secret-file", dir.file("secret")});
        QVERIFY(!server.endpoint.empty());
        const auto r = test::run_cli({"join", "--server", server.endpoint, "--silo", "0", "--secret-file", dir.file("other")});
        QCOMPARE(r.exit_code, 1);
        QVERIFY2(r.err.find("--secret-file") != std::string::npos, r.err.c_str());
        server.proc->kill();
        server.proc->waitForFinished();
    }

    void serve_refuses_what_has_no_silos_or_no_global_model() {
        TempDir dir;
        const std::string config = config_file(dir, 1);
        for (const std::vector<std::string>& extra : {std::vector<std::string>{"--method", "local-only"},
                                                      std::vector<std::string>{"--method", "centralized"}}) {
            std::vector<std::string> args{"serve", "--config", config, "--listen", "127.0.0.1:0", "--out", dir.file("x")};
            args.insert(args.end(), extra.begin(), extra.end());
            const auto r = test::run_cli(args);
            QCOMPARE(r.exit_code, 1);
            QVERIFY2(r.err.find("serve:") != std::string::npos, r.err.c_str());
        }
        const auto r = test::run_cli({"join", "--server", "127.0.0.1", "--silo", "0"});
        QCOMPARE(r.exit_code, 1);
        QVERIFY2(r.err.find("HOST:PORT") != std::string::npos, r.err.c_str());
    }
};

QTEST_APPLESS_MAIN(CrossSiloTest)
#include "test_crosssilo.moc"
