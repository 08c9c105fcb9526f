#include "experiment/run_directory.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "io/npy.h"

namespace fedhap {
namespace fs = std::filesystem;
namespace {

constexpr std::uint32_t kCheckpointMagic = 0x4B434846;  // "FHCK"
constexpr std::uint32_t kCheckpointVersion = 1;

void write_atomic(const std::string& path, const std::string& bytes) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out.flush()) throw std::runtime_error(tmp + ": cannot write");
    }
    fs::rename(tmp, path);  // atomic on POSIX: readers see the old or the new file, never half
}

}  // namespace

RunDirectory::RunDirectory(std::string path) : path_(std::move(path)) {
    std::error_code ec;
    fs::create_directories(path_, ec);
    if (!fs::is_directory(path_)) throw std::runtime_error(path_ + ": cannot create the run folder");
}

std::string RunDirectory::file(const std::string& name) const { return (fs::path(path_) / name).string(); }

std::string metrics_json_line(const RoundMetrics& m) {
    nlohmann::json j = {{"round", m.round},
                        {"loss", m.loss},
                        {"bytes_up", m.bytes_up},
                        {"bytes_down", m.bytes_down},
                        {"seconds", m.seconds},
                        {"train_seconds", m.train_seconds},
                        {"train_samples", m.train_samples},
                        {"prototype_min_distance", m.prototype_min_distance},
                        {"prototype_bits_flipped", m.prototype_bits_flipped}};
    nlohmann::json clients = nlohmann::json::array();
    for (const auto& c : m.clients)
        clients.push_back({{"client", c.client}, {"loss", c.loss}, {"samples", c.samples}, {"bytes_up", c.bytes_up},
                           {"bytes_down", c.bytes_down}});
    j["clients"] = clients;
    if (m.map) j["map"] = *m.map;
    return j.dump();
}

void RunDirectory::truncate_metrics(int keep_rounds) {
    std::ifstream in(file("metrics.jsonl"));
    std::string kept;
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        const auto j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_discarded() && j.value("round", 0) <= keep_rounds) kept += line + "\n";
    }
    write_atomic(file("metrics.jsonl"), kept);
}

void RunDirectory::append_metrics(const RoundMetrics& m) {
    std::ofstream out(file("metrics.jsonl"), std::ios::app);
    out << metrics_json_line(m) << "\n";
    out.flush();
}

void RunDirectory::write_text(const std::string& name, const std::string& text) { write_atomic(file(name), text); }

void RunDirectory::write_prototypes(const PrototypeSnapshot& p) {
    fs::create_directories(file("prototypes"));
    char name[64];
    std::snprintf(name, sizeof name, "prototypes/round_%04d.npy", p.round);
    const std::string tmp = file(name) + ".tmp";
    write_npy(tmp, npy_from_floats({static_cast<std::size_t>(p.classes), static_cast<std::size_t>(p.bits)}, p.values));
    fs::rename(tmp, file(name));
}

void RunDirectory::write_checkpoint(const Checkpoint& c) {
    std::string bytes;
    auto put = [&](const void* p, std::size_t n) { bytes.append(static_cast<const char*>(p), n); };
    put(&kCheckpointMagic, 4);
    put(&kCheckpointVersion, 4);
    const std::int32_t round = c.round;
    put(&round, 4);
    put(&c.seconds, 8);
    const std::uint64_t arrays = c.state.size();
    put(&arrays, 8);
    for (const auto& a : c.state) {
        const std::uint64_t n = a.size();
        put(&n, 8);
        put(a.data(), n * sizeof(float));
    }
    write_atomic(file("checkpoint.bin"), bytes);
}

Checkpoint RunDirectory::read_checkpoint() const {
    const std::string path = file("checkpoint.bin");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error(path + ": no checkpoint to resume from");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string bytes = ss.str();
    std::size_t at = 0;
    auto get = [&](void* p, std::size_t n) {
        if (bytes.size() - at < n) throw std::runtime_error(path + ": checkpoint is truncated");
        std::memcpy(p, bytes.data() + at, n);
        at += n;
    };
    std::uint32_t magic = 0, version = 0;
    get(&magic, 4);
    get(&version, 4);
    if (magic != kCheckpointMagic || version != kCheckpointVersion) throw std::runtime_error(path + ": not a FedHAP checkpoint");
    Checkpoint c;
    std::int32_t round = 0;
    get(&round, 4);
    c.round = round;
    get(&c.seconds, 8);
    std::uint64_t arrays = 0;
    get(&arrays, 8);
    for (std::uint64_t i = 0; i < arrays; ++i) {
        std::uint64_t n = 0;
        get(&n, 8);
        if (n > (bytes.size() - at) / sizeof(float)) throw std::runtime_error(path + ": checkpoint is truncated");
        std::vector<float> a(n);
        get(a.data(), n * sizeof(float));
        c.state.push_back(std::move(a));
    }
    if (at != bytes.size()) throw std::runtime_error(path + ": checkpoint has trailing bytes");
    return c;
}

}  // namespace fedhap
