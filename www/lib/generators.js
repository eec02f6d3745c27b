// The one module that imports the generators build (pkg/generators/): the benchmark company and
// the random cases of the determinism test. Only the benchmark pages and tests load it; no product
// page or element does, and no product build carries these generators. Its results are plain
// text and objects, handed to the app build (www/lib/engine.js) like any user's files.
import generatorsInit, * as wasm from '../../pkg/generators/spm_engine.js';
import { onceLoader } from './loader.js';

const loader = onceLoader(generatorsInit, 'call initGenerators() first');

/**
 * Loads the generators build. Safe to call many times.
 * @param {BufferSource | WebAssembly.Module | URL | string} [source] in Node, the bytes of
 *   pkg/generators/spm_engine_bg.wasm; in the browser leave it out.
 * @returns {Promise<void>}
 */
export const initGenerators = loader.init;

const assertReady = loader.assertReady;

/**
 * The benchmark company: `reps` reps under managers and directors, `deals` deals in 2026, a
 * three-component plan with a two-level roll-up; the same for the same seed, natively too.
 * @param {number} reps
 * @param {number} deals
 * @param {number} seed
 * @returns {{ company: string, plans: object[], payees: object[], transactionsCsv: string, eventsCsv: string, ratesCsv: string }}
 */
export function sampleLarge(reps, deals, seed) {
  assertReady();
  return wasm.sampleLarge(reps, deals, seed);
}

/**
 * A generated case `{ plan, payees, transactions }` (JSON text) for determinism checks.
 * @param {number} seed
 */
export function randomCase(seed) {
  assertReady();
  return wasm.randomCase(seed);
}

/**
 * An adversarial case (hostile values in valid-shaped documents, issue 19): `{ seed, families,
 * plan, payees, transactions, events, adjustments, rates, state, deals }`, each document as
 * text; the same for the same seed, natively too.
 * @param {number} seed
 */
export function adversarialCase(seed) {
  assertReady();
  return wasm.adversarialCase(seed);
}
