#!/usr/bin/env bash
# The whole benchmark report (issue 10) from scratch: installs what is missing, builds the release
# wasm, then runs scripts/bench-report.mjs, which runs every native and browser benchmark and
# rewrites the table between the bench-report markers in README.md.
#   bash scripts/bench-report.sh                 every benchmark, 3 runs of each page (~15–20 min)
#   bash scripts/bench-report.sh --only browser  any option of scripts/bench-report.mjs
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh --test
bash scripts/build.sh
node scripts/bench-report.mjs "$@"
