#!/usr/bin/env bash
# Installs what tender needs to build and test, from Debian 12 packages.
# Idempotent: does nothing when everything is already there. Run as root.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates
  libboost-dev libboost-system-dev libsqlitecpp-dev libpugixml-dev libspdlog-dev
  catch2 nlohmann-json3-dev libcli11-dev libxlsxwriter-dev libsodium-dev libzip-dev
  zlib1g-dev libmstch-dev
  python3 python3-openpyxl python3-jsonschema sqlite3
  libreoffice-calc-nogui   # the bid template and score sheet tests re-save through LibreOffice
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
