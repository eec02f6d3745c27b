// Forecasting (docs/forecast.md), schema version 1. Appended to pkg/spm_engine.d.ts by
// src/wasm/forecast.rs; DecimalString is declared with the plan types.

/** A month, `YYYY-MM`. */
export type MonthString = string;
/** A series' level in the sales organisation. */
export type SeriesLevel = "rep" | "team" | "company";
/** `"auto"` or an ETS model code: error (A, M), trend (N, A, Ad), season (N, A, M). */
export type ForecastModel =
  | "auto"
  | "ANN" | "AAN" | "AAdN" | "ANA" | "AAA" | "AAdA" | "ANM" | "AAM" | "AAdM"
  | "MNN" | "MAN" | "MAdN" | "MNA" | "MAA" | "MAdA" | "MNM" | "MAM" | "MAdM";

/** One monthly series, or (without `values`) the sum of the series whose parent it is. */
export interface SeriesInput {
  id: string;
  name?: string;
  /** Default: a series without a parent that has children is the company, a leaf a rep, any other a team. */
  level?: SeriesLevel;
  /** The id of the series this one sums into. */
  parent?: string;
  /** The first month of `values` (required with `values`). */
  start?: MonthString;
  /** Monthly bookings, oldest first, 3 to 600. Every series must end in the same month. A series with children may give them only if they are exactly its children's sum. */
  values?: DecimalString[];
}

/** The input of `forecastSeries`. */
export interface ForecastInput {
  schemaVersion?: 1;
  series: SeriesInput[];
  /** Months to forecast, 1–36. */
  horizon: number;
  /** Default `"auto"`: the ETS model with the lowest AICc. */
  model?: ForecastModel;
  /** Interval coverages strictly between 0 and 1, at most 5 (default `["0.8", "0.95"]`). */
  intervals?: DecimalString[];
  /** Draw every interval from simulated paths (default false: formulas, see docs/forecast.md). */
  simulate?: boolean;
  /** Seed of the simulated paths, default 1. */
  seed?: number;
  /** Simulated paths, 100–100000 (default 1000). */
  paths?: number;
  /** A rolling-origin back-test: the last `origins` (1–24) origins, `horizon` months each. */
  backtest?: { origins: number; horizon?: number };
}

export interface ForecastInterval {
  level: DecimalString;
  lower: DecimalString;
  upper: DecimalString;
}

export interface ForecastPoint {
  month: MonthString;
  mean: DecimalString;
  /** One per requested level, in the order given. */
  intervals: ForecastInterval[];
}

export interface MethodAccuracy {
  /** `"ETS"` (the model as asked), `"Naive2"` or `"Seasonal naive"`. */
  method: string;
  /** sMAPE in percent, 4 places. */
  smape: DecimalString;
  /** MASE, 6 places; absent when the seasonal naive in-sample error is 0. */
  mase?: DecimalString;
}

export interface SeriesForecast {
  id: string;
  name?: string;
  level: SeriesLevel;
  parent?: string;
  children?: string[];
  start: MonthString;
  /** The history used: the values given, or the children's sums, 2 places. */
  history: DecimalString[];
  /** `"ETS(A,Ad,M)"`, or `"Naive"` for a series too short for any ETS model. */
  model: string;
  aicc?: DecimalString;
  parameters?: { alpha: DecimalString; beta?: DecimalString; gamma?: DecimalString; phi?: DecimalString };
  /** The 90% autocorrelation test at lag 12 (36 months or more). */
  seasonality?: { acf: DecimalString; limit: DecimalString; seasonal: boolean };
  /** With `"auto"`: every model fitted, lowest AICc first. */
  candidates?: { model: string; aicc: DecimalString }[];
  /** Exact formula, small-σ approximation (multiplicative seasons), or simulated paths. */
  intervalMethod: "analytic" | "approximate" | "simulated";
  /** One-step-ahead fitted values, one per history month. */
  fitted: DecimalString[];
  forecast: ForecastPoint[];
  /** For a series with children: per month, the exact sum (to the cent) of the children's bottom-up figures; a rep's is its forecast mean. */
  bottomUp?: { month: MonthString; mean: DecimalString }[];
  accuracy?: { origins: number; horizon: number; firstOrigin: MonthString; methods: MethodAccuracy[] };
  explanation: string[];
}

/** The result of `forecastSeries`. */
export interface ForecastResult {
  schemaVersion: 1;
  horizon: number;
  intervals: DecimalString[];
  series: SeriesForecast[];
}

/** The input of `forecastPipeline`. */
export interface PipelineInput {
  schemaVersion?: 1;
  /** The current month: deals expected to close before it count in it. */
  asOf: MonthString;
  deals: { id: string; amount: DecimalString; stage: string; closeMonth: MonthString }[];
  /** Given win probabilities per stage (used where history is too thin). */
  stages?: { name: string; probability: DecimalString }[];
  /** Closed deals: every stage each reached, and whether it was won. */
  history?: { id: string; amount?: DecimalString; stages: string[]; won: boolean }[];
  /** Closed deals that must have reached a stage to learn its probability (default 20). */
  minSample?: number;
}

export interface PipelineRange {
  deals: number;
  expected: DecimalString;
  p10: DecimalString;
  p90: DecimalString;
  /** `"exact"` (every combination of wins, up to 12 deals) or `"normal"`. */
  method: "exact" | "normal";
}

/** The result of `forecastPipeline`. */
export interface PipelineForecast {
  schemaVersion: 1;
  asOf: MonthString;
  months: (PipelineRange & { month: MonthString })[];
  total: PipelineRange;
  stages: { name: string; probability?: DecimalString; learned: boolean; sample: number; won: number; given?: DecimalString }[];
  explanation: string[];
}
