#!/usr/bin/env bash
# The GPU check (core + CLI built against the device's PyTorch LibTorch, then the classroom preset
# on cuda and on cpu), as one prepared script.
#
#   packaging/gpu-check.sh --prepare   on the Debian machine: unpacks the header-only packages
#                                      and the Fashion-MNIST files the core needs into .gpu-deps/
#                                      (ignored by git; pass it to the device tool with carry)
#   packaging/gpu-check.sh             on the device machine (CUDA LibTorch from its Python
#                                      PyTorch, no Qt, no OpenCV): builds core + CLI + benches,
#                                      then runs the classroom preset on cuda and on cpu and prints
#                                      images/s and mAP for both. Results go to $OUT (or out/gpu-check).
set -euo pipefail
cd "$(dirname "$0")/.."
DEPS=$PWD/.gpu-deps

if [[ "${1:-}" == --prepare ]]; then
  rm -rf "$DEPS" && mkdir -p "$DEPS/debs" "$DEPS/root"
  (cd "$DEPS/debs" && apt-get download -qq nlohmann-json3-dev zlib1g-dev libgloo-dev libssl-dev)
  for deb in "$DEPS"/debs/*.deb; do dpkg -x "$deb" "$DEPS/root"; done
  rm -rf "$DEPS/debs"
  cp -r /usr/share/datasets/fashion-mnist "$DEPS/fashion-mnist"
  du -sh "$DEPS"
  exit 0
fi

OUT=${OUT:-$PWD/out/gpu-check}
mkdir -p "$OUT"
TORCH_PREFIX=${FEDHAP_TORCH_PREFIX:-$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)' 2>/dev/null || true)}
DATA=/usr/share/datasets/fashion-mnist
[[ -d "$DEPS/fashion-mnist" ]] && DATA=$DEPS/fashion-mnist
PREFIXES="$TORCH_PREFIX"
[[ -d "$DEPS/root/usr" ]] && PREFIXES="$PREFIXES;$DEPS/root/usr;$DEPS/root/usr/share/cmake"
ZLIB_ARGS=()
[[ -f "$DEPS/root/usr/include/zlib.h" ]] && ZLIB_ARGS=(-DZLIB_INCLUDE_DIR="$DEPS/root/usr/include"
  -DZLIB_LIBRARY="$(ls /usr/lib/x86_64-linux-gnu/libz.so* /lib/x86_64-linux-gnu/libz.so* 2>/dev/null | head -1)")

# Headers of OpenSSL (HMAC of cross-silo messages) and Gloo (c10d's process group) from the
# prepared packages; the libraries are the machine's own libcrypto and its LibTorch.
if [[ -f "$DEPS/root/usr/include/openssl/hmac.h" ]]; then
  CRYPTO=$(ls /usr/lib/x86_64-linux-gnu/libcrypto.so.3 /lib/x86_64-linux-gnu/libcrypto.so.3 2>/dev/null | head -1)
  # Gloo's headers: LibTorch's own when it carries them, else the prepared ones (CMAKE_PREFIX_PATH).
  ZLIB_ARGS+=(-DOPENSSL_INCLUDE_DIR="$DEPS/root/usr/include" -DOPENSSL_CRYPTO_LIBRARY="$CRYPTO")
fi

echo "== build (core + CLI, no Qt, no OpenCV) against LibTorch at ${TORCH_PREFIX:-system}"
start=$(date +%s)
cmake -S . -B build/gpu -G Ninja -DCMAKE_BUILD_TYPE=Release -DFEDHAP_BUILD_GUI=OFF -DFEDHAP_WITH_OPENCV=OFF \
  -DFEDHAP_BUILD_TESTS=OFF -DCMAKE_PREFIX_PATH="$PREFIXES" -DFEDHAP_DEFAULT_FASHION_MNIST="$DATA" "${ZLIB_ARGS[@]}" \
  > "$OUT/configure.log" 2>&1 || { tail -30 "$OUT/configure.log"; exit 1; }
cmake --build build/gpu > "$OUT/build.log" 2>&1 || { grep -m20 -A5 error "$OUT/build.log"; exit 1; }
echo "built in $(( $(date +%s) - start )) s"
build/gpu/bin/fedhap --version | tee "$OUT/version.txt"

echo "== benchmarks (CPU)"
build/gpu/bin/bench_eval | tee "$OUT/bench_eval.txt"

devices=(cpu)
build/gpu/bin/fedhap --version | grep -q "CUDA available" && devices=(cuda cpu)
for dev in "${devices[@]}"; do
  echo "== classroom preset on $dev"
  build/gpu/bin/fedhap run --config resources/presets/classroom.json --device "$dev" --out "$OUT/classroom-$dev" \
    --format json 2> "$OUT/classroom-$dev.progress" | tee "$OUT/classroom-$dev.json"
done
echo "== summary"
for dev in "${devices[@]}"; do
  python3 - "$OUT/classroom-$dev.json" <<'PY' 2>/dev/null || cat "$OUT/classroom-$dev.json"
import json, sys
s = json.load(open(sys.argv[1]))
print(f"{s['device']:>5}: mAP@all {s['map_all']:.4f}  train {s['train_images_per_s']:.0f} images/s  "
      f"encode {s['encode_images_per_s']:.0f} images/s  {s['seconds']:.1f} s end to end")
PY
done
