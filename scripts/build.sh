#!/usr/bin/env bash
# Builds the wasm package into pkg/ for the web pages and the JS tests.
#   scripts/build.sh         release build, then wasm-opt -O3 (binaryen from npm)
#   scripts/build.sh --dev   debug build, no wasm-opt (faster to build, slower to run)
# Prints the raw and gzipped size of pkg/spm_engine_bg.wasm and writes them to pkg/size.txt.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

profile=release
for arg in "$@"; do
  case "$arg" in
    --dev) profile=dev ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

wasm=pkg/spm_engine_bg.wasm

# wasm-pack's own wasm-opt step is off in Cargo.toml (it would download binaryen); it still
# runs cargo (incremental) and the pinned wasm-bindgen CLI.
echo "build: wasm-pack build --$profile --target web --out-dir pkg --no-pack"
wasm-pack build "--$profile" --target web --out-dir pkg --no-pack

if [[ "$profile" == release ]]; then
  wasm_opt=node_modules/.bin/wasm-opt
  if [[ ! -x "$wasm_opt" ]]; then
    echo "build: $wasm_opt missing; run scripts/setup.sh first" >&2
    exit 1
  fi
  # The features rustc 1.95 enables by default for wasm32-unknown-unknown (LLVM's "generic"
  # CPU); naming them keeps wasm-opt from rejecting or lowering what the module uses.
  features=(
    --enable-bulk-memory
    --enable-nontrapping-float-to-int
    --enable-sign-ext
    --enable-mutable-globals
    --enable-reference-types
    --enable-multivalue
  )
  raw_before=$(wc -c <"$wasm")
  echo "build: wasm-opt -O3 $wasm (${raw_before} bytes before)"
  # wasm-opt validates the module as read and as written: a feature the module uses but the
  # list lacks fails here, not in the browser.
  "$wasm_opt" -O3 "${features[@]}" "$wasm" -o "$wasm.opt"
  mv "$wasm.opt" "$wasm"
fi

raw=$(wc -c <"$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
summary="$wasm ($profile): ${raw} bytes raw, ${gz} bytes gzip -9"
echo "$summary" | tee pkg/size.txt
