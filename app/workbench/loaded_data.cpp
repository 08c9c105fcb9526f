#include "loaded_data.h"

#include <exception>

namespace fedhap::workbench {

std::shared_ptr<const LoadedData> load_data(const SplitSettings& s) {
    auto out = std::make_shared<LoadedData>();
    try {
        out->origin = s.data_path.isEmpty() ? QString::fromStdString(default_data_path(s.dataset)) : s.data_path;
        DatasetParts parts = load_dataset(s.dataset, out->origin.toStdString());
        out->test_offset = parts.train.size();
        out->joined = concatenate(parts.train, parts.test);
        out->split = make_retrieval_split(out->joined.labels, out->test_offset, out->joined.num_classes(), s.sizes,
                                          s.partition.seed);
        for (auto i : out->split.train) out->train_labels.push_back(out->joined.labels[i]);
    } catch (const std::exception& e) {
        auto failed = std::make_shared<LoadedData>();
        failed->error = QString::fromStdString(e.what());
        failed->origin = out->origin;
        return failed;
    }
    return out;
}

}  // namespace fedhap::workbench
