#pragma once
// Helpers shared by the test executables: temporary files, running the CLI.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

class QProcess;
class QProcessEnvironment;

namespace fedhap::test {

// A fresh temporary folder, removed when the object dies.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }

private:
    std::string path_;
};

void write_bytes(const std::string& path, const std::vector<std::uint8_t>& bytes);
std::string read_text(const std::string& path);  // the whole file; "" when it cannot be read
void write_gzip(const std::string& path, const std::vector<std::uint8_t>& bytes);

struct CliResult {
    int exit_code = -1;
    std::string out, err;
};
// Runs the built `fedhap` with the arguments; captures stdout and stderr.
CliResult run_cli(const std::vector<std::string>& args, int timeout_ms = 120000);

// Starts the built `fedhap` with the arguments and returns at once (for tests that run several
// processes side by side); its stdout and stderr stay readable on the QProcess.
std::unique_ptr<QProcess> start_cli(const std::vector<std::string>& args);

// The environment for a child process of a test (the workbench, a silo): the test's own, with
// the user's folders (HOME, XDG config, data and cache) moved under `folder`, so the child's
// settings and saved runs stay in the test's temporary folder however the test was started.
QProcessEnvironment child_environment(const std::string& folder);

// Path of the packaged Fashion-MNIST if it is installed, else "".
std::string packaged_fashion_mnist();

}  // namespace fedhap::test

// Skips (not fails) a test that needs the packaged Fashion-MNIST on a machine without it.
#define FEDHAP_REQUIRE_FASHION_MNIST()                                                                  \
    do {                                                                                                \
        if (fedhap::test::packaged_fashion_mnist().empty())                                             \
            QSKIP("dataset-fashion-mnist is not installed (packaging/install-deps.sh installs it)");   \
    } while (false)

namespace fedhap::test {

}  // namespace fedhap::test
