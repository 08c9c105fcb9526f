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
