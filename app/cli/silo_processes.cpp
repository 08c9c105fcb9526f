#include "silo_processes.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace fedhap::cli {

void SiloProcesses::start(int count, const std::string& server, const std::string& secret_file, const std::string& out_dir) {
    for (int k = 0; k < count; ++k) {
        std::vector<std::string> args{"fedhap-train", "join", "--server", server, "--silo", std::to_string(k), "--wait", "60"};
        if (!secret_file.empty()) args.insert(args.end(), {"--secret-file", secret_file});
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        posix_spawn_file_actions_t files;
        posix_spawn_file_actions_init(&files);
        const std::string log = out_dir.empty() ? "/dev/null" : out_dir + "/silo-" + std::to_string(k) + ".log";
        posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        posix_spawn_file_actions_adddup2(&files, STDOUT_FILENO, STDERR_FILENO);
        pid_t pid = 0;
        // This very executable: fedhap-train runs every command.
        const int rc = posix_spawn(&pid, "/proc/self/exe", &files, nullptr, argv.data(), environ);
        posix_spawn_file_actions_destroy(&files);
        if (rc != 0) throw std::runtime_error(std::string("cannot start silo process: ") + std::strerror(rc));
        children_.push_back(pid);
    }
}

SiloProcesses::~SiloProcesses() {
    // The server has sent Finish; give the silos a moment to exit on their own.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (pid_t pid : children_) {
        while (waitpid(pid, nullptr, WNOHANG) == 0) {
            if (std::chrono::steady_clock::now() > deadline) {
                kill(pid, SIGKILL);
                waitpid(pid, nullptr, 0);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    }
}

}  // namespace fedhap::cli
