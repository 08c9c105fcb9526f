#pragma once
// Which hashing network to build; plain values (no torch), so configs can name it.
#include <string>
#include <vector>

namespace fedhap {

enum class NetKind {
    Cnn,  // conv3×3(32)–ReLU–pool, conv3×3(64)–ReLU–pool, FC hidden–ReLU, FC B–tanh (any H×W, any channels)
    Mlp,  // feature vectors: FC hidden–ReLU, FC hidden–ReLU, FC B–tanh
};

NetKind parse_net_kind(const std::string& text);  // "cnn" | "mlp"
std::string to_string(NetKind kind);
std::vector<std::string> net_kind_names();

struct NetSpec {
    NetKind kind = NetKind::Cnn;
    int channels = 1, height = 28, width = 28;  // Mlp: input size = channels·height·width
    int bits = 32;
    int hidden = 256;
};

}  // namespace fedhap
