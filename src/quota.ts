// Quota setting and capacity planning (docs/quota.md), schema version 1. Appended to
// pkg/spm_engine.d.ts by src/wasm/quota.rs; DecimalString, DateString, RoundingMode and
// Diagnostic are declared with the plan types.

/** A node's level in the sales organisation. */
export type QuotaLevel = "company" | "region" | "team" | "rep";
/** How a node's quota is split among its children. */
export type QuotaSplit = "equal" | "weight" | "potential" | "history" | "capacity";
/** Where the bottom-up number each node is compared with comes from. */
export type QuotaBottomUp = "potential" | "history" | "capacity";

/** Twelve monthly shares summing to exactly 1, or monthly amounts of whole past years; give one. */
export interface SeasonalitySpec {
  /** Twelve shares, January first, summing to exactly 1. */
  profile?: DecimalString[];
  /** Monthly amounts of one or more whole years (12, 24, … values), January first. */
  history?: DecimalString[];
}

export interface QuotaMethodSpec {
  /** How every node splits its quota among its children (a node's own `split` overrides it). */
  split: QuotaSplit;
  /** The bottom-up number; by default the split's when that is potential, history or capacity. */
  bottomUp?: QuotaBottomUp;
  /** Share of account potential expected to close in the year (default "1"). */
  potentialRate?: DecimalString;
  /** The history blend: weights of the most recent periods (most recent first, summing to 1), growth, attrition. */
  history?: { weights: DecimalString[]; growth?: DecimalString; attrition?: DecimalString };
  /** Annual bookings of a fully ramped rep (a leaf's own `productivity` overrides it). */
  capacity?: { productivity: DecimalString };
}

export interface QuotaNodeSpec {
  id: string;
  name: string;
  /** The parent's id; absent for the root. */
  parent?: string | null;
  /** Default: the root is a company, leaves are reps, others one below the root regions, deeper ones teams. */
  level?: QuotaLevel;
  /** Padding added when this node splits its quota: children sum to quota × (1 + overAssignment). 0 to 1. */
  overAssignment?: DecimalString;
  /** This node's own split among its children. */
  split?: QuotaSplit;
  /** Relative share among its siblings when the parent splits by weight. */
  weight?: DecimalString;
  /** A leaf's annual account potential. */
  potential?: DecimalString;
  /** A leaf's past bookings; period labels sort oldest to newest as text ("2024" < "2025"). */
  history?: { period: string; amount: DecimalString }[];
  /** A leaf's first day: tenure month 1 is this month, prorated by days and ramped. */
  hireDate?: DateString;
  /** A leaf's last day: that month is prorated by days, later months are 0. */
  terminationDate?: DateString;
  /** A leaf's own ramp (share of full quota in tenure months 1, 2, …). */
  ramp?: DecimalString[];
  /** A leaf's own annual productivity at full ramp. */
  productivity?: DecimalString;
}

/** The input of `quotaPlan`. */
export interface QuotaPlanInput {
  schemaVersion?: 1;
  currency: string;
  /** The plan year, January to December. */
  year: number;
  /** The company's annual target (the root's quota). */
  target: DecimalString;
  /** How padded pools, bottom-up values and ramped quotas round (default "halfUp"). */
  rounding?: RoundingMode;
  /** Over-assignment by level for nodes that give none. */
  overAssignment?: { company?: DecimalString; region?: DecimalString; team?: DecimalString };
  /** The ramp of new hires for leaves that give none. */
  ramp?: DecimalString[];
  method: QuotaMethodSpec;
  /** Evenly (1/12 a month) when absent. */
  seasonality?: SeasonalitySpec;
  /** Exactly one node has no parent. */
  nodes: QuotaNodeSpec[];
}

/** A node of the result: everything a tree row and a seasonality chart need. */
export interface QuotaNode {
  id: string;
  name: string;
  parent: string | null;
  level: QuotaLevel;
  depth: number;
  /** Position in the input's `nodes`. */
  index: number;
  /** Children's ids in input order. */
  children: string[];
  /** How it splits among its children (null for a leaf). */
  split: QuotaSplit | null;
  /** The value its parent split by ("1" for an equal split and for the root). */
  basis: DecimalString;
  /** Its share of the parent's padded pool, 6 places. */
  share: DecimalString;
  /** Top-down annual quota. */
  quota: DecimalString;
  overAssignment: DecimalString;
  /** quota × (1 + overAssignment), rounded; its children's quotas sum to it exactly (null for a leaf). */
  childrenSum: DecimalString | null;
  /** childrenSum − quota (null for a leaf). */
  padding: DecimalString | null;
  bottomUp: DecimalString | null;
  /** quota − bottomUp. */
  gap: DecimalString | null;
  /** gap / bottomUp, 6 places. */
  gapRatio: DecimalString | null;
  /** The quota phased by month (12, summing to quota). */
  months: DecimalString[];
  /** Sums of three months (4). */
  quarters: DecimalString[];
  /** The quotas of the leaves under it (its own for a leaf). */
  leafSum: DecimalString;
  /** leafSum after proration and ramp. */
  effective: DecimalString;
  effectiveMonths: DecimalString[];
  effectiveQuarters: DecimalString[];
  /** leafSum − effective: unassigned because of ramp and proration (not re-spread). */
  rampGap: DecimalString;
  /** A leaf's monthly factor (ramp × active days / days), 6 places; null for a parent. */
  factors: DecimalString[] | null;
  explanation: string[];
}

export interface QuotaTotals {
  target: DecimalString;
  leafSum: DecimalString;
  /** leafSum / target − 1, 6 places. */
  overAssignment: DecimalString;
  bottomUp: DecimalString | null;
  gap: DecimalString | null;
  gapRatio: DecimalString | null;
  effective: DecimalString;
  rampGap: DecimalString;
  nodes: number;
  leaves: number;
}

/** The result of `quotaPlan`. */
export interface QuotaPlanResult {
  schemaVersion: 1;
  currency: string;
  year: number;
  target: DecimalString;
  rounding: RoundingMode;
  split: QuotaSplit;
  bottomUp: QuotaBottomUp | null;
  seasonality: { source: "flat" | "profile" | "history"; shares: DecimalString[] };
  /** Parents before children, siblings in input order. */
  nodes: QuotaNode[];
  totals: QuotaTotals;
  explanation: string[];
  /** Inputs that had no effect. */
  warnings: Diagnostic[];
}

/** The input of `capacityPlan`. */
export interface CapacityInput {
  schemaVersion?: 1;
  currency: string;
  year: number;
  /** The year's bookings target. */
  target: DecimalString;
  /** Annual bookings of a fully ramped rep. */
  productivity: DecimalString;
  /** Share of full productivity in tenure months 1, 2, … (the start month is month 1). */
  ramp?: DecimalString[];
  /** Annual attrition: rate / 12 of the heads leave each month, compounded. */
  attrition?: DecimalString;
  /** Fully ramped reps on 1 January. */
  startingReps: number;
  /** The month hiring starts, 1–12 (default 1). */
  startMonth?: number;
  /** Months from requisition to first day (default 0). */
  hireLeadMonths?: number;
  maxHiresPerMonth?: number;
  /** How productivity spreads over the months (evenly when absent). */
  seasonality?: SeasonalitySpec;
  rounding?: RoundingMode;
}

export interface CapacityMonth {
  month: number;
  /** "2026-03". */
  label: string;
  /** Requisitions to open this month. */
  requisitions: number;
  /** Hires whose first day is in this month. */
  hires: number;
  /** Expected heads during the month, 6 places. */
  headcount: DecimalString;
  /** Heads × their ramp share, 6 places. */
  rampedHeadcount: DecimalString;
  /** Expected leavers at the month's end, 6 places. */
  attrition: DecimalString;
  bookings: DecimalString;
  cumulative: DecimalString;
  /** What one more hire starting this month would book in the year. */
  oneHire: DecimalString;
}

/** The result of `capacityPlan`. */
export interface CapacityPlanResult {
  schemaVersion: 1;
  currency: string;
  year: number;
  target: DecimalString;
  productivity: DecimalString;
  startingReps: number;
  hires: number;
  /** The first month a hire can start (13: none in the year). */
  firstStartMonth: number;
  met: boolean;
  expectedBookings: DecimalString;
  /** expectedBookings − target; negative is the shortfall. */
  surplus: DecimalString;
  endHeadcount: DecimalString;
  months: CapacityMonth[];
  /** The answer in words. */
  answer: string;
  explanation: string[];
}
