#!/usr/bin/env bash
# Installs what is missing, builds everything (Release, Ninja) and runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
cmake --preset release
cmake --build --preset release
ctest --preset release -j "$(nproc)"
