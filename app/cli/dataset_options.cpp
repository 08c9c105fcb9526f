#include "dataset_options.h"

#include "data/dataset_source.h"

namespace fedhap::cli {

void add_dataset_options(ArgParser& p) {
    p.option("dataset", "NAME", join(dataset_kind_names(), " | "), "fashion-mnist")
        .option("data", "PATH", "dataset folder or file (default: the packaged Fashion-MNIST)")
        .option("query-per-class", "N", "query images per class, from the test part", "100")
        .option("train-per-class", "N", "train images per class, drawn from the database", "500");
}

LoadedData load_dataset_from_options(const ArgParser& p) {
    DatasetKind kind;
    try {
        kind = parse_dataset_kind(p.text("dataset"));
    } catch (const std::invalid_argument& e) {
        throw UsageError(e.what());
    }
    LoadedData out;
    out.origin = p.given("data") ? p.text("data") : default_data_path(kind);
    const SplitSizes sizes{static_cast<std::size_t>(p.integer_in("query-per-class", limits::per_class)),
                           static_cast<std::size_t>(p.integer_in("train-per-class", limits::per_class))};
    static_cast<ProtocolData&>(out) =
        load_protocol_data(kind, out.origin, sizes, static_cast<std::uint64_t>(p.integer_in("seed", limits::seed)));
    return out;
}

}  // namespace fedhap::cli
