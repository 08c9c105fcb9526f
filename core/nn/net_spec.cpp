#include "nn/net_spec.h"

#include "util/name_table.h"

namespace fedhap {
namespace {
constexpr NamedValue<NetKind> kKinds[] = {{NetKind::Cnn, "cnn"}, {NetKind::Mlp, "mlp"}};
}  // namespace

NetKind parse_net_kind(const std::string& text) { return parse_name(kKinds, text, "network"); }
std::string to_string(NetKind kind) { return name_of(kKinds, kind); }
std::vector<std::string> net_kind_names() { return names_of(kKinds); }

}  // namespace fedhap
