// The CRM import through JS (www/lib/engine.js over the wasm package): a Salesforce export read
// with its preset and owner names matched to payees, the row report, the presets, errors thrown
// as SpmErrors, and the records loading into a Dataset that computes.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadEngine, repoRoot } from './helpers.mjs';

/** @type {typeof import('../../www/lib/engine.js')} */
let engine;

before(async () => {
  engine = await loadEngine();
});

/** The CSV of a golden import file (tests/golden/import/<name>.json, its lines joined). */
const crm = (name) =>
  JSON.parse(readFileSync(path.join(repoRoot, 'tests/golden/import', name.replace(/\.csv$/, '.json')), 'utf8')).input.csv.join('');

const PAYEES_MAPPING = {
  columns: {
    id: 'Employee ID',
    name: 'Full Name',
    role: 'Title',
    managerId: 'Manager ID',
    hireDate: 'Start Date',
    currency: 'Currency',
    targetIncentive: 'Annual Target',
  },
  dateFormat: 'MM/DD/YYYY',
};

function thrown(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected a throw');
}

describe('importCsv', () => {
  test('payees, then a Salesforce opportunities export matched by owner name', () => {
    const payees = engine.importCsv('payees', crm('payees.csv'), PAYEES_MAPPING);
    assert.equal(payees.report.rows, 4);
    assert.equal(payees.records[0].targetIncentive, '60000.00');
    assert.equal(payees.records[0].hireDate, '2024-01-15');

    const { records, report } = engine.importCsv(
      'transactions',
      crm('salesforce_opportunities.csv'),
      { preset: 'salesforce-opportunities' },
      payees.records,
    );
    assert.deepEqual(
      records.map((t) => [t.id, t.date, t.payeeId, t.amount]),
      [
        ['0065g00000AbCdEAA1', '2026-01-15', 'dana', '12500.00'],
        ['0065g00000AbCdFAA1', '2026-02-27', 'marcus', '48000.00'],
        ['0065g00000AbCdHAA1', '2026-03-31', 'priya', '7250.50'],
        ['0065g00000AbCdIAA1', '2026-03-31', 'marcus', '-1200.00'],
      ],
    );
    assert.equal(report.rows, report.imported + report.skipped.length + report.rejected);
    assert.deepEqual(report.skipped[0], { row: 4, reason: '"Stage" is "Closed Lost", not one of "Closed Won"' });
    assert.deepEqual(report.problems, []);

    // The same mapping and payees as JSON text give the same result.
    const again = engine.importCsv(
      'transactions',
      crm('salesforce_opportunities.csv'),
      JSON.stringify({ preset: 'salesforce-opportunities' }),
      JSON.stringify(payees.records),
    );
    assert.deepEqual(again.records, records);

    const plan = {
      schemaVersion: 1,
      id: 'crm',
      name: 'CRM import',
      currency: 'USD',
      period: 'month',
      rounding: { mode: 'halfUp', at: 'component' },
      components: [
        {
          id: 'revenue',
          name: 'Revenue',
          kind: 'commission',
          rateTable: {
            mode: 'marginal',
            base: 'amount',
            evaluation: 'running',
            tiers: [{ from: '0', to: null, rate: '0.10' }],
          },
        },
      ],
    };
    const data = engine.loadDatasetJson({ transactions: records, payees: payees.records });
    const pe = engine.compilePlan(plan);
    try {
      // 10% of 12,500 + 48,000 + 7,250.50 − 1,200.
      assert.equal(pe.payout(data).totals.payout, '6655.05');
    } finally {
      pe.free();
      data.free();
    }
  });

  test('bad rows are reported with row and column', () => {
    const payees = engine.importCsv('payees', crm('payees.csv'), PAYEES_MAPPING).records;
    const { records, report } = engine.importCsv(
      'transactions',
      crm('malformed_rows.csv'),
      { preset: 'salesforce-opportunities' },
      payees,
    );
    assert.deepEqual(records.map((t) => t.id), ['OPP-1']);
    assert.deepEqual(
      report.problems.map((d) => [d.path, d.code, d.severity]),
      [
        ['row 3, column "Amount"', 'DECIMAL_INVALID', 'error'],
        ['row 4, column "Close Date"', 'DATE_INVALID', 'error'],
        ['row 5, column "Opportunity ID"', 'ID_INVALID', 'error'],
        ['row 6, column "Opportunity Owner"', 'UNKNOWN_REFERENCE', 'error'],
        ['row 7, column "Opportunity Currency"', 'CURRENCY_UNKNOWN', 'error'],
        ['row 8', 'CSV_INVALID', 'error'],
        ['row 9, column "Opportunity ID"', 'ID_INVALID', 'error'],
      ],
    );
    assert.equal(report.rejected, 7);
  });

  test('whole-file problems throw an SpmError', () => {
    const err = thrown(() =>
      engine.importCsv('transactions', crm('malformed_missing_column.csv'), { preset: 'salesforce-opportunities' }, []),
    );
    assert.ok(err instanceof Error);
    assert.equal(err.name, 'SpmError');
    assert.equal(err.code, 'MISSING_FIELD');
    assert.equal(err.diagnostics[0].path, 'row 1');
    assert.match(err.diagnostics[0].hint, /did you mean "Closed Date"/);
    const kind = thrown(() => engine.importCsv('deals', 'a\n', {}));
    assert.equal(kind.code, 'WRONG_TYPE');
    const mapping = thrown(() => engine.importCsv('transactions', 'a\n', { colums: {} }));
    assert.equal(mapping.code, 'UNKNOWN_FIELD');
  });

  test('importPresets lists every ready-made mapping', () => {
    const presets = engine.importPresets();
    const names = presets.map((p) => p.name);
    for (const name of ['salesforce-opportunities', 'salesforce-opportunity-splits', 'hubspot-deals', 'dynamics-opportunities', 'pipedrive-deals', 'spm']) {
      assert.ok(names.includes(name), `${name} in ${names}`);
    }
    const hubspot = presets.find((p) => p.name === 'hubspot-deals');
    assert.equal(hubspot.kind, 'transactions');
    assert.deepEqual(hubspot.mapping.include, { column: 'Deal Stage', values: ['Closed Won'] });
  });
});
