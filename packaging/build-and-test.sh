#!/usr/bin/env bash
# Installs what is missing, builds everything (Release, Ninja) and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
cmake --preset release
cmake --build --preset release
ctest --preset release -j "$(nproc)"

# The plain-C++ half (parsers, evaluation, partitions, messages, fuzz corpora) once more under
# AddressSanitizer + UndefinedBehaviorSanitizer; any report fails the run.
cmake --preset asan -DFEDHAP_BUILD_GUI=OFF -DFEDHAP_BUILD_BENCH=OFF > /dev/null
cmake --build --preset asan --target fedhap_base_tests
ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ctest --preset asan -L base -j "$(nproc)"

# The threaded plain-C++ code (thread pool, evaluation, embedding, partitions) under
# ThreadSanitizer. On this kernel TSan starts only with ASLR off (setarch -R); reports inside
# the uninstrumented Qt libraries are suppressed (tests/tsan.supp).
if setarch -R true 2>/dev/null; then
  TSAN_TESTS=(test_thread_pool test_eval_metrics test_embed_pca test_embed_tsne test_partition)
  cmake --preset tsan -DFEDHAP_BUILD_GUI=OFF -DFEDHAP_BUILD_BENCH=OFF > /dev/null
  cmake --build --preset tsan --target "${TSAN_TESTS[@]}"
  TSAN_OPTIONS="halt_on_error=1 suppressions=$PWD/tests/tsan.supp" \
    setarch -R ctest --preset tsan -R "^($(IFS='|'; echo "${TSAN_TESTS[*]}"))\$" -j "$(nproc)"
else
  echo "build-and-test: ThreadSanitizer skipped: this machine cannot turn ASLR off (setarch -R)" >&2
fi
