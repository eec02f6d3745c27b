//! The insight wire format, continued: note sentiment (per text, per note, per deal) and
//! coaching (the benchmark, each rep's metrics and the focus named). See docs/insight.md.

use super::{BenchmarkDto, DealStatusDto};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::schema::{DateString, DecimalString};

/// Sentiment over all deals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SentimentSummaryDto {
    /// Notes scored.
    pub notes: usize,
    /// Notes labelled positive.
    pub positive: usize,
    /// Neutral.
    pub neutral: usize,
    /// Negative.
    pub negative: usize,
    /// Positive when the compound score is at least this, 4 places.
    #[schemars(with = "DecimalString")]
    pub positive_threshold: String,
    /// Negative when at most this.
    #[schemars(with = "DecimalString")]
    pub negative_threshold: String,
    /// Deals with notes, in input order.
    pub deals: Vec<DealSentimentDto>,
}

/// A deal's sentiment: its notes' scores weighted by recency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DealSentimentDto {
    /// Deal id.
    pub deal_id: String,
    /// Owner.
    pub payee_id: String,
    /// Status.
    pub status: DealStatusDto,
    /// Σ wᵢ·cᵢ / Σ wᵢ with wᵢ = h / (h + ageᵢ), 4 places.
    #[schemars(with = "DecimalString")]
    pub score: String,
    /// `positive`, `neutral` or `negative`.
    #[schemars(extend("enum" = ["positive", "neutral", "negative"]))]
    pub label: String,
    /// Each note, in input order.
    pub notes: Vec<NoteScoreDto>,
}

/// A note's score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct NoteScoreDto {
    /// The note's day.
    #[schemars(with = "DateString")]
    pub date: String,
    /// Its recency weight, 4 places.
    #[schemars(with = "DecimalString")]
    pub weight: String,
    /// The score.
    #[serde(flatten)]
    pub score: SentimentDto,
}

/// A text's sentiment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SentimentDto {
    /// s / √(s² + 15), in [−1, 1], 4 places.
    #[schemars(with = "DecimalString")]
    pub compound: String,
    /// `positive`, `neutral` or `negative`.
    #[schemars(extend("enum" = ["positive", "neutral", "negative"]))]
    pub label: String,
    /// The sum of the words' valences with punctuation emphasis, 4 places.
    #[schemars(with = "DecimalString")]
    pub sum: String,
    /// The words that moved the score, in text order.
    pub drivers: Vec<DriverDto>,
}

/// A word (or two-word phrase) that moved a score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DriverDto {
    /// As written.
    pub word: String,
    /// Its token position.
    pub position: usize,
    /// The lexicon's valence, −4 to 4.
    #[schemars(with = "DecimalString")]
    pub base: String,
    /// After the rules, 4 places.
    #[schemars(with = "DecimalString")]
    pub valence: String,
    /// What changed it: `"negated by not"`, `"boosted by very"`, `"ALL CAPS"`, `"after but"`, ….
    pub rules: Vec<String>,
}

/// Coaching.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CoachingDto {
    /// Closed deals a rep needs.
    pub min_closed_deals: u32,
    /// `company` or `team`.
    pub benchmark: BenchmarkDto,
    /// The company benchmark.
    pub company: Vec<BenchmarkMetricDto>,
    /// One per rep with deals, by payee order.
    pub reps: Vec<RepCoachingDto>,
}

/// A metric's benchmark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BenchmarkMetricDto {
    /// `winRate`, `dealSize`, `cycleDays`, `activityPerDeal` or `conversion`.
    #[schemars(extend("enum" = ["winRate", "dealSize", "cycleDays", "activityPerDeal", "conversion"]))]
    pub metric: String,
    /// For `conversion`: the stage converted from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// In words: "win rate", "conversion from Discovery to Proposal".
    pub label: String,
    /// Reps benchmarked.
    pub reps: usize,
    /// Median, 6 places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub median: Option<String>,
    /// The top quartile's edge (75th percentile; 25th for cycle days, where less is better).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub top_quartile: Option<String>,
}

/// One rep's coaching.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RepCoachingDto {
    /// Payee id.
    pub payee_id: String,
    /// Name.
    pub name: String,
    /// Team.
    pub team: String,
    /// Closed deals.
    pub closed_deals: usize,
    /// Whether the rep has enough closed deals to be compared.
    pub benchmarked: bool,
    /// Each metric against the benchmark.
    pub metrics: Vec<RepMetricDto>,
    /// The largest gap, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<FocusDto>,
    /// What to work on, in words a rep can read.
    pub sentences: Vec<String>,
}

/// A rep's metric.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RepMetricDto {
    /// As in `BenchmarkMetricDto`.
    #[schemars(extend("enum" = ["winRate", "dealSize", "cycleDays", "activityPerDeal", "conversion"]))]
    pub metric: String,
    /// For `conversion`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// In words.
    pub label: String,
    /// The rep's value, 6 places (absent when undefined: no deal reached the stage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub value: Option<String>,
    /// The benchmark median.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub median: Option<String>,
    /// The top-quartile edge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub top_quartile: Option<String>,
    /// `higher` or `lower`: which way is better.
    #[schemars(extend("enum" = ["higher", "lower"]))]
    pub better: String,
    /// The gap score: the rep's velocity gain, as a ratio, from reaching the median (0 at or
    /// past it; activity counts half), 6 places.
    #[schemars(with = "DecimalString")]
    pub gap: String,
    /// The same toward the top quartile.
    #[schemars(with = "DecimalString")]
    pub gap_to_top: String,
}

/// The largest gap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FocusDto {
    /// The metric.
    #[schemars(extend("enum" = ["winRate", "dealSize", "cycleDays", "activityPerDeal", "conversion"]))]
    pub metric: String,
    /// For `conversion`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// `median` or `topQuartile`: what it is measured against (the top quartile when the rep
    /// is at or past the median everywhere).
    #[schemars(extend("enum" = ["median", "topQuartile"]))]
    pub against: String,
    /// Its gap score.
    #[schemars(with = "DecimalString")]
    pub gap: String,
    /// The finding: "Your win rate is 18% against the team's 31%."
    pub finding: String,
    /// What to do about it.
    pub suggestion: String,
}
