// TEMPORARY SHIM (issue 20) — DELETE AT MERGE.
//
// The workspace store (www/lib/workspace.js) and the Company page code against engine functions
// that other branches are adding to www/lib/engine.js: sampleWorkspace, readWorkspace, xlsxSheets,
// guessPreset, previewCsv, importDealsCsv, importReportCsv, mergePeople, mergeDeals,
// xlsxFromTables, and an importCsv whose report has `lines`. Each export below is the engine's
// own function when engine.js has it, and otherwise a minimal stand-in written over the engine
// functions this build has (sampleDataset, importCsv, importPresets). Nothing else imports this
// file: workspace.js re-exports these names, so at merge only its one import line changes
// (`from './workspace-shim.js'` → `from './engine.js'`) and this file goes.
//
// The stand-ins do no money arithmetic: amounts are copied as the strings the engine gave.
import * as engine from './engine.js';

/** An SpmError-shaped error (name, code, diagnostics), as the engine throws. */
function spmError(code, message, path = '', hint = '') {
  const err = new Error(message);
  err.name = 'SpmError';
  err.code = code;
  err.diagnostics = [{ path, code, severity: 'error', message, hint }];
  return err;
}

const asObject = (v) => (typeof v === 'string' ? JSON.parse(v) : v);

// ---------------------------------------------------------------------------------------------
// Workspace files.

/** The legacy sample shape (sampleDataset) as a version-1 workspace object. */
function workspaceFromSample(s) {
  const payees = asObject(s.payees) ?? [];
  const plans = (asObject(s.plans) ?? []).map((p) => asObject(p));
  return {
    format: 'spm-workspace',
    schemaVersion: 1,
    name: s.company ?? 'Sample company',
    people: payees,
    plans: plans.map((p) => ({ id: p.id, active: 1, versions: [{ version: 1, savedAt: null, note: null, plan: p }] })),
    dealsCsv: s.transactionsCsv ?? '',
    eventsCsv: s.eventsCsv ?? '',
    ratesCsv: s.ratesCsv ?? '',
    accounts: [],
    territories: [],
    scoringDefinitions: null,
    activityCsv: '',
    settings: { currency: null, mappings: [] },
  };
}

/** @returns {string} JSON text of the sample company as a workspace file. */
export const sampleWorkspace = engine.sampleWorkspace ?? function sampleWorkspace() {
  return JSON.stringify(workspaceFromSample(engine.sampleDataset()));
};

/**
 * Reads a workspace file (or the legacy sample shape), migrated to version 1.
 * @param {string} text
 * @returns {string} JSON text `{ workspace, warnings }`
 */
export const readWorkspace = engine.readWorkspace ?? function readWorkspace(text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw spmError('JSON_INVALID', `the file is not JSON: ${err.message}`, '', 'choose a file exported from the Company page');
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw spmError('WRONG_TYPE', 'a workspace file is a JSON object', '', 'choose a file exported from the Company page');
  }
  const warnings = [];
  let ws;
  if (doc.format === 'spm-workspace') {
    if (doc.schemaVersion !== 1) {
      throw spmError('UNSUPPORTED_VERSION', `schemaVersion ${JSON.stringify(doc.schemaVersion)} is not one this engine reads (1)`, 'schemaVersion', 'update the app');
    }
    ws = doc;
  } else if (Array.isArray(doc.payees) && (typeof doc.transactionsCsv === 'string' || Array.isArray(doc.plans))) {
    ws = workspaceFromSample(doc);
    warnings.push({ path: '', code: 'MIGRATED', severity: 'warning', message: 'the file has the older sample layout (company, payees, plans, transactionsCsv); it was read as a version-1 workspace', hint: 'export it again to save it in the current format' });
  } else {
    throw spmError('MISSING_FIELD', 'the file is not a workspace: it has no "format": "spm-workspace"', 'format', 'choose a file exported from the Company page');
  }
  const out = {
    format: 'spm-workspace',
    schemaVersion: 1,
    name: typeof ws.name === 'string' && ws.name.trim() ? ws.name : 'Imported workspace',
    people: Array.isArray(ws.people) ? ws.people : [],
    plans: Array.isArray(ws.plans) ? ws.plans : [],
    dealsCsv: typeof ws.dealsCsv === 'string' ? ws.dealsCsv : '',
    eventsCsv: typeof ws.eventsCsv === 'string' ? ws.eventsCsv : '',
    ratesCsv: typeof ws.ratesCsv === 'string' ? ws.ratesCsv : '',
    accounts: Array.isArray(ws.accounts) ? ws.accounts : [],
    territories: Array.isArray(ws.territories) ? ws.territories : [],
    scoringDefinitions: ws.scoringDefinitions ?? null,
    activityCsv: typeof ws.activityCsv === 'string' ? ws.activityCsv : '',
    settings: { currency: null, mappings: [], ...(ws.settings && typeof ws.settings === 'object' ? ws.settings : {}) },
  };
  for (const key of ['people', 'plans', 'accounts', 'territories']) {
    if (ws[key] !== undefined && !Array.isArray(ws[key])) {
      warnings.push({ path: key, code: 'WRONG_TYPE', severity: 'warning', message: `${key} is not a list; it was left empty`, hint: '' });
    }
  }
  return JSON.stringify({ workspace: out, warnings });
};

// ---------------------------------------------------------------------------------------------
// CSV helpers of the stand-ins (text only; no arithmetic on amounts).

function detectDelimiter(headerLine) {
  let best = ',';
  let bestCount = headerLine.split(',').length;
  for (const d of ['\t', ';', '|']) {
    const n = headerLine.split(d).length;
    if (n > bestCount) { best = d; bestCount = n; }
  }
  return best;
}

/** Parses CSV text (RFC 4180 quotes) into rows of fields; at most `limit` rows. */
function parseCsv(text, delimiter = ',', limit = Infinity) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (!(row.length === 1 && row[0] === '')) rows.push(row);
      row = [];
      if (rows.length >= limit) return rows;
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

function csvCell(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A report cell safe to open in a spreadsheet: text starting with = + - @ is prefixed with '. */
function safeCell(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return csvCell(/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
}

const csvLine = (fields) => fields.map(csvCell).join(',');

// ---------------------------------------------------------------------------------------------
// Import.

/** The existing report `{ rows, imported, rejected, skipped: [{row, reason}], problems: Diagnostic[] }` with `lines`. */
function withLines(report) {
  if (Array.isArray(report.lines)) return report;
  const lines = [];
  const rejectedRows = new Set();
  for (const d of report.problems ?? []) {
    const m = /^row (\d+)(?:, column "((?:[^"\\]|\\.)*)")?/.exec(d.path ?? '');
    const line = m ? Number(m[1]) : null;
    const status = d.severity === 'error' ? 'rejected' : 'warning';
    if (status === 'rejected' && line !== null) {
      if (rejectedRows.has(line)) continue; // one line per rejected row: its first reason
      rejectedRows.add(line);
    }
    lines.push({ line, status, column: m?.[2] ?? null, code: d.code, reason: d.hint ? `${d.message} (${d.hint})` : d.message });
  }
  for (const s of Array.isArray(report.skipped) ? report.skipped : []) {
    lines.push({ line: s.row, status: 'skipped', column: null, code: 'SKIPPED', reason: s.reason });
  }
  lines.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { ...report, lines };
}

/**
 * @param {'transactions' | 'payees' | 'hierarchy' | 'quotas'} kind
 * @returns {{ records: any[], report: object }}
 */
export const importCsv = function importCsv(kind, csv, mapping, payees) {
  const out = asObject(engine.importCsv(kind, csv, mapping, payees));
  return { records: out.records, report: withLines(out.report) };
};

/** @returns {Array<{ name, kind, description, mapping }>} */
export const importPresets = function importPresets() {
  return asObject(engine.importPresets());
};

/**
 * The presets that fit a header line, best first: the share of a preset's required columns the
 * header has; the project's own presets ("spm…") first on a tie.
 * @param {string} headerLine
 * @param {string} [kind]
 * @returns {Array<{ name, kind, score, matched: string[], missing: string[] }>}
 */
export const guessPreset = engine.guessPreset ?? function guessPreset(headerLine, kind) {
  const header = new Set((parseCsv(headerLine, detectDelimiter(headerLine), 1)[0] ?? []).map((h) => h.trim().toLowerCase()));
  const out = [];
  for (const p of importPresets()) {
    if (kind && p.kind !== kind) continue;
    const optional = new Set(p.mapping.optional ?? []);
    const matched = [];
    const missing = [];
    for (const [field, col] of Object.entries(p.mapping.columns ?? {})) {
      const names = Array.isArray(col) ? col : [col];
      const found = names.find((n) => header.has(String(n).toLowerCase()));
      if (found) matched.push(found);
      else if (!optional.has(field)) missing.push(names[0]);
    }
    if (p.mapping.include?.column) {
      if (header.has(p.mapping.include.column.toLowerCase())) matched.push(p.mapping.include.column);
      else missing.push(p.mapping.include.column);
    }
    const score = matched.length === 0 ? 0 : matched.length / (matched.length + missing.length);
    out.push({ name: p.name, kind: p.kind, score, matched, missing });
  }
  const own = (n) => (n.startsWith('spm') ? 0 : 1);
  out.sort((a, b) => (a.missing.length === 0) !== (b.missing.length === 0) ? (a.missing.length === 0 ? -1 : 1)
    : b.score - a.score || own(a.name) - own(b.name) || b.matched.length - a.matched.length);
  return out;
};

/**
 * The first `rows` rows of a CSV text.
 * @returns {{ delimiter: string, header: string[], rows: string[][] }}
 */
export const previewCsv = engine.previewCsv ?? function previewCsv(text, rows = 10) {
  const first = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length);
  const delimiter = detectDelimiter(first);
  const all = parseCsv(text.slice(0, 1 << 20), delimiter, rows + 1);
  return { delimiter, header: all[0] ?? [], rows: all.slice(1) };
};

/** TransactionSpec records as the engine's transactions CSV. */
function dealsToCsv(records) {
  const base = ['id', 'date', 'payeeId', 'amount', 'currency', 'units', 'margin', 'product', 'type', 'customer', 'territory', 'account', 'splits'];
  const used = base.filter((k) => ['id', 'date', 'amount'].includes(k) || records.some((r) => r[k] !== undefined && r[k] !== null));
  const attrs = [...new Set(records.flatMap((r) => (r.attributes ?? []).map((a) => a.name)))];
  const lines = [csvLine([...used, ...attrs.map((a) => `attr.${a}`)])];
  for (const r of records) {
    const attrMap = new Map((r.attributes ?? []).map((a) => [a.name, a.value]));
    lines.push(csvLine([
      ...used.map((k) => k === 'splits'
        ? (r.splits ?? []).map((s) => `${s.payeeId}:${s.share}${s.overlay ? ':overlay' : ''}`).join(';')
        : r[k]),
      ...attrs.map((a) => attrMap.get(a)),
    ]));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A CRM or own-format deals export read with a mapping, as the engine's transactions CSV.
 * @returns {{ csv: string, report: object }}
 */
export const importDealsCsv = engine.importDealsCsv ?? function importDealsCsv(csv, mapping, payees) {
  const { records, report } = importCsv('transactions', csv, mapping, payees);
  return { csv: dealsToCsv(records), report };
};

/** The report's lines as CSV (line,status,column,code,reason), formula-safe. */
export const importReportCsv = engine.importReportCsv ?? function importReportCsv(report) {
  const r = asObject(report);
  const lines = ['line,status,column,code,reason'];
  for (const l of r.lines ?? []) lines.push([l.line, l.status, l.column, l.code, l.reason].map(safeCell).join(','));
  return `${lines.join('\n')}\n`;
};

/**
 * People merged by id: an incoming person replaces the fields it has.
 * @returns {{ people: any[], changes: { added: number, updated: Array<{ id, fields: string[] }>, unchanged: number } }}
 */
export const mergePeople = engine.mergePeople ?? function mergePeople(existing, incoming) {
  const people = (asObject(existing) ?? []).map((p) => ({ ...p }));
  const index = new Map(people.map((p, i) => [p.id, i]));
  const changes = { added: 0, updated: [], unchanged: 0 };
  for (const p of asObject(incoming) ?? []) {
    const at = index.get(p.id);
    if (at === undefined) {
      index.set(p.id, people.length);
      people.push(p);
      changes.added++;
      continue;
    }
    const old = people[at];
    const fields = Object.keys(p).filter((k) => JSON.stringify(old[k]) !== JSON.stringify(p[k]));
    if (fields.length) {
      people[at] = { ...old, ...p };
      changes.updated.push({ id: p.id, fields });
    } else changes.unchanged++;
  }
  return { people, changes };
};

/**
 * Deals (transactions CSV) merged by id: an incoming row replaces the row with its id.
 * @returns {{ csv: string, changes: { added: number, updated: number, unchanged: number } }}
 */
export const mergeDeals = engine.mergeDeals ?? function mergeDeals(existingCsv, incomingCsv) {
  const a = parseCsv(existingCsv ?? '');
  const b = parseCsv(incomingCsv ?? '');
  const changes = { added: 0, updated: 0, unchanged: 0 };
  if (a.length === 0) return { csv: incomingCsv, changes: { ...changes, added: Math.max(0, b.length - 1) } };
  if (b.length === 0) return { csv: existingCsv, changes };
  const header = [...a[0]];
  for (const h of b[0]) if (!header.includes(h)) header.push(h);
  const remap = (hdr, row) => header.map((h) => { const i = hdr.indexOf(h); return i >= 0 ? (row[i] ?? '') : ''; });
  const idA = a[0].indexOf('id');
  const rows = a.slice(1).map((r) => remap(a[0], r));
  const index = new Map(a.slice(1).map((r, i) => [r[idA], i]));
  const idB = b[0].indexOf('id');
  for (const r of b.slice(1)) {
    const row = remap(b[0], r);
    const at = index.get(r[idB]);
    if (at === undefined) {
      index.set(r[idB], rows.length);
      rows.push(row);
      changes.added++;
    } else if (rows[at].join('\u0000') === row.join('\u0000')) changes.unchanged++;
    else { rows[at] = row; changes.updated++; }
  }
  return { csv: `${[header, ...rows].map(csvLine).join('\n')}\n`, changes };
};

/** The sheets of an .xlsx file as CSV: needs the engine's reader (not in this build). */
export const xlsxSheets = engine.xlsxSheets ?? function xlsxSheets() {
  throw spmError('UNSUPPORTED', 'this build of the engine cannot read .xlsx files yet', '', 'save the sheet as CSV and import that');
};

/** Tables as an .xlsx file: needs the engine's writer (not in this build). */
export const xlsxFromTables = engine.xlsxFromTables ?? function xlsxFromTables() {
  throw spmError('UNSUPPORTED', 'this build of the engine cannot write .xlsx files yet', '', 'download the CSV instead');
};
