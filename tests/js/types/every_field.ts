// Type-checked by tests/js/types.test.mjs with `tsc --noEmit --strict` against pkg/app/spm_engine.d.ts:
// a plan document using every member of every plan type (every component kind, versions, measures,
// crediting, calendars, gates, modifiers, floors, caps, ramps, payout policy), payees with every
// member (inputs, quotas, managers, leaves, MBO results, draws), transactions with units, margin,
// splits and attributes, an estimator state and deals. The `NoneUnused` lines make the file fail to
// compile, naming the member, when a type gains a member this file does not use: regenerate the
// types, then use the new member here.
import { Dataset, PlanEngine } from '../../../pkg/app/spm_engine.js';
import type {
  AccountingSpec,
  AccountsSpec,
  AttributeFilterSpec,
  AttributeSpec,
  CalendarSpec,
  CapSpec,
  ClawbackSpec,
  ComponentKind,
  ComponentSpec,
  CreditingSpec,
  CreditRuleSpec,
  DealSpec,
  DrawSpec,
  EligibilitySpec,
  Estimate,
  EstimatorState,
  FilterSpec,
  GateSpec,
  GoalSpec,
  InputSpec,
  LeaveSpec,
  ManagerSpanSpec,
  MboResultSpec,
  MeasureKind,
  MeasureSpec,
  ModifierSpec,
  PayeeSpec,
  PayoutPolicySpec,
  PlanBody,
  PlanSpec,
  QuotaSpec,
  RampSpec,
  RateTableSpec,
  RecoverySpec,
  RollupSpec,
  RoundingSpec,
  RuleCreditSpec,
  SplitSpec,
  SpiffPaySpec,
  StateDealSpec,
  TargetSpec,
  ThresholdSpec,
  TierMode,
  TierSpec,
  TransactionSpec,
  WeightSpec,
  WindowSpec,
} from '../../../pkg/app/spm_engine.js';

/** The members of T that no value of U sets: `never` when every member is used. */
type Unused<T, U> = Exclude<keyof T, U extends unknown ? keyof U : never>;
/** Compiles only when M is `never`; otherwise tsc names the unused members. */
type NoneUnused<M extends never> = M;

const newBusiness = { products: ['core', 'addon'], types: ['new'], customers: ['Acme'], territories: ['west'], accounts: ['acme-1'], attributes: [{ name: 'segment', in: ['enterprise', 'mid'] }] } satisfies FilterSpec;
const anyDeal = { types: null, products: null } satisfies FilterSpec;
const filters = [newBusiness, anyDeal];
const attributeFilters = newBusiness.attributes satisfies AttributeFilterSpec[];

const tiers = [
  { from: '0', to: '1', rate: '0.05', rateTo: '0.08' },
  { from: '1', to: null, rate: '0.12', retroactive: true },
] satisfies TierSpec[];
const rateTables = [
  { mode: 'interpolated', base: 'attainment', evaluation: 'running', tiers: [tiers[0]] },
  { mode: 'retroactive', base: 'attainment', evaluation: 'running', tiers },
  { mode: 'marginal', base: 'amount', evaluation: 'perTransaction', tiers: [{ from: '0', rate: '0.02' }] },
  { mode: 'flat', base: 'amount', evaluation: 'running', tiers: [{ from: '0', rate: '0.01' }] },
] satisfies RateTableSpec[];

const weights = [
  { measure: 'bookings', weight: '0.6' },
  { measure: 'margin', weight: '0.4' },
] satisfies WeightSpec[];
const measures = [
  { id: 'bookings', kind: 'amount', filter: newBusiness, includeOverlay: true },
  { id: 'seats', kind: 'units' },
  { id: 'margin', kind: 'margin', includeOverlay: false },
  { id: 'deals', kind: 'count', filter: null },
  { id: 'blend', kind: 'weighted', parts: weights },
  { id: 'nps-adjusted', kind: 'formula', formula: 'bookings * nps / 100' },
] satisfies MeasureSpec[];

const caps = [
  { amount: '50000.00', per: 'period', excess: 'forfeit' },
  { amount: '400000.00', per: 'year', excess: 'carryForward' },
] satisfies CapSpec[];
const gates = [
  { when: 'attainment("new-business") >= 0.5', effect: 'zero' },
  { when: 'attainment("new-business") >= 1', effect: 'noAccelerators', fromTier: 2 },
] satisfies GateSpec[];
const modifiers = [
  { label: 'NPS kicker', when: 'nps >= 60', multiply: '1.10' },
  { when: 'deals >= 10', multiply: '1.05' },
] satisfies ModifierSpec[];
const thresholds = [
  { attainment: '0.8', payout: '0.5' },
  { attainment: '1.0', payout: '1.0' },
] satisfies ThresholdSpec[];
const targets = [{ amount: '10000.00' }, { shareOfTargetIncentive: '0.25', amount: null }] satisfies TargetSpec[];
const goals = [
  { id: 'enablement', name: 'Finish enablement', weight: '0.5', due: '2026-03-31', points: ['0', '0.5', '1'] },
  { id: 'references', name: 'Two references', weight: '0.5', due: '2026-06-30', points: ['0', '1'] },
] satisfies GoalSpec[];
const windows = [{ from: '2026-02-01', to: '2026-02-28' }] satisfies WindowSpec[];
const pays = [{ perDeal: '500.00', perUnit: '10.00', percent: '0.01' }] satisfies SpiffPaySpec[];

const components = [
  {
    id: 'new-business',
    name: 'New business commission',
    kind: 'commission',
    measure: 'bookings',
    filter: newBusiness,
    scope: 'yearToDate',
    trueUp: true,
    quota: '250000.00',
    rateTable: rateTables[1],
    gate: gates[0],
    modifiers,
    cap: caps[0],
    floor: '0.00',
    roles: ['rep'],
  },
  { id: 'renewals', name: 'Renewals', kind: 'commission', scope: 'quarterToDate', rateTable: rateTables[0], gate: gates[1], cap: null, floor: null },
  { id: 'flat', name: 'Flat rate', kind: 'commission', scope: 'period', rateTable: rateTables[2], roles: null },
  { id: 'per-deal', name: 'Per deal', kind: 'commission', rateTable: rateTables[3], filter: anyDeal },
  { id: 'accelerator', name: 'Attainment bonus', kind: 'bonus', attainment: weights, thresholds, style: 'linear', target: targets[1], quota: '100000.00' },
  { id: 'step-bonus', name: 'Step bonus', kind: 'bonus', attainment: [weights[0]], thresholds: [thresholds[1]], style: 'step', target: targets[0] },
  { id: 'objectives', name: 'Objectives', kind: 'mbo', goals, target: targets[0] },
  { id: 'winter-spiff', name: 'Winter SPIFF', kind: 'spiff', window: windows[0], pay: pays[0], filter: newBusiness },
] satisfies ComponentSpec[];

const calendars = [{ pattern: '4-4-5', yearStart: '2026-01-04' }] satisfies CalendarSpec[];
const ruleCredits = [
  { payeeId: 'r001', share: '0.5' },
  { payeeId: 'r002', share: '0.5' },
] satisfies RuleCreditSpec[];
const rules = [
  { label: 'West overlay', filter: { territories: ['west'] }, credit: ruleCredits, overlay: true },
  { filter: anyDeal, credit: [ruleCredits[0]] },
] satisfies CreditRuleSpec[];
const rollups = [{ levels: 2 }] satisfies RollupSpec[];
const creditings = [{ rules, ruleMatch: 'all', rollup: rollups[0] }, { ruleMatch: 'first', rollup: null }] satisfies CreditingSpec[];
const eligibilities = [{ roles: ['rep', 'manager'], payees: ['r001', 'r002', 'm001'] }] satisfies EligibilitySpec[];
const ramps = [{ schedule: ['0.25', '0.5', '1'], acceleratorsOff: true }] satisfies RampSpec[];
const roundings = [
  { mode: 'halfEven', at: 'component' },
  { mode: 'halfUp', at: 'line' },
  { mode: 'down', at: 'statement' },
] satisfies RoundingSpec[];

const recoveries = [{ from: '2026-04', percent: '0.5', minimumPayment: '1000.00' }] satisfies RecoverySpec[];
const draws = [
  { kind: 'recoverable', amount: '3000.00', from: '2026-01', to: '2026-06', recovery: recoveries[0], onTermination: 'collect' },
  { kind: 'nonRecoverable', amount: '2000.00', onTermination: 'forgive' },
] satisfies DrawSpec[];
const accounts = [{ asset: '1400', amortization: '6100', expense: '6000', payable: '2100' }] satisfies AccountsSpec[];
const accountings = [
  {
    capitalize: ['new-business'],
    termAttribute: 'termMonths',
    defaultTermMonths: 12,
    renewalsCommensurate: false,
    customerLifeMonths: 60,
    renewalTypes: ['renewal'],
    practicalExpedient: true,
    accounts: accounts[0],
  },
] satisfies AccountingSpec[];
const clawbacks = [{ windowDays: 90 }] satisfies ClawbackSpec[];
const policies = [
  { draw: draws[0], clawback: clawbacks[0], payOn: 'invoice', payOnExempt: ['accelerator'], conversion: 'periodEnd', accounting: accountings[0] },
  { payOn: 'cash', conversion: 'transactionDate', draw: null },
] satisfies PayoutPolicySpec[];

const firstHalf = {
  version: 'H1',
  effectiveFrom: '2026-01-01',
  effectiveTo: '2026-06-30',
  currency: 'USD',
  period: 'quarter',
  calendar: calendars[0],
  rounding: roundings[0],
  eligibility: eligibilities[0],
  inputs: ['nps'],
  measures,
  components,
  cap: caps[1],
  crediting: creditings[0],
  ramp: ramps[0],
  payout: policies[0],
} satisfies PlanBody;
const secondHalf = {
  schemaVersion: 1,
  version: 'H2',
  effectiveFrom: '2026-07-01',
  effectiveTo: null,
  currency: 'USD',
  period: 'month',
  calendar: null,
  rounding: roundings[1],
  components: [components[0]],
  crediting: creditings[1],
  payout: policies[1],
} satisfies PlanBody;
export const plan = {
  schemaVersion: 1,
  id: 'ae-2026',
  name: 'Account Executive 2026',
  versions: [firstHalf, secondHalf],
} satisfies PlanSpec;

const inputs = [
  { name: 'nps', value: '62' },
  { name: 'nps', period: '2026-Q2', value: '71' },
] satisfies InputSpec[];
const quotas = [
  { component: 'new-business', amount: '300000.00' },
  { component: 'bookings', period: '2026-Q1', amount: '75000.00' },
] satisfies QuotaSpec[];
const managerSpans = [
  { managerId: 'm001', to: '2026-03-31' },
  { managerId: 'm002', from: '2026-04-01' },
] satisfies ManagerSpanSpec[];
const leaves = [{ from: '2026-05-01', to: '2026-05-31' }] satisfies LeaveSpec[];
const mboResults = [{ goal: 'enablement', score: '1', completed: '2026-03-15' }, { goal: 'references', score: '0.5' }] satisfies MboResultSpec[];
export const payees = [
  {
    id: 'r001',
    name: 'Avery Quinn',
    role: 'rep',
    team: 'West',
    managers: managerSpans,
    hireDate: '2025-11-15',
    terminationDate: '2026-12-31',
    leaves,
    targetIncentive: '60000.00',
    quotas,
    inputs,
    mbo: mboResults,
    currency: 'EUR',
    draw: draws[1],
  },
  { id: 'r002', name: 'Blake Rivera', managerId: 'm001', hireDate: null, currency: null },
  { id: 'm001', name: 'Morgan Lee', role: 'manager', managerId: null },
  { id: 'm002', name: 'Sam Okafor', role: 'manager' },
] satisfies PayeeSpec[];

const splits = [
  { payeeId: 'r001', share: '0.6' },
  { payeeId: 'r002', share: '0.4', overlay: false },
  { payeeId: 'm001', share: '1', overlay: true },
] satisfies SplitSpec[];
const attributes = [
  { name: 'segment', value: 'enterprise' },
  { name: 'termMonths', value: '24' },
] satisfies AttributeSpec[];
export const transactions = [
  {
    id: 't1',
    date: '2026-01-15',
    payeeId: 'r001',
    amount: '120000.00',
    units: '40',
    margin: '36000.00',
    product: 'core',
    type: 'new',
    customer: 'Acme',
    territory: 'west',
    account: 'acme-1',
    currency: 'USD',
    attributes,
  },
  { id: 't2', date: '2026-02-03', amount: '80000.00', splits, type: 'renewal' },
  { id: 't3', date: '2026-02-20', payeeId: null, amount: '-5000.00', units: null, margin: null },
] satisfies TransactionSpec[];

const stateDeals = [
  { id: 'd1', date: '2026-01-20', amount: '50000.00', units: '10', margin: '15000.00', product: 'core', type: 'new', customer: 'Initech', attributes: [attributes[0]] },
  { date: '2026-02-10', amount: '20000.00' },
] satisfies StateDealSpec[];
export const state = { payee: payees[0], deals: stateDeals, asOf: '2026-03-01' } satisfies EstimatorState;
const noState = { payee: null, asOf: null } satisfies EstimatorState;
const deals = [
  { id: 'next', amount: '75000.00', date: '2026-03-20', product: 'core', type: 'new', customer: 'Globex', share: '0.5', probability: '0.4' },
  { amount: '10000.00' },
] satisfies DealSpec[];

// Every member of every type above is set somewhere.
export type Checks = [
  NoneUnused<Unused<PlanBody, typeof firstHalf | typeof secondHalf | typeof plan>>,
  NoneUnused<Unused<ComponentSpec, (typeof components)[number]>>,
  NoneUnused<Unused<FilterSpec, (typeof filters)[number]>>,
  NoneUnused<Unused<AttributeFilterSpec, (typeof attributeFilters)[number]>>,
  NoneUnused<Unused<RateTableSpec, (typeof rateTables)[number]>>,
  NoneUnused<Unused<TierSpec, (typeof tiers)[number]>>,
  NoneUnused<Unused<WeightSpec, (typeof weights)[number]>>,
  NoneUnused<Unused<MeasureSpec, (typeof measures)[number]>>,
  NoneUnused<Unused<CapSpec, (typeof caps)[number]>>,
  NoneUnused<Unused<GateSpec, (typeof gates)[number]>>,
  NoneUnused<Unused<ModifierSpec, (typeof modifiers)[number]>>,
  NoneUnused<Unused<ThresholdSpec, (typeof thresholds)[number]>>,
  NoneUnused<Unused<TargetSpec, (typeof targets)[number]>>,
  NoneUnused<Unused<GoalSpec, (typeof goals)[number]>>,
  NoneUnused<Unused<WindowSpec, (typeof windows)[number]>>,
  NoneUnused<Unused<SpiffPaySpec, (typeof pays)[number]>>,
  NoneUnused<Unused<CalendarSpec, (typeof calendars)[number]>>,
  NoneUnused<Unused<CreditingSpec, (typeof creditings)[number]>>,
  NoneUnused<Unused<CreditRuleSpec, (typeof rules)[number]>>,
  NoneUnused<Unused<RuleCreditSpec, (typeof ruleCredits)[number]>>,
  NoneUnused<Unused<RollupSpec, (typeof rollups)[number]>>,
  NoneUnused<Unused<EligibilitySpec, (typeof eligibilities)[number]>>,
  NoneUnused<Unused<RampSpec, (typeof ramps)[number]>>,
  NoneUnused<Unused<RoundingSpec, (typeof roundings)[number]>>,
  NoneUnused<Unused<PayoutPolicySpec, (typeof policies)[number]>>,
  NoneUnused<Unused<DrawSpec, (typeof draws)[number]>>,
  NoneUnused<Unused<RecoverySpec, (typeof recoveries)[number]>>,
  NoneUnused<Unused<ClawbackSpec, (typeof clawbacks)[number]>>,
  NoneUnused<Unused<AccountingSpec, (typeof accountings)[number]>>,
  NoneUnused<Unused<AccountsSpec, (typeof accounts)[number]>>,
  NoneUnused<Unused<PayeeSpec, (typeof payees)[number]>>,
  NoneUnused<Unused<InputSpec, (typeof inputs)[number]>>,
  NoneUnused<Unused<QuotaSpec, (typeof quotas)[number]>>,
  NoneUnused<Unused<ManagerSpanSpec, (typeof managerSpans)[number]>>,
  NoneUnused<Unused<LeaveSpec, (typeof leaves)[number]>>,
  NoneUnused<Unused<MboResultSpec, (typeof mboResults)[number]>>,
  NoneUnused<Unused<TransactionSpec, (typeof transactions)[number]>>,
  NoneUnused<Unused<SplitSpec, (typeof splits)[number]>>,
  NoneUnused<Unused<AttributeSpec, (typeof attributes)[number]>>,
  NoneUnused<Unused<EstimatorState, typeof state | typeof noState>>,
  NoneUnused<Unused<StateDealSpec, (typeof stateDeals)[number]>>,
  NoneUnused<Unused<DealSpec, (typeof deals)[number]>>,
  // Every component kind, tier mode and measure kind appears.
  NoneUnused<Exclude<ComponentKind, (typeof components)[number]['kind']>>,
  NoneUnused<Exclude<TierMode, (typeof rateTables)[number]['mode']>>,
  NoneUnused<Exclude<MeasureKind, (typeof measures)[number]['kind']>>,
];

/** The documents go to the engine as they are: objects, no casts. */
export function estimateNextDeals(): Estimate {
  const engine = new PlanEngine(plan);
  const data = Dataset.fromJson(transactions, payees);
  const estimator = engine.estimator(state);
  const result = estimator.estimate(deals, false);
  data.free();
  return result;
}
