// What a page of the sample company (Payouts, Ledger, Rep) keeps for its life: each plan compiled
// once (so switching back to a plan is instant), and the choices it shows written into its URL (so
// a reload or a bookmark opens the same view).
import { compilePlan } from './engine.js';

/** Compiled plans by plan id, for the life of the page. */
const engines = new Map();

/**
 * The compiled plan of a plan document, compiled on first use and kept by its id.
 * Throws the engine's SpmError for an invalid plan (nothing is kept then).
 *
 * @param {{ id: string }} plan A PlanSpec of the sample company.
 */
export function engineFor(plan) {
  let engine = engines.get(plan.id);
  if (!engine) {
    engine = compilePlan(plan);
    engines.set(plan.id, engine);
  }
  return engine;
}

/**
 * Writes the page's choices into its URL's query, without a reload or a history entry:
 * updateUrl({ plan: 'ae-2026-marginal', payee: 'r041' }) gives ?plan=ae-2026-marginal&payee=r041.
 * A choice that is null, undefined or '' leaves its parameter as it is; other parameters and the
 * #fragment are kept.
 *
 * @param {Record<string, string | null | undefined>} choices
 */
export function updateUrl(choices) {
  const params = new URLSearchParams(location.search);
  for (const [name, value] of Object.entries(choices)) {
    if (value !== null && value !== undefined && value !== '') params.set(name, value);
  }
  history.replaceState(null, '', `${location.pathname}?${params}${location.hash}`);
}
