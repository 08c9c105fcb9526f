#pragma once
// The allowed range of every numeric experiment setting: the one place they are written. The JSON
// loader, validate_config (and so the CLI's overrides) and the workbench's spin boxes all read them,
// so a value one of them accepts, the others accept too.
#include <cstdint>

namespace fedhap::limits {

struct IntRange {
    long long lo, hi;
    constexpr bool contains(long long v) const { return v >= lo && v <= hi; }
};
struct RealRange {
    double lo, hi;
    constexpr bool contains(double v) const { return v >= lo && v <= hi; }  // false for NaN
};

// Seeds stay exactly representable as a JSON number read back as a double.
inline constexpr IntRange seed{0, 1LL << 53};
inline constexpr IntRange per_class{1, 1'000'000'000};  // query_per_class, train_per_class

inline constexpr IntRange clients{1, 100'000};
inline constexpr RealRange alpha{1e-9, 1e9};
inline constexpr IntRange min_partition_size{0, 1'000'000'000};
inline constexpr IntRange per_client{1, 100'000};  // classes_per_client, shards_per_client
inline constexpr RealRange noise_sigma{0, 10};

inline constexpr IntRange bits{1, 128};
inline constexpr IntRange hidden{1, 65'536};

inline constexpr IntRange rounds{1, 100'000};
inline constexpr IntRange local_epochs{1, 10'000};
inline constexpr IntRange batch_size{1, 1 << 20};
inline constexpr RealRange lr{1e-12, 10};
inline constexpr IntRange threads{0, 1'024};  // 0: all cores
inline constexpr IntRange eval_every{0, 100'000};
inline constexpr IntRange eval_database_sample{0, 1'000'000'000};

inline constexpr RealRange lambda{0, 1e6};  // every λ, FedProx μ, prototype DP σ
inline constexpr RealRange ce_scale{1e-6, 1e6};
inline constexpr RealRange ce_margin{0, 2};
inline constexpr RealRange logit_adjust{0, 100};
inline constexpr RealRange absent_logit_scale{0, 1};
inline constexpr RealRange ntd_temperature{0.01, 100};
inline constexpr RealRange proto_smoothing{0, 1};
inline constexpr RealRange server_momentum{0, 0.999};
inline constexpr IntRange proto_min_distance{-1, 128};  // −1: bits/4
inline constexpr RealRange disc_real_noise{0, 10};
inline constexpr RealRange participation{1e-9, 1};

// Cross-silo commands (fedhap serve / join): waits in seconds, silo indices.
inline constexpr RealRange wait_seconds{0.1, 7 * 86'400.0};
inline constexpr IntRange silo{0, 99'999};
inline constexpr IntRange retrieval_top_k{0, 1'000'000};

}  // namespace fedhap::limits
