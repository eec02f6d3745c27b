//! The forecasting wire format (issue 8), schema version 1: monthly bookings series (reps, teams,
//! the company) and their forecasts with prediction intervals and back-test accuracy; open deals
//! and their pipeline-weighted forecast with stage probabilities given or learned from history.
//! Decimals are strings both ways; unknown fields are rejected. See docs/forecast.md.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::dec::Dec;
use spm_base::schema::{DecimalString, MonthString, SchemaVersion};

/// The input of a series forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ForecastInputDto {
    /// 1 when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<SchemaVersion>")]
    pub schema_version: Option<u32>,
    /// The series: every one that has values ends in the same month.
    pub series: Vec<SeriesInputDto>,
    /// Months to forecast, 1–36.
    pub horizon: u32,
    /// `"auto"` (the default: the ETS model with the lowest AICc) or one ETS model by its code,
    /// error-trend-season: `"ANN"`, `"AAdM"`, `"MAM"`, …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("enum" = ["auto", "ANN", "AAN", "AAdN", "ANA", "AAA", "AAdA", "ANM", "AAM", "AAdM", "MNN", "MAN", "MAdN", "MNA", "MAA", "MAdA", "MNM", "MAM", "MAdM", null]))]
    pub model: Option<String>,
    /// Coverage of the prediction intervals, each strictly between 0 and 1, at most 5
    /// (default `["0.8", "0.95"]`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub intervals: Option<Vec<Dec>>,
    /// Draw every interval from simulated future paths (default false: exact formulas, and the
    /// small-σ approximation for multiplicative seasons; an additive error with a multiplicative
    /// season, only on request, is always simulated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub simulate: Option<bool>,
    /// Seed of the simulated paths (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Paths simulated, 100–100,000 (default 1,000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paths: Option<u32>,
    /// A rolling-origin back-test of every series (none when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backtest: Option<BacktestInputDto>,
}

/// The level of a series in the sales organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum SeriesLevelDto {
    /// One rep.
    Rep,
    /// A team.
    Team,
    /// The whole company.
    Company,
}

/// One monthly series, or an aggregate of its children.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeriesInputDto {
    /// Unique id.
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The level (default: a series without a parent is the company when it has children, a
    /// leaf is a rep, any other a team).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<SeriesLevelDto>,
    /// The id of the series this one sums into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The first month of `values`, `YYYY-MM` (required with `values`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<MonthString>")]
    pub start: Option<String>,
    /// Monthly bookings, oldest first, at least 3 and at most 600. Absent: the series is the sum
    /// of its children (a child's months before its start count as 0); a series with children
    /// may give them only if they are exactly that sum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<Dec>>,
}

/// A rolling-origin back-test: the last `origins` forecast origins, each forecasting `horizon`
/// months from the data before it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BacktestInputDto {
    /// Origins, 1–24.
    pub origins: u32,
    /// Months forecast from each origin, 1–36 (default: the forecast horizon).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon: Option<u32>,
}

/// The result of a series forecast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ForecastResultDto {
    /// Always 1.
    #[schemars(with = "SchemaVersion")]
    pub schema_version: u32,
    /// Months forecast.
    pub horizon: u32,
    /// The interval levels, as given.
    #[schemars(with = "Vec<DecimalString>")]
    pub intervals: Vec<String>,
    /// One per input series, in input order.
    pub series: Vec<SeriesForecastDto>,
}

/// One series' forecast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SeriesForecastDto {
    /// The series id.
    pub id: String,
    /// Its name, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its level.
    pub level: SeriesLevelDto,
    /// Its parent, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The ids of the series that sum into it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<String>,
    /// The first month of the history used.
    #[schemars(with = "MonthString")]
    pub start: String,
    /// The history, 2 decimal places: the given values, or the children's sum.
    #[schemars(with = "Vec<DecimalString>")]
    pub history: Vec<String>,
    /// The model, `"ETS(A,Ad,M)"`, or `"Naive"` for a series too short for any ETS model.
    pub model: String,
    /// The model's AICc (absent for the naive forecast).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub aicc: Option<String>,
    /// Smoothing parameters, 6 places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<ParametersDto>,
    /// The 90% autocorrelation test at lag 12 (absent below 36 months).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seasonality: Option<SeasonalityTestDto>,
    /// The models compared, lowest AICc first (only with `"auto"`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<CandidateDto>,
    /// How the intervals were made: `"analytic"` (exact), `"approximate"` (small-σ, for
    /// multiplicative seasons) or `"simulated"`.
    #[schemars(extend("enum" = ["analytic", "approximate", "simulated"]))]
    pub interval_method: String,
    /// One-step-ahead fitted values, one per history month.
    #[schemars(with = "Vec<DecimalString>")]
    pub fitted: Vec<String>,
    /// One per month ahead.
    pub forecast: Vec<ForecastPointDto>,
    /// For a series with children: per month, the exact sum (to the cent) of the children's
    /// bottom-up figures, a leaf's being its forecast mean as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bottom_up: Option<Vec<MonthAmountDto>>,
    /// The back-test, when asked for and the series is long enough.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accuracy: Option<AccuracyDto>,
    /// What was done and what it means, in sentences.
    pub explanation: Vec<String>,
}

/// Smoothing parameters (those the model has).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ParametersDto {
    /// Level smoothing.
    #[schemars(with = "DecimalString")]
    pub alpha: String,
    /// Trend smoothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub beta: Option<String>,
    /// Seasonal smoothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub gamma: Option<String>,
    /// Damping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub phi: Option<String>,
}

/// The seasonality test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SeasonalityTestDto {
    /// Autocorrelation at lag 12, 6 places.
    #[schemars(with = "DecimalString")]
    pub acf: String,
    /// The 90% limit, 6 places.
    #[schemars(with = "DecimalString")]
    pub limit: String,
    /// Whether `|acf|` exceeds the limit.
    pub seasonal: bool,
}

/// A model compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CandidateDto {
    /// `"ETS(M,A,M)"`.
    pub model: String,
    /// Its AICc, 2 places.
    #[schemars(with = "DecimalString")]
    pub aicc: String,
}

/// One month ahead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ForecastPointDto {
    /// `YYYY-MM`.
    #[schemars(with = "MonthString")]
    pub month: String,
    /// The point forecast, 2 places.
    #[schemars(with = "DecimalString")]
    pub mean: String,
    /// One per interval level, in the order given.
    pub intervals: Vec<IntervalDto>,
}

/// A prediction interval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct IntervalDto {
    /// Coverage, as given.
    #[schemars(with = "DecimalString")]
    pub level: String,
    /// Lower bound, 2 places.
    #[schemars(with = "DecimalString")]
    pub lower: String,
    /// Upper bound, 2 places.
    #[schemars(with = "DecimalString")]
    pub upper: String,
}

/// An amount for a month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MonthAmountDto {
    /// `YYYY-MM`.
    #[schemars(with = "MonthString")]
    pub month: String,
    /// 2 places.
    #[schemars(with = "DecimalString")]
    pub mean: String,
}

/// Rolling-origin back-test accuracy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AccuracyDto {
    /// Origins used.
    pub origins: u32,
    /// Months forecast from each.
    pub horizon: u32,
    /// The first origin: the first month forecast by the earliest origin.
    #[schemars(with = "MonthString")]
    pub first_origin: String,
    /// Per method: the model as asked (`"ETS"`), `"Naive2"` and `"Seasonal naive"`.
    pub methods: Vec<MethodAccuracyDto>,
}

/// One method's accuracy, averaged over the origins.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MethodAccuracyDto {
    /// The method.
    pub method: String,
    /// sMAPE in percent, 4 places.
    #[schemars(with = "DecimalString")]
    pub smape: String,
    /// MASE, 6 places (absent when the in-sample seasonal naive error is zero).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub mase: Option<String>,
}

/// The input of a pipeline forecast.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PipelineInputDto {
    /// 1 when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<SchemaVersion>")]
    pub schema_version: Option<u32>,
    /// The current month, `YYYY-MM`: deals expected to close before it count in it.
    #[schemars(with = "MonthString")]
    pub as_of: String,
    /// The open deals.
    pub deals: Vec<PipelineDealDto>,
    /// Stage win probabilities, used where history is too thin to learn one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stages: Option<Vec<StageProbabilityDto>>,
    /// Closed deals with the stages they reached and whether they were won.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<HistoryDealDto>>,
    /// Closed deals that must have reached a stage for its learned probability to be used, 1 or
    /// more (default 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_sample: Option<u32>,
}

/// An open deal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PipelineDealDto {
    /// Unique id.
    pub id: String,
    /// The amount it would book, not negative.
    pub amount: Dec,
    /// Its current stage.
    pub stage: String,
    /// The month it is expected to close, `YYYY-MM`.
    #[schemars(with = "MonthString")]
    pub close_month: String,
}

/// A stage's win probability.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StageProbabilityDto {
    /// The stage.
    pub name: String,
    /// The probability that a deal in this stage is won, 0–1.
    pub probability: Dec,
}

/// A closed deal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HistoryDealDto {
    /// Unique id.
    pub id: String,
    /// Its amount, for the record (probabilities are learned by count, not by amount).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Dec>,
    /// Every stage it reached.
    pub stages: Vec<String>,
    /// Whether it was won.
    pub won: bool,
}

/// The pipeline forecast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PipelineForecastDto {
    /// Always 1.
    #[schemars(with = "SchemaVersion")]
    pub schema_version: u32,
    /// The current month.
    #[schemars(with = "MonthString")]
    pub as_of: String,
    /// From `asOf` to the last close month.
    pub months: Vec<PipelineMonthDto>,
    /// All deals together.
    pub total: PipelineRangeDto,
    /// The probability used for each stage that appears in the deals, stages or history.
    pub stages: Vec<StageUsedDto>,
    /// What was done, in sentences.
    pub explanation: Vec<String>,
}

/// One month of the pipeline forecast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PipelineMonthDto {
    /// `YYYY-MM`.
    #[schemars(with = "MonthString")]
    pub month: String,
    /// Deals expected to close in it.
    pub deals: u32,
    /// Expected bookings `Σ p × amount`, 2 places.
    #[schemars(with = "DecimalString")]
    pub expected: String,
    /// 10th percentile of the bookings, 2 places.
    #[schemars(with = "DecimalString")]
    pub p10: String,
    /// 90th percentile, 2 places.
    #[schemars(with = "DecimalString")]
    pub p90: String,
    /// `"exact"` (the distribution of every combination of wins) or `"normal"` (approximation).
    #[schemars(extend("enum" = ["exact", "normal"]))]
    pub method: String,
}

/// Expected bookings and their range for all deals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PipelineRangeDto {
    /// Deals.
    pub deals: u32,
    /// Expected bookings, 2 places.
    #[schemars(with = "DecimalString")]
    pub expected: String,
    /// 10th percentile, 2 places.
    #[schemars(with = "DecimalString")]
    pub p10: String,
    /// 90th percentile, 2 places.
    #[schemars(with = "DecimalString")]
    pub p90: String,
    /// `"exact"` or `"normal"`.
    #[schemars(extend("enum" = ["exact", "normal"]))]
    pub method: String,
}

/// The probability used for a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StageUsedDto {
    /// The stage.
    pub name: String,
    /// The probability used, 6 places (absent when there is none: no deal is in the stage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub probability: Option<String>,
    /// Whether it was learned from history.
    pub learned: bool,
    /// Closed deals that reached the stage.
    pub sample: u32,
    /// Of those, the ones won.
    pub won: u32,
    /// The given probability, 6 places, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub given: Option<String>,
}
