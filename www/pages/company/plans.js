// The Company page's Plans panel (issue 20): every plan of the active workspace with its saved
// versions. Choose the version in use, add plan files (.json, checked by the engine first: an
// invalid file is refused with each diagnostic's path and hint; a plan whose id is there already
// becomes its newest version, and the one in use), copy in the plans of another workspace,
// download a version as JSON, delete a plan. Everything is saved with savePart(id, 'plans', …).
// Plans are put into the page as text, never as HTML.

import { validatePlan } from '../../lib/engine.js';
import { addPlanVersion } from '../../lib/company.js';
import { el, fillError, clearError } from '../../lib/dom.js';
import { downloadText, safeFilePart } from '../../lib/download.js';
import { formatCount } from '../../lib/format.js';
import { listWorkspaces, openWorkspace, savePart } from '../../lib/workspace.js';

/** How large a plan file may be before it is refused unread (plans are a few KB). */
const MAX_PLAN_FILE = 2 * 1024 * 1024;

/**
 * Wires the panel's controls. `ask` is the page's confirm dialog, `say` its status line,
 * `changed` reloads the page's view of the workspace after a save.
 *
 * @param {{ ask: (q: object) => Promise<any>, say: (text: string) => void, changed: () => Promise<void>, formatWhen: (iso: string | null) => string }} page
 * @returns {{ render: (ws: any) => Promise<void> }}
 */
export function createPlansPanel({ ask, say, changed, formatWhen }) {
  const ui = {
    body: document.querySelector('#plans-table tbody'),
    hint: document.getElementById('plans-hint'),
    files: /** @type {HTMLInputElement} */ (document.getElementById('plan-files')),
    copyFrom: /** @type {HTMLSelectElement} */ (document.getElementById('copy-from')),
    copy: /** @type {HTMLButtonElement} */ (document.getElementById('copy-plans')),
    error: document.getElementById('plan-error'),
  };
  /** @type {any} the workspace shown */
  let ws = null;

  const activeOf = (entry) => entry.versions.find((v) => v.version === entry.active) ?? entry.versions[entry.versions.length - 1] ?? null;

  async function save(plans, message) {
    await savePart(ws.id, 'plans', plans);
    await changed();
    say(message);
  }

  async function render(next) {
    ws = next;
    const plans = ws?.plans ?? [];
    ui.body.replaceChildren(...plans.map((entry) => {
      const current = activeOf(entry);
      const name = current?.plan?.name ?? '';
      const select = el('select', { 'data-action': 'active', 'aria-label': `Version of ${entry.id} in use` },
        ...[...entry.versions].reverse().map((v) => el('option', { value: String(v.version) }, `Version ${v.version}${v.version === current?.version ? ' (in use)' : ''}`)));
      select.value = String(current?.version ?? '');
      const tr = el('tr', { 'data-plan': entry.id },
        el('td', null, el('code', null, entry.id)),
        el('th', { scope: 'row' }, name),
        el('td', { class: 'num', 'data-col': 'versions' }, formatCount(entry.versions.length)),
        el('td', { 'data-col': 'active' }, select),
        el('td', { 'data-col': 'saved' }, current?.savedAt ? formatWhen(current.savedAt) : '—'),
        el('td', { 'data-col': 'note', class: 'note' }, current?.note ?? ''),
        el('td', { class: 'actions' },
          el('button', { type: 'button', class: 'link-button', 'data-action': 'download', 'aria-label': `Download version ${current?.version} of ${entry.id} as JSON` }, 'Download JSON'),
          el('button', { type: 'button', class: 'link-button danger', 'data-action': 'delete', 'aria-label': `Delete the plan ${entry.id}` }, 'Delete')),
      );
      return tr;
    }));
    if (plans.length === 0) {
      ui.body.append(el('tr', null, el('td', { colspan: '7', class: 'muted' }, 'No plans yet: add plan files (.json) from the designer, or copy the plans of another workspace.')));
    }
    const versions = plans.reduce((n, e) => n + e.versions.length, 0);
    ui.hint.textContent = `${formatCount(plans.length)} ${plans.length === 1 ? 'plan' : 'plans'}, ${formatCount(versions)} saved ${versions === 1 ? 'version' : 'versions'}. The version in use is what every page computes with.`;
    const others = (await listWorkspaces()).filter((w) => w.id !== ws.id);
    const keep = ui.copyFrom.value;
    ui.copyFrom.replaceChildren(el('option', { value: '' }, others.length ? 'Choose a workspace…' : 'No other workspace'),
      ...others.map((w) => el('option', { value: w.id }, `${w.name} (${formatCount(w.plans)} ${w.plans === 1 ? 'plan' : 'plans'})`)));
    if (others.some((w) => w.id === keep)) ui.copyFrom.value = keep;
    ui.copy.disabled = !ui.copyFrom.value;
  }

  /** Reads, checks and adds the chosen plan files, one after the other; stops at an invalid one. */
  async function addFiles(files) {
    clearError(ui.error);
    let plans = ws.plans ?? [];
    const done = [];
    for (const file of files) {
      if (file.size > MAX_PLAN_FILE) {
        fillError(ui.error, new Error(`${file.name} is ${formatCount(Math.round(file.size / 1024))} KB; a plan file is at most ${formatCount(MAX_PLAN_FILE / 1024)} KB.`), `${file.name} was not added`);
        break;
      }
      const text = await file.text();
      const diagnostics = validatePlan(text);
      const errors = diagnostics.filter((d) => d.severity !== 'warning');
      if (errors.length) {
        const err = Object.assign(new Error(`the engine refuses the plan (${errors.length} ${errors.length === 1 ? 'error' : 'errors'}); fix it in the designer and add it again.`), { code: errors[0].code, diagnostics: errors });
        fillError(ui.error, err, `${file.name} was not added`);
        break;
      }
      const plan = JSON.parse(text);
      const out = addPlanVersion(plans, plan, { note: `Added from ${file.name}` });
      plans = out.plans;
      done.push(out.added ? `${plan.id} (new)` : `${plan.id} version ${out.version}`);
    }
    if (done.length) await save(plans, `Added ${done.join(', ')}.`);
  }

  /** Copies another workspace's plans in: a new id as it is, a known id as a new version in use. */
  async function copyPlans() {
    clearError(ui.error);
    const fromId = ui.copyFrom.value;
    if (!fromId) return;
    const from = await openWorkspace(fromId);
    let plans = ws.plans ?? [];
    const added = [];
    const versioned = [];
    for (const entry of from.plans ?? []) {
      if (!plans.some((e) => e.id === entry.id)) {
        plans = [...plans, structuredClone(entry)];
        added.push(entry.id);
      } else {
        const current = activeOf(entry);
        if (!current) continue;
        const out = addPlanVersion(plans, structuredClone(current.plan), { note: `Copied from ${from.name}, version ${current.version}` });
        plans = out.plans;
        versioned.push(`${entry.id} version ${out.version}`);
      }
    }
    if (!added.length && !versioned.length) {
      say(`${from.name} has no plans to copy.`);
      return;
    }
    const parts = [];
    if (added.length) parts.push(`${added.length} ${added.length === 1 ? 'plan' : 'plans'} (${added.join(', ')})`);
    if (versioned.length) parts.push(`new versions of ${versioned.join(', ')}`);
    await save(plans, `Copied from ${from.name}: ${parts.join('; ')}.`);
  }

  async function onAction(event) {
    const target = /** @type {HTMLElement} */ (event.target);
    const control = target.closest('[data-action]');
    if (!control || (event.type === 'click' && control.tagName === 'SELECT')) return;
    const id = control.closest('tr')?.dataset.plan;
    const entry = (ws.plans ?? []).find((e) => e.id === id);
    if (!entry) return;
    clearError(ui.error);
    if (control.dataset.action === 'active' && event.type === 'change') {
      const version = Number(/** @type {HTMLSelectElement} */ (control).value);
      const plans = ws.plans.map((e) => (e.id === id ? { ...e, active: version } : e));
      await save(plans, `${id}: version ${version} is in use.`);
    } else if (control.dataset.action === 'download' && event.type === 'click') {
      const current = activeOf(entry);
      if (!current) return;
      const name = `${safeFilePart(id)}-v${current.version}.json`;
      downloadText(name, `${JSON.stringify(current.plan, null, 2)}\n`, 'application/json');
      say(`Saved ${name}.`);
    } else if (control.dataset.action === 'delete' && event.type === 'click') {
      const n = entry.versions.length;
      const yes = await ask({ title: 'Delete the plan?', text: `“${id}” and its ${n} saved ${n === 1 ? 'version' : 'versions'} will be removed from ${ws.name}. Download it first to keep a copy.`, ok: 'Delete' });
      if (!yes) return;
      await save(ws.plans.filter((e) => e.id !== id), `Deleted the plan ${id}.`);
    }
  }

  const guard = (what, fn) => async (...args) => {
    try {
      await fn(...args);
    } catch (err) {
      fillError(ui.error, err, what);
    }
  };

  ui.body.addEventListener('click', guard('Plans', onAction));
  ui.body.addEventListener('change', guard('Plans', onAction));
  ui.files.addEventListener('change', guard('Adding plan files', async () => {
    const files = [...(ui.files.files ?? [])];
    ui.files.value = '';
    await addFiles(files);
  }));
  ui.copyFrom.addEventListener('change', () => { ui.copy.disabled = !ui.copyFrom.value; });
  ui.copy.addEventListener('click', guard('Copying plans', copyPlans));

  return { render };
}
