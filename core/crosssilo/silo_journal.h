#pragma once
// The silo events of a cross-silo run as JSON lines (listening, joined, refused, round): the
// format of silos.jsonl in the run folder, appended and flushed as they happen, so the workbench
// can follow a headless server live and a crash loses nothing written. The workbench's hosted
// runs send the same lines to its federation view. Plain C++.
#include <functional>
#include <mutex>
#include <string>

#include "crosssilo/silo_observer.h"

namespace fedhap {

class SiloJournal : public SiloObserver {
public:
    using LineSink = std::function<void(const std::string& line)>;  // one event, no newline
    explicit SiloJournal(LineSink sink);
    // A sink that appends to `path` (a new run starts it afresh), flushing every line. Throws
    // std::runtime_error when the file cannot be opened.
    static LineSink file_sink(const std::string& path, bool append);

    void on_listening(const std::string& endpoint) override;
    void on_joined(int silo, std::int64_t generation, const std::vector<std::int32_t>& class_counts) override;
    void on_refused(int silo, const std::string& reason) override;
    void on_round(int round, const std::vector<SiloRoundReport>& reports) override;
    void on_retrieval(const CrossSiloRetrieval& result) override;
    static std::string to_json(const CrossSiloRetrieval& result);  // also retrieval.json

private:
    void write(const std::string& line);
    std::mutex mutex_;
    LineSink sink_;
};

}  // namespace fedhap
