#include "run/loaded_data.h"

#include <exception>

namespace fedhap::workbench {

std::shared_ptr<const LoadedData> load_data(const SplitSettings& s) {
    auto out = std::make_shared<LoadedData>();
    try {
        out->origin = s.data_path.isEmpty() ? QString::fromStdString(default_data_path(s.dataset)) : s.data_path;
        static_cast<ProtocolData&>(*out) = load_protocol_data(s.dataset, out->origin.toStdString(), s.sizes, s.partition.seed);
    } catch (const std::exception& e) {
        auto failed = std::make_shared<LoadedData>();
        failed->error = QString::fromStdString(e.what());
        failed->origin = out->origin;
        return failed;
    }
    return out;
}

}  // namespace fedhap::workbench
