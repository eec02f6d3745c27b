#!/usr/bin/env bash
# The README's second command: runs every check and test, stopping at the first failure.
# Rust: fmt, clippy (native and wasm32) over the whole workspace, every crate's tests, each product
# build's features on their own, wasm-bindgen tests in Node. JS: the release builds, API/golden/type
# tests in Node, the pages and elements in headless Chromium. The order matters: `cargo test` writes
# the golden files' native results (target/golden-native/, by tests/golden.rs) that the JS golden
# test compares the wasm build's results with.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

stages_passed=0
stages_total=10
current=""
started=$SECONDS

finish() {
  local rc=$?
  if [[ $rc -ne 0 ]]; then
    echo
    echo "test.sh: FAILED at stage '$current' (exit $rc) after $((SECONDS - started))s"
    echo "stages: $stages_passed passed, 1 failed"
  fi
}
trap finish EXIT

stage() {
  current="$1"
  shift
  echo
  echo "================================================================"
  echo "== [$((stages_passed + 1))/$stages_total] $current"
  echo "== \$ $*"
  echo "================================================================"
  local t0=$SECONDS
  "$@"
  stages_passed=$((stages_passed + 1))
  echo "== ok: $current ($((SECONDS - t0))s)"
}

# Each build but the app (estimator, leaderboard, generators) compiles, lint-clean, with only its
# own features.
check_products() {
  local p
  for p in estimator leaderboard generators; do
    cargo clippy -p spm-engine --lib --target wasm32-unknown-unknown --no-default-features --features "$p" -- -D warnings
  done
}

stage "setup"                  scripts/setup.sh --test
stage "rustfmt"                cargo fmt --all --check
stage "clippy (native)"        cargo clippy --workspace --all-targets -- -D warnings
stage "clippy (wasm32)"        cargo clippy --workspace --all-targets --target wasm32-unknown-unknown -- -D warnings
stage "cargo test"             cargo test --workspace
stage "product features"       check_products
stage "wasm-bindgen tests"     wasm-pack test --node
stage "release build"          scripts/build.sh
stage "JS API + golden tests"  node --test tests/js/
stage "page in Chromium"       node --test tests/e2e/

echo
echo "test.sh: all $stages_total stages passed in $((SECONDS - started))s"
echo "stages: $stages_passed passed, 0 failed"
