#include "crosssilo/silo_journal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "util/printable_path.h"

namespace fedhap {
namespace {

double unix_seconds() {
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

SiloJournal::SiloJournal(LineSink sink) : sink_(std::move(sink)) {}

SiloJournal::LineSink SiloJournal::file_sink(const std::string& path, bool append) {
    // O_NONBLOCK: a FIFO in the journal's place fails the open or fstat refuses it; never waited on.
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | (append ? O_APPEND : O_TRUNC), 0666);
    if (fd < 0) throw std::runtime_error(printable_path(path) + ": cannot write the silo journal: " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw std::runtime_error(printable_path(path) + ": cannot write the silo journal: not a regular file");
    }
    std::FILE* file = ::fdopen(fd, "w");  // keeps the open's O_APPEND; no second truncation
    if (!file) {
        ::close(fd);
        throw std::runtime_error(printable_path(path) + ": cannot write the silo journal: " + std::strerror(errno));
    }
    auto out = std::shared_ptr<std::FILE>(file, [](std::FILE* f) { std::fclose(f); });
    return [out](const std::string& line) {
        std::fwrite(line.data(), 1, line.size(), out.get());
        std::fputc('\n', out.get());
        std::fflush(out.get());
    };
}

void SiloJournal::write(const std::string& line) {
    std::lock_guard<std::mutex> lock(mutex_);
    sink_(line);
}

void SiloJournal::on_listening(const std::string& endpoint) {
    write(nlohmann::json{{"event", "listening"}, {"endpoint", endpoint}, {"time", unix_seconds()}}.dump());
}

void SiloJournal::on_joined(int silo, std::int64_t generation, const std::vector<std::int32_t>& class_counts) {
    write(nlohmann::json{{"event", "joined"}, {"silo", silo}, {"connection", generation}, {"class_counts", class_counts},
                         {"time", unix_seconds()}}
              .dump());
}

void SiloJournal::on_refused(int silo, const std::string& reason) {
    write(nlohmann::json{{"event", "refused"}, {"silo", silo}, {"reason", reason}, {"time", unix_seconds()}}.dump());
}

void SiloJournal::on_round(int round, const std::vector<SiloRoundReport>& reports) {
    nlohmann::json silos = nlohmann::json::array();
    for (const auto& r : reports) {
        nlohmann::json s = {{"silo", r.silo},
                            {"answered", r.answered},
                            {"bytes_sent", r.bytes_sent},
                            {"bytes_received", r.bytes_received},
                            {"round_trip_seconds", r.round_trip_seconds}};
        if (!r.answered) s["reason"] = r.reason;
        silos.push_back(s);
    }
    write(nlohmann::json{{"event", "round"}, {"round", round}, {"silos", silos}, {"time", unix_seconds()}}.dump());
}

std::string SiloJournal::to_json(const CrossSiloRetrieval& r) {
    nlohmann::json j = {{"top_k", r.top_k},
                        {"queries", r.queries},
                        {"silos", r.silos},
                        {"silos_answered", r.silos_answered},
                        {"database_items", r.database_items},
                        {"map_at_k", r.map_at_k},
                        {"bytes_sent", r.bytes_sent},
                        {"bytes_received", r.bytes_received},
                        {"seconds", r.seconds}};
    if (r.map_at_k_pooled >= 0) j["map_at_k_pooled"] = r.map_at_k_pooled;
    return j.dump();
}

void SiloJournal::on_retrieval(const CrossSiloRetrieval& result) {
    auto j = nlohmann::json::parse(to_json(result));
    j["event"] = "retrieval";
    j["time"] = unix_seconds();
    write(j.dump());
}

}  // namespace fedhap
