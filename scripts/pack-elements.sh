#!/usr/bin/env bash
# Assembles the embeddable elements as an npm package in pkg/elements/ and packs it:
#   pkg/elements/components/  spm-estimator.js, spm-leaderboard.js, load.js (the shared loader), common.js
#   pkg/elements/lib/         format.js, dom.js, amount.js, boundary.js (what the elements import)
#   pkg/elements/pkg/         estimator/ and leaderboard/ (the two element builds)
# The layout mirrors the site's, so every relative URL the elements use holds in both: copy the
# folder anywhere (or install the tarball) and load components/spm-estimator.js from there.
# Needs scripts/build.sh to have built the estimator and leaderboard products first.
# Prints the tarball's path (pkg/spm-engine-elements-VERSION.tgz).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

for build in estimator leaderboard; do
  if [[ ! -f "pkg/$build/spm_engine_bg.wasm" ]]; then
    echo "pack-elements: pkg/$build is missing: run scripts/build.sh first" >&2
    exit 1
  fi
done

version="$(sed -n 's/^version = "\([0-9][0-9.]*\)"$/\1/p' Cargo.toml | head -n1)"
out=pkg/elements
rm -rf "$out"
mkdir -p "$out/components" "$out/lib" "$out/pkg/estimator" "$out/pkg/leaderboard"
cp www/components/spm-estimator.js www/components/spm-leaderboard.js www/components/load.js www/components/common.js "$out/components/"
cp www/lib/format.js www/lib/dom.js www/lib/amount.js www/lib/boundary.js "$out/lib/"
for build in estimator leaderboard; do
  cp "pkg/$build/spm_engine.js" "pkg/$build/spm_engine_bg.wasm" "pkg/$build/spm_engine.d.ts" "$out/pkg/$build/"
done

cat >"$out/package.json" <<JSON
{
  "name": "spm-engine-elements",
  "version": "$version",
  "description": "Embeddable commission elements of spm-engine: <spm-estimator> prices a deal, <spm-leaderboard> shows a leaderboard; every calculation runs in the page (WebAssembly).",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "exports": {
    "./spm-estimator": "./components/spm-estimator.js",
    "./spm-leaderboard": "./components/spm-leaderboard.js",
    "./components/*": "./components/*",
    "./pkg/*": "./pkg/*"
  },
  "files": ["components/", "lib/", "pkg/", "README.md"],
  "sideEffects": ["./components/spm-estimator.js", "./components/spm-leaderboard.js"]
}
JSON

cat >"$out/README.md" <<'MD'
# spm-engine-elements

Two custom elements that compute commissions in the page, with nothing sent to a server.

```html
<script type="module" src="node_modules/spm-engine-elements/components/spm-estimator.js"></script>
<spm-estimator plan="my-plan.json" amount="25000"></spm-estimator>
```

With a bundler: `import 'spm-engine-elements/spm-estimator';` (the element finds its wasm
module relative to its own script, so the bundler must keep `pkg/` beside `components/`, as
Vite and webpack 5 do for `new URL(..., import.meta.url)`).

Served from another origin, the server of these files must send
`Access-Control-Allow-Origin` for the page's origin and `application/wasm` for `.wasm`.
MD

(cd "$out" && npm pack --silent --pack-destination .. >/dev/null)
echo "pkg/spm-engine-elements-$version.tgz"
