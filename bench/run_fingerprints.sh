#!/bin/sh
# run_fingerprints.sh [BUILD_DIR] [--quick]: one line per run, a SHA-256 of what the run computed
# (metrics.jsonl with its timing fields dropped, the final codes and labels, every round's
# prototypes, the summary's mAP and bytes). Run it before and after a refactor and diff the two
# outputs: a changed line names the configuration whose results moved.
#
# The runs: the classroom preset as shipped (20 rounds; left out with --quick), and every method
# at 3 rounds on a small split (4 clients, 40 train and 10 query images per class, a database
# sample of 2,000), plus each prototype aggregation rule, discriminator input and upload choice,
# server momentum, partial participation, FedProx and prototype noise on fedhap. Fashion-MNIST
# from dataset-fashion-mnist. About 2 minutes on 2 cores with --quick.
set -eu
build=${1:-build/release}
quick=0
[ "${2:-}" = --quick ] && quick=1
fedhap=$build/bin/fedhap
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

small() {  # small NAME METHOD-JSON-MEMBERS: a 3-round run on the small split
  cat > "$work/$1.json" <<EOF
{"name": "$1", "seed": 3,
 "dataset": {"name": "fashion-mnist", "path": "", "query_per_class": 10, "train_per_class": 40},
 "partition": {"scheme": "dirichlet", "clients": 4, "alpha": 0.3, "min_size": 5},
 "model": {"net": "cnn", "bits": 16},
 "training": {"rounds": 3, "local_epochs": 1, "batch_size": 32, "lr": 0.001, "device": "cpu",
              "eval_every": 1, "eval_database_sample": 2000, "threads": 2},
 "method": {$2}}
EOF
  fingerprint "$1" --config "$work/$1.json"
}

fingerprint() {  # fingerprint NAME fedhap-run-arguments...
  name=$1; shift
  out=$work/runs/$name
  "$fedhap" run "$@" --out "$out" > /dev/null
  {
    # Timings differ run to run; every other field is computed.
    python3 -c '
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    def strip(o):
        if isinstance(o, dict):
            return {k: strip(v) for k, v in o.items() if "second" not in k and "per_s" not in k}
        if isinstance(o, list):
            return [strip(v) for v in o]
        return o
    print(json.dumps(strip(r), sort_keys=True))
s = json.load(open(sys.argv[2]))
print(json.dumps({k: s[k] for k in ("map_all", "p_at_h2", "bytes_up", "bytes_down", "parameters", "prototype_min_distance")}, sort_keys=True))
' "$out/metrics.jsonl" "$out/summary.json"
    cat "$out"/query_codes.npy "$out"/db_codes.npy "$out"/query_labels.npy "$out"/db_labels.npy
    [ -d "$out/prototypes" ] && cat "$out"/prototypes/*.npy
  } | sha256sum | cut -c1-16 | sed "s/^/$name /"
}

[ $quick -eq 1 ] || fingerprint classroom --config "$(dirname "$0")/../resources/presets/classroom.json"
for m in centralized local-only fedavg-dpsh fedavg-csq fedavg-ce fedprox-dpsh fedproto-hash fedhap; do
  small "$m" "\"name\": \"$m\""
done
for a in count-weighted-sign mean-sign majority-vote mean fixed; do
  small "fedhap-aggregation-$a" "\"name\": \"fedhap\", \"proto_agg\": \"$a\""
done
small fedhap-disc-raw '"name": "fedhap", "disc_input": "raw", "share_disc": true'
small fedhap-no-adversarial '"name": "fedhap", "adversarial": false'
small fedhap-prototypes-only '"name": "fedhap", "upload": "prototypes"'
small fedhap-weights-only '"name": "fedhap", "upload": "weights"'
small fedhap-dpsh-bce '"name": "fedhap", "similarity": "dpsh", "prototype_loss": "bce", "init": "random"'
small fedhap-mse-no-init '"name": "fedhap", "prototype_loss": "mse", "init": "none"'
small fedhap-server-side '"name": "fedhap", "server_momentum": 0.5, "participation": 0.5, "fedprox_mu": 0.01, "proto_dp_sigma": 0.1'
