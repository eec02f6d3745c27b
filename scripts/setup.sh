#!/usr/bin/env bash
# Installs what building, serving and (with --test) testing spm-engine needs, each thing only
# when it is missing, so a rerun on a ready machine takes about a second.
#   scripts/setup.sh          toolchain + npm packages
#   scripts/setup.sh --test   also Chromium and chromedriver for the browser tests
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$HOME/.cargo/bin:$PATH"

with_test=false
for arg in "$@"; do
  case "$arg" in
    --test) with_test=true ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

say() { printf 'setup: %s\n' "$*"; }

# Rust toolchain and the wasm target.
if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found; install Rust with rustup first (https://rustup.rs)" >&2
  exit 1
fi
if ! rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen-cli must be exactly the version Cargo.toml pins for the wasm-bindgen crate,
# or the generated glue and the compiled module disagree.
bindgen_version="$(sed -n 's/^wasm-bindgen = { *version = "=\([0-9][0-9.]*\)".*/\1/p' Cargo.toml | head -n1)"
if [[ -z "$bindgen_version" ]]; then
  echo "setup: cannot read the pinned wasm-bindgen version from Cargo.toml" >&2
  exit 1
fi
installed_bindgen="$( (wasm-bindgen --version 2>/dev/null || true) | awk '{print $2}')"
if [[ "$installed_bindgen" != "$bindgen_version" ]]; then
  say "installing wasm-bindgen-cli $bindgen_version (found: ${installed_bindgen:-none}); takes a few minutes once"
  cargo install --locked --force wasm-bindgen-cli --version "$bindgen_version"
fi

if ! command -v wasm-pack >/dev/null 2>&1; then
  say "installing wasm-pack; takes a few minutes once"
  cargo install --locked wasm-pack
fi

# npm packages (front-end dev tools only): reinstall when the lock file changed since.
if ! command -v npm >/dev/null 2>&1; then
  echo "setup: npm not found; install Node.js 20 or newer" >&2
  exit 1
fi
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi

if $with_test; then
  if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
    say "installing chromium and chromium-driver (apt)"
    sudo_cmd=()
    if [[ "$(id -u)" -ne 0 ]]; then sudo_cmd=(sudo); fi
    "${sudo_cmd[@]}" apt-get update
    "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  fi
fi

say "ready"
