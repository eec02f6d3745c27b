// The TypeScript declarations of pkg/app/spm_engine.d.ts (generated from the DTOs by crates/typegen,
// src/generated/types.ts) are precise: strict type-checks of tests/js/usage.ts and
// tests/js/types/every_field.ts pass, the latter using every member of every plan, payee,
// transaction and estimator-state type; a misspelt member and a number where a decimal string
// belongs fail to compile, naming the member; and no `any` leaks out of the boundary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot, requirePkg } from './helpers.mjs';

const run = promisify(execFile);
const dtsPath = path.join(repoRoot, 'pkg/app/spm_engine.d.ts');

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

/** Runs tsc --strict over one file; resolves to its exit code and output (ANSI colours removed). */
async function tsc(file, { pretty = false } = {}) {
  const bin = path.join(repoRoot, 'node_modules/.bin/tsc');
  const args = [
    '--noEmit', '--strict', '--pretty', String(pretty),
    '--target', 'esnext', '--module', 'nodenext', '--moduleResolution', 'nodenext',
    '--lib', 'esnext,dom',
    file,
  ];
  try {
    const { stdout, stderr } = await run(bin, args, { cwd: repoRoot });
    return { code: 0, out: `${stdout}${stderr}` };
  } catch (err) {
    if (typeof err.code !== 'number') throw err;
    return { code: err.code, out: `${err.stdout}${err.stderr}`.replace(/\x1b\[[0-9;]*m/g, '') };
  }
}

/** The declarations of a .d.ts: name → body text (interfaces) or right-hand side (type aliases). */
function declarations(dts) {
  const out = new Map();
  const re = /^export (?:interface|type) (\w+)[^{=\n]*(?:(\{[\s\S]*?\n\})|=([^\n]*))/gm;
  for (const m of stripComments(dts).matchAll(re)) out.set(m[1], m[2] ?? m[3]);
  return out;
}

/** The interfaces reachable from `roots` through the types their members name. */
function reachableInterfaces(decls, roots) {
  const seen = new Set();
  const todo = [...roots];
  while (todo.length > 0) {
    const name = todo.pop();
    if (seen.has(name) || !decls.has(name)) continue;
    seen.add(name);
    for (const word of decls.get(name).match(/\b[A-Z]\w*\b/g) ?? []) todo.push(word);
  }
  return [...seen].filter((n) => decls.get(n).trimStart().startsWith('{'));
}

test('pkg/app/spm_engine.d.ts has no `any`', () => {
  requirePkg();
  const dts = readFileSync(dtsPath, 'utf8');
  const offending = stripInitOutput(stripComments(dts))
    .split('\n')
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter(({ line }) => /\bany\b/.test(line));
  assert.deepEqual(offending, [], `lines with "any":\n${offending.map((o) => o.line).join('\n')}`);
  for (const name of ['class PlanEngine', 'class Dataset', 'validatePlan', 'sampleDataset', 'interface PlanSpec', 'interface PayoutReport']) {
    assert.ok(dts.includes(name), `d.ts declares ${name}`);
  }
});

test('the .d.ts carries the generated types as they are checked in', () => {
  requirePkg();
  const dts = readFileSync(dtsPath, 'utf8');
  const generated = readFileSync(path.join(repoRoot, 'src/generated/types.ts'), 'utf8');
  // wasm-bindgen re-indents the section; compare line by line without the indentation.
  const lines = (text) => text.split('\n').map((l) => l.trim()).join('\n');
  assert.ok(lines(dts).includes(lines(generated).trim()), 'pkg/app is older than src/generated/types.ts: run scripts/build.sh');
});

test('tests/js/usage.ts type-checks with tsc --noEmit --strict', async () => {
  requirePkg();
  const { code, out } = await tsc('tests/js/usage.ts');
  assert.equal(code, 0, `tsc failed:\n${out}`);
});

test('a plan, payees, transactions and an estimator state using every member type-check', async () => {
  requirePkg();
  const { code, out } = await tsc('tests/js/types/every_field.ts');
  assert.equal(code, 0, `tsc failed:\n${out}`);
});

test('every_field.ts checks every interface a plan, payee, transaction, state or deal contains', () => {
  requirePkg();
  const decls = declarations(readFileSync(dtsPath, 'utf8'));
  const roots = ['PlanBody', 'PayeeSpec', 'TransactionSpec', 'EstimatorState', 'DealSpec'];
  const interfaces = reachableInterfaces(decls, roots);
  assert.ok(interfaces.length >= 40, `only ${interfaces.length} interfaces reachable: ${interfaces}`);
  const file = readFileSync(path.join(repoRoot, 'tests/js/types/every_field.ts'), 'utf8');
  const unchecked = interfaces.filter((n) => !file.includes(`NoneUnused<Unused<${n},`));
  assert.deepEqual(unchecked, [], `tests/js/types/every_field.ts does not check that every member of these is used: ${unchecked.join(', ')}`);
});

test('a misspelt plan member does not compile, and tsc names it', async () => {
  requirePkg();
  const { code, out } = await tsc('tests/js/types/misspelt_field.ts', { pretty: true });
  assert.notEqual(code, 0, 'misspelt_field.ts compiled');
  assert.match(out, /'rateTabel' does not exist in type 'ComponentSpec'/, out);
  assert.match(out, /Found 1 error/, out);
});

test('a number where a decimal string belongs does not compile, and tsc names the member', async () => {
  requirePkg();
  const file = 'tests/js/types/number_for_decimal.ts';
  const { code, out } = await tsc(file, { pretty: true });
  assert.notEqual(code, 0, 'number_for_decimal.ts compiled');
  const lines = readFileSync(path.join(repoRoot, file), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes('rate: 0.05')) + 1;
  const column = lines[line - 1].indexOf('rate: 0.05') + 1;
  assert.ok(out.includes(`${file}:${line}:${column} - error TS2322: Type 'number' is not assignable to type 'string'.`), out);
  assert.match(out, /The expected type comes from property 'rate' which is declared here on type 'TierSpec'/, out);
  assert.match(out, /Found 1 error/, out);
});
