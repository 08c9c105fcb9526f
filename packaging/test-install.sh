#!/usr/bin/env bash
# Installs the .deb into a fresh Debian 12 (bookworm) root and runs it there: the CLI, one round
# of the installed classroom preset on the packaged Fashion-MNIST, and the workbench under Xvfb.
# Prints PASS/FAIL per step and the total time; exits non-zero when any step fails.
#
#   packaging/test-install.sh [--deb FILE] [--root DIR] [--fresh] [--mirror URL]
#
#   --deb FILE    the package to test (default: build it with cpack -G DEB in build/release)
#   --root DIR    where the chroot goes (default: /var/tmp/fedhap-test-install/root; emptied first)
#   --fresh       debootstrap from scratch even when a cached base tarball exists
#   --mirror URL  Debian mirror (default: http://deb.debian.org/debian)

# The first run debootstraps (variant minbase) and keeps the untouched base system as
# <root>/../bookworm-minbase.tar; later runs unpack that instead, unless --fresh. Needs root,
# debootstrap and the network to the mirror (apt resolves the package's Depends from it).
# The run's summary.json and the workbench's screenshots are copied to <root>/../artifacts.
set -uo pipefail
cd "$(dirname "$0")/.."
SRC=$PWD
. packaging/debian-root.sh

DEB=""
ROOT=/var/tmp/fedhap-test-install/root
FRESH=0
MIRROR=http://deb.debian.org/debian
while [[ $# -gt 0 ]]; do
  case "$1" in
    --deb) DEB=$(realpath "$2"); shift 2 ;;
    --root) ROOT=$2; shift 2 ;;
    --fresh) FRESH=1; shift ;;
    --mirror) MIRROR=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set /p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "test-install: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ $(id -u) -eq 0 ]] || { echo "test-install: needs root (debootstrap, chroot, mount)" >&2; exit 2; }
command -v debootstrap > /dev/null || { echo "test-install: needs debootstrap (apt-get install debootstrap)" >&2; exit 2; }
ROOT=$(realpath -m "$ROOT")
CACHE=$(dirname "$ROOT")/bookworm-minbase.tar
mkdir -p "$(dirname "$ROOT")"

T0=$(date +%s)
FAILED=0
RESULTS=()
step() {  # step NAME COMMAND...: runs it, records PASS/FAIL and its time
  local name=$1; shift
  local t=$(date +%s)
  echo "---- $name" >&2
  if "$@"; then
    RESULTS+=("PASS  $name  ($(( $(date +%s) - t )) s)")
    echo "PASS  $name  ($(( $(date +%s) - t )) s)"
    return 0
  fi
  RESULTS+=("FAIL  $name  ($(( $(date +%s) - t )) s)")
  echo "FAIL  $name  ($(( $(date +%s) - t )) s)"
  FAILED=1
  return 1
}
finish() {
  echo
  echo "==== test-install summary"
  printf '%s\n' "${RESULTS[@]}"
  echo "total: $(( $(date +%s) - T0 )) s"
  [[ $FAILED -eq 0 ]] && echo "RESULT: PASS" || echo "RESULT: FAIL"
  exit $FAILED
}

trap debian_root_unmount_all EXIT

build_deb() {  # the targets the install set holds, then cpack
  flock build/release.lock nice cmake --build build/release --target fedhap fedhap-train fedhap-workbench fedhap_man_pages \
    || return 1
  ( cd build/release && rm -f fedhap-workbench_*.deb && flock ../release.lock cpack -G DEB ) || return 1
  DEB=$(ls -t "$SRC"/build/release/fedhap-workbench_*.deb 2>/dev/null | head -n1)
  [[ -n "$DEB" ]]
}

make_root() {
  if mountpoint -q "$ROOT/proc" 2>/dev/null; then echo "test-install: $ROOT/proc still mounted" >&2; return 1; fi
  rm -rf --one-file-system "$ROOT" && mkdir -p "$ROOT" || return 1
  if [[ $FRESH -eq 0 && -f "$CACHE" ]]; then
    echo "test-install: unpacking the cached base system $CACHE" >&2
    tar -xpf "$CACHE" -C "$ROOT" || return 1
  else
    debian_root_bootstrap bookworm "$ROOT" "$MIRROR" || return 1
    tar -cpf "$CACHE.part" -C "$ROOT" . && mv "$CACHE.part" "$CACHE"
  fi
  debian_root_configure bookworm "$ROOT" "$MIRROR"
}

mount_root() { debian_root_mount "$ROOT" --tmpfs-tmp; }

in_root() { debian_root_run "$ROOT" "$@"; }

install_deb() {
  cp "$DEB" "$ROOT/tmp/" || return 1
  in_root apt-get update -q || return 1
  in_root apt-get install -y -q "/tmp/$(basename "$DEB")" || return 1
  in_root dpkg -s fedhap-workbench | sed -n '/^Version/p;/^Depends/p'
}

check_files() {
  local f ok=0
  for f in /usr/bin/fedhap /usr/bin/fedhap-workbench /usr/libexec/fedhap/fedhap-train \
           /usr/share/fedhap/presets/classroom.json /usr/share/applications/fedhap-workbench.desktop \
           /usr/share/metainfo/io.github.fedhap.Workbench.metainfo.xml \
           /usr/share/icons/hicolor/scalable/apps/io.github.fedhap.Workbench.svg \
           /usr/share/man/man1/fedhap.1.gz /usr/share/man/man1/fedhap-workbench.1.gz \
           /usr/share/bash-completion/completions/fedhap; do
    if [[ -e "$ROOT$f" ]]; then echo "  present: $f"; else echo "  MISSING: $f"; ok=1; fi
  done
  return $ok
}

cli_version() { in_root fedhap --version; }
cli_help() { in_root fedhap --help > /dev/null && in_root fedhap run --help > /dev/null; }
man_page() { in_root sh -c 'zcat /usr/share/man/man1/fedhap.1.gz | grep -q "^\.TH FEDHAP 1"'; }
completion() {
  in_root apt-get install -y -q bash-completion > /dev/null || return 1
  # Complete "fedhap ru" and "fedhap partition --sch" the way bash does at a prompt.
  in_root bash -c '. /usr/share/bash-completion/bash_completion
    . /usr/share/bash-completion/completions/fedhap
    COMP_WORDS=(fedhap ru); COMP_CWORD=1; _fedhap; echo "fedhap ru -> ${COMPREPLY[*]}"
    [[ "${COMPREPLY[*]}" == run ]] || exit 1
    COMP_WORDS=(fedhap partition --scheme d); COMP_CWORD=3; _fedhap; echo "fedhap partition --scheme d -> ${COMPREPLY[*]}"
    [[ "${COMPREPLY[*]}" == dirichlet ]]'
}
cli_run() {
  in_root fedhap run --config /usr/share/fedhap/presets/classroom.json --rounds 1 --out /tmp/r || return 1
  in_root ls /tmp/r
  [[ -s "$ROOT/tmp/r/summary.json" ]]
}
gui_run() {
  in_root apt-get install -y -q xvfb xauth > /dev/null || return 1
  in_root xvfb-run -a -s "-screen 0 1600x1000x24" fedhap-workbench \
      --config /usr/share/fedhap/presets/classroom.json --rounds 1 --screenshot-dir /tmp/s --quit || return 1
  in_root ls /tmp/s
  [[ -n "$(ls "$ROOT"/tmp/s/*.png 2>/dev/null)" ]]
}

if [[ -z "$DEB" ]]; then
  step "build the .deb (cmake --build, cpack -G DEB)" build_deb || finish
fi
echo "test-install: package $DEB" >&2
step "fresh bookworm root in $ROOT" make_root || finish
step "mount /proc /sys /dev /dev/pts /dev/shm /tmp" mount_root || finish
step "apt-get install the .deb" install_deb || finish
step "installed files" check_files
step "fedhap --version" cli_version
step "fedhap --help, fedhap run --help" cli_help
step "man page fedhap.1.gz" man_page
step "bash completion" completion
step "fedhap run classroom preset, 1 round, Fashion-MNIST" cli_run
step "fedhap-workbench under Xvfb, 1 round, screenshots" gui_run
ARTIFACTS=$(dirname "$ROOT")/artifacts
rm -rf "$ARTIFACTS" && mkdir -p "$ARTIFACTS"
cp -r "$ROOT/tmp/r/summary.json" "$ROOT/tmp/s" "$ARTIFACTS/" 2>/dev/null
echo "test-install: the run's summary.json and the screenshots are in $ARTIFACTS" >&2
debian_root_unmount_all
finish
