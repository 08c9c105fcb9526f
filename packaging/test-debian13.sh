#!/usr/bin/env bash
# Builds and tests this working tree on Debian 13 (trixie: LibTorch 2.6, Qt 6.8, OpenCV 4.10),
# in a debootstrapped root, with the README's own command (packaging/build-and-test.sh: install
# the packages, Release build, every CTest test). Prints each phase's time; exits non-zero when
# any phase fails.
#
#   packaging/test-debian13.sh [--root DIR] [--fresh] [--clean-build] [--headless] [--mirror URL]
#
#   --root DIR     the root (default: .cache/debian13-root in the checkout, which git ignores)
#   --fresh        debootstrap the root again even when one is cached
#   --clean-build  throw away the root's build trees (default: kept, so a rerun builds what changed)
#   --headless     also configure and build the `headless` preset (core + CLI, no Qt, no OpenCV:
#                  what GPU machines build against a pip LibTorch 2.x)
#   --mirror URL   Debian mirror (default: the one this machine's apt sources name)
#
# The root is kept between runs with its packages installed (an `apt-get upgrade` brings it up
# to date). The working tree (tracked files and untracked ones git does not ignore) is copied to
# /src in the root, keeping /src/build: a file whose bytes changed is replaced and so newer than
# its objects, and Ninja rebuilds what changed.
#
# The sanitizer half of build-and-test.sh (ASan + UBSan and TSan over the plain-C++ tests) does
# not run here: build-and-test.sh is run with FEDHAP_SANITIZERS=0. That half builds no LibTorch,
# Qt or OpenCV code, so what it checks does not depend on the Debian release beyond the compiler;
# the Debian 12 run of CI covers it, and on 2 cores both releases' full runs would not fit in
# CI's 40 minutes. FEDHAP_SANITIZERS=1 packaging/test-debian13.sh runs it here too.
#
# Needs root (debootstrap, chroot, mount); installs debootstrap with apt when it is missing.
# The whole output is also written to <root>.log.
set -uo pipefail
cd "$(dirname "$0")/.."
SRC=$PWD
. packaging/debian-root.sh

SUITE=trixie
ROOT=$SRC/.cache/debian13-root
FRESH=0
CLEAN_BUILD=0
HEADLESS=0
MIRROR=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --root) ROOT=$2; shift 2 ;;
    --fresh) FRESH=1; shift ;;
    --clean-build) CLEAN_BUILD=1; shift ;;
    --headless) HEADLESS=1; shift ;;
    --mirror) MIRROR=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set /p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "test-debian13: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ $(id -u) -eq 0 ]] || { echo "test-debian13: needs root (debootstrap, chroot, mount)" >&2; exit 2; }
ROOT=$(realpath -m "$ROOT")
MIRROR=${MIRROR:-$(debian_root_mirror)}
SANITIZERS=${FEDHAP_SANITIZERS:-0}
READY=$ROOT/.fedhap-root-ready   # written once debootstrap has finished
mkdir -p "$(dirname "$ROOT")"
exec > >(tee "$ROOT.log") 2>&1

T0=$(date +%s)
RESULTS=()
FAILED=0
phase() {  # phase NAME COMMAND...: runs it, prints and records its time
  local name=$1; shift
  local t=$(date +%s) rc=0
  echo "==== test-debian13: $name"
  "$@" || rc=$?
  local line
  line=$(printf '%-4s %5d s  %s' "$([[ $rc -eq 0 ]] && echo PASS || echo FAIL)" "$(( $(date +%s) - t ))" "$name")
  RESULTS+=("$line")
  echo "$line"
  [[ $rc -eq 0 ]] || FAILED=1
  return $rc
}
finish() {
  debian_root_unmount_all
  echo
  echo "==== test-debian13 summary (Debian 13 $SUITE, mirror $MIRROR, root $ROOT)"
  printf '%s\n' "${RESULTS[@]}"
  echo "total: $(( $(date +%s) - T0 )) s"
  [[ $FAILED -eq 0 ]] && echo "RESULT: PASS" || echo "RESULT: FAIL"
  exit $FAILED
}
trap debian_root_unmount_all EXIT

if debian_root_busy "$ROOT"; then
  echo "test-debian13: something is still mounted under $ROOT (another run?)" >&2
  exit 1
fi

host_tools() {
  command -v debootstrap > /dev/null && return 0
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap
}

make_root() {
  if [[ $FRESH -eq 0 && -f "$READY" ]]; then
    echo "test-debian13: the cached root $ROOT"
    return 0
  fi
  rm -rf --one-file-system "$ROOT" || return 1
  debian_root_bootstrap "$SUITE" "$ROOT" "$MIRROR" && touch "$READY"
}

update_root() {
  debian_root_configure "$SUITE" "$ROOT" "$MIRROR" || return 1
  debian_root_run "$ROOT" apt-get update -q && debian_root_run "$ROOT" apt-get upgrade -y -q
}

copy_tree() {
  local dest=$ROOT/src incoming=$ROOT/src.incoming
  mkdir -p "$dest" || return 1
  [[ $CLEAN_BUILD -eq 1 ]] && rm -rf --one-file-system "$dest/build"
  rm -rf --one-file-system "$incoming" && mkdir -p "$incoming" || return 1
  # Tracked and untracked-not-ignored files; a tracked file deleted in the tree is left out.
  git ls-files -co --exclude-standard -z |
    while IFS= read -r -d '' f; do [[ -e "$f" || -L "$f" ]] && printf '%s\0' "$f"; done |
    tar --null -T - -cf - | tar -xpf - -C "$incoming" || return 1
  # Only files whose bytes changed are replaced, and they get the time of the copy: kept times
  # would let Ninja skip a file edited while the previous build was running (its object is
  # newer than the edit). Files gone from the tree go from /src too; /src/build stays.
  local changed=0 f
  while IFS= read -r -d '' f; do
    if [[ -L "$incoming/$f" || -L "$dest/$f" ]] || ! cmp -s "$incoming/$f" "$dest/$f"; then
      mkdir -p "$(dirname "$dest/$f")" && rm -f "$dest/$f" && cp -P "$incoming/$f" "$dest/$f" || return 1
      changed=$((changed + 1))
    fi
  done < <(cd "$incoming" && find . \( -type f -o -type l \) -printf '%P\0')
  while IFS= read -r -d '' f; do
    [[ -e "$incoming/$f" || -L "$incoming/$f" ]] || rm -f "$dest/$f"
  done < <(cd "$dest" && find . -path ./build -prune -o \( -type f -o -type l \) -printf '%P\0')
  rm -rf --one-file-system "$incoming"
  echo "test-debian13: $changed files new or changed in $dest"
}

build_and_test() {
  debian_root_run "$ROOT" FEDHAP_SANITIZERS="$SANITIZERS" FEDHAP_WERROR="${FEDHAP_WERROR:-0}" CI="${CI:-}" \
    bash -c 'cd /src && packaging/build-and-test.sh'
}

versions() {
  debian_root_run "$ROOT" bash -c 'grep PRETTY_NAME /etc/os-release
    dpkg-query -W -f "\${Package} \${Version}\n" libtorch-dev qt6-base-dev libopencv-dev g++ cmake appstream'
}

headless() {
  debian_root_run "$ROOT" bash -c 'cd /src && cmake --preset headless > /dev/null && cmake --build --preset headless'
}

phase "host tools (debootstrap)" host_tools || finish
phase "Debian 13 root ($([[ $FRESH -eq 0 && -f "$READY" ]] && echo cached || echo debootstrap))" make_root || finish
phase "apt sources, apt-get update + upgrade" update_root || finish
phase "copy the working tree to /src" copy_tree || finish
phase "mount /proc /sys /dev /dev/pts /dev/shm" debian_root_mount "$ROOT" || finish
phase "packaging/build-and-test.sh (FEDHAP_SANITIZERS=$SANITIZERS)" build_and_test
versions
[[ $HEADLESS -eq 1 ]] && phase "headless preset: core + CLI without Qt and OpenCV" headless
finish
