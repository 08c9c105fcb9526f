#include "test_files.h"

#include <zlib.h>

#include <QDir>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>
#include <QTemporaryDir>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "config.h"

namespace fedhap::test {

TempDir::TempDir() {
    QTemporaryDir dir;
    dir.setAutoRemove(false);
    if (!dir.isValid()) throw std::runtime_error("cannot create a temporary folder");
    path_ = dir.path().toStdString();
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

void write_bytes(const std::string& path, const std::vector<std::uint8_t>& bytes) {
    std::ofstream f(path, std::ios::binary);
    f.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!f) throw std::runtime_error("cannot write " + path);
}

void write_gzip(const std::string& path, const std::vector<std::uint8_t>& bytes) {
    gzFile f = gzopen(path.c_str(), "wb");
    if (!f) throw std::runtime_error("cannot write " + path);
    if (!bytes.empty()) gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size()));
    gzclose(f);
}

std::unique_ptr<QProcess> start_cli(const std::vector<std::string>& args) {
    auto proc = std::make_unique<QProcess>();
    QStringList list;
    for (const auto& a : args) list << QString::fromStdString(a);
    proc->start(QStringLiteral(FEDHAP_CLI_PATH), list);
    return proc;
}

CliResult run_cli(const std::vector<std::string>& args, int timeout_ms) {
    QProcess proc;
    QStringList list;
    for (const auto& a : args) list << QString::fromStdString(a);
    proc.start(QStringLiteral(FEDHAP_CLI_PATH), list);
    CliResult r;
    if (!proc.waitForFinished(timeout_ms)) {
        proc.kill();
        proc.waitForFinished();
        r.err = "timed out";
        return r;
    }
    r.exit_code = proc.exitStatus() == QProcess::NormalExit ? proc.exitCode() : -1;
    r.out = proc.readAllStandardOutput().toStdString();
    r.err = proc.readAllStandardError().toStdString();
    return r;
}

QProcessEnvironment child_environment(const std::string& folder) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString root = QString::fromStdString(folder);
    const std::pair<const char*, const char*> homes[] = {
        {"HOME", "home"}, {"XDG_CONFIG_HOME", "config"}, {"XDG_DATA_HOME", "data"}, {"XDG_CACHE_HOME", "cache"}};
    for (const auto& [variable, sub] : homes) {
        const QString path = root + "/" + sub;
        if (!QDir().mkpath(path)) throw std::runtime_error("cannot create " + path.toStdString());
        env.insert(variable, path);
    }
    return env;
}

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string packaged_fashion_mnist() {
    std::error_code ec;
    return std::filesystem::exists(std::string(FEDHAP_DEFAULT_FASHION_MNIST) + "/train-images-idx3-ubyte.gz", ec)
               ? FEDHAP_DEFAULT_FASHION_MNIST
               : "";
}

}  // namespace fedhap::test
