// Monte Carlo plan costing (docs/simulate.md). Every decimal is a string ("0.25"); a JS number
// where a decimal is expected is rejected with code DECIMAL_NOT_STRING.

/** An attainment distribution; attainment is a fraction of quota ("1" = 100%). */
export interface DistributionSpec {
  /** Default "normal". Lognormal takes the mean and sd of attainment itself. */
  kind?: 'normal' | 'lognormal';
  mean: DecimalString;
  /** "0" gives every trial the mean. */
  sd: DecimalString;
}

export interface SimulationOptions {
  schemaVersion?: 1;
  /** Seed of every draw (default 1). */
  seed?: number;
  /** Trials (default 10,000; 1 to maxTrials). */
  trials?: number;
  /** The most trials accepted (default and ceiling 1,000,000). */
  maxTrials?: number;
  /** A day of the period simulated (the plan's first day, else the dataset's first deal). */
  asOf?: string;
  /** The component whose attainment is drawn (as the payout curve's x axis when absent). */
  componentId?: string;
  /** Roles simulated (the plan's eligible roles when absent). */
  roles?: string[];
  /** For reps with no declared distribution and under 3 periods of history (normal 1 ± 0.25). */
  defaultDistribution?: DistributionSpec;
  /** Fit undeclared reps to their per-period attainment in the dataset (default true). */
  fitHistory?: boolean;
  reps?: { id: string; distribution: DistributionSpec }[];
  /** One common factor: any two reps' attainments correlate by this, in [0, 1). Default "0". */
  correlation?: DecimalString;
  /** The period's budget: the result gives the chance of exceeding it. */
  budget?: DecimalString;
  /** Highest attainment the payout curves cover (default "3"); draws above count at it. */
  maxAttainment?: DecimalString;
}

/** Nearest-rank percentiles over trials, with mean, lowest and highest. */
export interface SimPercentiles {
  p10: DecimalString;
  p50: DecimalString;
  p90: DecimalString;
  mean: DecimalString;
  min: DecimalString;
  max: DecimalString;
}

export interface SimBin {
  from: DecimalString;
  to: DecimalString;
  count: number;
}

export interface SimRep {
  id: string;
  name: string;
  quota: DecimalString;
  distribution: {
    kind: 'normal' | 'lognormal';
    mean: DecimalString;
    sd: DecimalString;
    source: 'declared' | 'fitted' | 'default';
    periods?: number;
  };
  /** Exact quantiles of the rep's payout under their distribution. */
  p10: DecimalString;
  p50: DecimalString;
  p90: DecimalString;
  /** Over the trials run. */
  mean: DecimalString;
  atOrAboveQuota: DecimalString;
  /** Index into `curves`. */
  curve: number;
}

export interface SimCurve {
  reps: number;
  quota: DecimalString;
  knots: number;
  runs: number;
  piecewiseLinear: boolean;
  maxDeviation: DecimalString;
  errorBound: DecimalString;
  nonDecreasing: boolean;
}

export interface SimulationResult {
  schemaVersion: 1;
  currency: string;
  period: string;
  componentId: string;
  seed: number;
  trials: number;
  trialsDone: number;
  done: boolean;
  correlation: DecimalString;
  totalCost: SimPercentiles;
  revenue: SimPercentiles;
  costOfSales: { p10: DecimalString; p50: DecimalString; p90: DecimalString; overall: DecimalString };
  budget?: DecimalString;
  exceedBudget?: DecimalString;
  atOrAboveQuota: DecimalString;
  aboveMaxAttainment: DecimalString;
  costHistogram: SimBin[];
  payoutHistogram: SimBin[];
  reps: SimRep[];
  curves: SimCurve[];
  method: string;
}

export interface SensitivityOptions {
  schemaVersion?: 1;
  /** Plan JSON paths ("components[0].rateTable.tiers[1].rate"; items may be named by id). */
  paths?: string[];
  /** Relative move each way, in (0, 1] (default "0.1"). */
  step?: DecimalString;
  /** Trials per run (the simulation's when absent). */
  trials?: number;
}

export interface SensitivityRun {
  value: DecimalString;
  p50: DecimalString;
  mean: DecimalString;
  deltaP50: DecimalString;
  deltaMean: DecimalString;
}

export interface Sensitivity {
  schemaVersion: 1;
  currency: string;
  step: DecimalString;
  trials: number;
  baseP50: DecimalString;
  baseMean: DecimalString;
  /** Largest swing first. */
  parameters: {
    path: string;
    value: DecimalString;
    low?: SensitivityRun;
    high?: SensitivityRun;
    swing: DecimalString;
    error?: string;
  }[];
}
