#!/usr/bin/env bash
# The browser benchmark from scratch: installs what is missing, builds the release wasm, runs
# www/pages/bench/ in headless Chromium and prints the machine it ran on.
#   scripts/bench.sh                               9,000 reps, 1,000,000 deals, 5 runs
#   scripts/bench.sh --deals 100000 --runs 3      any option of scripts/bench-browser.mjs
# Raw results: test-results/bench-browser.json; screenshot: test-results/bench.png.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

for arg in "$@"; do
  case "$arg" in
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
  esac
done

bash scripts/setup.sh --test
bash scripts/build.sh

chromium_bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
echo
echo "## Machine"
echo "- cores (nproc): $(nproc)"
echo "- CPU: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n1)"
echo "- memory: $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
# Debian's chromium wrapper script prints a shell warning on stderr on some machines; keep only the version.
echo "- browser: $("$chromium_bin" --version 2>/dev/null | head -n1)"
echo "- node: $(node --version)"
echo
node scripts/bench-browser.mjs "$@"
