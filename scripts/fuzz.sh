#!/usr/bin/env bash
# Coverage-guided fuzzing of every parser (cargo-fuzz / libFuzzer, nightly Rust). Not part of CI.
#
#   bash scripts/fuzz.sh                      # every target, 60 s each
#   bash scripts/fuzz.sh --seconds 300        # longer
#   bash scripts/fuzz.sh --target formula     # one target (repeat --target for several)
#   bash scripts/fuzz.sh --no-seeds           # keep fuzz/corpus as it is (no seed rebuild)
#
# Seeds come from the repository's golden files (fuzz/examples/seeds.rs), tokens from
# fuzz/spm.dict. Prints a table: target, seconds, executions (libFuzzer's final stats) and
# crashes. A crash is saved under fuzz/artifacts/<target>/; minimise it with
# `cargo +nightly fuzz tmin <target> <file>`, copy it to tests/fuzz_regressions/<target>/ and
# fix the parser: `cargo test --test fuzz_regressions` then replays it for good (docs/fuzzing.md).
# Honours CARGO_TARGET_DIR (default fuzz/target). Exit status: 0 no crash, 1 crash, 2 no nightly.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SECONDS_PER=60
TARGETS=()
SEEDS=1
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_PER="$2"; shift 2 ;;
    --target) TARGETS+=("$2"); shift 2 ;;
    --no-seeds) SEEDS=0; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzzing needs the nightly toolchain (libFuzzer's sanitizer flags): install it with" >&2
  echo "  rustup toolchain install nightly" >&2
  exit 2
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

cd "$ROOT/fuzz"
TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/fuzz/target}"
if [ ${#TARGETS[@]} -eq 0 ]; then
  mapfile -t TARGETS < <(cargo +nightly fuzz list)
fi

if [ "$SEEDS" = 1 ]; then
  echo "writing seed corpora from the golden files"
  CARGO_TARGET_DIR="$TARGET_DIR/seeds" cargo +nightly run -q --release --example seeds -- "$ROOT"
fi

RESULTS=()
STATUS=0
for t in "${TARGETS[@]}"; do
  mkdir -p "corpus/$t" "artifacts/$t"
  # Past crash inputs are seeds too: a regression stays covered.
  if [ -d "$ROOT/tests/fuzz_regressions/$t" ]; then
    cp "$ROOT/tests/fuzz_regressions/$t"/* "corpus/$t/" 2>/dev/null || true
  fi
  # Crashes, timeouts, out-of-memory and leaks; libFuzzer's "slow-unit" notes are not failures.
  found() { find "artifacts/$t" -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l; }
  before=$(found)
  log="artifacts/$t.log"
  echo "fuzzing $t for ${SECONDS_PER}s"
  set +e
  cargo +nightly fuzz run "$t" --target-dir "$TARGET_DIR" "corpus/$t" -- \
    -max_total_time="$SECONDS_PER" -dict="$ROOT/fuzz/spm.dict" -timeout=20 -rss_limit_mb=2560 \
    -max_len=65536 -print_final_stats=1 >"$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  crashes=$(( $(found) - before ))
  if [ "$rc" -ne 0 ] && [ "$crashes" -eq 0 ]; then
    crashes="?"   # libFuzzer or the build failed without an artifact: see the log
  fi
  if [ "$crashes" != "0" ]; then
    STATUS=1
    echo "  $t: crash or failure, see fuzz/$log and fuzz/artifacts/$t/" >&2
  fi
  RESULTS+=("$(printf '%-14s %8s %14s %8s' "$t" "$SECONDS_PER" "${execs:-?}" "$crashes")")
  # Keep the corpus small: merge it down to the inputs that add coverage.
  if [ "$(du -sm "corpus/$t" | cut -f1)" -gt 20 ]; then
    mkdir -p "corpus/$t.min"
    cargo +nightly fuzz cmin "$t" --target-dir "$TARGET_DIR" "corpus/$t" >/dev/null 2>&1 || true
    rmdir "corpus/$t.min" 2>/dev/null || true
  fi
done

printf '\n%-14s %8s %14s %8s\n' target seconds executions crashes
printf '%s\n' "${RESULTS[@]}"
exit "$STATUS"
