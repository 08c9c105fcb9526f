#pragma once
// A dataset loaded off the GUI thread, joined (train ⧺ test) and split by the protocol.
#include <QString>
#include <memory>

#include "data/protocol_data.h"
#include "settings/split_settings.h"

namespace fedhap::workbench {

struct LoadedData : ProtocolData {
    QString error;  // non-empty when loading failed; the rest is then empty
    QString origin;
};

// Runs in a worker thread: never throws, reports failures in `error`.
std::shared_ptr<const LoadedData> load_data(const SplitSettings& settings);

}  // namespace fedhap::workbench
