// Wire-format types of spm-engine, schema version 1. Appended to pkg/spm_engine.d.ts by
// src/wasm/mod.rs so an editor knows the plan format. Every decimal is a string ("0.05",
// "125000.00"): a JS number where a decimal is expected is rejected with code DECIMAL_NOT_STRING.

/** A decimal number written as a string, e.g. "0.05" or "125000.00". */
export type DecimalString = string;
/** A calendar date, "YYYY-MM-DD". */
export type DateString = string;

/** How rounding breaks ties and which way it goes. */
export type RoundingMode = "halfUp" | "halfEven" | "down" | "up";
/** Where a plan rounds: each transaction line, each component total, or the statement total. */
export type RoundingPoint = "line" | "component" | "statement";
export interface RoundingSpec {
  mode: RoundingMode;
  at: RoundingPoint;
}

/** The period a plan computes and pays in. */
export type PeriodKind = "month" | "quarter" | "year";

/** The four tier semantics of DOMAIN.md "Rate tables". */
export type TierMode = "flat" | "marginal" | "interpolated" | "retroactive";
/** What the tier bounds are written in. */
export type TierBase = "attainment" | "amount";
/** Whether a band is found for each transaction alone or on the running period total. */
export type TierEvaluation = "running" | "perTransaction";

export interface TierSpec {
  /** Inclusive lower bound of the half-open band [from, to). */
  from: DecimalString;
  /** Exclusive upper bound; null (or absent) on the last, open-ended tier only. */
  to?: DecimalString | null;
  /** Rate as a fraction of the credited amount: "0.05" is 5%. */
  rate: DecimalString;
  /** Interpolated mode only: the rate reached at `to` (defaults to `rate`). */
  rateTo?: DecimalString | null;
  /** Retroactive mode only: reaching this tier re-rates everything below it at this tier's rate. */
  retroactive?: boolean;
}

export interface RateTableSpec {
  mode: TierMode;
  base: TierBase;
  evaluation: TierEvaluation;
  tiers: TierSpec[];
}

/** Which transactions a component counts. An absent list means "any". */
export interface TransactionFilterSpec {
  products?: string[];
  types?: string[];
}

export interface ComponentSpec {
  id: string;
  name: string;
  kind: "commission";
  /** Quota per period in the plan currency when the payee has none of its own; required when base is "attainment". */
  quota?: DecimalString | null;
  filter?: TransactionFilterSpec | null;
  rateTable: RateTableSpec;
}

export interface PlanSpec {
  schemaVersion: 1;
  id: string;
  name: string;
  /** ISO 4217 code, e.g. "USD". */
  currency: string;
  period: PeriodKind;
  rounding: RoundingSpec;
  components: ComponentSpec[];
  /** How earnings become payments: draws, clawbacks, holds, conversion, accounting (docs/ledger.md). */
  payout?: PayoutPolicySpec;
}

/** Draw terms: a guarantee (non-recoverable) or an advance recovered from later earnings. */
export interface DrawSpec {
  kind: "recoverable" | "nonRecoverable";
  /** Per period, in the payee's currency. */
  amount: DecimalString;
  /** First and last period labels with the draw, e.g. "2026-Q2". */
  from?: string;
  to?: string;
  recovery?: { from?: string; percent?: DecimalString; minimumPayment?: DecimalString };
  onTermination?: "forgive" | "writeOff" | "collect";
}

export interface PayoutPolicySpec {
  draw?: DrawSpec;
  clawback?: { windowDays: number };
  payOn?: "booking" | "invoice" | "cash";
  payOnExempt?: string[];
  conversion?: "transactionDate" | "periodEnd";
  accounting?: {
    capitalize?: string[];
    termAttribute?: string;
    defaultTermMonths?: number;
    renewalsCommensurate?: boolean;
    customerLifeMonths?: number;
    renewalTypes?: string[];
    practicalExpedient?: boolean;
    accounts?: { asset?: string; amortization?: string; expense?: string; payable?: string };
  };
}

export interface QuotaSpec {
  component: string;
  amount: DecimalString;
}

export interface PayeeSpec {
  id: string;
  name: string;
  /** "rep" | "manager" | "director" or any role label. */
  role?: string;
  managerId?: string | null;
  hireDate?: DateString;
  terminationDate?: DateString;
  targetIncentive?: DecimalString;
  quotas?: QuotaSpec[];
  /** ISO 4217 code the payee is paid in; the plan's currency when absent. */
  currency?: string;
  /** The payee's own draw terms (replace the plan's). */
  draw?: DrawSpec;
}

export interface TransactionSpec {
  id: string;
  date: DateString;
  payeeId: string;
  amount: DecimalString;
  product?: string;
  type?: string;
  customer?: string;
  /** ISO 4217 code of the amount; the plan's currency when absent. */
  currency?: string;
}

/** One problem found in an input, located by a JSON path such as `components[1].rateTable.tiers[2].to`. */
export interface Diagnostic {
  path: string;
  code: string;
  severity: "error" | "warning";
  message: string;
  hint: string;
}

/** A slice of the base paid at one tier's rate. */
export interface TierSlice {
  /** 1-based tier number. */
  tier: number;
  from: DecimalString;
  to: DecimalString | null;
  /** Credited amount that fell in this slice. */
  base: DecimalString;
  rate: DecimalString;
  /** base × rate, full precision. */
  amount: DecimalString;
}

export interface TransactionLine {
  transactionId: string;
  date: DateString;
  credit: DecimalString;
  /** What this transaction added to the component's earning, rounded as the plan says. */
  earning: DecimalString;
}

export interface ComponentResult {
  componentId: string;
  componentName: string;
  credit: DecimalString;
  quota: DecimalString | null;
  /** Ratio, "1.25" is 125%. */
  attainment: DecimalString | null;
  earning: DecimalString;
  transactionCount: number;
  tiers: TierSlice[];
  lines: TransactionLine[];
  explanation: string[];
}

export interface Statement {
  payeeId: string;
  payeeName: string;
  /** "2026-Q1", "2026-03" or "2026". */
  period: string;
  periodStart: DateString;
  periodEnd: DateString;
  currency: string;
  total: DecimalString;
  components: ComponentResult[];
  explanation: string[];
}

export interface PeriodTotal {
  period: string;
  payout: DecimalString;
}
export interface PayeeTotal {
  payeeId: string;
  payeeName: string;
  payout: DecimalString;
}

export interface PayoutReport {
  schemaVersion: 1;
  planId: string;
  planName: string;
  currency: string;
  periods: string[];
  statements: Statement[];
  totals: {
    payout: DecimalString;
    byPeriod: PeriodTotal[];
    byPayee: PayeeTotal[];
  };
  warnings: Diagnostic[];
}

/** What happened to a statement or component between the old plan and the new one. */
export type DiffChange = "unchanged" | "changed" | "added" | "removed";

/** An old amount, a new amount and `new − old`. */
export interface AmountDiff {
  old: DecimalString;
  new: DecimalString;
  /** Positive when the new plan pays more. */
  difference: DecimalString;
}

/** A payee's totals over every period under both plans. */
export interface PayeeDiff extends AmountDiff {
  payeeId: string;
  payeeName: string;
}

/** One component of a statement, matched by `componentId`. */
export interface ComponentDiff {
  componentId: string;
  componentName: string;
  change: DiffChange;
  /** null when the component is only in the new plan. */
  oldEarning: DecimalString | null;
  /** null when the component is only in the old plan. */
  newEarning: DecimalString | null;
  /** `new − old`, an absent side counting as zero. */
  difference: DecimalString;
  /** Explanation lines the new plan has and the old one does not, in order. */
  explanationAdded: string[];
  /** Explanation lines the old plan has and the new one does not, in order. */
  explanationRemoved: string[];
}

/** One payee's statement for one period under both plans (an absent side totals zero). */
export interface StatementDiff extends AmountDiff {
  payeeId: string;
  payeeName: string;
  period: string;
  periodStart: DateString;
  change: DiffChange;
  /** The old plan's components in order, then those only the new plan has. */
  components: ComponentDiff[];
}

export interface PlanRef {
  id: string;
  name: string;
}

/** Two plans run over the same data (`oldEngine.diff(newEngine, data)`), compared. */
export interface PlanDiff {
  schemaVersion: 1;
  oldPlan: PlanRef;
  newPlan: PlanRef;
  currency: string;
  totals: AmountDiff;
  summary: {
    betterOff: number;
    worseOff: number;
    unchanged: number;
    /** Up to ten payees with the largest gains, largest first, ties by payee id. */
    topWinners: PayeeDiff[];
    /** Up to ten payees with the largest losses, largest first, ties by payee id. */
    topLosers: PayeeDiff[];
  };
  /** Every payee of the dataset, in input order. */
  payees: PayeeDiff[];
  /** Payees in input order, then periods by start date. */
  statements: StatementDiff[];
}

/** The built-in sample company. */
export interface SampleDataset {
  company: string;
  plans: PlanSpec[];
  payees: PayeeSpec[];
  /** Header: id,date,payeeId,amount,product,type,customer,attr.termMonths */
  transactionsCsv: string;
  /** Ledger events, header transactionId,kind,date,amount (empty for the benchmark company). */
  eventsCsv: string;
  /** Exchange rates, header from,to,date,rate (empty for the benchmark company). */
  ratesCsv: string;
}

/** Errors thrown by the engine are real Error objects with these extra fields. */
export interface SpmError extends Error {
  name: "SpmError";
  code: string;
  diagnostics: Diagnostic[];
}

/** An exchange rate: one `from` is `rate` units of `to`, from `date` on. Rates are never inverted implicitly. */
export interface RateSpec {
  from: string;
  to: string;
  date: DateString;
  rate: DecimalString;
}

/** Something that happened to a deal after booking. */
export interface EventSpec {
  transactionId: string;
  kind: "cancel" | "refund" | "invoice" | "payment" | "terminate" | "enter" | "correct";
  date: DateString;
  /** Refunded, invoiced or collected, in the deal's currency; the whole deal when absent. */
  amount?: DecimalString;
}

/**
 * A payee adjustment for the ledger: a SPIFF prize (a contest's `spiffRows()` fit as they are) or
 * a manual correction, paid in the period holding `date` (docs/ledger.md).
 */
export interface AdjustmentSpec {
  payeeId: string;
  date: DateString;
  /** Above zero for a SPIFF; either sign for an adjustment. */
  amount: DecimalString;
  /** ISO 4217; the payee's currency when absent. */
  currency?: string;
  reason?: string;
  /** Default "spiff". */
  kind?: "spiff" | "adjustment";
}

/** One step of a payee's ledger. */
export interface LedgerEntry {
  period: string;
  kind:
    | "opening" | "earned" | "adjustment" | "clawback" | "tierEffect" | "hold" | "release" | "guarantee"
    | "advance" | "recovery" | "forgiven" | "writtenOff" | "collected" | "payment" | "carried" | "note"
    | "spiff" | "payeeAdjustment";
  text: string;
  /** Effect on the balance, in the payee's currency. */
  amount: DecimalString;
  /** The plan-currency amount, when the payee is paid in another currency. */
  planAmount?: DecimalString;
  /** Running balance after the entry (owed to the payee when positive). */
  balance: DecimalString;
  /** The period the amount was earned in. */
  origin?: string;
  componentId?: string;
  transactionId?: string;
}

/** A payee's period in the ledger. */
export interface LedgerPeriod {
  period: string;
  end: DateString;
  opening: DecimalString;
  earned: DecimalString;
  adjustments: DecimalString;
  clawbacks: DecimalString;
  /** SPIFF prizes booked in the period. */
  spiffs: DecimalString;
  /** Payee adjustments booked in the period. */
  payeeAdjustments: DecimalString;
  held: DecimalString;
  released: DecimalString;
  draw: DecimalString;
  recovered: DecimalString;
  collected: DecimalString;
  forgiven: DecimalString;
  paid: DecimalString;
  closing: DecimalString;
  drawBalance: DecimalString;
  heldBalance: DecimalString;
  /** Plan-to-payee exchange rate of the period's earnings (payees paid in another currency). */
  rate?: DecimalString;
  rateDate?: DateString;
}

export interface PayeeLedger {
  payeeId: string;
  name: string;
  currency: string;
  entries: LedgerEntry[];
  periods: LedgerPeriod[];
  totals: {
    /** The plan's earnings (with adjustments and clawbacks), without SPIFFs. */
    earned: DecimalString;
    spiffs: DecimalString;
    payeeAdjustments: DecimalString;
    draw: DecimalString;
    recovered: DecimalString;
    paid: DecimalString;
    held: DecimalString;
    drawBalance: DecimalString;
    carried: DecimalString;
  };
}

/** Commission expense accounting (ASC 340-40) in one currency. */
export interface AccountingBooks {
  currency: string;
  costs: { payeeId: string; transactionId: string; componentId: string; month: string; amount: DecimalString; treatment: "capitalize" | "expense"; reason: string }[];
  assets: {
    payeeId: string;
    transactionId: string;
    componentId: string;
    start: string;
    months: number;
    capitalized: DecimalString;
    terminated?: string;
    rows: { month: string; amortization: DecimalString; catchUp: DecimalString; balance: DecimalString; note?: string }[];
  }[];
  months: { month: string; capitalized: DecimalString; expensed: DecimalString; amortization: DecimalString; balance: DecimalString }[];
  journal: { date: DateString; entry: string; account: string; debit: DecimalString; credit: DecimalString; payeeId: string; memo: string }[];
}

/** The payout ledger: every payee's entries with running balances, per-period summaries, conversions. */
export interface LedgerReport {
  schemaVersion: 1;
  planId: string;
  currency: string;
  periods: string[];
  payees: PayeeLedger[];
  conversions?: {
    transactionId: string;
    from: string;
    to: string;
    original: DecimalString;
    rate: DecimalString;
    rateDate: DateString;
    on: DateString;
    converted: DecimalString;
  }[];
  notes?: string[];
  accounting?: AccountingBooks[];
}

/** Who an estimate is for and what is already credited to them (docs/estimate.md). */
export interface EstimatorState {
  payee?: PayeeSpec;
  deals?: { id?: string; date: DateString; amount: DecimalString; units?: DecimalString; margin?: DecimalString; product?: string; type?: string; customer?: string; attributes?: { name: string; value: string }[] }[];
  /** Today: a deal without a date closes on this day. */
  asOf?: DateString;
}

/** A hypothetical deal. */
export interface DealSpec {
  id?: string;
  amount: DecimalString;
  date?: DateString;
  product?: string;
  type?: string;
  customer?: string;
  /** Your share of the deal, a fraction (default "1"). */
  share?: DecimalString;
  /** Chance of closing, 0–1 (pipelines). */
  probability?: DecimalString;
}

export interface TierRef {
  tier: number;
  from: DecimalString;
  rate: DecimalString;
  retroactive?: boolean;
}

export interface ComponentEstimate {
  componentId: string;
  componentName: string;
  before: DecimalString;
  after: DecimalString;
  adds: DecimalString;
  attainmentBefore?: DecimalString;
  attainmentAfter?: DecimalString;
  tiersCrossed?: TierRef[];
  gateUnlocked?: string;
  capped?: DecimalString;
  nextTier?: { tier: number; from: DecimalString; rate: DecimalString; creditNeeded: DecimalString };
  explanation: string[];
}

export interface DealEstimate {
  id: string;
  amount: DecimalString;
  credit: DecimalString;
  period: string;
  before: DecimalString;
  after: DecimalString;
  adds: DecimalString;
  marginalRate: DecimalString;
  blendedRate: DecimalString;
  components: ComponentEstimate[];
  explanation: string[];
}

/** What hypothetical deals add to a payee's payout. */
export interface Estimate {
  schemaVersion: 1;
  currency: string;
  payeeId: string;
  asOf: DateString;
  deals: DealEstimate[];
  all?: { before: DecimalString; after: DecimalString; adds: DecimalString };
}

/** Expected, best- and worst-case payout of pipeline deals. */
export interface PipelineEstimate {
  schemaVersion: 1;
  currency: string;
  deals: { id: string; amount: DecimalString; probability: DecimalString; adds: DecimalString }[];
  expected: DecimalString;
  bestCase: DecimalString;
  worstCase: DecimalString;
  method: string;
}

/** Payout against deal size, with the tier breaks. */
export interface EstimateCurve {
  currency: string;
  period: string;
  points: { amount: DecimalString; adds: DecimalString; after: DecimalString }[];
  breaks: { amount: DecimalString; componentId: string; tier: number; rate: DecimalString }[];
}

/** A typical payee for `PlanEngine.attainmentCurve` (docs/designer.md). */
export interface CurveOptions {
  /** Quota per period for every component and measure (plan defaults, then 100,000). */
  quota?: DecimalString;
  targetIncentive?: DecimalString;
  inputs?: { name: string; period?: string; value: DecimalString }[];
  /** The component whose attainment is the x axis. */
  componentId?: string;
  /** YYYY-MM-DD: the day the deals close (the plan's first day when absent). */
  asOf?: string;
  /** Highest attainment as a fraction (default "2"). */
  maxAttainment?: DecimalString;
  /** 2–201 (default 41). */
  points?: number;
}

/** Payout against attainment for a typical payee, per component. */
export interface AttainmentCurve {
  schemaVersion: 1;
  currency: string;
  period: string;
  componentId: string;
  quota: DecimalString;
  components: { id: string; name: string }[];
  /** `earnings` follow `components`. */
  points: { attainment: DecimalString; credit: DecimalString; total: DecimalString; earnings: DecimalString[] }[];
  breaks: { attainment: DecimalString; componentId: string; label: string }[];
  caps: { componentId: string; attainment: DecimalString; amount: DecimalString }[];
  method: string;
}

/** A plan run over a dataset, summed up for a designer. */
export interface Backtest {
  schemaVersion: 1;
  planId: string;
  currency: string;
  totalPayout: DecimalString;
  revenue: DecimalString;
  /** payout / revenue as a fraction. */
  costOfSales: DecimalString;
  payeesPaid: number;
  periods: { period: string; total: DecimalString }[];
  components: { id: string; name: string; total: DecimalString }[];
  attainmentComponent: string | null;
  payees: {
    id: string; name: string; role: string; payout: DecimalString; credit: DecimalString;
    quota: DecimalString | null; attainment: DecimalString | null; effectiveRate: DecimalString | null;
  }[];
  distribution: { from: DecimalString; to: DecimalString; count: number }[];
  spread: { min: DecimalString; median: DecimalString; max: DecimalString; topDecileShare: DecimalString };
}

/** One difference between two plan documents. */
export interface PlanChange {
  /** `components[new-business].rateTable.tiers[1].rate`: items with an id are named by it. */
  path: string;
  change: 'added' | 'removed' | 'changed';
  /** Compact JSON. */
  old?: string;
  new?: string;
}
