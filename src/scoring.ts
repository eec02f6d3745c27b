// Gamified scoring (docs/scoring.md), schema version 1. Appended to pkg/spm_engine.d.ts by
// src/wasm/scoring.rs; DecimalString and DateString are declared with the plan types. Scores
// and ratios are decimal strings rounded to 6 places, trailing zeros dropped ("0.5"); prizes at
// the currency's minor units.

/** A metric: "points", "count:TYPE", "amount:TYPE", "kpi:ID" or "score:ID". */
export type ScoringMetric = string;

/** A period label ("2026-03", "2026-Q1", "2026-H1", "2026") or from/to; absent: first event's month to asOf. */
export interface ScoringWindow { period?: string; from?: DateString; to?: DateString }

export interface KpiSpec {
  id: string;
  name?: string;
  kind: "count" | "sum" | "ratio" | "points" | "planAttainment" | "planCredit";
  eventType?: string;
  /** The denominator of a ratio (a conversion rate). */
  denominatorType?: string;
  /** The plan component of planAttainment / planCredit. */
  component?: string;
}

export interface ScorecardKpiSpec {
  metric: ScoringMetric;
  /** A scorecard's weights sum to exactly 1 (WEIGHT_SUM). */
  weight: DecimalString;
  normalize: "target" | "minMax" | "percentile";
  target?: DecimalString;
  cap?: DecimalString;
}

export interface ScorecardSpec {
  id: string;
  name?: string;
  window?: ScoringWindow;
  kpis: ScorecardKpiSpec[];
  /** Team score from members' scores (default "mean"). */
  team?: "mean" | "sum";
}

export interface PointsSpec {
  rules?: { eventType: string; points?: DecimalString; perAmount?: { points: DecimalString; per: DecimalString } }[];
  multipliers?: {
    id: string;
    factor: DecimalString;
    eventType?: string;
    attribute?: { key: string; value: string };
    window?: ScoringWindow;
    lastDaysOfQuarter?: number;
  }[];
  limits?: { eventType?: string; per: "day" | "week" | "month" | "quarter"; max: DecimalString }[];
}

export interface BadgeSpec {
  id: string;
  name: string;
  kind: "points" | "threshold" | "streak" | "first" | "teamAll" | "teamTotal";
  metric?: ScoringMetric;
  threshold?: DecimalString;
  period?: "month" | "quarter";
  length?: number;
  eventType?: string;
  badge?: string;
}

export interface EligibilitySpec {
  roles?: string[];
  hiredOnOrBefore?: DateString;
  minEvents?: number;
  exclude?: string[];
}

export interface LeaderboardSpec {
  id: string;
  name?: string;
  metric: ScoringMetric;
  window?: ScoringWindow;
  scope?: "individual" | "team";
  /** "competition" (1224, default), "dense" (1223), "ordinal" (1234). */
  ties?: "competition" | "dense" | "ordinal";
  /** Ordinal tie-break (higher first), then id. */
  secondary?: ScoringMetric;
  eligibility?: EligibilitySpec;
}

export interface ContestSpec {
  id: string;
  name: string;
  metric: ScoringMetric;
  from: DateString;
  to: DateString;
  eligibility?: EligibilitySpec;
  currency: string;
  prizes: { place: number; amount: DecimalString }[];
}

export interface GoalSpec {
  id: string;
  name: string;
  owner: string;
  ownerKind?: "rep" | "team";
  metric: ScoringMetric;
  target: DecimalString;
  from: DateString;
  due: DateString;
  /** An owner's goal weights sum to exactly 1. */
  weight: DecimalString;
  tolerance?: DecimalString;
}

/** The definitions document. */
export interface ScoringDefinitions {
  schemaVersion: 1;
  asOf?: DateString;
  kpis?: KpiSpec[];
  scorecards?: ScorecardSpec[];
  points?: PointsSpec;
  levels?: { name: string; threshold: DecimalString }[];
  badges?: BadgeSpec[];
  leaderboards?: LeaderboardSpec[];
  contests?: ContestSpec[];
  goals?: GoalSpec[];
}

export interface RosterRep { id: string; name?: string; team?: string; role?: string; hire?: DateString }

export interface ScoringEvent {
  id: string;
  payeeId: string;
  type: string;
  date: DateString;
  amount?: DecimalString;
  attributes?: Record<string, string>;
}

export interface KpiScore { metric: string; value?: DecimalString; normalized: DecimalString; weighted: DecimalString }
export interface ScoreLine { id: string; name: string; score: DecimalString; kpis?: KpiScore[] }
export interface ScorecardResult { id: string; from: DateString; to: DateString; reps: ScoreLine[]; teams: ScoreLine[] }
export interface RepPoints { id: string; points: DecimalString; level?: string; nextLevel?: string; toNext?: DecimalString }
export interface BadgeAward {
  badge: string;
  holder: string;
  date: DateString;
  sentence: string;
  events?: string[];
  periods?: string[];
  members?: string[];
}
export interface LeaderboardEntry { rank?: number; id: string; name: string; value?: DecimalString; ineligible?: string }
export interface LeaderboardResult {
  id: string;
  metric: string;
  from: DateString;
  to: DateString;
  ties: "competition" | "dense" | "ordinal";
  /** Ranked best first, then the ineligible by id, unranked, with the reason. */
  entries: LeaderboardEntry[];
}
/** A prize as a SPIFF row for the payout ledger. */
export interface ContestAward { payeeId: string; date: DateString; amount: DecimalString; currency: string; reason: string }
export interface ContestResult {
  id: string;
  standings: LeaderboardResult;
  awards: ContestAward[];
  unclaimed: { place: number; amount: DecimalString }[];
  tableTotal: DecimalString;
  paid: DecimalString;
  sentences: string[];
}
export interface GoalResult {
  id: string;
  owner: string;
  value: DecimalString;
  target: DecimalString;
  progress: DecimalString;
  elapsed: DecimalString;
  status: "done" | "onTrack" | "atRisk" | "missed";
  completed?: DateString;
  weight: DecimalString;
  sentence: string;
}
export interface ScoringReport {
  schemaVersion: 1;
  asOf: DateString;
  reps: number;
  events: number;
  scorecards: ScorecardResult[];
  standings: RepPoints[];
  badges: BadgeAward[];
  leaderboards: LeaderboardResult[];
  contests: ContestResult[];
  goals: GoalResult[];
}
