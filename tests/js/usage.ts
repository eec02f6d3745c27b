// Type-checked by tests/js/types.test.mjs with `tsc --noEmit --strict` against the generated
// pkg/app/spm_engine.d.ts: proves the published types are precise enough to write correct code with,
// and to catch wrong code (the @ts-expect-error lines must stay errors).
import init, { Dataset, PlanEngine, ScoringModel, sampleDataset, validatePlan, version } from '../../pkg/app/spm_engine.js';
import type {
  ComponentResult,
  Diagnostic,
  PayeeSpec,
  PayoutReport,
  PlanSpec,
  SampleDataset,
  SpmError,
  Statement,
  TierSlice,
  TierSpec,
  TransactionSpec,
} from '../../pkg/app/spm_engine.js';

const plan: PlanSpec = {
  schemaVersion: 1,
  id: 'ae-2026',
  name: 'Account Executive 2026',
  currency: 'USD',
  period: 'quarter',
  rounding: { mode: 'halfEven', at: 'component' },
  components: [
    {
      id: 'new-business',
      name: 'New business commission',
      kind: 'commission',
      quota: '250000.00',
      filter: { types: ['new'] },
      rateTable: {
        mode: 'marginal',
        base: 'attainment',
        evaluation: 'running',
        tiers: [
          { from: '0', to: '1', rate: '0.08' },
          { from: '1', to: null, rate: '0.12', retroactive: false },
        ],
      },
    },
  ],
};

const payees: PayeeSpec[] = [
  { id: 'r001', name: 'Avery Quinn', role: 'rep', managerId: 'm001', quotas: [{ component: 'new-business', amount: '300000.00' }] },
  { id: 'm001', name: 'Morgan Lee', role: 'manager', managerId: null },
];

const transactions: TransactionSpec[] = [
  { id: 't1', date: '2026-01-15', payeeId: 'r001', amount: '120000.00', product: 'core', type: 'new', customer: 'Acme' },
];

function describeStatement(s: Statement): string[] {
  const lines: string[] = [`${s.payeeName} ${s.period}: ${s.total} ${s.currency}`];
  for (const c of s.components satisfies ComponentResult[]) {
    const attainment: string | null = c.attainment;
    lines.push(`${c.componentName}: ${c.earning} (attainment ${attainment ?? 'n/a'})`);
    for (const t of c.tiers satisfies TierSlice[]) {
      const tier: number = t.tier;
      const to: string | null = t.to;
      lines.push(`  tier ${tier} ${t.from}..${to ?? '∞'}: ${t.base} × ${t.rate} = ${t.amount}`);
    }
    lines.push(...c.explanation);
  }
  return [...lines, ...s.explanation];
}

export async function main(wasmBytes: Uint8Array): Promise<string> {
  await init({ module_or_path: wasmBytes });
  const v: string = version();

  const diagnostics: Diagnostic[] = validatePlan(plan);
  const blocking = diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.path}: ${d.code} ${d.message} ${d.hint}`);

  let engine: PlanEngine;
  try {
    engine = new PlanEngine(plan);
  } catch (e) {
    const err = e as SpmError;
    const name: 'SpmError' = err.name;
    return `${name} ${err.code} ${err.diagnostics.map((d) => d.path).join(',')}`;
  }
  const fromText = new PlanEngine(JSON.stringify(plan));
  const id: string = engine.id;
  const currency: string = engine.currency;

  const data: Dataset = Dataset.fromJson(transactions, payees);
  const fromStrings: Dataset = Dataset.fromJson(JSON.stringify(transactions), JSON.stringify(payees));
  const count: number = data.transactionCount + data.payeeCount + fromStrings.transactionCount;

  const report: PayoutReport = engine.payout(data);
  const total: string = report.totals.payout;
  const periods: string[] = report.periods;
  const byPayee: string[] = report.totals.byPayee.map((p) => `${p.payeeName}=${p.payout}`);
  const text = report.statements.flatMap(describeStatement);

  const sample: SampleDataset = sampleDataset();
  const csvData: Dataset = Dataset.fromCsv(sample.transactionsCsv, sample.payees);
  const samplePlan: PlanSpec | undefined = sample.plans[0];
  if (samplePlan !== undefined) {
    const other = new PlanEngine(samplePlan);
    const r: PayoutReport = other.payout(csvData);
    text.push(r.planName);
    other.free();
  }

  engine.free();
  fromText.free();
  data.free();
  fromStrings.free();
  csvData.free();
  return [v, blocking.join(';'), id, currency, count, total, periods.join(','), byPayee.join(','), ...text].join('\n');
}

/** Contest prizes flow into the payout ledger as SPIFF lines (issue 9): the rows type-check as adjustments. */
export function prizesIntoTheLedger(engine: PlanEngine, data: Dataset, scoring: ScoringModel): string {
  const run = engine.ledger(data, null, undefined, scoring.spiffRows());
  const types: string[] = scoring.eventTypes;
  return `${run.payrollCsv()}${types.join(',')}`;
}

// Wrong code must not type-check: these prove the types are not `any`.
// @ts-expect-error a decimal is a string, not a number
export const badTier: TierSpec = { from: 0, rate: '0.05' };
// @ts-expect-error "weekly" is not a PeriodKind
export const badPlan: PlanSpec = { ...plan, period: 'weekly' };
// @ts-expect-error the report total is a DecimalString, not a number
export const badTotal = (r: PayoutReport): number => r.totals.payout;
// @ts-expect-error payout() takes a Dataset, not an array of transactions
export const badPayout = (e: PlanEngine): PayoutReport => e.payout(transactions);
// @ts-expect-error validatePlan returns Diagnostic[], not a string
export const badDiagnostics: string = validatePlan(plan);
