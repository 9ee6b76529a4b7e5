#!/usr/bin/env bash
# What the operating system must provide, installed from Debian's packages when we
# run as root on Debian/Ubuntu; otherwise we stop and name the one command to run.
#   runtime: CJK fonts for the PDFs (WeasyPrint uses the system's Pango).
#   test:    the same, plus Debian's Chromium for the browser tests.
set -euo pipefail
need=(fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
if [ "${1:-runtime}" = "test" ]; then
  need+=(chromium)
fi
missing=()
for package in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "Please install: ${missing[*]} (CJK fonts, Pango, Chromium) with your system's package manager." >&2
  exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing system packages. Run once:  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
