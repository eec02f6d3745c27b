// The plan designer's memory: www/lib/plan-store.js (drafts and named versions in IndexedDB,
// autosave, plan files) in headless Chromium on the dev server's origin, and
// www/pages/designer/history.js (undo/redo) and www/pages/designer/drafts.js (the drafts and the
// saved undo history, over a Storage) in Node directly, since they have no DOM.
//
// The store is driven from page.evaluate with a dynamic import('/lib/plan-store.js'); each test
// uses its own database name so the tests do not see each other's records.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { openSession, closeSession, assertNoProblems as checkProblems, repoRoot } from './harness.mjs';

const { createHistory } = await import(pathToFileURL(path.join(repoRoot, 'www/pages/designer/history.js')).href);
const drafts = await import(pathToFileURL(path.join(repoRoot, 'www/pages/designer/drafts.js')).href);

let server;
let browser;
let page;
const problems = [];

before(async () => {
  ({ server, browser, page } = await openSession(problems));
  await page.goto(server.url, { waitUntil: 'networkidle' });
});

after(() => closeSession({ server, browser }));

const assertNoProblems = () => checkProblems(problems);

/** Reloads the index page and lets it finish loading (its wasm), so no request is cut off. */
const reload = () => page.reload({ waitUntil: 'networkidle' });

const PLAN = JSON.stringify({ schemaVersion: 1, id: 'ae-2026', name: 'AE 2026', components: [{ rate: '0.05' }] }, null, 2);

test('a saved draft is there after a reload', async () => {
  const none = await page.evaluate(async () => {
    const { openStore } = await import('/lib/plan-store.js');
    const store = await openStore('t-draft');
    const draft = await store.loadDraft();
    store.close();
    return draft;
  });
  assert.equal(none, null, 'a new store has no draft');

  const before = Date.now();
  await page.evaluate(async (plan) => {
    const { openStore } = await import('/lib/plan-store.js');
    const store = await openStore('t-draft');
    await store.saveDraft('{"first": true}', { field: 'x' });
    await store.saveDraft(plan, { selected: 'components[0].rate', scroll: 120 });
    // No close: a reload right after the write must still see it.
  }, PLAN);
  await reload();

  const draft = await page.evaluate(async () => {
    const { openStore } = await import('/lib/plan-store.js');
    const store = await openStore('t-draft');
    const d = await store.loadDraft();
    store.close();
    return d;
  });
  assert.equal(draft.planText, PLAN, 'the same text, the second save overwrote the first');
  assert.deepEqual(draft.meta, { selected: 'components[0].rate', scroll: 120 });
  assert.match(draft.savedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.ok(Date.parse(draft.savedAt) >= before - 1000 && Date.parse(draft.savedAt) <= Date.now() + 1000);
  assertNoProblems();
});

test('named versions: saved, listed newest first without the text, loaded, renamed, deleted', async () => {
  const r = await page.evaluate(async () => {
    const { openStore } = await import('/lib/plan-store.js');
    const store = await openStore('t-versions');
    const saved = [];
    saved.push(await store.saveVersion('Draft for finance', '{"v":1}', 'first cut'));
    saved.push(await store.saveVersion('  With accelerator  ', '{"v":2}'));
    saved.push(await store.saveVersion('Approved', '{"v":3}', 'signed off by CRO'));
    const listed = await store.listVersions();
    const loaded = await store.loadVersion(saved[1].id);
    const loadedByString = await store.loadVersion(String(saved[0].id));
    const missing = await store.loadVersion(9999);
    await store.renameVersion(saved[1].id, 'With accelerator (v2)');
    const afterRename = await store.loadVersion(saved[1].id);
    await store.deleteVersion(saved[0].id);
    const afterDelete = await store.listVersions();
    const deleted = await store.loadVersion(saved[0].id);
    const renameMissing = await store.renameVersion(saved[0].id, 'x').then(() => 'resolved', (e) => e.message);
    const emptyName = await store.saveVersion('  ', '{}').then(() => 'resolved', (e) => e.message);
    store.close();
    return { saved, listed, loaded, loadedByString, missing, afterRename, afterDelete, deleted, renameMissing, emptyName };
  });

  const ids = r.saved.map((v) => v.id);
  assert.ok(ids.every(Number.isInteger) && ids[0] < ids[1] && ids[1] < ids[2], `autoincrement ids: ${ids}`);
  assert.deepEqual(Object.keys(r.saved[0]).sort(), ['id', 'name', 'note', 'savedAt'], 'saveVersion answers without the text');
  assert.deepEqual(r.saved.map((v) => [v.name, v.note]), [['Draft for finance', 'first cut'], ['With accelerator', ''], ['Approved', 'signed off by CRO']]);

  assert.deepEqual(r.listed.map((v) => v.id), [ids[2], ids[1], ids[0]], 'newest first');
  for (const v of r.listed) assert.equal('planText' in v, false, 'the list has no plan text');
  assert.deepEqual(r.listed[0], r.saved[2]);

  assert.deepEqual(r.loaded, { ...r.saved[1], planText: '{"v":2}' });
  assert.equal(r.loadedByString.planText, '{"v":1}', 'an id read from a DOM attribute works too');
  assert.equal(r.missing, null);
  assert.equal(r.afterRename.name, 'With accelerator (v2)');
  assert.equal(r.afterRename.planText, '{"v":2}', 'renaming keeps the text');
  assert.equal(r.afterRename.savedAt, r.saved[1].savedAt, 'and the time');
  assert.deepEqual(r.afterDelete.map((v) => v.id), [ids[2], ids[1]]);
  assert.equal(r.afterDelete[1].name, 'With accelerator (v2)');
  assert.equal(r.deleted, null);
  assert.match(r.renameMissing, /no longer exists/);
  assert.match(r.emptyName, /needs a name/);
  assertNoProblems();
});

test('autosave: a burst makes one write, the page hears pending → saving → saved; flush writes at once', async () => {
  const r = await page.evaluate(async () => {
    const { openStore, createAutosave } = await import('/lib/plan-store.js');
    const store = await openStore('t-autosave');
    const writes = [];
    const counting = { saveDraft: (text, meta) => { writes.push(text); return store.saveDraft(text, meta); } };
    const states = [];
    let onSaved = () => {};
    const autosave = createAutosave(counting, {
      delayMs: 100,
      onState: (s, e) => {
        states.push(e ? `${s}: ${e.message}` : s);
        if (s === 'saved' || s === 'error') onSaved();
      },
    });
    const settled = () => new Promise((resolve) => { onSaved = resolve; });

    autosave.schedule('{"rate":"0"}', { path: 'rate' });
    autosave.schedule('{"rate":"0.0"}', { path: 'rate' });
    autosave.schedule('{"rate":"0.06"}', { path: 'rate' });
    const writesAtOnce = writes.length;
    await settled();
    await new Promise((resolve) => setTimeout(resolve, 300)); // room for a wrong second write
    const burst = { writes: [...writes], states: [...states], draft: (await store.loadDraft()).planText };

    writes.length = 0;
    states.length = 0;
    const nothingPending = await autosave.flush().then(() => writes.length);
    autosave.schedule('{"rate":"0.07"}');
    // Called at once, as on pagehide: the 100 ms timer is cancelled and the write happens now.
    await autosave.flush();
    const flushed = { writes: [...writes], states: [...states], draft: (await store.loadDraft()).planText };
    await new Promise((resolve) => setTimeout(resolve, 250));
    const laterWrites = writes.length;

    // A failing store: the page is told, and the text is kept for the next try.
    const failing = createAutosave({ saveDraft: async () => { throw new Error('disk full'); } }, {
      delayMs: 10_000,
      onState: (s, e) => states.push(e ? `${s}: ${e.message}` : s),
    });
    states.length = 0;
    failing.schedule('{"x":1}');
    await failing.flush();
    const failed = [...states];
    store.close();
    return { writesAtOnce, burst, nothingPending, flushed, laterWrites, failed };
  });

  assert.equal(r.writesAtOnce, 0, 'nothing is written during the burst');
  assert.deepEqual(r.burst.writes, ['{"rate":"0.06"}'], 'exactly one write, of the last text');
  assert.deepEqual(r.burst.states, ['pending', 'saving', 'saved']);
  assert.equal(r.burst.draft, '{"rate":"0.06"}');
  assert.equal(r.nothingPending, 0, 'flush with nothing pending writes nothing');
  assert.deepEqual(r.flushed.writes, ['{"rate":"0.07"}']);
  assert.deepEqual(r.flushed.states, ['pending', 'saving', 'saved']);
  assert.equal(r.flushed.draft, '{"rate":"0.07"}', 'written when flush resolves');
  assert.equal(r.laterWrites, 1, 'the cancelled timer does not write again');
  assert.deepEqual(r.failed, ['pending', 'saving', 'error: disk full']);
  assertNoProblems();
});

test('a 1 MB plan round-trips, as draft and as version, across a reload', async () => {
  const size = 1024 * 1024;
  const digest = await page.evaluate(async (n) => {
    const { openStore } = await import('/lib/plan-store.js');
    // Varied text (not one repeated character), with non-ASCII characters too.
    let s = '{"payees":[';
    for (let i = 0; s.length < n - 40; i++) s += `{"id":"R${i}","name":"Zoë Müller ${i}","rate":"0.0${i % 10}"},`;
    s = `${s.slice(0, -1)}]}`.padEnd(n, ' ');
    const store = await openStore('t-large');
    await store.saveDraft(s);
    await store.saveVersion('big', s);
    return { length: s.length, head: s.slice(0, 64), tail: s.slice(-64), sum: [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) };
  }, size);
  assert.equal(digest.length, size);
  await reload();
  const back = await page.evaluate(async () => {
    const { openStore } = await import('/lib/plan-store.js');
    const store = await openStore('t-large');
    const sum = (s) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
    const d = (await store.loadDraft()).planText;
    const [v] = await store.listVersions();
    const t = (await store.loadVersion(v.id)).planText;
    store.close();
    return [d, t].map((s) => ({ length: s.length, head: s.slice(0, 64), tail: s.slice(-64), sum: sum(s) }));
  });
  assert.deepEqual(back, [digest, digest]);
  assertNoProblems();
});

test('errors say in plain words what happened and what to do', async () => {
  const r = await page.evaluate(async () => {
    const { openStore, storageError } = await import('/lib/plan-store.js');
    const quota = storageError(new DOMException('The quota has been exceeded.', 'QuotaExceededError'), 'save the draft');
    // IndexedDB refused, as in some private windows.
    const real = Object.getOwnPropertyDescriptor(window, 'indexedDB');
    Object.defineProperty(window, 'indexedDB', {
      configurable: true,
      get: () => ({ open() { throw new DOMException('Access denied', 'SecurityError'); } }),
    });
    const refused = await openStore('t-refused').then(() => null, (e) => ({ name: e.name, code: e.code, message: e.message }));
    Object.defineProperty(window, 'indexedDB', { configurable: true, get: () => undefined });
    const missing = await openStore('t-refused').then(() => null, (e) => e.message);
    if (real) Object.defineProperty(window, 'indexedDB', real);
    else delete window.indexedDB;
    const store = await openStore('t-errors');
    const notText = await store.saveDraft(42).then(() => 'resolved', (e) => e.message);
    store.close();
    const closed = await store.loadDraft().then(() => 'resolved', (e) => e.message);
    return { quota: { message: quota.message, code: quota.code }, refused, missing, notText, closed };
  });
  assert.match(r.quota.message, /^Your browser refused to store the plan \(QuotaExceededError\)\. Export the plan as a file to keep it\./);
  assert.equal(r.quota.code, 'QuotaExceededError');
  assert.equal(r.refused.name, 'StoreError');
  assert.equal(r.refused.code, 'SecurityError');
  assert.match(r.refused.message, /does not let this page store plans.*private window.*Export the plan as a file/);
  assert.match(r.missing, /IndexedDB is not available.*Export the plan as a file/);
  assert.match(r.notText, /must be text/);
  assert.match(r.closed, /closed.*Reload/);
  assertNoProblems();
});

test('plan files: exported as a download, read back; too large or not text is refused in plain words', async () => {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.evaluate(async (plan) => {
      const { exportPlanFile } = await import('/lib/plan-store.js');
      return exportPlanFile(plan, 'AE 2026');
    }, PLAN),
  ]);
  assert.equal(await download.failure(), null);
  assert.equal(download.suggestedFilename(), 'AE-2026.json');
  assert.equal(await readFile(await download.path(), 'utf8'), PLAN);

  const r = await page.evaluate(async (plan) => {
    const { readPlanFile } = await import('/lib/plan-store.js');
    const attempt = (f) => readPlanFile(f).then((text) => ({ text }), (e) => ({ error: e.message }));
    return {
      ok: await attempt(new File([plan], 'plan.json', { type: 'application/json' })),
      bom: await attempt(new File(['\uFEFF{"a":"é"}'], 'bom.json')),
      large: await attempt(new File([new Uint8Array(5 * 1024 * 1024 + 1).fill(32)], 'huge.json')),
      binary: await attempt(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe])], 'logo.png', { type: 'image/png' })),
      nul: await attempt(new File([new Uint8Array([0x7b, 0x00, 0x7d])], 'odd.json')),
      none: await attempt(null),
    };
  }, PLAN);
  assert.deepEqual(r.ok, { text: PLAN });
  assert.deepEqual(r.bom, { text: '{"a":"é"}' });
  assert.match(r.large.error, /^"huge\.json" is 5\.0 MB; a plan file can be at most 5 MB/);
  assert.match(r.binary.error, /^"logo\.png" is not a text file/);
  assert.match(r.nul.error, /^"odd\.json" is not a text file \(it contains binary data\)/);
  assert.match(r.none.error, /No file was chosen/);
  assertNoProblems();
});

// ---- history.js, in Node ----

/** A clock the test moves by hand. */
function clock() {
  let t = 0;
  const now = () => t;
  now.advance = (ms) => { t += ms; };
  return now;
}

test('history: typing in one field within the window is one undo step', () => {
  const now = clock();
  const h = createHistory('rate=0.05', { coalesceMs: 1000, now });
  assert.equal(h.canUndo, false);
  assert.equal(h.undo(), null);
  for (const text of ['rate=0.0', 'rate=0.06']) {
    now.advance(200);
    h.push(text, { path: 'components[0].rate' });
  }
  // Still the same burst: 900 ms after the last keystroke.
  now.advance(900);
  h.push('rate=0.065', { path: 'components[0].rate' });
  assert.equal(h.current, 'rate=0.065');
  assert.equal(h.undo(), 'rate=0.05', 'one step back to before the typing');
  assert.equal(h.canUndo, false);
  assert.equal(h.redo(), 'rate=0.065');
  assert.equal(h.redo(), null);

  // A pause longer than the window starts a new step, even in the same field.
  now.advance(1001);
  h.push('rate=0.07', { path: 'components[0].rate' });
  assert.equal(h.undo(), 'rate=0.065');
  assert.equal(h.undo(), 'rate=0.05');

  // Without a path pushes never coalesce.
  const g = createHistory('a', { now });
  g.push('b');
  g.push('c');
  assert.equal(g.undo(), 'b');
});

test('history: different fields are different steps; a burst that comes back is no step', () => {
  const now = clock();
  const h = createHistory('q=100 r=5');
  const h2 = createHistory('q=100 r=5', { now });
  h2.push('q=1000 r=5', { path: 'quota' });
  now.advance(100);
  h2.push('q=1000 r=6', { path: 'rate' });
  now.advance(100);
  h2.push('q=1000 r=7', { path: 'rate' });
  assert.equal(h2.undo(), 'q=1000 r=5', 'the rate edits are one step');
  assert.equal(h2.undo(), 'q=100 r=5', 'the quota edit is another');
  assert.equal(h2.undo(), null);

  // Typing and deleting back to where the field was leaves nothing to undo.
  const h3 = createHistory('x=1', { now });
  h3.push('x=12', { path: 'x' });
  now.advance(50);
  h3.push('x=1', { path: 'x' });
  assert.equal(h3.canUndo, false);
  assert.equal(h3.current, 'x=1');

  // A push equal to the current state is ignored.
  h.push('q=100 r=5');
  assert.equal(h.canUndo, false);
  h.push('q=1 r=5');
  h.push('q=1 r=5');
  assert.equal(h.undo(), 'q=100 r=5');
  assert.equal(h.canUndo, false);
});

test('history: undo/redo sequence, and a push after undo drops the redo branch', () => {
  const now = clock();
  const h = createHistory('A', { now });
  for (const s of ['B', 'C', 'D']) {
    now.advance(5000);
    h.push(s, { path: 'name' });
  }
  assert.deepEqual([h.canUndo, h.canRedo, h.current], [true, false, 'D']);
  assert.equal(h.undo(), 'C');
  assert.equal(h.undo(), 'B');
  assert.deepEqual([h.canUndo, h.canRedo], [true, true]);
  assert.equal(h.redo(), 'C');
  assert.equal(h.undo(), 'B');

  // Straight after the undo, in the same field and well inside the window: a new step, and B stays.
  now.advance(10);
  h.push('B2', { path: 'name' });
  assert.equal(h.canRedo, false, 'C and D are gone');
  assert.equal(h.redo(), null);
  assert.equal(h.undo(), 'B', 'the state undo landed on was not overwritten');
  assert.equal(h.undo(), 'A');
  assert.equal(h.undo(), null);
  assert.equal(h.redo(), 'B');
  assert.equal(h.redo(), 'B2');

  h.reset('other plan');
  assert.deepEqual([h.canUndo, h.canRedo, h.current], [false, false, 'other plan']);
  assert.throws(() => h.push(undefined), TypeError);
});

test('history: the limit keeps the newest steps', () => {
  const h = createHistory('s0', { limit: 5 });
  for (let i = 1; i <= 12; i++) h.push(`s${i}`);
  const back = [];
  for (let s = h.undo(); s !== null; s = h.undo()) back.push(s);
  assert.deepEqual(back, ['s11', 's10', 's9', 's8', 's7'], 'five undo steps');
  assert.equal(h.current, 's7');
  let forward = 0;
  while (h.redo() !== null) forward++;
  assert.equal(forward, 5);
  assert.equal(h.current, 's12');

  const big = createHistory('0');
  for (let i = 1; i <= 250; i++) big.push(String(i));
  let steps = 0;
  while (big.undo() !== null) steps++;
  assert.equal(steps, 200, 'the default limit is 200 steps');
  assert.throws(() => createHistory('x', { limit: 0 }), RangeError);
});

test('history: a state keeps its id through a burst; push says what it did; snapshot and restore', () => {
  const now = clock();
  let n = 0;
  const h = createHistory('A', { now, newId: () => `id${++n}` });
  const first = h.currentId;
  assert.equal(h.previous, null);
  assert.equal(h.push('A'), 'same');
  assert.equal(h.push('B', { path: 'rate' }), 'step');
  const b = h.currentId;
  assert.notEqual(b, first);
  assert.equal(h.previous, 'A');
  now.advance(100);
  assert.equal(h.push('B2', { path: 'rate' }), 'merge');
  assert.equal(h.currentId, b, 'the burst rewrites the same state');
  now.advance(100);
  assert.equal(h.push('A', { path: 'rate' }), 'back');
  assert.equal(h.currentId, first);
  assert.equal(h.push('C'), 'step');
  assert.equal(h.push('D'), 'step');
  const snap = h.snapshot();
  assert.deepEqual(snap, { ids: [first, 'id3', 'id4'], index: 2 });
  h.undo();
  assert.deepEqual(h.snapshot().index, 1);

  // A reload: the same states by id, the same position; undo and redo go on from there.
  const texts = { [first]: 'A', id3: 'C', id4: 'D' };
  const g = createHistory('ignored', { now, newId: () => `new${++n}` });
  g.restore(snap.ids.map((id) => ({ id, text: texts[id] })), 1);
  assert.deepEqual([g.current, g.currentId, g.canUndo, g.canRedo], ['C', 'id3', true, true]);
  assert.equal(g.undo(), 'A');
  assert.equal(g.redo(), 'C');
  assert.equal(g.redo(), 'D');
  assert.equal(g.push('E'), 'step');
  assert.match(g.currentId, /^new/);
  assert.throws(() => g.restore([], 0), TypeError);
  // More saved states than the limit: the newest are kept, the position follows.
  const small = createHistory('x', { limit: 2 });
  small.restore(['a', 'b', 'c', 'd', 'e'].map((text, i) => ({ id: `k${i}`, text })), 3);
  assert.deepEqual(small.snapshot(), { ids: ['k2', 'k3', 'k4'], index: 1 });
});

// ---- drafts.js, in Node, over an in-memory Storage ----

/** A Storage in memory that refuses to hold more than `limit` characters, as a browser does. */
function memoryStorage(limit = Infinity) {
  const m = new Map();
  const size = () => [...m].reduce((t, [k, v]) => t + k.length + v.length, 0);
  return {
    map: m,
    get length() { return m.size; },
    key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => (m.has(k) ? m.get(k) : null),
    setItem(k, v) {
      const old = m.get(k);
      m.set(k, String(v));
      if (size() > limit) {
        if (old === undefined) m.delete(k);
        else m.set(k, old);
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
    },
    removeItem: (k) => { m.delete(k); },
  };
}

/** A clock for the drafts: each call one second later. */
function ticking(start = Date.parse('2026-03-01T09:00:00Z')) {
  let t = start;
  return () => new Date((t += 1000));
}

test('drafts: stored one key each under a versioned prefix, listed newest first without text, the oldest beyond the limit dropped', () => {
  const storage = memoryStorage();
  const now = ticking();
  const d = drafts.openDrafts({ storage, keep: 5, now });
  assert.equal(d.available, true);
  const ids = [];
  for (let i = 0; i < 8; i++) {
    const id = d.newId();
    ids.push(id);
    const r = d.put({ id, planText: `{"n":${i}}`, name: `Plan ${i}`, description: `edit ${i}` }, [ids[0]]);
    assert.deepEqual(r, { ok: true, pruned: 0 });
  }
  assert.ok([...storage.map.keys()].every((k) => k.startsWith('spm-designer:drafts:v1:draft:')), 'versioned keys');
  const { drafts: list, problems } = d.list();
  assert.deepEqual(problems, []);
  assert.deepEqual(list.map((x) => x.description), ['edit 7', 'edit 6', 'edit 5', 'edit 4', 'edit 0'], 'five kept: the newest, and the protected first one');
  assert.equal('planText' in list[0], false);
  assert.deepEqual({ ...list[0], id: undefined }, { id: undefined, savedAt: list[0].savedAt, name: 'Plan 7', description: 'edit 7', size: 7 });
  assert.equal(d.get(ids[6]).planText, '{"n":6}');
  assert.equal(d.get(ids[1]), null, 'dropped');
  assert.equal(d.get('../../x'), null);
  // The same id again is the same draft, rewritten (a burst of typing), and moves to the top.
  d.put({ id: ids[4], planText: '{"n":44}', description: 'edit 4 again' });
  assert.deepEqual(d.list().drafts.map((x) => x.description).slice(0, 2), ['edit 4 again', 'edit 7']);
  assert.equal(d.list().drafts.length, 5);
  // Ids sort by creation time.
  assert.ok(ids.every((id, i) => i === 0 || ids[i - 1] < id), `${ids}`);
});

test('drafts: corrupt values are skipped with a sentence and cost nothing else; a corrupt undo history starts afresh', () => {
  const storage = memoryStorage();
  const d = drafts.openDrafts({ storage, now: ticking() });
  const a = d.newId();
  const b = d.newId();
  d.put({ id: a, planText: '{"a":1}', description: 'first' });
  d.put({ id: b, planText: '{"b":2}', description: 'second' });
  d.saveSession({ ids: [a, b], index: 1 });
  assert.deepEqual(d.loadSession(), { session: { ids: [a, b], index: 1 }, problem: null });

  const P = 'spm-designer:drafts:v1:';
  storage.setItem(`${P}draft:zzzz`, '{not json');
  storage.setItem(`${P}draft:yyyy`, JSON.stringify({ format: 1, id: 'other', savedAt: '2026-01-01T00:00:00Z', planText: '{}' }));
  storage.setItem(`${P}draft:xxxx`, JSON.stringify({ format: 1, id: 'xxxx', savedAt: 'yesterday', planText: '{}' }));
  storage.setItem(`${P}draft:wwww`, JSON.stringify({ format: 1, id: 'wwww', savedAt: '2026-01-01T00:00:00Z', planText: 42 }));
  storage.setItem('spm-designer:drafts:v2:draft:vvvv', '{}'); // a later format: not ours to read, not a problem
  storage.setItem('someone-else', 'x');
  const { drafts: list, problems } = d.list();
  assert.deepEqual(list.map((x) => x.description), ['second', 'first']);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /^4 stored drafts could not be read and were skipped \(spm-designer:drafts:v1:draft:zzzz, .*, …\); the others are all here\.$/);
  assert.equal(d.get('zzzz'), null);

  for (const bad of ['nonsense', '{"format":1,"ids":[],"index":0}', JSON.stringify({ format: 1, ids: [a], index: 3 }), JSON.stringify({ format: 1, ids: [a, 7], index: 0 })]) {
    storage.setItem(`${P}session`, bad);
    const s = d.loadSession();
    assert.equal(s.session, null, bad);
    assert.match(s.problem, /undo history stored in this browser could not be read.*the drafts are all here/);
  }
  storage.removeItem(`${P}session`);
  assert.deepEqual(d.loadSession(), { session: null, problem: null });
});

test('drafts: a full storage first loses unreadable entries, then the oldest drafts beyond 20; past that the write is refused in words, never thrown', () => {
  const storage = memoryStorage(30_000);
  const d = drafts.openDrafts({ storage, now: ticking(), keep: 50, keepUnderPressure: 20 });
  storage.setItem('spm-designer:drafts:v1:draft:junk', 'x'.repeat(3_000));
  const big = 'p'.repeat(1_000);
  const ids = [];
  let pruned = 0;
  for (let i = 0; i < 40; i++) {
    const id = d.newId();
    ids.push(id);
    const r = d.put({ id, planText: `${big}${i}`, description: `edit ${i}` });
    assert.equal(r.ok, true, `write ${i}`);
    pruned += r.pruned;
  }
  const left = d.list();
  assert.equal(left.problems.length, 0, 'the unreadable entry went first');
  assert.equal(storage.getItem('spm-designer:drafts:v1:draft:junk'), null);
  assert.ok(left.drafts.length >= 20 && left.drafts.length < 40, `${left.drafts.length} drafts`);
  assert.equal(left.drafts[0].description, 'edit 39');
  assert.ok(pruned > 0);

  // Someone else fills the storage: with 20 drafts left nothing more is dropped, the write is refused.
  for (let i = 0; ; i++) {
    try {
      storage.setItem(`filler${i}`, 'f'.repeat(500));
    } catch {
      break;
    }
  }
  let r;
  for (let i = 0; i < 50; i++) {
    r = d.put({ id: d.newId(), planText: big.repeat(3), description: `bigger ${i}` });
    assert.ok(d.list().drafts.length >= 20, 'never fewer than 20 drafts');
    if (!r.ok) break;
  }
  assert.equal(r.ok, false);
  assert.equal(r.error.code, 'QuotaExceededError');
  assert.match(r.error.message, /storage for this site is full \(QuotaExceededError\).*Export the plan as a file/);
  assert.equal(d.list().drafts.length, 20, 'down to 20, never below');
  const s = d.saveSession({ ids: ['abc'], index: 0 });
  assert.equal(typeof s.ok, 'boolean');

  // No storage at all (blocked): every call answers, none throws.
  const none = drafts.openDrafts({ storage: null });
  assert.equal(none.available, false);
  assert.deepEqual(none.list(), { drafts: [], problems: [] });
  assert.equal(none.get('abc'), null);
  assert.deepEqual(none.loadSession(), { session: null, problem: null });
  assert.match(none.put({ id: 'abc', planText: '{}' }).error.message, /does not let the page keep drafts/);
  // A storage that throws on every call (a SecurityError) answers the same way.
  const hostile = new Proxy({}, { get: () => { throw new DOMException('denied', 'SecurityError'); } });
  const h = drafts.openDrafts({ storage: hostile });
  assert.deepEqual(h.list(), { drafts: [], problems: [] });
  assert.match(h.put({ id: 'abc', planText: '{}' }).error.message, /SecurityError: denied/);
});

test('draft saver: a burst is one write, a new step writes the last one at once, flush writes now, a refused write is tried again', async () => {
  const storage = memoryStorage();
  const d = drafts.openDrafts({ storage, now: ticking() });
  const puts = [];
  const counting = { ...d, put: (draft, protect) => { puts.push(`${draft.id}=${draft.planText}:${draft.description}`); return d.put(draft, protect); } };
  const states = [];
  const saver = drafts.createDraftSaver(counting, { delayMs: 30, onState: (s, info) => states.push(info.error ? `${s}: ${info.error.code}` : s) });
  const entry = (id, planText) => ({ id, planText, describe: () => `made ${planText}` });
  saver.schedule(entry('a1', '1'), { ids: ['a1'], index: 0 });
  saver.schedule(entry('a1', '12'), { ids: ['a1'], index: 0 });
  assert.deepEqual(puts, [], 'nothing during the burst');
  saver.schedule(entry('b2', '3'), { ids: ['a1', 'b2'], index: 1 });
  assert.deepEqual(puts, ['a1=12:made 12'], 'a new step writes the previous step\'s last text at once');
  await new Promise((r) => setTimeout(r, 80));
  assert.deepEqual(puts, ['a1=12:made 12', 'b2=3:made 3']);
  assert.deepEqual(d.loadSession().session, { ids: ['a1', 'b2'], index: 1 });
  assert.deepEqual(states, ['pending', 'saved', 'pending', 'saved']);

  // Undo: only the position moves, written on flush (as on pagehide) without waiting.
  saver.schedule(null, { ids: ['a1', 'b2'], index: 0 });
  saver.flush();
  assert.deepEqual(d.loadSession().session, { ids: ['a1', 'b2'], index: 0 });
  assert.equal(puts.length, 2);

  // The storage refuses, then takes it again: the step is kept and written on the next try.
  const refusing = { ...d, put: () => ({ ok: false, pruned: 0, error: Object.assign(new Error('full'), { code: 'QuotaExceededError' }) }) };
  const states2 = [];
  const s2 = drafts.createDraftSaver(refusing, { delayMs: 10_000, onState: (s, info) => states2.push(info.error ? `${s}: ${info.error.code}` : s) });
  s2.schedule(entry('c3', '5'), { ids: ['c3'], index: 0 });
  s2.flush();
  assert.deepEqual(states2, ['pending', 'error: QuotaExceededError']);
  refusing.put = d.put;
  s2.schedule(entry('d4', '6'), { ids: ['c3', 'd4'], index: 1 });
  s2.flush();
  assert.equal(d.get('c3').planText, '5', 'the refused step was written on the next try');
  assert.equal(d.get('d4').planText, '6');
  assert.equal(states2.at(-1), 'saved');
});
