#!/usr/bin/env bash
# Builds the libFuzzer targets (build-fuzz/, Clang) if needed and runs each one
# for a while. See tests/fuzz/README.md.
#
#   bash scripts/fuzz.sh [seconds] [target...]     targets: xlsx xml csv (default: all)
#
# Each target starts from its seed corpus (tests/fuzz/corpus/<target>, only
# read) plus what earlier runs found (build-fuzz/corpus/<target>, where new
# inputs go), and runs with -max_total_time=<seconds> (default 600). Crashes,
# leaks, timeouts and out-of-memory inputs are written to
# build-fuzz/artifacts/<target>/; logs to build-fuzz/logs/<target>.log.
# Environment: FUZZ_JOBS (build parallelism, default nproc), FUZZ_ARGS (extra
# libFuzzer flags, e.g. "-jobs=2 -workers=2" or "-use_value_profile=1").
# Exit status: 0 when no target found anything, 1 otherwise, 2 on bad usage.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build="$root/build-fuzz"
all_targets=(xlsx xml csv)

seconds=600
if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9]+$ ]]; then
  seconds=$1
  shift
fi
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  case "$t" in
    xlsx|xml|csv) ;;
    *) echo "usage: bash scripts/fuzz.sh [seconds] [xlsx|xml|csv ...] (unknown target '$t')" >&2
       exit 2 ;;
  esac
done

# Build (configure first when build-fuzz does not exist yet).
if [ ! -f "$build/CMakeCache.txt" ]; then
  CC=${CC:-clang} CXX=${CXX:-clang++} cmake -S "$root" -B "$build" \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTENDER_FUZZ=ON -DTENDER_TESTS=OFF > /dev/null
fi
cmake --build "$build" -j"${FUZZ_JOBS:-$(nproc)}" \
  --target $(printf 'fuzz_%s ' "${targets[@]}")

status=0
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  artifacts="$build/artifacts/$t"
  log="$build/logs/$t.log"
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  # xlsx: the custom mutator repacks workbooks (stored parts are bigger than
  # the deflated seeds), so allow larger inputs than the seeds' size.
  extra=()
  [ "$t" = xlsx ] && extra+=(-max_len=65536)
  echo "== fuzz_$t for ${seconds}s (corpus $corpus, artifacts $artifacts/)"
  set +e
  # Run from logs/: with -jobs, libFuzzer writes fuzz-<n>.log to the current folder.
  # shellcheck disable=SC2086  # FUZZ_ARGS is a list of flags
  (cd "$(dirname "$log")" && "$build/fuzz_$t" "$corpus" "$root/tests/fuzz/corpus/$t" \
    -dict="$root/tests/fuzz/$t.dict" \
    -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 \
    "${extra[@]}" ${FUZZ_ARGS:-}) > "$log" 2>&1
  rc=$?
  set -e
  grep -E '^(#[0-9]+[[:space:]]+DONE|Done [0-9]+ runs|stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb))' "$log" || true
  echo "   corpus: $(find "$corpus" -type f | wc -l) files, $(du -sh "$corpus" | cut -f1)"
  if [ $rc -ne 0 ]; then
    status=1
    echo "!! fuzz_$t stopped with status $rc; see $log" >&2
    grep -E '^(==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' "$log" >&2 || true
  fi
done
exit $status
