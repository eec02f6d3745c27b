// The leaderboard page's read-only views: metric and window labels, value formatting, badge and
// level chips, the contests, goals and badge feed panels, and the scorecard drawer's content.
// Everything shown is the engine's: values are its decimal strings, formatted with Intl; ranks,
// prize splits, statuses and sentences come from the report as they are.
import { el } from '../../lib/dom.js';
import { formatMoney, formatPercent, formatDecimal, formatCount, isDecimalString } from '../../lib/format.js';

/** A team's label: its name, with "Team" in front unless the name starts with it already. */
const teamLabel = (name) => (/^team\b/i.test(String(name)) ? String(name) : `Team ${name}`);

export const locale = navigator.language || 'en-US';

/**
 * What the page knows besides the report: the definitions and roster as parsed objects, with
 * lookups built once per load.
 * @typedef {{
 *   defs: any, report: any,
 *   reps: Map<string, any>, teamNames: Map<string, string>, teamSizes: Map<string, number>,
 *   kpis: Map<string, any>, badgeDefs: Map<string, any>, levels: string[],
 *   standings: Map<string, any>, badgesBy: Map<string, any[]>,
 * }} Context
 */

/** Builds the lookups of a loaded model. */
export function makeContext(defs, roster, report) {
  const reps = new Map((roster ?? []).map((r) => [r.id, r]));
  const teamSizes = new Map();
  for (const r of roster ?? []) if (r.team) teamSizes.set(r.team, (teamSizes.get(r.team) ?? 0) + 1);
  // The engine's rule for a team's display name (docs/scoring.md): "Team " and the name of the rep
  // with the team's id when there is one.
  const teamNames = new Map([...teamSizes.keys()].map((t) => [t, teamLabel(reps.get(t)?.name ?? t)]));
  const badgeDefs = new Map((defs.badges ?? []).map((b) => [b.id, b]));
  // Keyed by scope and holder: a team's id may also be a rep's (a manager's id names the team).
  const badgesBy = new Map();
  for (const b of report.badges) {
    const key = holderKey(TEAM_BADGES.has(badgeDefs.get(b.badge)?.kind) ? 'team' : 'individual', b.holder);
    if (!badgesBy.has(key)) badgesBy.set(key, []);
    badgesBy.get(key).push(b);
  }
  return {
    defs,
    report,
    reps,
    teamNames,
    teamSizes,
    kpis: new Map((defs.kpis ?? []).map((k) => [k.id, k])),
    badgeDefs,
    levels: (defs.levels ?? []).map((l) => l.name),
    standings: new Map(report.standings.map((s) => [s.id, s])),
    badgesBy,
  };
}

const TEAM_BADGES = new Set(['teamAll', 'teamTotal']);
const holderKey = (scope, id) => `${scope === 'team' ? 't' : 'r'}:${id}`;

/** A rep's or team's display name. */
export function nameOf(ctx, id, scope = 'individual') {
  if (scope === 'team') return ctx.teamNames.get(id) ?? teamLabel(id);
  return ctx.reps.get(id)?.name ?? id;
}

/** The awards of a rep or a team. */
export function awardsOf(ctx, id, scope = 'individual') {
  return ctx.badgesBy.get(holderKey(scope, id)) ?? [];
}

/** Whether an award's holder is a team. */
export const teamAward = (ctx, a) => TEAM_BADGES.has(ctx.badgeDefs.get(a.badge)?.kind);

// -- metrics --------------------------------------------------------------------------------------

/** "points" | "count" | "amount" | "percent" | "score" — how a metric's values read. */
export function metricNature(ctx, metric) {
  const [kind, id] = splitMetric(metric);
  if (kind === 'kpi') {
    const k = ctx.kpis.get(id);
    if (k?.kind === 'ratio' || k?.kind === 'planAttainment') return 'percent';
    if (k?.kind === 'sum' || k?.kind === 'planCredit') return 'amount';
    if (k?.kind === 'points') return 'points';
    return 'count';
  }
  if (kind === 'score') return 'score';
  return kind === 'amount' ? 'amount' : kind === 'count' ? 'count' : 'points';
}

function splitMetric(metric) {
  const i = metric.indexOf(':');
  return i < 0 ? [metric, ''] : [metric.slice(0, i), metric.slice(i + 1)];
}

const plural = (type) => (type.endsWith('y') && !/[aeiou]y$/.test(type) ? `${type.slice(0, -1)}ies` : type.endsWith('s') ? type : `${type}s`);

/** A metric for people: "Points", "Deals (count)", "Deal amount", the KPI's or scorecard's name. */
export function metricLabel(ctx, metric) {
  const [kind, id] = splitMetric(metric);
  const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
  if (kind === 'points') return 'Points';
  if (kind === 'count') return `${cap(plural(id))} (count)`;
  if (kind === 'amount') return `${cap(id)} amount`;
  if (kind === 'kpi') return ctx.kpis.get(id)?.name ?? cap(id);
  if (kind === 'score') {
    const card = (ctx.defs.scorecards ?? []).find((s) => s.id === id);
    return `Score: ${card?.name ?? id}`;
  }
  return metric;
}

/** One of the engine's values of `metric`, formatted. */
export function formatValue(ctx, metric, value) {
  if (value === undefined || value === null) return '—';
  if (!isDecimalString(value)) return String(value);
  switch (metricNature(ctx, metric)) {
    case 'percent': return formatPercent(value, { locale, maximumFractionDigits: 4 });
    case 'amount': return formatDecimal(value, { locale, maximumFractionDigits: 2 });
    case 'score': return formatDecimal(value, { locale, maximumFractionDigits: 6 });
    default: return formatDecimal(value, { locale, maximumFractionDigits: 6 });
  }
}

// -- windows --------------------------------------------------------------------------------------

const monthName = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2026-Q4" → "Q4 2026", "2026-03" → "March 2026", "2026-H1" → "H1 2026", "2026" → "2026". */
export function periodLabel(p) {
  let m = /^(\d{4})-(Q[1-4]|H[12])$/.exec(p);
  if (m) return `${m[2]} ${m[1]}`;
  m = /^(\d{4})-(\d{2})$/.exec(p);
  if (m) return monthName.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
  return p;
}

/** Period labels of every year, half, quarter and month that overlaps [from, to] (ISO dates). */
export function periodsBetween(from, to) {
  const out = [];
  const y0 = Number(from.slice(0, 4));
  const y1 = Number(to.slice(0, 4));
  const pad = (n) => String(n).padStart(2, '0');
  const overlaps = (a, b) => a <= to && b >= from;
  const last = (y, m) => `${y}-${pad(m)}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
  for (let y = y0; y <= y1 && y - y0 < 20; y += 1) {
    const group = { year: y, periods: [] };
    if (overlaps(`${y}-01-01`, `${y}-12-31`)) group.periods.push(String(y));
    for (const h of [1, 2]) if (overlaps(`${y}-${pad(h * 6 - 5)}-01`, last(y, h * 6))) group.periods.push(`${y}-H${h}`);
    for (const q of [1, 2, 3, 4]) if (overlaps(`${y}-${pad(q * 3 - 2)}-01`, last(y, q * 3))) group.periods.push(`${y}-Q${q}`);
    for (let m = 1; m <= 12; m += 1) if (overlaps(`${y}-${pad(m)}-01`, last(y, m))) group.periods.push(`${y}-${pad(m)}`);
    if (group.periods.length) out.push(group);
  }
  return out;
}

/** A window in words. */
export function windowLabel(w) {
  if (!w) return 'all dates';
  if (w.period) return periodLabel(w.period);
  return `${w.from} to ${w.to}`;
}

// -- chips ----------------------------------------------------------------------------------------

const BADGE_ICONS = { points: '★', first: '✦', threshold: '▲', streak: '↯', teamAll: '◉', teamTotal: 'Σ' };

/** A badge as a chip: icon and name; its title is the award's sentence and date. */
export function badgeChip(ctx, award) {
  const def = ctx.badgeDefs.get(award.badge);
  const kind = def?.kind ?? 'points';
  return el('span', { class: `medal medal-${kind}`, title: `${award.sentence} (${award.date})`, 'data-badge': award.badge },
    el('span', { class: 'medal-icon', 'aria-hidden': 'true' }, BADGE_ICONS[kind] ?? '★'),
    el('span', { class: 'medal-name' }, def?.name ?? award.badge));
}

/** The badges of a holder, at most `max` chips and a "+n" chip. */
export function badgeChips(ctx, holder, scope, max = 3) {
  const awards = awardsOf(ctx, holder, scope);
  const box = el('span', { class: 'medals' });
  for (const a of awards.slice(0, max)) box.append(badgeChip(ctx, a));
  if (awards.length > max) {
    const rest = awards.slice(max);
    box.append(el('span', { class: 'medal medal-more', title: rest.map((a) => `${ctx.badgeDefs.get(a.badge)?.name ?? a.badge}: ${a.sentence}`).join('\n') }, `+${rest.length}`,
      el('span', { class: 'visually-hidden' }, ` more badges: ${rest.map((a) => ctx.badgeDefs.get(a.badge)?.name ?? a.badge).join(', ')}`)));
  }
  return box;
}

/** A level as a chip coloured by its place in the declared levels. */
export function levelChip(ctx, level) {
  if (!level) return el('span', { class: 'muted' }, '—');
  const i = Math.max(0, ctx.levels.indexOf(level));
  const tier = ctx.levels.length <= 1 ? 0 : Math.round((i / (ctx.levels.length - 1)) * 3);
  return el('span', { class: `level level-${tier}` }, level);
}

const STATUS = { done: 'Done', onTrack: 'On track', atRisk: 'At risk', missed: 'Missed' };
export const statusChip = (status) => el('span', { class: `goal-status status-${status}` }, STATUS[status] ?? status);

// -- panels ---------------------------------------------------------------------------------------

/** A rank as shown: "2=" when tied with a neighbour. */
export function rankText(entries, i) {
  const r = entries[i].rank;
  if (r === undefined || r === null) return '—';
  const tied = (i > 0 && entries[i - 1].rank === r) || (i + 1 < entries.length && entries[i + 1].rank === r);
  return tied ? `${r}=` : String(r);
}

/** The contests panel. */
export function renderContests(ctx, box, onOpen) {
  const contests = ctx.report.contests;
  if (contests.length === 0) {
    box.replaceChildren(el('p', { class: 'empty' }, 'The definitions declare no contests.'));
    return;
  }
  box.replaceChildren(...contests.map((c) => {
    const def = (ctx.defs.contests ?? []).find((d) => d.id === c.id) ?? {};
    const currency = def.currency ?? c.awards[0]?.currency ?? 'USD';
    const money = (v) => formatMoney(v, currency, { locale });
    const places = (def.prizes ?? []).length;
    const awards = new Map();
    for (const a of c.awards) awards.set(a.payeeId, a);
    const entries = c.standings.entries;
    // Every winner, then the next places (at most five places deep, ten rows in all).
    const shown = [];
    entries.forEach((e, i) => {
      if (e.rank === undefined) return;
      if (awards.has(e.id) || (e.rank <= Math.max(places, 5) && shown.length < Math.max(10, awards.size))) shown.push(i);
    });
    const rows = shown.map((i) => {
      const e = entries[i];
      const a = awards.get(e.id);
      const prefix = `${def.name ?? c.id}: `;
      const reason = a ? (a.reason.startsWith(prefix) ? a.reason.slice(prefix.length) : a.reason) : '';
      return el('tr', { 'data-id': e.id, class: a ? 'winner' : null },
        el('td', { class: 'num' }, rankText(entries, i)),
        el('th', { scope: 'row' }, el('button', { type: 'button', class: 'name-button', 'data-open': e.id }, e.name)),
        el('td', { class: 'num' }, formatValue(ctx, c.standings.metric, e.value)),
        el('td', { class: 'num prize' }, a ? money(a.amount) : '—', reason ? el('span', { class: 'sub' }, reason) : null));
    });
    for (const u of c.unclaimed) {
      rows.push(el('tr', { class: 'unclaimed', 'data-place': String(u.place) },
        el('td', { class: 'num' }, String(u.place)),
        el('th', { scope: 'row' }, el('span', { class: 'muted' }, 'Unclaimed')),
        el('td', { class: 'num' }, '—'),
        el('td', { class: 'num prize' }, money(u.amount), el('span', { class: 'sub' }, 'not paid'))));
    }
    const ranked = entries.filter((e) => e.rank !== undefined).length;
    const more = ranked - shown.length;
    const table = el('table', { class: 'data-table contest-table' },
      el('caption', { class: 'visually-hidden' }, `${def.name ?? c.id}: standings and prizes`),
      el('thead', null, el('tr', null,
        el('th', { scope: 'col', class: 'num' }, 'Place'), el('th', { scope: 'col' }, 'Name'),
        el('th', { scope: 'col', class: 'num' }, metricLabel(ctx, c.standings.metric)), el('th', { scope: 'col', class: 'num' }, 'Prize'))),
      el('tbody', null, ...rows));
    table.addEventListener('click', (ev) => {
      const b = /** @type {HTMLElement} */ (ev.target).closest('[data-open]');
      if (b) onOpen(b.getAttribute('data-open'), 'individual', b);
    });
    return el('article', { class: 'contest', 'data-contest': c.id },
      el('div', { class: 'contest-head' },
        el('h3', null, def.name ?? c.id),
        el('span', { class: 'contest-total' }, `${money(c.paid)} paid of ${money(c.tableTotal)}`)),
      el('p', { class: 'hint' }, `${metricLabel(ctx, c.standings.metric)} · ${c.standings.from} to ${c.standings.to} · ${formatCount(ranked, { locale })} ranked${more > 0 ? `, ${formatCount(more, { locale })} more not shown` : ''}`),
      el('div', { class: 'table-wrap' }, table),
      el('ul', { class: 'sentences' }, ...c.sentences.map((s) => el('li', null, s))));
  }));
}

/** One goal: name, status, owner, due date, a progress bar with the pace marker, the sentence. */
export function goalItem(ctx, g) {
  const def = (ctx.defs.goals ?? []).find((d) => d.id === g.id) ?? {};
  const ratio = clamp01(Number(g.progress));
  const pace = clamp01(Number(g.elapsed));
  const bar = el('span', { class: `progress-bar status-${g.status}` });
  bar.style.width = `${(ratio * 100).toFixed(2)}%`;
  const marker = el('span', { class: 'pace', title: `pace: ${formatPercent(g.elapsed, { locale, maximumFractionDigits: 1 })} of the time gone` });
  marker.style.left = `${(pace * 100).toFixed(2)}%`;
  const pct = formatPercent(g.progress, { locale, maximumFractionDigits: 1 });
  const progress = el('div', {
    class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100',
    'aria-valuenow': String(Math.round(ratio * 100)), 'aria-valuetext': `${pct} of the target`, 'aria-label': `${def.name ?? g.id}: progress`,
  }, bar, marker);
  return el('li', { class: 'goal', 'data-goal': g.id, 'data-status': g.status },
    el('div', { class: 'goal-head' }, el('strong', null, def.name ?? g.id), statusChip(g.status)),
    el('p', { class: 'goal-meta' },
      `${nameOf(ctx, g.owner, def.ownerKind === 'team' ? 'team' : 'individual')} · ${formatValue(ctx, def.metric ?? 'points', g.value)} of ${formatValue(ctx, def.metric ?? 'points', g.target)} (${pct}) · due ${def.due ?? '—'}`,
      g.completed ? ` · done on ${g.completed}` : ''),
    progress,
    el('p', { class: 'goal-sentence' }, g.sentence));
}

const clamp01 = (x) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/** The goals panel. */
export function renderGoals(ctx, box) {
  const goals = ctx.report.goals;
  box.replaceChildren(goals.length
    ? el('ul', { class: 'goals' }, ...goals.map((g) => goalItem(ctx, g)))
    : el('p', { class: 'empty' }, 'The definitions declare no goals.'));
}

/** The latest badges first (dates compare as ISO strings), at most `max`. */
export function renderFeed(ctx, box, max = 12) {
  const latest = [...ctx.report.badges].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0)).slice(0, max);
  box.replaceChildren(...(latest.length ? latest.map((a) => el('li', { class: 'feed-item', 'data-holder': a.holder },
    el('time', { datetime: a.date }, a.date),
    el('span', { class: 'feed-main' }, badgeChip(ctx, a), ' ', el('strong', null, nameOf(ctx, a.holder, teamAward(ctx, a) ? 'team' : 'individual'))),
    el('span', { class: 'feed-sentence' }, a.sentence))) : [el('li', { class: 'empty' }, 'No badges earned yet.')]));
}

// -- the scorecard drawer -------------------------------------------------------------------------

/** How a scorecard line is normalized, in words: "target 0.5, cap 1.5", "percentile", "min–max". */
function normalizeText(spec) {
  const how = { target: 'target', minMax: 'min–max', percentile: 'percentile' }[spec.normalize] ?? spec.normalize ?? '';
  const target = spec.normalize === 'target' && spec.target ? ` ${formatDecimal(spec.target, { locale })}` : '';
  const cap = spec.cap ? `, cap ${formatDecimal(spec.cap, { locale })}` : '';
  return `${how}${target}${cap}`;
}

const fact = (label, value, sub) => el('div', null, el('dt', null, label), el('dd', null, value, sub ? el('span', { class: 'sub' }, sub) : null));

/**
 * The drawer's content for a rep or a team.
 * @param {Context} ctx @param {string} id @param {'individual' | 'team'} scope
 * @param {{ rank: string, reason?: string, value: string, metric: string } | null} onBoard
 */
export function scorecardContent(ctx, id, scope, onBoard) {
  const parts = [];
  const facts = el('dl', { class: 'facts drawer-facts' });
  if (scope === 'individual') {
    const s = ctx.standings.get(id);
    facts.append(
      fact('Points to date', s ? formatDecimal(s.points, { locale }) : '—', `as of ${ctx.report.asOf}`),
      fact('Level', s?.level ? levelChip(ctx, s.level) : '—'),
      fact('Next level', s?.nextLevel ?? '—', s?.toNext ? `${formatDecimal(s.toNext, { locale })} points to go` : s?.level ? 'the top level' : null),
    );
  } else {
    facts.append(fact('Members', formatCount(ctx.teamSizes.get(id) ?? 0, { locale })));
  }
  if (onBoard) facts.append(fact('On this board', onBoard.reason ? 'Not ranked' : `Rank ${onBoard.rank}`, onBoard.reason ?? `${metricLabel(ctx, onBoard.metric)}: ${onBoard.value}`));
  parts.push(facts);

  for (const card of ctx.report.scorecards) {
    const cardDef = (ctx.defs.scorecards ?? []).find((c) => c.id === card.id) ?? { kpis: [] };
    const title = `${cardDef.name ?? card.id} · ${card.from} to ${card.to}`;
    if (scope === 'team') {
      const line = card.teams.find((t) => t.id === id);
      parts.push(el('h3', null, 'Scorecard'), el('p', { class: 'hint' }, title),
        el('p', { class: 'score-line' }, 'Team score ', el('strong', null, line ? formatDecimal(line.score, { locale }) : '—'), ` (${cardDef.team ?? 'mean'} of the members' scores)`));
      continue;
    }
    const line = card.reps.find((r) => r.id === id);
    if (!line) continue;
    const rows = (line.kpis ?? []).map((k, i) => {
      const spec = cardDef.kpis[i]?.metric === k.metric ? cardDef.kpis[i] : cardDef.kpis.find((x) => x.metric === k.metric) ?? {};
      return el('tr', { 'data-metric': k.metric },
        el('th', { scope: 'row' }, metricLabel(ctx, k.metric), el('span', { class: 'sub' }, normalizeText(spec))),
        el('td', { class: 'num' }, formatValue(ctx, k.metric, k.value)),
        el('td', { class: 'num' }, formatDecimal(k.normalized, { locale })),
        el('td', { class: 'num' }, spec.weight ? formatDecimal(spec.weight, { locale }) : '—'),
        el('td', { class: 'num' }, formatDecimal(k.weighted, { locale })));
    });
    parts.push(el('h3', null, 'Scorecard'), el('div', { class: 'table-wrap' }, el('table', { class: 'data-table scorecard', 'data-scorecard': card.id },
      el('caption', null, title),
      el('thead', null, el('tr', null, el('th', { scope: 'col' }, 'KPI'), el('th', { scope: 'col', class: 'num' }, 'Value'),
        el('th', { scope: 'col', class: 'num' }, el('abbr', { title: 'Normalized' }, 'Norm.')), el('th', { scope: 'col', class: 'num' }, 'Weight'), el('th', { scope: 'col', class: 'num' }, 'Weighted'))),
      el('tbody', null, ...rows),
      el('tfoot', null, el('tr', null, el('th', { scope: 'row', colspan: '4' }, 'Score'), el('td', { class: 'num score' }, formatDecimal(line.score, { locale })))))));
  }

  const awards = awardsOf(ctx, id, scope);
  parts.push(el('h3', null, `Badges (${awards.length})`));
  parts.push(awards.length
    ? el('ul', { class: 'drawer-badges' }, ...awards.map((a) => el('li', { 'data-badge': a.badge }, badgeChip(ctx, a), el('time', { datetime: a.date }, a.date), el('span', { class: 'feed-sentence' }, a.sentence))))
    : el('p', { class: 'empty' }, 'None yet.'));

  const team = scope === 'individual' ? ctx.reps.get(id)?.team : null;
  const goalDefs = new Map((ctx.defs.goals ?? []).map((g) => [g.id, g]));
  const goals = ctx.report.goals.filter((g) => {
    const teamGoal = goalDefs.get(g.id)?.ownerKind === 'team';
    return scope === 'team' ? teamGoal && g.owner === id : (!teamGoal && g.owner === id) || (teamGoal && team && g.owner === team);
  });
  parts.push(el('h3', null, `Goals (${goals.length})`));
  parts.push(goals.length ? el('ul', { class: 'goals' }, ...goals.map((g) => goalItem(ctx, g))) : el('p', { class: 'empty' }, 'No goals for them.'));
  return parts;
}
