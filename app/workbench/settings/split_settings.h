#pragma once
// What the experiment panel edits (for now: data and split); plain values, no Qt widgets.
#include <QString>

#include "data/dataset_source.h"
#include "data/retrieval_split.h"
#include "partition/partition.h"

namespace fedhap::workbench {

struct SplitSettings {
    DatasetKind dataset = DatasetKind::FashionMnist;
    QString data_path;  // empty: the dataset's default location
    SplitSizes sizes;
    PartitionConfig partition;
};

}  // namespace fedhap::workbench
