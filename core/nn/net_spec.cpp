#include "nn/net_spec.h"

#include <stdexcept>

namespace fedhap {

NetKind parse_net_kind(const std::string& text) {
    if (text == "cnn") return NetKind::Cnn;
    if (text == "mlp") return NetKind::Mlp;
    throw std::invalid_argument("unknown network '" + text + "' (expected cnn or mlp)");
}

std::string to_string(NetKind kind) { return kind == NetKind::Cnn ? "cnn" : "mlp"; }

}  // namespace fedhap
