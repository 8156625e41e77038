#!/usr/bin/env bash
# Sets up and runs the benchmark (bench/README.md): tender side by side with
# unzip, openpyxl, SheetJS and numpy on the same generated files. Arguments
# go to bench/run.py (e.g. --quick, --parts price, --runs 3).
# Run it on an otherwise idle machine: timings are ratios, but a build or a
# fuzzer beside it still skews them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
packages=(python3-numpy unzip nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build -j"$(nproc)"
[ -d bench/node_modules/xlsx ] || npm ci --prefix bench --no-audit --no-fund
exec /usr/bin/python3 bench/run.py "$@"
