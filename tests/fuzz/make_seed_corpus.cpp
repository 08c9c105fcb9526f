// Writes the seed corpora of the fuzz harnesses (tests/fuzz/corpus/<harness>/): small valid
// inputs of every kind each harness reads, so fuzzing starts from the formats' real structure.
// Run once after a format changes: make_fuzz_seeds tests/fuzz/corpus
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "crosssilo/federated_retrieval.h"
#include "crosssilo/frame.h"
#include "crosssilo/silo_messages.h"
#include "experiment/experiment_config.h"
#include "experiment/run_directory.h"
#include "fl/messages.h"
#include "io/npy.h"

using namespace fedhap;
namespace fs = std::filesystem;

namespace {

using Blob = std::vector<std::uint8_t>;

void write(const fs::path& dir, const std::string& name, const Blob& bytes) {
    fs::create_directories(dir);
    std::ofstream(dir / name, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

Blob with(std::uint8_t first, const Blob& rest) {
    Blob b{first};
    b.insert(b.end(), rest.begin(), rest.end());
    return b;
}

Blob text(const std::string& s) { return Blob(s.begin(), s.end()); }

Blob big_endian(std::uint32_t v) { return {std::uint8_t(v >> 24), std::uint8_t(v >> 16), std::uint8_t(v >> 8), std::uint8_t(v)}; }

Blob gzip(const Blob& raw) {
    z_stream zs{};
    deflateInit2(&zs, 9, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    Blob out(raw.size() + 64);
    zs.next_in = const_cast<Bytef*>(raw.data());
    zs.avail_in = static_cast<uInt>(raw.size());
    zs.next_out = out.data();
    zs.avail_out = static_cast<uInt>(out.size());
    deflate(&zs, Z_FINISH);
    out.resize(zs.total_out);
    deflateEnd(&zs);
    return out;
}

Blob idx_pair(bool gz) {
    Blob images = big_endian(0x00000803), labels = big_endian(0x00000801);
    for (const Blob& b : {big_endian(2), big_endian(4), big_endian(4)}) images.insert(images.end(), b.begin(), b.end());
    for (int i = 0; i < 32; ++i) images.push_back(static_cast<std::uint8_t>(i * 7));
    const Blob n = big_endian(2);
    labels.insert(labels.end(), n.begin(), n.end());
    labels.push_back(3);
    labels.push_back(9);
    if (gz) images = gzip(images), labels = gzip(labels);
    Blob out{0, std::uint8_t(images.size() >> 8), std::uint8_t(images.size())};
    out.insert(out.end(), images.begin(), images.end());
    out.insert(out.end(), labels.begin(), labels.end());
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    const fs::path root = argc > 1 ? argv[1] : "tests/fuzz/corpus";

    GlobalMessage g;
    g.weights = {0.5f, -1.0f, 2.0f};
    g.prototypes = {1, -1, 1, -1, -1, 1, 1, 1};
    g.known = {1, 0};
    g.classes = 2;
    g.bits = 4;
    ClientUpdate u;
    u.weights = {0.25f, 0.5f, 0.75f};
    u.prototypes = {0.1f, -0.2f, 0.3f, -0.4f, 0, 0, 0, 0};
    u.counts = {5, 0};
    u.samples = 5;
    u.classes = 2;
    u.bits = 4;
    const FrameKey key(std::vector<std::uint8_t>(16, 'k'));
    const fs::path messages = root / "messages";
    write(messages, "frame", with(0, seal({FrameKind::Update, 1, 2, random_session(), encode(u)}, key)));
    write(messages, "global", with(1, encode(g)));
    write(messages, "update", with(2, encode(u)));
    write(messages, "hello", with(3, encode(SiloHello{{3, 0, 4}})));
    write(messages, "reply", with(4, encode(SiloReply{1.5, 0.25, 64, encode(u)})));
    PackedCodes q;
    q.count = 2, q.bits = 8, q.words_per_code = 1, q.words = {0x0F, 0xF0};
    write(messages, "retrieval-request", with(5, encode(RetrievalRequest{10, encode(g), q})));
    RetrievalAnswer a;
    a.database = 5;
    a.hits = {{{0, 1, 2}, {3, 2, 1}}, {}, {{4, 0, 0}}};
    write(messages, "retrieval-answer", with(6, encode(a)));

    const fs::path config = root / "config_json";
    write(config, "defaults", text(config_to_json(ExperimentConfig{})));
    write(config, "partial", text(R"({"name":"x","partition":{"clients":3,"alpha":0.5},"method":{"name":"fedavg-ce"},"training":{"rounds":2}})"));

    const fs::path npy = root / "npy";
    const std::string f32 = npy_bytes(npy_from_floats({2, 3}, {1, -1, 0.5f, 2, 3, -4}));
    const std::string i64 = npy_bytes(npy_from_int64({3}, {0, 7, 9}));
    const std::string i8 = npy_bytes(npy_from_int8({2, 2}, {1, -1, -1, 1}));
    write(npy, "float32", text(f32));
    write(npy, "int64", text(i64));
    write(npy, "int8", text(i8));

    const fs::path datasets = root / "datasets";
    write(datasets, "idx", idx_pair(false));
    write(datasets, "idx-gz", idx_pair(true));
    Blob cifar{1};
    for (int r = 0; r < 2; ++r) {
        cifar.push_back(static_cast<std::uint8_t>(r * 4));
        for (int i = 0; i < 3072; ++i) cifar.push_back(static_cast<std::uint8_t>(i + r));
    }
    write(datasets, "cifar", cifar);

    const fs::path run = root / "run_folder";
    const fs::path scratch = fs::temp_directory_path() / "fedhap-seed-run";
    {
        RunDirectory dir(scratch.string());
        dir.write_checkpoint({2, 3.5, {{1.0f, 2.0f, 3.0f}, {4.0f}}});
        std::ifstream in(dir.file("checkpoint.bin"), std::ios::binary);
        write(run, "checkpoint", with(0, Blob((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>())));
    }
    fs::remove_all(scratch);
    write(run, "metrics", with(5, text("{\"round\":1,\"loss\":2.5,\"bytes_up\":10,\"bytes_down\":20,\"train_samples\":64}\n"
                                       "{\"round\":2,\"loss\":2.1,\"bytes_up\":10,\"bytes_down\":20,\"train_samples\":64}\n")));
    return 0;
}
