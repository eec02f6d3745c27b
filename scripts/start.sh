#!/usr/bin/env bash
# The README's first command: install what is missing, build the wasm package, serve the pages.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh && scripts/build.sh && exec node scripts/serve.mjs
