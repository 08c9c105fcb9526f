#include "experiment/run_directory.h"

#include <nlohmann/json.hpp>
#include <zlib.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "experiment/config_limits.h"
#include "experiment/experiment_runner.h"
#include "io/atomic_file.h"
#include "io/input_file.h"
#include "io/npy.h"
#include "io/output_folder.h"
#include "util/printable_path.h"

namespace fedhap {
namespace fs = std::filesystem;
namespace {

constexpr std::uint32_t kCheckpointMagic = 0x4B434846;  // "FHCK"
// Version 2 ends with a CRC-32 of everything before it; version 1 files (no CRC) still load.
constexpr std::uint32_t kCheckpointVersion = 2;

// One metrics line (no trailing newline).
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
    if (!m.missing.empty()) j["missing"] = m.missing;  // only cross-silo runs lose clients
    return j.dump();
}

}  // namespace

RunDirectory::RunDirectory(std::string path) : path_(std::move(path)) {
    prepare_output_folder(path_, "run folder");  // created and proved writable, or the cause
    std::error_code ec;
    // A process killed while writing leaves its temporary file (io/atomic_file.h names them
    // "<file>.tmp.<pid>.<n>"); the complete file it was replacing is still there.
    for (const fs::path& folder : {fs::path(path_), fs::path(path_) / "prototypes"}) {
        for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
            if (it->path().filename().string().find(".tmp.") != std::string::npos) fs::remove(it->path(), ec);
        ec.clear();
    }
}

std::string RunDirectory::file(const std::string& name) const { return (fs::path(path_) / name).string(); }

bool RunDirectory::has(const std::string& name) const {
    std::error_code ec;
    return fs::exists(file(name), ec);
}

void RunDirectory::write_config(const ExperimentConfig& config) { write_file_atomic(file("config.json"), config_to_json(config)); }

ExperimentConfig RunDirectory::read_config() const { return load_config_file(file("config.json")); }

MetricsTotals RunDirectory::start_metrics(int keep_rounds) {
    metrics_.clear();
    MetricsTotals totals;
    int expected = 1;
    // A new run keeps nothing, so reads nothing; a resume reads only as far as the kept rounds
    // (a missing file is reported below as the rounds it lacks).
    std::unique_ptr<InputFile> in;
    std::unique_ptr<LineReader> lines;
    if (keep_rounds > 0 && has("metrics.jsonl")) {
        in = std::make_unique<InputFile>(file("metrics.jsonl"), input_limits::kJournal);
        lines = std::make_unique<LineReader>(*in, input_limits::kJournalLine);
    }
    for (std::string line; lines && expected <= keep_rounds && lines->next(line);) {
        if (line.empty()) continue;
        // A resume keeps the record of every round up to the checkpoint; one it cannot read would
        // be lost from the record without a word.
        const auto j = nlohmann::json::parse(line, nullptr, false);
        const std::string where = printable_path(file("metrics.jsonl")) + " line " + std::to_string(lines->line_number());
        if (j.is_discarded() || !j.is_object() || !j.contains("round") || !j["round"].is_number_integer() ||
            j["round"].get<std::int64_t>() < 1 || j["round"].get<std::int64_t>() > limits::rounds.hi)
            throw std::runtime_error(where + " is damaged; the rounds up to the checkpoint cannot be kept");
        const int round = j["round"].get<int>();
        if (round != expected)
            throw std::runtime_error(where + " is round " + std::to_string(round) + ", expected round " + std::to_string(expected));
        // Numbers are taken only as what they claim to be: a huge or fractional "count" is damage,
        // not something to convert (found by fuzzing: a float past 2^64 read as a count).
        const auto count = [&](const char* key) -> std::uint64_t {
            if (!j.contains(key)) return 0;
            const auto& v = j[key];
            if (v.is_number_unsigned()) return v.get<std::uint64_t>();
            if (v.is_number_integer() && v.get<std::int64_t>() >= 0) return static_cast<std::uint64_t>(v.get<std::int64_t>());
            throw std::runtime_error(where + ": " + key + " is not a count");
        };
        totals.rounds = round;
        totals.bytes_up += count("bytes_up");
        totals.bytes_down += count("bytes_down");
        totals.train_samples += count("train_samples");
        const auto seconds = j.value("train_seconds", nlohmann::json(0.0));
        if (!seconds.is_number() || !std::isfinite(seconds.get<double>()))
            throw std::runtime_error(where + ": train_seconds is not a time");
        totals.train_seconds += seconds.get<double>();
        const auto distance = j.value("prototype_min_distance", nlohmann::json(-1));
        if (!distance.is_number_integer() || distance.get<std::int64_t>() < -1 || distance.get<std::int64_t>() > 1 << 20)
            throw std::runtime_error(where + ": prototype_min_distance is not a distance");
        totals.prototype_min_distance = static_cast<int>(distance.get<std::int64_t>());
        metrics_ += line + "\n";
        ++expected;
    }
    if (totals.rounds != keep_rounds)
        throw std::runtime_error(printable_path(file("metrics.jsonl")) + " records " + std::to_string(totals.rounds) +
                                 " rounds but the checkpoint is at round " + std::to_string(keep_rounds));
    write_file_atomic(file("metrics.jsonl"), metrics_);
    return totals;
}

void RunDirectory::append_metrics(const RoundMetrics& m) {
    metrics_ += metrics_json_line(m) + "\n";
    write_file_atomic(file("metrics.jsonl"), metrics_);
}

void RunDirectory::write_prototypes(const PrototypeSnapshot& p) {
    fs::create_directories(file("prototypes"));
    char name[64];
    std::snprintf(name, sizeof name, "prototypes/round_%04d.npy", p.round);
    write_npy(file(name), npy_from_floats({static_cast<std::size_t>(p.classes), static_cast<std::size_t>(p.bits)}, p.values));
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
    const std::uint32_t crc = static_cast<std::uint32_t>(
        crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
    put(&crc, 4);
    write_file_atomic(file("checkpoint.bin"), bytes);
}

Checkpoint RunDirectory::read_checkpoint() const {
    const std::string path = printable_path(file("checkpoint.bin"));  // as the messages name it
    if (!has("checkpoint.bin")) throw std::runtime_error(path + ": no checkpoint to resume from");
    std::string bytes = read_input_file(file("checkpoint.bin"), input_limits::kCheckpoint);
    std::size_t at = 0;
    auto get = [&](void* p, std::size_t n) {
        if (bytes.size() - at < n) throw std::runtime_error(path + ": checkpoint is truncated");
        if (n > 0) std::memcpy(p, bytes.data() + at, n);  // an empty array's data() may be null
        at += n;
    };
    std::uint32_t magic = 0, version = 0;
    get(&magic, 4);
    get(&version, 4);
    if (magic != kCheckpointMagic || version < 1 || version > kCheckpointVersion)
        throw std::runtime_error(path + ": not a FedHAP checkpoint");
    if (version >= 2) {
        // Damage anywhere (a flipped weight byte included) is caught before anything is loaded.
        if (bytes.size() < 12) throw std::runtime_error(path + ": checkpoint is truncated");
        std::uint32_t stored = 0;
        std::memcpy(&stored, bytes.data() + bytes.size() - 4, 4);
        bytes.resize(bytes.size() - 4);
        const auto crc = static_cast<std::uint32_t>(
            crc32(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(bytes.data()), static_cast<uInt>(bytes.size())));
        if (crc != stored) throw std::runtime_error(path + ": checkpoint is damaged (checksum mismatch); it cannot be resumed");
    }
    Checkpoint c;
    std::int32_t round = 0;
    get(&round, 4);
    if (round < 0 || round > limits::rounds.hi) throw std::runtime_error(path + ": checkpoint names round " + std::to_string(round));
    c.round = round;
    get(&c.seconds, 8);
    if (!std::isfinite(c.seconds) || c.seconds < 0) throw std::runtime_error(path + ": checkpoint has a bad time");
    std::uint64_t arrays = 0;
    get(&arrays, 8);
    if (arrays > (bytes.size() - at) / 8) throw std::runtime_error(path + ": checkpoint is truncated");
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

void RunDirectory::write_codes(const FinalCodes& c) {
    write_npy(file("query_codes.npy"), npy_from_floats({c.query_labels.size(), c.bits}, c.query_codes));
    write_npy(file("db_codes.npy"), npy_from_floats({c.db_labels.size(), c.bits}, c.db_codes));
    write_npy(file("query_labels.npy"), npy_from_int64({c.query_labels.size()}, c.query_labels));
    write_npy(file("db_labels.npy"), npy_from_int64({c.db_labels.size()}, c.db_labels));
}

void RunDirectory::write_summary(const RunSummary& s, double seconds_all_sessions, const std::string& torch_version) {
    const nlohmann::json j = {{"method", s.method},
                              {"device", s.device},
                              {"rounds", s.rounds},
                              {"stopped", s.stopped},
                              {"map_all", s.map_all},
                              {"p_at_h2", s.p_at_h2},
                              {"seconds", s.seconds},
                              {"seconds_all_sessions", seconds_all_sessions},
                              {"train_seconds", s.train_seconds},
                              {"train_samples", s.train_samples},
                              {"train_images_per_s", s.train_images_per_s},
                              {"encode_images_per_s", s.encode_images_per_s},
                              {"bytes_up", s.bytes_up},
                              {"bytes_down", s.bytes_down},
                              {"parameters", s.parameters},
                              {"prototype_min_distance", s.prototype_min_distance},
                              {"torch", torch_version}};
    write_file_atomic(file("summary.json"), j.dump(2) + "\n");
}

}  // namespace fedhap
