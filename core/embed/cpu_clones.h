#pragma once
// The few hot loops of the embedding are also compiled for newer x86-64 CPUs and picked at load
// time (GCC function multi-versioning), while the build itself targets baseline x86-64.
// The AVX2 clones use no fused multiply-add, so they return exactly what the baseline ones do.
// Not under ThreadSanitizer, whose set-up comes after the clones' load-time resolvers.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_THREAD__)
#define FEDHAP_EMBED_AVX2 __attribute__((target_clones("avx2", "default")))
#define FEDHAP_EMBED_POPCNT __attribute__((target_clones("popcnt", "default")))
#else
#define FEDHAP_EMBED_AVX2
#define FEDHAP_EMBED_POPCNT
#endif
