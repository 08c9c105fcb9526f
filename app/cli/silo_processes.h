#pragma once
// `fedhap run --processes`: the silos of a cross-silo run as child processes of this machine
// (`fedhap-train join`), for demonstrations and tests. Each child's output goes to
// <out>/silo-K.log (or nowhere without a run folder); they are reaped, or killed after a grace
// period, when this object dies.
#include <string>
#include <sys/types.h>
#include <vector>

namespace fedhap::cli {

class SiloProcesses {
public:
    SiloProcesses() = default;
    ~SiloProcesses();
    SiloProcesses(const SiloProcesses&) = delete;
    SiloProcesses& operator=(const SiloProcesses&) = delete;

    // Starts silos 0..count-1 joining `server`; throws std::runtime_error when one cannot start.
    void start(int count, const std::string& server, const std::string& secret_file, const std::string& out_dir);

private:
    std::vector<pid_t> children_;
};

}  // namespace fedhap::cli
