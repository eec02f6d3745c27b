// The scoring benchmark (issue 9): 10,000 reps and 1,000,000 events (the engine's seeded
// generator, CSV text) loaded once into a ScoringModel in this page; then leaderboards
// recomputed for several metrics, windows and tie rules (the target: under 200 ms each), and
// the whole report. Timings go to window.benchResults and <pre id="results">.
// `?reps=&events=&seed=` change the floor.
import { init, ScoringModel, scoringSample, scoringSampleRoster, scoringSampleDefs } from '../../lib/engine.js';

const q = new URLSearchParams(location.search);
const REPS = Number(q.get('reps') ?? 10000);
const EVENTS = Number(q.get('events') ?? 1000000);
const SEED = Number(q.get('seed') ?? 42);
const RUNS = 5;

const REQUESTS = [
  { id: 'points-q4', metric: 'points', window: { period: '2026-Q4' } },
  { id: 'revenue-year-dense', metric: 'amount:deal', window: { period: '2026' }, ties: 'dense' },
  { id: 'deals-june-ordinal', metric: 'count:deal', window: { period: '2026-06' }, ties: 'ordinal', secondary: 'points' },
  { id: 'teams-h1', metric: 'points', window: { period: '2026-H1' }, scope: 'team' },
  { id: 'conversion-q2', metric: 'kpi:conversion', window: { period: '2026-Q2' }, eligibility: { minEvents: 50, roles: ['AE'] } },
  { id: 'points-odd-window', metric: 'points', window: { from: '2026-03-10', to: '2026-09-20' } },
];

function median(v) {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function run() {
  await init();
  const t0 = performance.now();
  const csv = scoringSample(REPS, EVENTS, SEED);
  const roster = scoringSampleRoster(REPS, SEED);
  const tGenerated = performance.now();
  const model = new ScoringModel(scoringSampleDefs(), roster, csv);
  const tLoaded = performance.now();
  const boards = [];
  for (const r of REQUESTS) {
    const text = JSON.stringify(r);
    const times = [];
    let first = null;
    for (let i = 0; i < RUNS; i += 1) {
      const s = performance.now();
      const out = model.leaderboardJson(text);
      times.push(performance.now() - s);
      if (!first) first = JSON.parse(out);
    }
    boards.push({ id: r.id, medianMs: median(times), maxMs: Math.max(...times), entries: first.entries.length, top: first.entries[0] });
  }
  const s = performance.now();
  const report = model.reportJson();
  const tReport = performance.now() - s;
  const events = model.events;
  model.free();
  return {
    reps: REPS,
    events,
    generateMs: tGenerated - t0,
    loadMs: tLoaded - tGenerated,
    leaderboards: boards,
    worstLeaderboardMs: Math.max(...boards.map((b) => b.medianMs)),
    reportMs: tReport,
    reportKb: Math.round(report.length / 1000),
  };
}

run().then(
  (r) => {
    window.benchResults = r;
    document.getElementById('results').textContent = JSON.stringify(r, null, 2);
    document.getElementById('status').textContent = 'Done.';
    document.body.dataset.done = '1';
  },
  (err) => {
    window.benchResults = { error: String(err && err.message ? err.message : err) };
    document.getElementById('status').textContent = `Failed: ${window.benchResults.error}`;
    document.body.dataset.done = '1';
  },
);
