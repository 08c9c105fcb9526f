#pragma once
// silos.jsonl in a cross-silo run folder: one JSON line per event (listening, joined, refused,
// round), appended and flushed as it happens, so the workbench can follow a headless server
// live and a crash loses nothing that was written. Plain C++.
#include <fstream>
#include <mutex>
#include <string>

#include "crosssilo/silo_observer.h"

namespace fedhap {

class SiloJournal : public SiloObserver {
public:
    // Starts the file (a resumed server appends to it). Throws std::runtime_error when it cannot.
    SiloJournal(const std::string& path, bool append);
    void on_listening(const std::string& endpoint) override;
    void on_joined(int silo, std::int64_t generation, const std::vector<std::int32_t>& class_counts) override;
    void on_refused(int silo, const std::string& reason) override;
    void on_round(int round, const std::vector<SiloRoundReport>& reports) override;

private:
    void write(const std::string& line);
    std::mutex mutex_;
    std::ofstream out_;
};

}  // namespace fedhap
