// Every golden file of tests/golden/ through the wasm build's JS API (www/lib/engine.js), checked
// by the JS port of the golden checker (tests/js/golden.mjs), and its result compared byte for byte
// with the native build's (written by `cargo test --test golden` to target/golden-native/, which
// scripts/test.sh runs before this). A self-test shows the port enforces the Rust checker's rules:
// it gives the same messages on the shared cases of crates/testkit/checker_cases.json.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadEngine, repoRoot } from './helpers.mjs';
import { areas, canonical, check, digest, goldenFiles, mismatches, nativeDir, nativeResult } from './golden.mjs';

/** @type {typeof import('../../www/lib/engine.js')} */
let engine;

before(async () => {
  engine = await loadEngine();
});

describe('the golden checker, JS port', () => {
  const cases = JSON.parse(readFileSync(path.join(repoRoot, 'crates/testkit/checker_cases.json'), 'utf8'));

  test('gives the Rust checker’s messages on the shared cases', () => {
    assert.ok(cases.length >= 10);
    for (const c of cases) assert.deepEqual(mismatches(c.expect, c.actual), c.messages, c.name);
  });

  test('rejects a wrong length, a wrong period and a missing warning', () => {
    const byName = (name) => cases.find((c) => c.name === name);
    assert.deepEqual(mismatches(byName('a wrong length').expect, byName('a wrong length').actual), [
      '$.statements: expected 1 element, found 2',
    ]);
    assert.deepEqual(mismatches(byName('a wrong period').expect, byName('a wrong period').actual), [
      '$.periods[1].label: expected "2026-Q2", found "2026-Q3"',
    ]);
    assert.deepEqual(mismatches(byName('a missing warning').expect, byName('a missing warning').actual), [
      '$.warnings: expected 1 element, found 0',
    ]);
  });

  test('writes canonical JSON as the Rust checker does', () => {
    assert.equal(
      canonical({ b: [1, 'x\n"é'], a: null, c: { z: true, y: 2.5 }, u: undefined }),
      '{"a":null,"b":[1,"x\\n\\"é"],"c":{"y":2.5,"z":true}}',
    );
    const numbers = [
      [2.0, '2'],
      [-0, '0'],
      [0.000001, '0.000001'],
      [1e-7, '1e-7'],
      [1e21, '1e+21'],
      [0.30000000000000004, '0.30000000000000004'],
    ];
    for (const [n, text] of numbers) assert.equal(canonical(n), text);
    assert.equal(digest(Buffer.from('a')), 'af63dc4c8601ec8c');
  });
});

describe('golden files: the wasm build against the expectations and the native build', () => {
  const files = goldenFiles();

  test('every area has golden files', () => {
    for (const area of areas) assert.ok(files.some((f) => f.area === area), `no golden file in tests/golden/${area}/`);
    assert.deepEqual([...new Set(files.map((f) => f.area))].sort(), [...areas].sort());
  });

  test('the native results are those of these files', () => {
    assert.ok(existsSync(nativeDir), 'no target/golden-native/: run `cargo test --test golden` first');
    const native = readdirSync(nativeDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .flatMap((d) => readdirSync(path.join(nativeDir, d.name)).map((f) => `${d.name}/${f.replace(/\.out$/, '')}`))
      .sort();
    assert.deepEqual(native, files.map((f) => `${f.area}/${f.name}`).sort());
  });

  for (const { area, name, file } of files) {
    test(`${area}/${name}`, () => {
      const bytes = readFileSync(file);
      const text = bytes.toString('utf8');
      assert.equal(JSON.parse(text).area, area, `the file's area is not its folder, ${area}`);
      const { result, failures } = check(engine, text);
      assert.deepEqual(failures, [], `${area}/${name} through the wasm build:\n${failures.join('\n')}`);
      const native = nativeResult(area, name);
      assert.ok(native, `no native result for ${area}/${name}: run \`cargo test --test golden\` first`);
      assert.equal(native.digest, digest(bytes), `the native result of ${area}/${name} is stale: run \`cargo test --test golden\``);
      const wasm = canonical(result);
      if (wasm !== native.text) {
        let at = 0;
        while (at < wasm.length && wasm[at] === native.text[at]) at += 1;
        const around = (s) => s.slice(Math.max(0, at - 150), at + 150);
        assert.fail(`${area}/${name}: the wasm and native results differ at character ${at}:\nwasm:   ${around(wasm)}\nnative: ${around(native.text)}`);
      }
    });
  }
});
