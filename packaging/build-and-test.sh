#!/usr/bin/env bash
# Installs what is missing, builds everything (Release, Ninja) and runs every test; then the
# plain-C++ tests once more under ASan + UBSan and TSan. Prints each phase's time at the end.
#
#   FEDHAP_SANITIZERS=0 packaging/build-and-test.sh   skips the sanitizer half (default 1: runs it).
#   FEDHAP_WERROR=1 packaging/build-and-test.sh       makes every warning of the project's code an
#                                                     error (default 0; CI sets 1).
#   packaging/test-debian13.sh sets it for its Debian 13 run (see there why).
set -euo pipefail
cd "$(dirname "$0")/.."
T0=$(date +%s)
TIMES=()
timed() {  # timed NAME COMMAND...
  local name=$1 t=$(date +%s); shift
  "$@"
  TIMES+=("$(printf '%5d s  %s' "$(( $(date +%s) - t ))" "$name")")
}
report_times() {
  echo "build-and-test: phase times"
  printf '  %s\n' "${TIMES[@]}"
  echo "  total $(( $(date +%s) - T0 )) s"
}
trap report_times EXIT

case "${FEDHAP_WERROR:-0}" in
  0) WERROR=-DFEDHAP_WERROR=OFF ;;
  1) WERROR=-DFEDHAP_WERROR=ON ;;
  *) echo "build-and-test: FEDHAP_WERROR must be 0 or 1, not '$FEDHAP_WERROR'" >&2; exit 2 ;;
esac

timed "install-deps" packaging/install-deps.sh
timed "configure (release)" cmake --preset release "$WERROR"
timed "build (release)" cmake --build --preset release
timed "ctest (release)" ctest --preset release -j "$(nproc)"

case "${FEDHAP_SANITIZERS:-1}" in
  0) echo "build-and-test: sanitizer half skipped (FEDHAP_SANITIZERS=0)" >&2; exit 0 ;;
  1) ;;
  *) echo "build-and-test: FEDHAP_SANITIZERS must be 0 or 1, not '$FEDHAP_SANITIZERS'" >&2; exit 2 ;;
esac

# The plain-C++ half (parsers, evaluation, partitions, messages, fuzz corpora) once more under
# AddressSanitizer + UndefinedBehaviorSanitizer; any report fails the run.
timed "configure (asan)" cmake --preset asan -DFEDHAP_BUILD_GUI=OFF -DFEDHAP_BUILD_BENCH=OFF "$WERROR" > /dev/null
timed "build (asan)" cmake --build --preset asan --target fedhap_base_tests
timed "ctest (asan, base)" env ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
  ctest --preset asan -L base -j "$(nproc)"

# The threaded plain-C++ code (thread pool, evaluation, embedding, partitions) under
# ThreadSanitizer. On this kernel TSan starts only with ASLR off (setarch -R); reports inside
# the uninstrumented Qt libraries are suppressed (tests/tsan.supp).
if setarch -R true 2>/dev/null; then
  TSAN_TESTS=(test_thread_pool test_eval_metrics test_embed_pca test_embed_tsne test_partition)
  timed "configure (tsan)" cmake --preset tsan -DFEDHAP_BUILD_GUI=OFF -DFEDHAP_BUILD_BENCH=OFF "$WERROR" > /dev/null
  timed "build (tsan)" cmake --build --preset tsan --target "${TSAN_TESTS[@]}"
  timed "ctest (tsan)" env TSAN_OPTIONS="halt_on_error=1 suppressions=$PWD/tests/tsan.supp" \
    setarch -R ctest --preset tsan -R "^($(IFS='|'; echo "${TSAN_TESTS[*]}"))\$" -j "$(nproc)"
else
  echo "build-and-test: ThreadSanitizer skipped: this machine cannot turn ASLR off (setarch -R)" >&2
fi
