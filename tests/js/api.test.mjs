// The JS API (www/lib/engine.js over the wasm package): sample data, validation and errors as
// JS sees them, and the payout golden files' data given as objects or as text.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { loadEngine, repoRoot } from './helpers.mjs';

/** @type {typeof import('../../www/lib/engine.js')} */
let engine;

before(async () => {
  engine = await loadEngine();
});

const clone = (v) => structuredClone(v);

/** Asserts `err` is an SpmError as the contract describes, and returns it. */
function assertSpmError(err, code) {
  assert.ok(err instanceof Error, `expected an Error, got ${Object.prototype.toString.call(err)}`);
  assert.equal(err.name, 'SpmError');
  assert.equal(typeof err.code, 'string');
  assert.ok(err.code.length > 0);
  assert.ok(Array.isArray(err.diagnostics), 'err.diagnostics is an array');
  if (code !== undefined) {
    const codes = [err.code, ...err.diagnostics.map((d) => d.code)];
    assert.ok(codes.includes(code), `expected code ${code} in ${JSON.stringify(codes)}`);
  }
  return err;
}

function thrown(fn) {
  try {
    fn();
  } catch (err) {
    return err;
  }
  assert.fail('expected a throw');
}

const errors = (diagnostics) => diagnostics.filter((d) => d.severity === 'error');

describe('engine basics', () => {
  test('init is idempotent and version matches Cargo.toml', async () => {
    await engine.init(readFileSync(path.join(repoRoot, 'pkg/app/spm_engine_bg.wasm')));
    await engine.init();
    const cargo = readFileSync(path.join(repoRoot, 'Cargo.toml'), 'utf8');
    const expected = /^version\s*=\s*"([^"]+)"/m.exec(cargo)?.[1];
    assert.equal(engine.version(), expected);
  });

  test('sampleDataset has two plans, about 50 payees and about 20,000 transactions', () => {
    const sample = engine.sampleDataset();
    assert.equal(typeof sample.company, 'string');
    assert.equal(sample.plans.length, 2);
    assert.ok(sample.payees.length >= 40 && sample.payees.length <= 60, `${sample.payees.length} payees`);
    const lines = sample.transactionsCsv.split(/\r?\n/).filter((l) => l.trim() !== '');
    assert.equal(lines[0].trim(), 'id,date,payeeId,amount,product,type,customer,attr.termMonths');
    assert.equal(sample.eventsCsv.split('\n')[0], 'transactionId,kind,date,amount');
    assert.equal(sample.ratesCsv.split('\n')[0], 'from,to,date,rate');
    const count = lines.length - 1;
    assert.ok(count >= 15_000 && count <= 25_000, `${count} transaction lines`);

    const data = engine.loadDataset(sample);
    try {
      assert.equal(data.transactionCount, count);
      assert.equal(data.payeeCount, sample.payees.length);
    } finally {
      data.free();
    }
    for (const plan of sample.plans) {
      assert.deepEqual(errors(engine.validatePlan(plan)), [], `sample plan ${plan.id} is valid`);
    }
    const avery = sample.payees.find((p) => p.id === 'r001');
    assert.ok(avery, 'the showcase rep r001 is in the sample');
    assert.equal(avery.name, 'Avery Quinn');
  });

  test('the sample computes for both plans, deterministically', () => {
    const sample = engine.sampleDataset();
    const data = engine.loadDataset(sample);
    try {
      for (const plan of sample.plans) {
        const pe = engine.compilePlan(plan);
        try {
          assert.equal(pe.id, plan.id);
          assert.equal(pe.name, plan.name);
          assert.equal(pe.currency, plan.currency);
          const report = pe.payout(data);
          assert.equal(report.planId, plan.id);
          assert.equal(report.currency, plan.currency);
          assert.ok(report.periods.length > 0);
          assert.ok(report.statements.length > 0);
          assert.match(report.totals.payout, /^-?\d+(\.\d+)?$/);
          assert.equal(report.totals.byPayee.length > 0, true);
          // Same input, same output, byte for byte.
          assert.equal(JSON.stringify(pe.payout(data)), JSON.stringify(report));
          // The plan given as JSON text compiles to the same engine.
          const fromText = engine.compilePlan(JSON.stringify(plan));
          try {
            assert.equal(JSON.stringify(fromText.payout(data)), JSON.stringify(report));
          } finally {
            fromText.free();
          }
        } finally {
          pe.free();
        }
      }
    } finally {
      data.free();
    }
  });
});

describe('validation and errors', () => {
  test('a JS number where a decimal string is expected is DECIMAL_NOT_STRING, with its path', () => {
    const plan = clone(engine.sampleDataset().plans[0]);
    plan.components[0].rateTable.tiers[0].rate = 0.05;
    const diagnostics = engine.validatePlan(plan);
    assert.ok(Array.isArray(diagnostics));
    const d = diagnostics.find((x) => x.code === 'DECIMAL_NOT_STRING');
    assert.ok(d, `DECIMAL_NOT_STRING in ${JSON.stringify(diagnostics)}`);
    assert.equal(d.path, 'components[0].rateTable.tiers[0].rate');
    assert.equal(d.severity, 'error');
    assert.equal(typeof d.message, 'string');
    assert.equal(typeof d.hint, 'string');

    const err = assertSpmError(thrown(() => engine.compilePlan(plan)), 'DECIMAL_NOT_STRING');
    assert.ok(err.diagnostics.some((x) => x.path === 'components[0].rateTable.tiers[0].rate'));
    assert.ok(err.message.length > 0);
  });

  test('an unknown field is UNKNOWN_FIELD', () => {
    const plan = clone(engine.sampleDataset().plans[0]);
    plan.components[0].bogusField = 'x';
    const d = engine.validatePlan(plan).find((x) => x.code === 'UNKNOWN_FIELD');
    assert.ok(d, 'UNKNOWN_FIELD reported');
    assert.match(d.path, /^components\[0\]/);
    assertSpmError(thrown(() => engine.compilePlan(plan)), 'UNKNOWN_FIELD');
  });

  test('validatePlan never throws, whatever it is given', () => {
    for (const input of [undefined, null, 42, 'not json', '{}', [], { schemaVersion: 99 }, () => 1]) {
      const diagnostics = engine.validatePlan(input);
      assert.ok(Array.isArray(diagnostics));
      assert.ok(errors(diagnostics).length > 0, `an error for ${String(input)}`);
    }
  });

  test('a bad date in CSV is DATE_INVALID, located by line', () => {
    const sample = engine.sampleDataset();
    const csv = [
      'id,date,payeeId,amount,product,type,customer',
      't1,2026-01-05,r001,100.00,,,',
      't2,2026-02-30,r001,100.00,,,',
    ].join('\n');
    const err = assertSpmError(thrown(() => engine.loadDataset({ transactionsCsv: csv, payees: sample.payees })), 'DATE_INVALID');
    const located = [err.message, ...err.diagnostics.map((d) => d.path)].join(' | ');
    assert.match(located, /line 3|date/, located);
  });

  test('a bad date in JSON is DATE_INVALID at transactions[1].date', () => {
    const payees = [{ id: 'p1', name: 'P One' }];
    const transactions = [
      { id: 't1', date: '2026-01-05', payeeId: 'p1', amount: '10.00' },
      { id: 't2', date: '05/01/2026', payeeId: 'p1', amount: '10.00' },
    ];
    const err = assertSpmError(thrown(() => engine.loadDatasetJson({ transactions, payees })), 'DATE_INVALID');
    assert.ok(
      err.diagnostics.some((d) => d.path === 'transactions[1].date'),
      JSON.stringify(err.diagnostics),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// The golden files themselves go through the wasm build in golden.test.mjs (the JS port of the
// golden checker, and the wasm results against the native ones byte for byte). Here: a payout
// golden file's data given as objects or as JSON text gives the same report.

describe('objects and JSON text', () => {
  const dir = path.join(repoRoot, 'tests/golden/payout');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

  test('there are payout golden files', () => {
    assert.ok(files.length > 10, `only ${files.length} files in ${path.relative(repoRoot, dir)}`);
  });

  for (const f of files) {
    test(`payout/${f}: the data as objects or as text gives the same report`, () => {
      const golden = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
      const { plan, payees, transactions, rates } = golden.input;
      if (golden.expect.error) {
        // A refused input (a repeated id, a decimal that would be rounded): both forms are
        // refused with the same error.
        const refusal = (tx, py) => {
          try {
            engine.compilePlan(plan).free();
            engine.loadDatasetJson({ transactions: tx, payees: py }).free();
          } catch (e) {
            return `${e.code}: ${e.message}`;
          }
          return 'accepted';
        };
        const asObjects = refusal(transactions, payees);
        assert.ok(asObjects.startsWith(`${golden.expect.error.code}: `), asObjects);
        assert.equal(refusal(JSON.stringify(transactions), JSON.stringify(payees)), asObjects);
        return;
      }
      const pe = engine.compilePlan(plan);
      const asObjects = engine.loadDatasetJson({ transactions, payees });
      const asText = engine.loadDatasetJson({ transactions: JSON.stringify(transactions), payees: JSON.stringify(payees) });
      try {
        if (rates) {
          asObjects.setRates(rates);
          asText.setRates(JSON.stringify(rates));
        }
        assert.equal(asObjects.transactionCount, transactions.length);
        assert.equal(JSON.stringify(pe.payout(asText)), JSON.stringify(pe.payout(asObjects)));
      } finally {
        pe.free();
        asObjects.free();
        asText.free();
      }
    });
  }
});
