// Shared by the JS tests: paths, and loading the engine from the built pkg/.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const pkgDir = path.join(repoRoot, 'pkg/app');
export const wasmPath = path.join(pkgDir, 'spm_engine_bg.wasm');

/** Fails with a useful message when the wasm package has not been built. */
export function requirePkg() {
  for (const f of ['spm_engine.js', 'spm_engine_bg.wasm', 'spm_engine.d.ts']) {
    if (!existsSync(path.join(pkgDir, f))) {
      throw new Error(`pkg/app/${f} is missing: run scripts/build.sh first`);
    }
  }
}

/** Imports www/lib/engine.js and initialises it with the bytes of the built wasm module. */
export async function loadEngine() {
  requirePkg();
  const engine = await import('../../www/lib/engine.js');
  await engine.init(readFileSync(wasmPath));
  return engine;
}
