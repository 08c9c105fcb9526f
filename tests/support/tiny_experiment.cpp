#include "tiny_experiment.h"

#include <cstdint>
#include <vector>

#include "test_files.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <sstream>

namespace fedhap::test {

void write_tiny_mnist(const std::string& dir, int train_per_class, int test_per_class) {
    auto images = [](int per_class, unsigned seed) {
        std::vector<std::uint8_t> b{0, 0, 8, 3};
        const std::uint32_t n = static_cast<std::uint32_t>(per_class * 10);
        for (std::uint32_t v : {n, 8u, 8u})
            for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<std::uint8_t>(v >> s));
        for (std::uint32_t i = 0; i < n; ++i)
            for (int p = 0; p < 64; ++p) {
                seed = seed * 1103515245u + 12345u;
                b.push_back(static_cast<std::uint8_t>((p % 10 == static_cast<int>(i % 10) ? 160 : 20) + (seed >> 16) % 80));
            }
        return b;
    };
    auto labels = [](int per_class) {
        std::vector<std::uint8_t> b{0, 0, 8, 1};
        const std::uint32_t n = static_cast<std::uint32_t>(per_class * 10);
        for (int s = 24; s >= 0; s -= 8) b.push_back(static_cast<std::uint8_t>(n >> s));
        for (std::uint32_t i = 0; i < n; ++i) b.push_back(static_cast<std::uint8_t>(i % 10));
        return b;
    };
    write_bytes(dir + "/train-images-idx3-ubyte", images(train_per_class, 1));
    write_bytes(dir + "/train-labels-idx1-ubyte", labels(train_per_class));
    write_bytes(dir + "/t10k-images-idx3-ubyte", images(test_per_class, 2));
    write_bytes(dir + "/t10k-labels-idx1-ubyte", labels(test_per_class));
}

ExperimentConfig tiny_experiment_config(const std::string& data_dir, Method method) {
    ExperimentConfig c;
    c.dataset = DatasetKind::Mnist;
    c.data_path = data_dir;
    c.sizes = SplitSizes{5, 20};
    c.partition.clients = 3;
    c.partition.alpha = 0.5;
    c.partition.min_partition_size = 2;
    c.bits = 16;
    c.hidden = 32;
    c.rounds = 4;
    c.batch_size = 16;
    c.eval_every = 1;
    c.eval_database_sample = 0;
    c.threads = 2;
    c.device = "cpu";
    c.method = method_preset(method);
    return c;
}

std::string metrics_without_timings(const std::string& path) {
    std::string out;
    std::istringstream in(read_text(path));
    for (std::string line; std::getline(in, line);) {
        QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(line)).object();
        o.remove("seconds");
        o.remove("train_seconds");
        out += QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString() + "\n";
    }
    return out;
}

}  // namespace fedhap::test
