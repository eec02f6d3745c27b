#!/usr/bin/env bash
# Builds the per-product wasm packages from the same code, each with only what it exports:
#   pkg/app/          every page of the app (features "app")
#   pkg/estimator/    the <spm-estimator> element: plan engine + estimator (features "estimator")
#   pkg/leaderboard/  the <spm-leaderboard> element: scoring (features "leaderboard")
#   pkg/spreadsheets/ .xlsx read and written (features "spreadsheets"), loaded only where a
#                     workbook is opened or saved
#   pkg/generators/   not a product: the benchmark company and random cases, for the benchmark
#                     pages and the JS determinism test (features "generators")
#   scripts/build.sh             release builds, then wasm-opt (binaryen from npm): -O3 for the
#                                app, -Oz for the elements, whose download size matters most
#   scripts/build.sh --dev       debug builds, no wasm-opt (faster to build, slower to run)
#   scripts/build.sh app         one product only (any of app, estimator, leaderboard)
# Prints the raw and gzipped size of each module and writes them to pkg/size.txt.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

profile=release
products=()
for arg in "$@"; do
  case "$arg" in
    --dev) profile=dev ;;
    app|estimator|leaderboard|spreadsheets|generators) products+=("$arg") ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

if [[ ${#products[@]} -eq 0 ]]; then products=(app estimator leaderboard spreadsheets generators); fi

# The features rustc enables by default for wasm32-unknown-unknown (LLVM's "generic" CPU); naming
# them keeps wasm-opt from rejecting or lowering what the module uses.
features=(
  --enable-bulk-memory
  --enable-nontrapping-float-to-int
  --enable-sign-ext
  --enable-mutable-globals
  --enable-reference-types
  --enable-multivalue
)
wasm_opt=node_modules/.bin/wasm-opt
if [[ "$profile" == release && ! -x "$wasm_opt" ]]; then
  echo "build: $wasm_opt missing; run scripts/setup.sh first" >&2
  exit 1
fi

mkdir -p pkg
: >pkg/size.txt.new
for product in "${products[@]}"; do
  out="pkg/$product"
  wasm="$out/spm_engine_bg.wasm"
  # wasm-pack's own wasm-opt step is off in Cargo.toml (it would download binaryen); it still
  # runs cargo (incremental) and the pinned wasm-bindgen CLI.
  # The elements build with the size profile (Cargo.toml's release-small, opt-level "z").
  mode=("--$profile")
  if [[ "$profile" == release && ( "$product" == estimator || "$product" == leaderboard ) ]]; then mode=(--profile release-small); fi
  echo "build: $product: wasm-pack build ${mode[*]} --target web --out-dir $out -- --no-default-features --features $product"
  wasm-pack build "${mode[@]}" --target web --out-dir "$out" --no-pack -- --no-default-features --features "$product"
  if [[ "$profile" == release ]]; then
    level=-Oz
    if [[ "$product" == app || "$product" == generators || "$product" == spreadsheets ]]; then level=-O3; fi
    echo "build: $product: wasm-opt $level $wasm ($(wc -c <"$wasm") bytes before)"
    # wasm-opt validates the module as read and as written: a feature the module uses but the
    # list lacks fails here, not in the browser.
    "$wasm_opt" "$level" "${features[@]}" "$wasm" -o "$wasm.opt"
    mv "$wasm.opt" "$wasm"
  fi
  raw=$(wc -c <"$wasm")
  gz=$(gzip -9 -c "$wasm" | wc -c)
  echo "$wasm ($profile): ${raw} bytes raw, ${gz} bytes gzip -9" | tee -a pkg/size.txt.new
done
mv pkg/size.txt.new pkg/size.txt

# The elements' npm package (pkg/elements/ and its tarball), when both element builds exist.
if [[ -f pkg/estimator/spm_engine_bg.wasm && -f pkg/leaderboard/spm_engine_bg.wasm ]]; then
  bash scripts/pack-elements.sh
fi
