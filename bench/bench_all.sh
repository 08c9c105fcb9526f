#!/bin/sh
# bench_all.sh [BUILD_DIR]: every scale figure in one run, each against its anchor on this machine:
#   1. `fedhap search` against FAISS's IndexBinaryFlat, 1,000 x 1,000,000 x 64-bit codes, k = 100
#      (bench_search.py: paired whole processes, results checked);
#   2. `fedhap embed` against Rtsne and scikit-learn at 5,000 codes (exact KL for all), and at
#      70,000 codes (bench_embed_anchors.sh);
#   3. time per round and peak memory at 10 / 100 / 1,000 clients (bench_clients);
#   4. mAP@all and top-k at 69 k, 1 M and 10 M codes, streamed (bench_scale_eval).
# Needs: apt-get install python3-faiss python3-numpy python3-sklearn r-cran-rtsne, and the packaged
# Fashion-MNIST for bench_clients. Takes about 15 minutes on 2 cores.
set -eu
build=${1:-build/release}
here=$(dirname "$0")
python=/usr/bin/python3  # Debian's, where python3-faiss and NumPy live
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== 1. fedhap search vs FAISS IndexBinaryFlat (1,000 x 1,000,000 x 64 bits, k = 100)"
"$python" "$here/bench_search.py" --fedhap "$build/bin/fedhap" --runs 3 --dir "$work/search"
echo
echo "== 2. fedhap embed vs Rtsne and scikit-learn (5,000 codes), and at 70,000 codes"
PYTHON=$python "$here/bench_embed_anchors.sh" "$build" "$work/embed"
echo
echo "== 3. clients: time per round and peak memory"
"$build/bin/bench_clients"
echo
echo "== 4. evaluation at 69 k, 1 M and 10 M codes"
"$build/bin/bench_scale_eval"
