// The generated TypeScript declarations (pkg/app/spm_engine.d.ts) are precise: a strict type-check of
// tests/js/usage.ts passes, and no `any` leaks out of the boundary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, requirePkg } from './helpers.mjs';

const run = promisify(execFile);

/** Removes comments so words in doc comments ("any role label") do not count. */
function stripComments(ts) {
  return ts.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

/**
 * Removes wasm-bindgen's `InitOutput` interface: it types the raw wasm exports (externref
 * arguments show as `any` there), which no caller uses; the API is the classes and functions.
 */
function stripInitOutput(ts) {
  return ts.replace(/export interface InitOutput \{[\s\S]*?\n\}/, '');
}

test('pkg/app/spm_engine.d.ts has no `any`', () => {
  requirePkg();
  const dts = readFileSync(path.join(repoRoot, 'pkg/app/spm_engine.d.ts'), 'utf8');
  const offending = stripInitOutput(stripComments(dts))
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => /\bany\b/.test(line));
  assert.deepEqual(offending, [], `lines with "any":\n${offending.map((o) => o.line).join('\n')}`);
  for (const name of ['class PlanEngine', 'class Dataset', 'validatePlan', 'sampleDataset', 'interface PlanSpec', 'interface PayoutReport']) {
    assert.ok(dts.includes(name), `d.ts declares ${name}`);
  }
});

test('tests/js/usage.ts type-checks with tsc --noEmit --strict', async () => {
  requirePkg();
  const tsc = path.join(repoRoot, 'node_modules/.bin/tsc');
  const args = [
    '--noEmit', '--strict',
    '--target', 'esnext', '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--lib', 'esnext,dom',
    'tests/js/usage.ts',
  ];
  try {
    await run(tsc, args, { cwd: repoRoot });
  } catch (err) {
    assert.fail(`tsc failed:\n${err.stdout}${err.stderr}`);
  }
});
