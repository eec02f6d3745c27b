//! The territory-balancing wire format (issue 7): accounts with potential, workload, coordinates
//! and current owner; territories with capacities and optional fixed centres; objective weights;
//! and the result (assignment, per-territory figures, balance metrics, lower bound). Decimals are
//! strings; unknown input fields are rejected. See docs/territory.md.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::dec::Dec;
use spm_base::schema::{DecimalString, SchemaVersion};
use spm_base::Code;

/// A balancing problem: what `TerritoryModel` is built from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TerritoryInputDto {
    /// 1 when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<SchemaVersion>")]
    pub schema_version: Option<u32>,
    /// The accounts (or geographic units) to assign.
    pub accounts: Vec<AccountDto>,
    /// The territories (reps) to assign them to.
    pub territories: Vec<TerritoryDto>,
    /// Objective weights (defaults: balance 1, compactness 0.002, disruption 0.0002).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<WeightsDto>,
    /// Seed of the search's random choices (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Most local-search passes (default 24, at most 1,000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_iterations: Option<u32>,
}

/// One account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AccountDto {
    /// Unique identifier.
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Sales potential (not negative).
    pub potential: Dec,
    /// Workload, such as visits a year (default "1": every account one unit of work).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload: Option<Dec>,
    /// Horizontal coordinate (any planar unit: km on a projection, or longitude for small areas).
    pub x: Dec,
    /// Vertical coordinate.
    pub y: Dec,
    /// The territory that owns the account today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Whether the account must stay with its owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked: Option<bool>,
}

/// One territory.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TerritoryDto {
    /// Unique identifier.
    pub id: String,
    /// Display name (the id when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Upper limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<CapacityDto>,
    /// A fixed centre (the rep's office); the centroid of the territory's accounts when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub center: Option<PointDto>,
}

/// A territory's upper limits: total workload, number of accounts, or both.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CapacityDto {
    /// Most workload (sum of the accounts' workloads).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload: Option<Dec>,
    /// Most accounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accounts: Option<u32>,
}

/// A point of the input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PointDto {
    /// Horizontal coordinate.
    pub x: Dec,
    /// Vertical coordinate.
    pub y: Dec,
}

/// The objective's weights: `balance × B + compactness × C + disruption × D` (docs/territory.md).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WeightsDto {
    /// Weight of balance (default "1").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub balance: Option<Dec>,
    /// Weight of compactness (default "0.002").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compactness: Option<Dec>,
    /// Weight of disruption (default "0.0002").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disruption: Option<Dec>,
}

/// Options of one `balance` call; what is absent is taken from the input.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BalanceOptionsDto {
    /// Objective weights (each absent weight keeps the input's value).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weights: Option<WeightsDto>,
    /// Seed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Most local-search passes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_iterations: Option<u32>,
}

/// A balancing result: the assignment and how good it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TerritoryResultDto {
    /// Always 1.
    #[schemars(with = "SchemaVersion")]
    pub schema_version: u32,
    /// Every account's territory, in input order.
    pub assignment: Vec<AssignmentDto>,
    /// Every territory's figures, in input order.
    pub territories: Vec<TerritoryStatsDto>,
    /// The overall figures.
    pub metrics: MetricsDto,
    /// How the assignment was made, in a sentence or two.
    pub method: String,
}

/// What a move by hand changes: every territory's figures and the overall metrics, without the
/// assignment (the caller knows which accounts it moved).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TerritorySummaryDto {
    /// Always 1.
    #[schemars(with = "SchemaVersion")]
    pub schema_version: u32,
    /// Every territory's figures, in input order.
    pub territories: Vec<TerritoryStatsDto>,
    /// The overall figures.
    pub metrics: MetricsDto,
    /// How the assignment was made, in a sentence or two.
    pub method: String,
}

/// The outcome of moving several accounts to one territory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MoveOutcomeDto {
    /// The accounts moved (or already there), in the order given.
    pub moved: Vec<String>,
    /// The accounts not moved, each with the reason.
    pub refused: Vec<RefusedMoveDto>,
    /// The figures after the moves.
    pub summary: TerritorySummaryDto,
}

/// An account a move left where it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RefusedMoveDto {
    /// The account.
    pub account_id: String,
    /// `ACCOUNT_LOCKED`, `CAPACITY_EXCEEDED` or `UNKNOWN_REFERENCE`.
    #[schemars(with = "Code")]
    pub code: String,
    /// Why, in a sentence.
    pub message: String,
}

/// One account's territory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AssignmentDto {
    /// The account.
    pub account_id: String,
    /// Its territory.
    pub territory_id: String,
}

/// One territory's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TerritoryStatsDto {
    /// Id.
    pub id: String,
    /// Name (the id when the input has none).
    pub name: String,
    /// Sum of its accounts' potentials (exact).
    #[schemars(with = "DecimalString")]
    pub potential: String,
    /// Sum of its accounts' workloads (exact).
    #[schemars(with = "DecimalString")]
    pub workload: String,
    /// Number of accounts.
    pub accounts: usize,
    /// Mean distance of its accounts to its centre (6 places; "0.000000" when empty).
    #[schemars(with = "DecimalString")]
    pub compactness: String,
    /// The fixed centre, or its accounts' centroid; null for an empty territory without one.
    pub center: Option<PointOutDto>,
    /// `(potential − mean) / mean`, signed (6 places; "0.000000" when the mean is zero).
    #[schemars(with = "DecimalString")]
    pub deviation: String,
}

/// A point of the result, 6 places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PointOutDto {
    /// Horizontal coordinate.
    #[schemars(with = "DecimalString")]
    pub x: String,
    /// Vertical coordinate.
    #[schemars(with = "DecimalString")]
    pub y: String,
}

/// The overall figures (decimals to 6 places).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MetricsDto {
    /// Largest `|potential − mean| / mean` over the territories.
    #[schemars(with = "DecimalString")]
    pub max_deviation_potential: String,
    /// Largest `|workload − mean| / mean`.
    #[schemars(with = "DecimalString")]
    pub max_deviation_workload: String,
    /// Coefficient of variation of the territories' potentials (population standard deviation
    /// over the mean).
    #[schemars(with = "DecimalString")]
    pub cv_potential: String,
    /// Coefficient of variation of the territories' workloads.
    #[schemars(with = "DecimalString")]
    pub cv_workload: String,
    /// Mean distance of every account to its territory's centre.
    #[schemars(with = "DecimalString")]
    pub compactness: String,
    /// Share of the accounts with an owner that keep it; null when no account has an owner.
    #[schemars(with = "Option<DecimalString>")]
    pub kept_share: Option<String>,
    /// Accounts with an owner assigned elsewhere.
    pub moved: usize,
    /// The objective's value (docs/territory.md).
    #[schemars(with = "DecimalString")]
    pub objective: String,
    /// A lower bound of the objective from the last `balance` (null before one).
    #[schemars(with = "Option<DecimalString>")]
    pub lower_bound: Option<String>,
    /// `(objective − lowerBound) / lowerBound`; null without a bound or when the bound is 0.
    #[schemars(with = "Option<DecimalString>")]
    pub gap: Option<String>,
}
