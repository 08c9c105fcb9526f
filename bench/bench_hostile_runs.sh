#!/bin/sh
# bench_hostile_runs.sh [BUILD_DIR [SHOTS_DIR]]: the workbench opened on hostile run folders, as a user starts
# it (`fedhap-workbench --runs DIR --screenshot-dir S --quit` under Xvfb), one whole process per
# case: seconds to quit, peak resident memory (GNU time's "Maximum resident set size"), and that
# peak as a ratio of the window's with no run folder opened ("none"). A folder with no run in it
# ends the program with exit 2 and one line, printed under its row. The window's screenshots of the last case (every hostile
# case beside one good run) are copied to SHOTS_DIR when given, to see what the Runs view lists.
# The cases are those of gui_test_hostile_runs: a config.json that is /dev/zero, a
# metrics.jsonl that is a FIFO, 40 links back to the opened folder, a 200 MB metrics.jsonl of one
# line, a folder name with a newline in it, and all of them beside one good run.
# Needs: xvfb, xauth, time (apt-get install xvfb xauth time) and the packaged Fashion-MNIST.
set -eu
build=${1:-build/release}
shots=${2:-}
workbench=$build/bin/fedhap-workbench
config=$(dirname "$0")/../resources/presets/classroom.json
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" XDG_RUNTIME_DIR="$work/runtime"
mkdir -p "$HOME" && mkdir -m 700 "$work/runtime"

good_run() {  # good_run DIR: a finished two-round run
  mkdir -p "$1"
  cp "$config" "$1/config.json"
  printf '{"bytes_down":2000000,"bytes_up":1000000,"clients":[],"loss":1.0,"round":1}\n{"bytes_down":2000000,"bytes_up":1000000,"clients":[],"loss":0.5,"round":2}\n' > "$1/metrics.jsonl"
  printf '{"map_all":0.5,"p_at_h2":0.25,"rounds":2,"seconds":3,"stopped":false}\n' > "$1/summary.json"
}
case_zero() { mkdir -p "$1/zero"; good_run "$1/zero"; rm "$1/zero/config.json"; ln -s /dev/zero "$1/zero/config.json"; }
case_fifo() { mkdir -p "$1/fifo"; good_run "$1/fifo"; rm "$1/fifo/metrics.jsonl"; mkfifo "$1/fifo/metrics.jsonl"; }
case_newline() { d="$1/two
lines"; good_run "$d"; rm "$d/metrics.jsonl"; mkfifo "$d/metrics.jsonl"; }
case_big() { mkdir -p "$1/big"; cp "$config" "$1/big/config.json"; truncate -s 200M "$1/big/metrics.jsonl"; }
case_links() { i=1; while [ $i -le 40 ]; do ln -s . "$1/l$i"; i=$((i + 1)); done; }
case_all() { good_run "$1/good"; case_zero "$1"; case_fifo "$1"; case_newline "$1"; case_big "$1"; case_links "$1"; }

printf '%-34s %8s %12s %9s  %s\n' case seconds "peak KiB" "x none" "exit"
empty_kib=""
for name in none empty good zero fifo newline big links all; do
  dir="$work/$name/runs"
  mkdir -p "$dir"
  case $name in
    none|empty) ;;
    good) good_run "$dir/good" ;;
    *) "case_$name" "$dir" ;;
  esac
  rc=0
  set -- --runs "$dir"
  [ $name != none ] || set --
  /usr/bin/time -f '%e %M' -o "$work/$name.time" \
    xvfb-run -a -s "-screen 0 1600x1000x24" "$workbench" "$@" --screenshot-dir "$work/$name/shots" --quit \
    > "$work/$name.out" 2> "$work/$name.err" || rc=$?
  read -r seconds kib <<EOF
$(tail -n 1 "$work/$name.time")
EOF
  [ -n "$empty_kib" ] || empty_kib=$kib
  ratio=$(awk -v a="$kib" -v b="$empty_kib" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "?" }')
  printf '%-34s %8s %12s %9s  %s\n' "$name" "$seconds" "$kib" "$ratio" "$rc"
  [ $rc -eq 0 ] || grep '^fedhap-workbench:' "$work/$name.err" | sed "s|$work/||; s/^/    /"
done
[ -z "$shots" ] || { mkdir -p "$shots" && cp "$work"/all/shots/*.png "$shots"/ && echo "screenshots of 'all' in $shots"; }
