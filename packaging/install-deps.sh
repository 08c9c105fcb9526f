#!/usr/bin/env bash
# Installs, with apt, everything a fresh Debian 12 or 13 needs to build, test and run FedHAP Workbench.
# A quick no-op when all of it is present.
set -euo pipefail

PACKAGES=(
  g++ cmake ninja-build pkgconf git            # toolchain
  qt6-base-dev qt6-base-dev-tools              # Qt 6 Widgets, Concurrent, PrintSupport, Test, moc
  libqt6svg6                                   # Qt's SVG icon engine: the window's icon
  libqcustomplot-dev                           # plots (its Qt 6 build)
  libtorch-dev libopenblas0-pthread            # LibTorch (1.13 on Debian 12, 2.6 on 13); OpenBLAS, else libblas.so.3 is the slow reference BLAS
  libgloo-dev libssl-dev                       # c10d's Gloo headers (cross-silo transport); HMAC-SHA256 of messages
  libopencv-dev                                # image-folder and digits.png loaders
  zlib1g-dev nlohmann-json3-dev                # .gz datasets; experiment JSON
  dataset-fashion-mnist                        # the default data, /usr/share/datasets/fashion-mnist
  xvfb xauth                                   # headless GUI tests and screenshots
  desktop-file-utils appstream                 # the packaging test validates the desktop file and metainfo
)

missing=()
for p in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "install-deps: installing ${missing[*]}" >&2
SUDO=""
[[ $(id -u) -eq 0 ]] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
