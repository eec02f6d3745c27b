// Insight: analytics, coaching and sentiment (docs/insight.md), schema version 1. Appended to
// pkg/spm_engine.d.ts by src/wasm/insight.rs; DecimalString, DateString and Diagnostic are
// declared with the plan types. Ratios are decimal strings rounded to 6 places, trailing zeros
// dropped ("0.5"; 1 = 100%); amounts are in the plan currency at its minor units; sentiment
// scores are strings with 4 places.

/** Where a deal stands. */
export type DealStatus = "open" | "won" | "lost";

/** One deal of an opportunity set. */
export interface OpportunitySpec {
  id: string;
  /** The owning rep: a payee id of the dataset. */
  payeeId: string;
  /** The rep's team (default: the rep's manager on `asOf`). */
  team?: string;
  name?: string;
  /** Not negative. */
  amount: DecimalString;
  created: DateString;
  /** Actual close (won, lost) or expected close (open). */
  closeDate: DateString;
  status: DealStatus;
  /** Every stage entered, oldest first; at least the first. */
  stageHistory: { stage: string; date: DateString }[];
  /** Give the count or the list, not both. */
  activityCount?: number;
  activities?: { date: DateString; type?: string }[];
  /** Absent or blank: an open deal has no next step. */
  nextStep?: string;
  /** Notes and e-mails (English, at most 10,000 characters each), scored in the page. */
  notes?: { date: DateString; text: string }[];
}

/** The opportunities argument of `insights`. */
export interface OpportunitySet {
  schemaVersion?: 1;
  /** The funnel's stages in order (default: in order of first appearance). */
  stages?: string[];
  deals: OpportunitySpec[];
}

/** Options of `insights`; every field has a default. */
export interface InsightOptions {
  /** Today (default: the latest date in the deals, open deals' close dates aside). */
  asOf?: DateString;
  /** Open deals closing by this day count in coverage (default: end of the plan year holding asOf). */
  coverageTo?: DateString;
  /** Default 90. */
  agedDays?: number;
  /** Default 30. */
  stalledDays?: number;
  /** A note this many days old weighs half (default 30). */
  sentimentHalfLifeDays?: number;
  /** Closed deals a rep needs to be coached (default 5). */
  minClosedDeals?: number;
  /** Default "company". */
  benchmark?: "company" | "team";
}

export interface AttainmentBin { from: DecimalString; to?: DecimalString; label: string; count: number }
export interface VelocityRow {
  id: string; name: string; team?: string;
  openDeals: number; closedDeals: number; wonDeals: number;
  winRate?: DecimalString; averageDealSize?: DecimalString; averageCycleDays?: DecimalString;
  /** Amount per day, and per 30 days. */
  perDay?: DecimalString; perMonth?: DecimalString;
  explanation: string;
}
export interface StageRow {
  stage: string; next: string;
  reached: number; advanced: number; pending: number; conversion?: DecimalString;
  stays: number; averageDays?: DecimalString; openDeals: number; openAmount: DecimalString;
}
export interface CycleStats { deals: number; meanDays?: DecimalString; medianDays?: DecimalString }
export interface CoverageRow {
  id: string; name: string; openDeals: number; openPipeline: DecimalString;
  remainingQuota?: DecimalString; coverage?: DecimalString; explanation: string;
}
export type HealthFlag = "aged" | "stalled" | "pastDue" | "noNextStep" | "negativeSentiment";
export interface DealHealth {
  id: string; name?: string; payeeId: string; stage: string; amount: DecimalString;
  ageDays: number; daysInStage: number; closeDate: DateString;
  flags: HealthFlag[]; sentiment?: string; reasons: string[];
}
export interface SentimentDriver {
  word: string; position: number; base: string; valence: string;
  /** "negated by not", "boosted by very", "dampened by slightly", "ALL CAPS", "before but", "after but". */
  rules: string[];
}
/** The result of `sentiment(text)`. */
export interface SentimentScore {
  /** In [-1, 1]. */
  compound: string;
  label: "positive" | "neutral" | "negative";
  sum: string;
  drivers: SentimentDriver[];
}
export interface NoteScore extends SentimentScore { date: DateString; weight: string }
export interface DealSentiment {
  dealId: string; payeeId: string; status: DealStatus; score: string;
  label: "positive" | "neutral" | "negative"; notes: NoteScore[];
}
export type CoachingMetric = "winRate" | "dealSize" | "cycleDays" | "conversion" | "activityPerDeal";
export interface BenchmarkMetric {
  metric: CoachingMetric; stage?: string; label: string; reps: number;
  median?: DecimalString; topQuartile?: DecimalString;
}
export interface RepMetric {
  metric: CoachingMetric; stage?: string; label: string;
  value?: DecimalString; median?: DecimalString; topQuartile?: DecimalString;
  better: "higher" | "lower";
  /** Velocity gain (ratio) from reaching the median / the top quartile. */
  gap: DecimalString; gapToTop: DecimalString;
}
export interface RepCoaching {
  payeeId: string; name: string; team: string; closedDeals: number; benchmarked: boolean;
  metrics: RepMetric[];
  focus?: { metric: CoachingMetric; stage?: string; against: "median" | "topQuartile"; gap: DecimalString; finding: string; suggestion: string };
  sentences: string[];
}

/** The result of `insights`. */
export interface InsightsResult {
  schemaVersion: 1;
  planId: string;
  currency: string;
  asOf: DateString;
  stages: string[];
  summary: string[];
  attainment: {
    component?: string; reps: number; bins: AttainmentBin[];
    median?: DecimalString; mean?: DecimalString; p25?: DecimalString; p75?: DecimalString;
    atQuota: number; shareAtQuota: DecimalString; explanation: string[];
  };
  payVsPerformance: {
    points: { payeeId: string; name: string; team: string; attainment: DecimalString; payout: DecimalString; effectiveRate?: DecimalString }[];
    correlation?: string; explanation: string[];
  };
  costOfSales: {
    totalPayout: DecimalString; revenue: DecimalString; costOfSales: DecimalString;
    teams: { team: string; payout: DecimalString; credit: DecimalString; costOfSales?: DecimalString }[];
    explanation: string[];
  };
  velocity: { company: VelocityRow; teams: VelocityRow[]; reps: VelocityRow[] };
  funnel: { stages: StageRow[]; winRate?: DecimalString; explanation: string[] };
  cycle: { won: CycleStats; lost: CycleStats; wonBins: { from: number; to?: number; count: number }[]; explanation: string[] };
  coverage: { to: DateString; company: CoverageRow; teams: CoverageRow[]; reps: CoverageRow[] };
  health: {
    agedDays: number; stalledDays: number; openDeals: number; openAmount: DecimalString;
    flags: { flag: HealthFlag; label: string; deals: number; amount: DecimalString }[];
    deals: DealHealth[]; explanation: string[];
  };
  sentiment: {
    notes: number; positive: number; neutral: number; negative: number;
    positiveThreshold: string; negativeThreshold: string; deals: DealSentiment[];
  };
  coaching: { minClosedDeals: number; benchmark: "company" | "team"; company: BenchmarkMetric[]; reps: RepCoaching[] };
  warnings: Diagnostic[];
}
