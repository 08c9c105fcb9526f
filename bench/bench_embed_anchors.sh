#!/bin/sh
# bench_embed_anchors.sh [BUILD_DIR] [WORK_DIR]: `fedhap embed` against Rtsne and scikit-learn's
# TSNE on the same 5,000 synthetic 64-bit codes (bench_embed's), then `fedhap embed` on 70,000
# (the size of the whole Fashion-MNIST database). Same settings everywhere: perplexity 30, 1,000
# iterations, Barnes–Hut angle 0.5, all cores.
#   seconds: each program's own clock around the embedding (start-up and file reading excluded;
#            time whole processes with /usr/bin/time for those).
#   KL:      every map scored the same way, by the exact KL divergence under this project's P
#            (bench_embed --kl: perplexity 30, 91 exact neighbours), not each program's own report.
# Needs: apt-get install r-cran-rtsne python3-sklearn. PYTHON names a Python with NumPy.
set -eu
build=${1:-build/release}
work=${2:-$(mktemp -d)}
bin=$build/bin
python=${PYTHON:-python3}
mkdir -p "$work"
"$bin/bench_embed" --write-codes "$work" 5000 70000

row() {  # tool points seconds map.csv codes.npy
    printf '%-22s %7s %9s %9s\n' "$1" "$2" "$3" "$("$bin/bench_embed" --kl "$5" "$4")"
}
json_field() { sed -n "s/.*\"$1\":\([^,}]*\).*/\1/p"; }

printf '%-22s %7s %9s %9s\n' program points seconds "KL exact"
for n in 5000 70000; do
    out=$("$bin/fedhap" embed --codes "$work/codes_$n.npy" --out "$work/fedhap_$n.csv" --format json)
    row "fedhap embed" "$n" "$(echo "$out" | json_field seconds)" "$work/fedhap_$n.csv" "$work/codes_$n.npy"
    [ "$n" = 70000 ] && break

    seconds=$(Rscript -e "
        suppressMessages(library(Rtsne))
        x <- as.matrix(read.csv('$work/codes_$n.csv', header = FALSE))
        set.seed(0)
        t <- system.time(r <- Rtsne(x, dims = 2, perplexity = 30, theta = 0.5, max_iter = 1000, pca = FALSE,
                                    normalize = FALSE, check_duplicates = FALSE, num_threads = 0))[['elapsed']]
        write.csv(data.frame(x = r\$Y[, 1], y = r\$Y[, 2]), '$work/rtsne_$n.csv', row.names = FALSE)
        cat(t)")
    row "Rtsne $(Rscript -e "cat(as.character(packageVersion('Rtsne')))")" "$n" "$seconds" "$work/rtsne_$n.csv" "$work/codes_$n.npy"

    seconds=$("$python" -c "
import time, numpy as np, sklearn
from sklearn.manifold import TSNE
x = np.load('$work/codes_$n.npy')
start = time.perf_counter()
y = TSNE(n_components=2, perplexity=30, n_iter=1000, init='pca', learning_rate='auto', method='barnes_hut',
         angle=0.5, random_state=0, n_jobs=-1).fit_transform(x)
seconds = time.perf_counter() - start
np.savetxt('$work/sklearn_$n.csv', y, delimiter=',', header='x,y', comments='')
print(f'{seconds:.3f}')")
    row "scikit-learn $("$python" -c 'import sklearn; print(sklearn.__version__)')" "$n" "$seconds" \
        "$work/sklearn_$n.csv" "$work/codes_$n.npy"
done
