// Determinism across platforms: generated cases (every component kind, caps, splits, roll-up,
// all rounding points) give byte-identical reports from the wasm build and the native CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEngine, repoRoot } from './helpers.mjs';

const CASES = 60;

function nativeSpm() {
  const bin = path.join(repoRoot, 'target', 'debug', 'spm');
  if (!existsSync(bin)) {
    execFileSync('cargo', ['build', '-q', '--bin', 'spm'], { cwd: repoRoot, stdio: 'inherit' });
  }
  return bin;
}

test(`native == wasm, byte for byte, on ${CASES} generated cases`, async () => {
  const engine = await loadEngine();
  const generators = await import('../../www/lib/generators.js');
  await generators.initGenerators(readFileSync(path.join(repoRoot, 'pkg/generators/spm_engine_bg.wasm')));
  const spm = nativeSpm();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spm-native-wasm-'));
  for (let seed = 0; seed < CASES; seed += 1) {
    const c = generators.randomCase(seed);
    const plan = new engine.PlanEngine(c.plan);
    const data = engine.Dataset.fromJson(c.transactions, c.payees);
    const viaWasm = plan.payoutJson(data);
    plan.free();
    data.free();
    const files = ['plan', 'payees', 'transactions'].map((k) => {
      const f = path.join(dir, `${seed}-${k}.json`);
      writeFileSync(f, c[k]);
      return f;
    });
    const args = ['payout', '--plan', files[0], '--payees', files[1], '--transactions', files[2], '--format', 'compact'];
    const viaNative = execFileSync(spm, args, { encoding: 'utf8', maxBuffer: 64 << 20 }).trimEnd();
    assert.equal(viaWasm, viaNative, `seed ${seed}: wasm and native reports differ`);
  }
});
