#pragma once
// A dataset loaded off the GUI thread, joined (train ⧺ test) and split by the protocol.
#include <QString>
#include <memory>

#include "data/dataset.h"
#include "data/retrieval_split.h"
#include "split_settings.h"

namespace fedhap::workbench {

struct LoadedData {
    QString error;  // non-empty when loading failed; the rest is then empty
    QString origin;
    Dataset joined;
    std::size_t test_offset = 0;
    RetrievalSplit split;
    std::vector<std::int32_t> train_labels;
};

// Runs in a worker thread: never throws, reports failures in `error`.
std::shared_ptr<const LoadedData> load_data(const SplitSettings& settings);

}  // namespace fedhap::workbench
