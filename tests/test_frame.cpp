// The cross-silo envelope: round trips, and every way a message can be refused; the payloads;
// HOST:PORT parsing.
#include <QtTest>

#include "crosssilo/endpoint.h"
#include "crosssilo/frame.h"
#include "crosssilo/silo_messages.h"
#include "test_files.h"

using namespace fedhap;

namespace {

const FrameKey kKey(std::vector<std::uint8_t>(20, 's'));

Frame sample() {
    Frame f;
    f.kind = FrameKind::Update;
    f.silo = 7;
    f.round = 12;
    f.session = random_session();
    f.payload = {1, 2, 3, 4, 5};
    return f;
}

std::string refusal(const FrameBytes& bytes, const FrameKey& key = kKey) {
    try {
        open_frame(bytes, key);
    } catch (const FrameError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

class FrameTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void a_sealed_frame_opens_to_the_same_frame() {
        const Frame f = sample();
        const FrameBytes b = seal(f, kKey);
        QCOMPARE(b.size(), kFrameHeaderBytes + f.payload.size() + kFrameMacBytes);
        const Frame g = open_frame(b, kKey);
        QCOMPARE(static_cast<int>(g.kind), static_cast<int>(f.kind));
        QCOMPARE(g.silo, 7u);
        QCOMPARE(g.round, 12u);
        QVERIFY(g.session == f.session);
        QVERIFY(g.payload == f.payload);
        check_frame(g, FrameKind::Update, 7, 12, f.session);  // does not throw
    }

    void every_flipped_bit_is_caught() {
        const FrameBytes b = seal(sample(), kKey);
        for (std::size_t i = 0; i < b.size(); ++i) {
            for (int bit = 0; bit < 8; ++bit) {
                FrameBytes d = b;
                d[i] ^= static_cast<std::uint8_t>(1 << bit);
                QVERIFY2(!refusal(d).empty(), ("byte " + std::to_string(i) + " bit " + std::to_string(bit)).c_str());
            }
        }
    }

    void truncated_padded_garbage_and_forged_messages_say_why() {
        const FrameBytes b = seal(sample(), kKey);
        QVERIFY(refusal(FrameBytes(b.begin(), b.begin() + 10)).find("truncated") != std::string::npos);
        QVERIFY(refusal(FrameBytes(b.begin(), b.end() - 1)).find("truncated") != std::string::npos);
        FrameBytes padded = b;
        padded.push_back(0);
        QVERIFY(refusal(padded).find("truncated or padded") != std::string::npos);
        QVERIFY(refusal(FrameBytes(200, 0xAB)).find("bad magic") != std::string::npos);
        const FrameBytes forged = seal(sample(), FrameKey(std::vector<std::uint8_t>(20, 'x')));
        QVERIFY(refusal(forged).find("bad HMAC") != std::string::npos);
        // Without a secret the check still catches damage, and says a secret may be the cause.
        QVERIFY(refusal(b, FrameKey()).find("bad checksum") != std::string::npos);
        QVERIFY(refusal(seal(sample(), FrameKey()), FrameKey()).empty());
    }

    void replays_and_misdirected_frames_are_refused() {
        const Frame f = sample();
        auto why = [&](FrameKind kind, std::uint32_t silo, std::uint32_t round, const SessionId& session) -> std::string {
            try {
                check_frame(f, kind, silo, round, session);
            } catch (const FrameError& e) {
                return e.what();
            }
            return "";
        };
        QVERIFY(why(FrameKind::Update, 7, 13, f.session).find("replayed or stale update message of round 12 in round 13") !=
                std::string::npos);
        QVERIFY(why(FrameKind::Update, 7, 12, random_session()).find("another session") != std::string::npos);
        QVERIFY(why(FrameKind::Hello, 7, 12, f.session).find("expected a hello message, got update") != std::string::npos);
        QVERIFY(why(FrameKind::Update, 3, 12, f.session).find("silo 7") != std::string::npos);
    }

    void payloads_round_trip_and_refuse_damage() {
        SiloReply r{1.25, 0.5, 640, {9, 8, 7}};
        const SiloReply s = decode_reply(encode(r));
        QCOMPARE(s.loss, 1.25);
        QCOMPARE(s.seconds, 0.5);
        QCOMPARE(s.samples, std::uint64_t{640});
        QVERIFY(s.update == r.update);
        Bytes cut = encode(r);
        cut.pop_back();
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, decode_reply(cut));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, decode_reply(Bytes(5, 1)));
        const SiloHello h = decode_hello(encode(SiloHello{{3, 0, 5}}));
        QVERIFY((h.class_counts == std::vector<std::int32_t>{3, 0, 5}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, decode_hello(encode(SiloHello{{3, -1}})));
    }

    void the_secret_file_must_hold_enough_bytes() {
        test::TempDir dir;
        test::write_bytes(dir.file("short"), {'a', 'b', 'c', '\n'});
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, FrameKey::from_file(dir.file("short")));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, FrameKey::from_file(dir.file("missing")));
        std::vector<std::uint8_t> line(16, 'z');
        line.push_back('\n');
        test::write_bytes(dir.file("ok"), line);
        QCOMPARE(FrameKey::from_file(dir.file("ok")).secret().size(), std::size_t{16});  // without the newline
    }

    void endpoints_parse_or_say_what_is_expected() {
        const Endpoint e = parse_endpoint("127.0.0.1:29500", "--listen");
        QCOMPARE(e.host, std::string("127.0.0.1"));
        QCOMPARE(e.port, 29500);
        QCOMPARE(parse_endpoint("[::1]:0", "--listen").host, std::string("::1"));
        QCOMPARE(to_string(Endpoint{"::1", 5}), std::string("[::1]:5"));
        for (const char* bad : {"127.0.0.1", "host:", ":80", "h:70000", "h:8a", "h:-1"})
            QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parse_endpoint(bad, "--server"));
        QCOMPARE(local_address_towards("127.0.0.1"), std::string("127.0.0.1"));
        QVERIFY(is_wildcard_address("0.0.0.0"));
        QVERIFY(!is_wildcard_address("127.0.0.1"));
    }
};

QTEST_APPLESS_MAIN(FrameTest)
#include "test_frame.moc"
