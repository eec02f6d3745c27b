// The active company as the pages see it: the workspace the Company page made active (the sample
// company until the user makes another), in the shape the pages have always worked on. Every page
// that computes on people, plans or deals goes through activeCompany(), so they all agree about
// who the company is.
import { openActive } from './workspace.js';
import { scoringInputFor, sampleWorkspace } from './engine.js';

/**
 * @typedef {object} Company
 * @property {string} id The workspace id.
 * @property {string} company The workspace's name.
 * @property {import('./engine.js').PayeeSpec[]} payees The people.
 * @property {import('./engine.js').PlanSpec[]} plans The active version of every plan.
 * @property {string} transactionsCsv The deals, canonical CSV.
 * @property {string} eventsCsv Ledger events CSV ('' when none).
 * @property {string} ratesCsv Exchange rates CSV ('' when none).
 * @property {any} workspace The whole workspace (accounts, territories, scoring, settings).
 */

/** Thrown when the active workspace lacks what a page needs; its message says where to add it. */
export class EmptyWorkspaceError extends Error {
  constructor(message) {
    super(message);
    this.name = 'EmptyWorkspaceError';
    this.code = 'WORKSPACE_EMPTY';
  }
}

/**
 * The active version of each plan of a workspace (the latest when `active` names none).
 * @param {any} ws
 * @returns {import('./engine.js').PlanSpec[]}
 */
export function activePlans(ws) {
  const plans = [];
  for (const entry of ws.plans ?? []) {
    const versions = entry.versions ?? [];
    const chosen = versions.find((v) => v.version === entry.active) ?? versions[versions.length - 1];
    if (chosen) plans.push(chosen.plan);
  }
  return plans;
}

/**
 * A workspace's plans with `plan` added as a new version of its id (a new plan when the id is
 * new), that version made the active one. Pure: returns new arrays and leaves `plans` as it was.
 *
 * @param {any[]} plans the workspace's `plans`
 * @param {import('./engine.js').PlanSpec} plan a plan the engine has validated
 * @param {{ note?: string | null, savedAt?: string }} [options]
 * @returns {{ plans: any[], version: number, added: boolean }} `added`: the plan id was new
 */
export function addPlanVersion(plans, plan, { note = null, savedAt = new Date().toISOString() } = {}) {
  const id = plan?.id;
  if (typeof id !== 'string' || !id) throw new TypeError('A plan needs an id to be kept in the workspace.');
  const list = (plans ?? []).map((e) => ({ ...e, versions: [...(e.versions ?? [])] }));
  let entry = list.find((e) => e.id === id);
  const added = !entry;
  if (!entry) {
    entry = { id, active: 0, versions: [] };
    list.push(entry);
  }
  const version = entry.versions.reduce((max, v) => Math.max(max, Number(v.version) || 0), 0) + 1;
  entry.versions.push({ version, savedAt, note, plan });
  entry.active = version;
  return { plans: list, version, added };
}

/**
 * The active company. With `needs`, throws an EmptyWorkspaceError naming what is missing
 * (`'plans'`, `'people'`, `'deals'`) and where to add it, so a page can say so instead of failing
 * deep in the engine.
 *
 * @param {{ needs?: Array<'plans' | 'people' | 'deals'> }} [options]
 * @returns {Promise<Company>}
 */
export async function activeCompany(options = {}) {
  const ws = await openActive();
  const company = {
    id: ws.id,
    company: ws.name,
    payees: ws.people ?? [],
    plans: activePlans(ws),
    // A workspace without deals yet has no file: its header alone, so every page loads it as
    // zero deals rather than failing on a missing column.
    transactionsCsv: /\S/.test(ws.dealsCsv ?? '') ? ws.dealsCsv : 'id,date,payeeId,amount\n',
    eventsCsv: ws.eventsCsv ?? '',
    ratesCsv: ws.ratesCsv ?? '',
    workspace: ws,
  };
  const lacking = (options.needs ?? []).filter(
    (what) =>
      (what === 'plans' && company.plans.length === 0) ||
      (what === 'people' && company.payees.length === 0) ||
      (what === 'deals' && !/\n\s*\S/.test(company.transactionsCsv)),
  );
  if (lacking.length > 0) {
    throw new EmptyWorkspaceError(
      `The workspace “${company.company}” has no ${lacking.join(' and no ')} yet. ` +
        'Import them on the Company page, or switch to the sample company there.',
    );
  }
  return company;
}

/**
 * Reloads the page when another tab or page makes another workspace active or changes the
 * active one, so what the page shows is never of a company that is no longer there.
 * @param {string} shownId The workspace id the page shows.
 */
export function reloadOnWorkspaceChange(shownId) {
  // The store fires `workspacechange` on window with detail { id, reason } for changes made in
  // this tab and in others (it relays the BroadcastChannel 'spm-workspace' messages itself).
  window.addEventListener('workspacechange', (e) => {
    const { id, reason, remote } = /** @type {CustomEvent} */ (e).detail ?? {};
    if (ownChanges > 0 && !remote) return;
    if (reason === 'active' || id === shownId) location.reload();
  });
}

/** Changes this page is making itself (see withoutReload). */
let ownChanges = 0;

/**
 * Runs `change` (a write to the workspace this page shows, e.g. the designer saving a plan
 * version) without reloadOnWorkspaceChange reloading this page for it; other tabs still follow.
 * @template T
 * @param {() => Promise<T>} change
 * @returns {Promise<T>}
 */
export async function withoutReload(change) {
  ownChanges++;
  try {
    return await change();
  } finally {
    ownChanges--;
  }
}

/**
 * The scoring texts of the company (definitions, roster and events) for a ScoringModel or an
 * <spm-leaderboard>: the roster is the company's people, the events its won deals plus its
 * activity log, so a leaderboard ranks the same people the payouts pay. A workspace without its
 * own scoring definitions is scored by the standard sales-floor rules (the sample company's:
 * points for deals, calls, meetings and demos) until it imports its own.
 *
 * @param {Company} company
 * @returns {{ definitions: string, roster: string, events: string } | null}
 */
export function scoringTexts(company) {
  const ws = company.workspace;
  const definitions = ws.scoringDefinitions ?? standardScoring();
  if (!definitions) return null;
  const { roster, eventsCsv } = JSON.parse(scoringInputFor(company.payees, company.transactionsCsv, ws.activityCsv ?? ''));
  return {
    definitions: JSON.stringify(definitions),
    roster: typeof roster === 'string' ? roster : JSON.stringify(roster),
    events: eventsCsv,
  };
}

/**
 * Gives an <spm-leaderboard> element the company's scoring texts as slotted scripts (replacing
 * any it had); returns false when the company has no scoring definitions.
 * @param {HTMLElement} element
 * @param {Company} company
 */
export function feedLeaderboard(element, company) {
  const texts = scoringTexts(company);
  for (const which of ['definitions', 'roster', 'events']) element.removeAttribute(which);
  element.querySelectorAll('script[slot]').forEach((s) => s.remove());
  if (!texts) return false;
  for (const [slot, text] of [['definitions', texts.definitions], ['roster', texts.roster], ['events', texts.events]]) {
    const script = document.createElement('script');
    script.type = slot === 'events' ? 'text/csv' : 'application/json';
    script.slot = slot;
    script.textContent = text;
    element.append(script);
  }
  return true;
}

/** @type {object | null | undefined} */
let standard;

/** The standard scoring rules: the sample workspace's definitions, read once. */
function standardScoring() {
  if (standard === undefined) {
    try {
      const sample = JSON.parse(sampleWorkspace());
      standard = sample.scoringDefinitions ?? null;
    } catch {
      standard = null;
    }
  }
  return standard;
}
