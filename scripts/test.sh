#!/usr/bin/env bash
# Sets up, builds and runs every test: a Release build, then a Debug build
# with AddressSanitizer and UBSan running the same suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
jobs=$(nproc)
for kind in Release Debug; do
  dir=build
  [ "$kind" = Debug ] && dir=build-debug
  cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE="$kind" > /dev/null
  cmake --build "$dir" -j"$jobs"
  echo "== ctest ($kind)"
  (cd "$dir" && ctest -j"$jobs" --output-on-failure)
done
