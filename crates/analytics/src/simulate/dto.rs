//! Monte Carlo plan costing's wire format (issue 8, schema version 1): the simulation options
//! (attainment distributions per rep, correlation, trials, seed, budget), the result (cost
//! percentiles, cost of sales, budget risk, distributions, per-rep percentiles, how each payout
//! curve was made) and the sensitivity (tornado) options and result. Decimals are strings;
//! unknown fields are rejected. See docs/simulate.md.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::dec::Dec;
use spm_base::schema::{DateString, DecimalString, SchemaVersion};

/// A family of attainment distributions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum DistributionKind {
    /// Normal with the given mean and standard deviation (draws below 0 count as 0).
    #[default]
    Normal,
    /// Lognormal with the given mean and standard deviation of the attainment itself.
    Lognormal,
}

/// An attainment distribution: attainment is a fraction (1 = 100% of quota).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DistributionDto {
    /// `normal` (default) or `lognormal`.
    #[serde(default)]
    pub kind: DistributionKind,
    /// Mean attainment ("1" = 100%).
    pub mean: Dec,
    /// Standard deviation of attainment ("0.25"); "0" gives every trial the mean.
    pub sd: Dec,
}

/// One rep's declared distribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RepDistributionDto {
    /// Payee id in the dataset.
    pub id: String,
    /// The rep's distribution.
    pub distribution: DistributionDto,
}

/// Options of a simulation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SimulationOptionsDto {
    /// 1 when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<SchemaVersion>")]
    pub schema_version: Option<u32>,
    /// Seed of every draw (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Trials (default 10,000; 1 to `maxTrials`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trials: Option<usize>,
    /// The most trials accepted (default and ceiling 1,000,000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_trials: Option<usize>,
    /// A day in the period simulated (the plan's first day when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateString>")]
    pub as_of: Option<String>,
    /// The component whose attainment is drawn (as the payout curve's x axis when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component_id: Option<String>,
    /// Roles of the payees simulated (the plan's eligible roles when absent, else every role).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
    /// Distribution of a rep with no declared one and under 3 periods of history (default
    /// normal, mean "1", sd "0.25").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_distribution: Option<DistributionDto>,
    /// Fit undeclared reps to their per-period attainment in the dataset (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fit_history: Option<bool>,
    /// Declared distributions by rep id.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reps: Vec<RepDistributionDto>,
    /// Correlation of any two reps' attainment through one common factor, in [0, 1) (default "0").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlation: Option<Dec>,
    /// A budget for the period's total cost: the result gives the chance of exceeding it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Dec>,
    /// Highest attainment the payout curves cover; draws above count at it (default "3").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_attainment: Option<Dec>,
}

/// Percentiles of a money amount over trials (nearest rank), with mean, lowest and highest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PercentilesDto {
    /// 10th percentile.
    #[schemars(with = "DecimalString")]
    pub p10: String,
    /// Median.
    #[schemars(with = "DecimalString")]
    pub p50: String,
    /// 90th percentile.
    #[schemars(with = "DecimalString")]
    pub p90: String,
    /// Mean (to the minor unit).
    #[schemars(with = "DecimalString")]
    pub mean: String,
    /// Lowest.
    #[schemars(with = "DecimalString")]
    pub min: String,
    /// Highest.
    #[schemars(with = "DecimalString")]
    pub max: String,
}

/// Cost of sales (cost / revenue) over trials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(rename = "SimCostOfSales")]
pub struct CostOfSalesDto {
    /// 10th percentile of the trials' ratios (6 decimals).
    #[schemars(with = "DecimalString")]
    pub p10: String,
    /// Median.
    #[schemars(with = "DecimalString")]
    pub p50: String,
    /// 90th percentile.
    #[schemars(with = "DecimalString")]
    pub p90: String,
    /// All trials' cost over all trials' revenue.
    #[schemars(with = "DecimalString")]
    pub overall: String,
}

/// A histogram bin: `[from, to)`, the last bin includes its upper bound.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SimBinDto {
    /// Lower bound.
    #[schemars(with = "DecimalString")]
    pub from: String,
    /// Upper bound.
    #[schemars(with = "DecimalString")]
    pub to: String,
    /// How many values fall in it.
    pub count: u64,
}

/// A distribution as used, with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct UsedDistributionDto {
    /// `normal` or `lognormal`.
    pub kind: DistributionKind,
    /// Mean attainment (6 decimals).
    #[schemars(with = "DecimalString")]
    pub mean: String,
    /// Standard deviation (6 decimals).
    #[schemars(with = "DecimalString")]
    pub sd: String,
    /// `declared`, `fitted` (from `periods` periods of history) or `default`.
    #[schemars(extend("enum" = ["declared", "fitted", "default"]))]
    pub source: String,
    /// Periods of history fitted (fitted only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub periods: Option<usize>,
}

/// One rep's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RepResultDto {
    /// Payee id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Quota of the simulated component for the period.
    #[schemars(with = "DecimalString")]
    pub quota: String,
    /// The attainment distribution.
    pub distribution: UsedDistributionDto,
    /// 10th percentile of the rep's payout (exact quantile of the distribution, see docs).
    #[schemars(with = "DecimalString")]
    pub p10: String,
    /// Median payout.
    #[schemars(with = "DecimalString")]
    pub p50: String,
    /// 90th percentile of payout.
    #[schemars(with = "DecimalString")]
    pub p90: String,
    /// Mean payout over the trials run.
    #[schemars(with = "DecimalString")]
    pub mean: String,
    /// Share of the trials run at or above quota (6 decimals).
    #[schemars(with = "DecimalString")]
    pub at_or_above_quota: String,
    /// Which payout curve the rep uses (`curves[i]`).
    pub curve: usize,
}

/// How one payout curve (payout against credit, shared by reps with the same pay terms) was
/// made: real runs at every breakpoint and checked midpoints, linear in between.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CurveInfoDto {
    /// Reps using it.
    pub reps: usize,
    /// Quota of the simulated component for the period.
    #[schemars(with = "DecimalString")]
    pub quota: String,
    /// Points kept (each a real run of the plan).
    pub knots: usize,
    /// Runs of the plan made.
    pub runs: usize,
    /// Every checked midpoint matched the line through its neighbours within the tolerance.
    pub piecewise_linear: bool,
    /// Largest difference seen between a checked midpoint's run and the line.
    #[schemars(with = "DecimalString")]
    pub max_deviation: String,
    /// Bound on the difference between an interpolated payout and a real run.
    #[schemars(with = "DecimalString")]
    pub error_bound: String,
    /// Payouts at every knot never decrease with credit.
    pub non_decreasing: bool,
}

/// A simulation's result over the trials run so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SimulationResultDto {
    /// Always 1.
    #[schemars(with = "SchemaVersion")]
    pub schema_version: u32,
    /// Currency of every amount.
    pub currency: String,
    /// The period simulated.
    pub period: String,
    /// The component whose attainment is drawn.
    pub component_id: String,
    /// Seed.
    pub seed: u64,
    /// Trials asked for.
    pub trials: usize,
    /// Trials run so far.
    pub trials_done: usize,
    /// Whether every trial has run.
    pub done: bool,
    /// Correlation between reps (6 decimals).
    #[schemars(with = "DecimalString")]
    pub correlation: String,
    /// Total cost of the period per trial.
    pub total_cost: PercentilesDto,
    /// Revenue (credit on the simulated component) per trial.
    pub revenue: PercentilesDto,
    /// Cost / revenue.
    pub cost_of_sales: CostOfSalesDto,
    /// The budget, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub budget: Option<String>,
    /// Share of trials whose total cost is above the budget (6 decimals), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub exceed_budget: Option<String>,
    /// Share of rep-trials at or above quota (6 decimals).
    #[schemars(with = "DecimalString")]
    pub at_or_above_quota: String,
    /// Share of rep-trials drawn above `maxAttainment` (counted at it).
    #[schemars(with = "DecimalString")]
    pub above_max_attainment: String,
    /// Total cost per trial in bins of a round width.
    pub cost_histogram: Vec<SimBinDto>,
    /// Each rep's payout in each trial, in bins of a round width.
    pub payout_histogram: Vec<SimBinDto>,
    /// Every rep simulated, in dataset order.
    pub reps: Vec<RepResultDto>,
    /// The payout curves.
    pub curves: Vec<CurveInfoDto>,
    /// How the numbers were made, in words.
    pub method: String,
}

/// Options of a sensitivity analysis.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SensitivityOptionsDto {
    /// 1 when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<SchemaVersion>")]
    pub schema_version: Option<u32>,
    /// Plan JSON paths of decimal parameters (`components[0].rateTable.tiers[1].rate`; an
    /// array item may be named by its id); every rate, threshold, cap and amount of the
    /// components when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paths: Option<Vec<String>>,
    /// Relative change each way (default "0.1" = ±10%), in (0, 1].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<Dec>,
    /// Trials per run (the simulation's when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trials: Option<usize>,
}

/// The cost with one parameter moved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SensitivityRunDto {
    /// The parameter's value in this run.
    #[schemars(with = "DecimalString")]
    pub value: String,
    /// Median total cost.
    #[schemars(with = "DecimalString")]
    pub p50: String,
    /// Mean total cost.
    #[schemars(with = "DecimalString")]
    pub mean: String,
    /// Median minus the base's median.
    #[schemars(with = "DecimalString")]
    pub delta_p50: String,
    /// Mean minus the base's mean.
    #[schemars(with = "DecimalString")]
    pub delta_mean: String,
}

/// One parameter's effect (a bar of the tornado chart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SensitivityParamDto {
    /// Plan JSON path.
    pub path: String,
    /// The value in the plan.
    #[schemars(with = "DecimalString")]
    pub value: String,
    /// With the value lowered by `step`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<SensitivityRunDto>,
    /// With the value raised by `step`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<SensitivityRunDto>,
    /// |high.deltaMean − low.deltaMean|: what the parameters are sorted by.
    #[schemars(with = "DecimalString")]
    pub swing: String,
    /// Why a run could not be made (the moved plan is invalid), if so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The cost's sensitivity to each parameter, largest swing first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SensitivityDto {
    /// Always 1.
    #[schemars(with = "SchemaVersion")]
    pub schema_version: u32,
    /// Currency of every amount.
    pub currency: String,
    /// Relative change each way.
    #[schemars(with = "DecimalString")]
    pub step: String,
    /// Trials per run (the same draws in every run).
    pub trials: usize,
    /// Median total cost of the plan as given.
    #[schemars(with = "DecimalString")]
    pub base_p50: String,
    /// Mean total cost of the plan as given.
    #[schemars(with = "DecimalString")]
    pub base_mean: String,
    /// Parameters, largest swing first (ties by path).
    pub parameters: Vec<SensitivityParamDto>,
}
