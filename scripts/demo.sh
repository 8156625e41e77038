#!/usr/bin/env bash
# Sets up, builds, and evaluates the bundled example round end to end,
# writing result.json and the award report (award.xlsx, award.html, one assessment
# summary per bid with the standstill end, ocds-release.json) to out/domestic-abuse/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build build -j"$(nproc)"
ex=data/examples/domestic-abuse
./build/tender check "$ex/round.xml" || true   # exit 3: the round has barrier flags
echo
./build/tender evaluate "$ex/round.xml" --bids "$ex/bids" --scores "$ex/scores.csv" \
  --moderation "$ex/moderation.csv" --decisions "$ex/decisions.csv" \
  --json out/domestic-abuse/result.json --report out/domestic-abuse \
  --notice-date 2027-03-24   # the day the contract award notice is to be published
