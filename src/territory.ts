// Territory balancing (docs/territory.md). Every decimal is a string ("125000.50"); a JS
// number where a decimal is expected is rejected with code DECIMAL_NOT_STRING.

/** One account (or geographic unit) to assign. */
export interface TerritoryAccountSpec {
  id: string;
  name?: string;
  /** Sales potential, not negative. */
  potential: DecimalString;
  /** Workload (visits, hours); default "1". */
  workload?: DecimalString;
  /** Planar coordinates (km on a projection; longitude/latitude only for small areas). */
  x: DecimalString;
  y: DecimalString;
  /** The territory that owns it today. */
  owner?: string;
  /** Keep it with its owner. */
  locked?: boolean;
}

/** Upper limits of a territory. */
export interface TerritoryCapacitySpec {
  /** Most workload (sum of its accounts' workloads). */
  workload?: DecimalString;
  /** Most accounts. */
  accounts?: number;
}

export interface TerritorySpec {
  id: string;
  name?: string;
  capacity?: TerritoryCapacitySpec;
  /** A fixed centre (the rep's office); the centroid of its accounts when absent. */
  center?: { x: DecimalString; y: DecimalString };
}

/** `balance·B + compactness·C + disruption·D` (docs/territory.md). */
export interface TerritoryWeights {
  /** Default "1": B = (CV²(potential) + CV²(workload)) / 2. */
  balance?: DecimalString;
  /** Default "0.002": C = Σ squared distance to the territory's centre / Σ squared distance to the centroid of all. */
  compactness?: DecimalString;
  /** Default "0.0002": D = share of owned accounts that change owner. */
  disruption?: DecimalString;
}

export interface TerritoryInput {
  schemaVersion?: 1;
  accounts: TerritoryAccountSpec[];
  territories: TerritorySpec[];
  weights?: TerritoryWeights;
  /** Seed of every random choice (default 1). */
  seed?: number;
  /** Most local-search passes (default 24, 1–1000). */
  maxIterations?: number;
}

/** Options of one `balance` call over the input's. */
export interface BalanceOptions {
  weights?: TerritoryWeights;
  seed?: number;
  maxIterations?: number;
}

export interface TerritoryAssignment {
  accountId: string;
  territoryId: string;
}

export interface TerritoryStats {
  id: string;
  name: string;
  /** Exact sum of its accounts' potentials. */
  potential: DecimalString;
  workload: DecimalString;
  accounts: number;
  /** Mean distance of its accounts to its centre (6 places). */
  compactness: DecimalString;
  /** Fixed centre or centroid; null for an empty territory without a fixed one. */
  center: { x: DecimalString; y: DecimalString } | null;
  /** (potential − mean) / mean, signed (6 places). */
  deviation: DecimalString;
}

export interface TerritoryMetrics {
  maxDeviationPotential: DecimalString;
  maxDeviationWorkload: DecimalString;
  cvPotential: DecimalString;
  cvWorkload: DecimalString;
  /** Mean distance of every account to its territory's centre. */
  compactness: DecimalString;
  /** Share of owned accounts that keep their owner; null when none has an owner. */
  keptShare: DecimalString | null;
  moved: number;
  objective: DecimalString;
  /** Lower bound of the objective from the last `balance` (null before one). */
  lowerBound: DecimalString | null;
  /** (objective − lowerBound) / lowerBound; null without a positive bound. */
  gap: DecimalString | null;
}

export interface TerritoryResult {
  schemaVersion: 1;
  /** In input order. */
  assignment: TerritoryAssignment[];
  territories: TerritoryStats[];
  metrics: TerritoryMetrics;
  method: string;
}

/** What a move by hand returns: the figures without the assignment. */
export interface TerritorySummary {
  schemaVersion: 1;
  territories: TerritoryStats[];
  metrics: TerritoryMetrics;
  method: string;
}

/** The outcome of `moveAccounts`. */
export interface MoveOutcome {
  /** Moved (or already there), in the order given. */
  moved: string[];
  /** Left where they were: ACCOUNT_LOCKED, CAPACITY_EXCEEDED or UNKNOWN_REFERENCE. */
  refused: { accountId: string; code: string; message: string }[];
  summary: TerritorySummary;
}
