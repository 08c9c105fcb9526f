#!/usr/bin/env bash
# Installs what is missing, builds the workbench (Release) and opens it on Fashion-MNIST.
# Extra arguments go to fedhap-workbench (see fedhap-workbench --help).
set -euo pipefail
cd "$(dirname "$0")/.."
packaging/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release --target fedhap-workbench fedhap fedhap-train
exec build/release/bin/fedhap-workbench "$@"
