//! The gamified scoring wire format (issue 9), schema version 1: one definitions document
//! (KPIs, scorecards, points rules, levels, badges, leaderboards, contests, goals), the roster,
//! the events (JSON here, CSV in `scoring::events`) and the results, with the sentences a page
//! shows. Decimals are strings both ways; unknown fields are rejected. See docs/scoring.md.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::dec::Dec;
use spm_base::schema::{DateString, SchemaVersion};
use std::collections::BTreeMap;

/// Every definition of a scoring run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScoringDefsDto {
    /// Must be 1.
    #[schemars(with = "SchemaVersion")]
    pub schema_version: u32,
    /// Today, `YYYY-MM-DD`: badges, levels and goals are read as of this day (default: the
    /// latest event's date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateString>")]
    pub as_of: Option<String>,
    /// Named measures a scorecard, leaderboard, badge or goal can use as `kpi:ID`.
    #[serde(default)]
    pub kpis: Vec<KpiDto>,
    /// Weighted, normalized KPIs.
    #[serde(default)]
    pub scorecards: Vec<ScorecardDto>,
    /// Points per event, multipliers and limits.
    #[serde(default)]
    pub points: PointsDto,
    /// Levels at point thresholds, lowest first.
    #[serde(default)]
    pub levels: Vec<LevelDto>,
    /// Badges.
    #[serde(default)]
    pub badges: Vec<BadgeDto>,
    /// Leaderboards.
    #[serde(default)]
    pub leaderboards: Vec<LeaderboardDto>,
    /// Contests with prizes.
    #[serde(default)]
    pub contests: Vec<ContestDto>,
    /// Manager-set goals.
    #[serde(default)]
    pub goals: Vec<GoalDto>,
}

/// What a KPI measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum KpiKindDto {
    /// Events of `eventType` in the window.
    Count,
    /// The amounts of events of `eventType`.
    Sum,
    /// Events of `eventType` per event of `denominatorType` (a conversion rate).
    Ratio,
    /// Points earned.
    Points,
    /// The plan component's credit over its quota, from the plan's back-test.
    PlanAttainment,
    /// The plan component's credit, from the plan's back-test.
    PlanCredit,
}

/// A named measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KpiDto {
    /// Unique id.
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// What it measures.
    pub kind: KpiKindDto,
    /// The event type counted or summed (the numerator of a ratio).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    /// The denominator's event type of a ratio.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominator_type: Option<String>,
    /// The plan component of `planAttainment` and `planCredit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
}

/// A window of days: a period label (`2026-03`, `2026-Q1`, `2026-H1`, `2026`) or from/to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(rename = "ScoringWindow")]
pub struct WindowDto {
    /// A civil period label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// First day, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateString>")]
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateString>")]
    pub to: Option<String>,
}

/// How a KPI's value becomes a score between 0 and the cap.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum NormalizeDto {
    /// value / target.
    Target,
    /// (value − min) / (max − min) over the population (1 when all are equal).
    MinMax,
    /// The share of the population below, ties counted half: (below + (equal − 1)/2) / (n − 1).
    Percentile,
}

/// Team scores from member scores.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum TeamAggDto {
    /// The mean of the members' scores.
    #[default]
    Mean,
    /// The sum of the members' scores.
    Sum,
}

/// A KPI in a scorecard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScorecardKpiDto {
    /// A metric (`kpi:ID`, `points`, `count:TYPE`, `amount:TYPE`).
    pub metric: String,
    /// The weight; a scorecard's weights sum to 1 exactly.
    pub weight: Dec,
    /// The normalization.
    pub normalize: NormalizeDto,
    /// The target of `target` normalization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Dec>,
    /// The normalized value is at most this (e.g. "1.5").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Dec>,
}

/// A scorecard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScorecardDto {
    /// Unique id; `score:ID` is its score as a metric.
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The window reported (a leaderboard of `score:ID` uses its own).
    #[serde(default)]
    pub window: WindowDto,
    /// The KPIs.
    pub kpis: Vec<ScorecardKpiDto>,
    /// Team scores: mean (default) or sum of members'.
    #[serde(default)]
    pub team: TeamAggDto,
}

/// Points per event type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PointsRuleDto {
    /// The event type.
    pub event_type: String,
    /// Points per event (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<Dec>,
    /// Points per whole `per` of amount: floor(amount / per) × points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_amount: Option<PerAmountDto>,
}

/// Points per amount.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PerAmountDto {
    /// Points per step.
    pub points: Dec,
    /// The step of amount (e.g. "1000").
    pub per: Dec,
}

/// An event attribute's value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttributeIsDto {
    /// The attribute.
    pub key: String,
    /// Its value.
    pub value: String,
}

/// A points multiplier: every condition given must hold; matching multipliers multiply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MultiplierDto {
    /// Unique id.
    pub id: String,
    /// The factor (e.g. "2").
    pub factor: Dec,
    /// Only events of this type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    /// Only events with this attribute value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribute: Option<AttributeIsDto>,
    /// Only events in this window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<WindowDto>,
    /// Only events in the last this many days of their calendar quarter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_days_of_quarter: Option<u32>,
}

/// A calendar window of a limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum LimitPeriodDto {
    /// A day.
    Day,
    /// A week, Monday to Sunday.
    Week,
    /// A calendar month.
    Month,
    /// A calendar quarter.
    Quarter,
}

/// The most points a rep earns per window (of one event type, or of all).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LimitDto {
    /// Only this event type's points (default: all points).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    /// The window.
    pub per: LimitPeriodDto,
    /// The cap.
    pub max: Dec,
}

/// Points rules.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PointsDto {
    /// One rule per event type.
    #[serde(default)]
    pub rules: Vec<PointsRuleDto>,
    /// Multipliers.
    #[serde(default)]
    pub multipliers: Vec<MultiplierDto>,
    /// Limits, applied in event order (date, then id).
    #[serde(default)]
    pub limits: Vec<LimitDto>,
}

/// A level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LevelDto {
    /// Display name.
    pub name: String,
    /// Points needed.
    pub threshold: Dec,
}

/// What earns a badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum BadgeKindDto {
    /// Points to date ≥ `threshold`.
    Points,
    /// `metric` ≥ `threshold` in one `period`.
    Threshold,
    /// `metric` ≥ `threshold` in `length` consecutive periods.
    Streak,
    /// The first event of `eventType` (with an amount ≥ `threshold` when given).
    First,
    /// Every member of a team holds `badge`.
    TeamAll,
    /// A team's total of `metric` ≥ `threshold` in one `period`.
    TeamTotal,
}

/// The periods a badge reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum PeriodDto {
    /// Calendar months.
    #[default]
    Month,
    /// Calendar quarters.
    Quarter,
}

/// A badge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BadgeDto {
    /// Unique id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The rule.
    pub kind: BadgeKindDto,
    /// The metric of `threshold`, `streak` and `teamTotal`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    /// The threshold (points, metric value, or a `first` event's minimum amount).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<Dec>,
    /// Months (default) or quarters.
    #[serde(default)]
    pub period: PeriodDto,
    /// Consecutive periods of a streak.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<u32>,
    /// The event type of `first`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    /// The member badge of `teamAll`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub badge: Option<String>,
}

/// Individual or team.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(rename = "ScoringScope")]
pub enum ScopeDto {
    /// Reps.
    #[default]
    Individual,
    /// Teams.
    Team,
}

/// How ties rank.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum TiesDto {
    /// "1224": tied entrants share the best rank, the next rank skips.
    #[default]
    Competition,
    /// "1223": tied entrants share a rank, the next rank follows.
    Dense,
    /// "1234": ties broken by `secondary` (higher first), then by id.
    Ordinal,
}

/// Who may rank.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(rename = "ScoringEligibilitySpec")]
pub struct EligibilityDto {
    /// Only these roles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
    /// Only reps hired on or before this day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateString>")]
    pub hired_on_or_before: Option<String>,
    /// At least this many events in the window.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_events: Option<u32>,
    /// These ids never rank.
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// A leaderboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LeaderboardDto {
    /// Unique id.
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The metric ranked, higher first.
    pub metric: String,
    /// The window.
    #[serde(default)]
    pub window: WindowDto,
    /// Reps or teams.
    #[serde(default)]
    pub scope: ScopeDto,
    /// The tie rule.
    #[serde(default)]
    pub ties: TiesDto,
    /// The ordinal tie-break metric (higher first); then id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secondary: Option<String>,
    /// Who may rank.
    #[serde(default)]
    pub eligibility: EligibilityDto,
}

/// A place's prize.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PrizeDto {
    /// The place, from 1.
    pub place: u32,
    /// The amount.
    pub amount: Dec,
}

/// A contest.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContestDto {
    /// Unique id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The metric, higher first; ties rank "1224".
    pub metric: String,
    /// First day.
    #[schemars(with = "DateString")]
    pub from: String,
    /// Last day; prizes are dated this day.
    #[schemars(with = "DateString")]
    pub to: String,
    /// Who may enter.
    #[serde(default)]
    pub eligibility: EligibilityDto,
    /// ISO 4217 currency of the prizes.
    pub currency: String,
    /// Prizes by place.
    pub prizes: Vec<PrizeDto>,
}

/// Whose goal.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum OwnerKindDto {
    /// A rep's.
    #[default]
    Rep,
    /// A team's (members' values summed).
    Team,
}

/// A manager-set goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(rename = "ScoringGoalSpec")]
pub struct GoalDto {
    /// Unique id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The rep or team id.
    pub owner: String,
    /// Rep (default) or team.
    #[serde(default)]
    pub owner_kind: OwnerKindDto,
    /// The metric.
    pub metric: String,
    /// The target, above 0.
    pub target: Dec,
    /// First day.
    #[schemars(with = "DateString")]
    pub from: String,
    /// Due day.
    #[schemars(with = "DateString")]
    pub due: String,
    /// The weight; an owner's goals' weights sum to 1 exactly.
    pub weight: Dec,
    /// At risk when progress < elapsed share − this (default "0").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerance: Option<Dec>,
}

/// A rep of the roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RosterRepDto {
    /// Unique id (a payee id).
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The team (a manager's id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// The role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Hire date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateString>")]
    pub hire: Option<String>,
}

/// One event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScoringEventDto {
    /// Unique id.
    pub id: String,
    /// The rep.
    pub payee_id: String,
    /// The event type (`deal`, `activity`, …).
    #[serde(rename = "type")]
    pub kind: String,
    /// The day.
    #[schemars(with = "DateString")]
    pub date: String,
    /// An amount, not negative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Dec>,
    /// Attributes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attributes: Option<BTreeMap<String, String>>,
}

mod out;

pub use out::*;
