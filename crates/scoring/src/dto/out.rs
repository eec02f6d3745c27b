//! The results of a scoring run: scorecards, points and levels, badges, leaderboards, contests
//! with their awards (and the SPIFF rows for the payout ledger), goals. Values are decimal
//! strings: ratios and scores with 6 places, amounts at the currency's minor units, points and
//! counts as computed.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::schema::{DateString, DecimalString, SchemaVersion};

/// Everything a definitions document asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScoringReportDto {
    /// 1.
    #[schemars(with = "SchemaVersion")]
    pub schema_version: u32,
    /// The day read as today.
    #[schemars(with = "DateString")]
    pub as_of: String,
    /// Reps in the roster.
    pub reps: usize,
    /// Events read.
    pub events: usize,
    /// Scorecards.
    pub scorecards: Vec<ScorecardResultDto>,
    /// Points and level of every rep, in roster order.
    pub standings: Vec<RepPointsDto>,
    /// Badges awarded, by date then badge then holder.
    pub badges: Vec<BadgeAwardDto>,
    /// Leaderboards.
    pub leaderboards: Vec<LeaderboardResultDto>,
    /// Contests.
    pub contests: Vec<ContestResultDto>,
    /// Goals.
    pub goals: Vec<GoalResultDto>,
}

/// One KPI of a scorecard for one rep or team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct KpiScoreDto {
    /// The metric.
    pub metric: String,
    /// Its raw value (absent: undefined, e.g. no quota).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub value: Option<String>,
    /// Normalized and capped.
    #[schemars(with = "DecimalString")]
    pub normalized: String,
    /// Weight × normalized.
    #[schemars(with = "DecimalString")]
    pub weighted: String,
}

/// A scorecard line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScoreLineDto {
    /// Rep or team id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The score.
    #[schemars(with = "DecimalString")]
    pub score: String,
    /// Per KPI (reps only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kpis: Vec<KpiScoreDto>,
}

/// A scorecard over its window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScorecardResultDto {
    /// The scorecard.
    pub id: String,
    /// First day.
    #[schemars(with = "DateString")]
    pub from: String,
    /// Last day.
    #[schemars(with = "DateString")]
    pub to: String,
    /// Reps, in roster order.
    pub reps: Vec<ScoreLineDto>,
    /// Teams, by id.
    pub teams: Vec<ScoreLineDto>,
}

/// A rep's points and level as of today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RepPointsDto {
    /// The rep.
    pub id: String,
    /// Points to date.
    #[schemars(with = "DecimalString")]
    pub points: String,
    /// The level reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    /// The next level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_level: Option<String>,
    /// Points still needed for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub to_next: Option<String>,
}

/// A badge awarded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BadgeAwardDto {
    /// The badge.
    pub badge: String,
    /// The rep or team.
    pub holder: String,
    /// The day it was earned.
    #[schemars(with = "DateString")]
    pub date: String,
    /// Why, in words.
    pub sentence: String,
    /// The event ids behind it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
    /// The periods behind it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<String>,
    /// The members behind a team badge.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
}

/// One row of a leaderboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schemars(rename = "LeaderboardEntry")]
pub struct EntryDto {
    /// Rank (absent for the ineligible).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<u32>,
    /// Rep or team id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The value (absent when undefined).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub value: Option<String>,
    /// Why the entrant does not rank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ineligible: Option<String>,
}

/// A leaderboard computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LeaderboardResultDto {
    /// The leaderboard.
    pub id: String,
    /// The metric.
    pub metric: String,
    /// First day.
    #[schemars(with = "DateString")]
    pub from: String,
    /// Last day.
    #[schemars(with = "DateString")]
    pub to: String,
    /// `competition`, `dense` or `ordinal`.
    #[schemars(extend("enum" = ["competition", "dense", "ordinal"]))]
    pub ties: String,
    /// Ranked entrants best first, then the ineligible by id.
    pub entries: Vec<EntryDto>,
}

/// A prize paid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AwardDto {
    /// The rep (a payee id).
    pub payee_id: String,
    /// The contest's last day.
    #[schemars(with = "DateString")]
    pub date: String,
    /// The amount.
    #[schemars(with = "DecimalString")]
    pub amount: String,
    /// ISO 4217.
    pub currency: String,
    /// Why, in words.
    pub reason: String,
}

/// A place nobody took.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct UnclaimedDto {
    /// The place.
    pub place: u32,
    /// Its prize, not paid.
    #[schemars(with = "DecimalString")]
    pub amount: String,
}

/// A contest's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContestResultDto {
    /// The contest.
    pub id: String,
    /// The standings ("1224").
    pub standings: LeaderboardResultDto,
    /// Prizes paid, by place then id.
    pub awards: Vec<AwardDto>,
    /// Places with nobody.
    pub unclaimed: Vec<UnclaimedDto>,
    /// The prize table's total.
    #[schemars(with = "DecimalString")]
    pub table_total: String,
    /// Paid in all.
    #[schemars(with = "DecimalString")]
    pub paid: String,
    /// Sentences.
    pub sentences: Vec<String>,
}

/// A goal's progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GoalResultDto {
    /// The goal.
    pub id: String,
    /// The rep or team.
    pub owner: String,
    /// The value to date (from `from` to the earlier of today and the due day).
    #[schemars(with = "DecimalString")]
    pub value: String,
    /// The target.
    #[schemars(with = "DecimalString")]
    pub target: String,
    /// value / target, 6 places.
    #[schemars(with = "DecimalString")]
    pub progress: String,
    /// Share of the window elapsed, 6 places.
    #[schemars(with = "DecimalString")]
    pub elapsed: String,
    /// `done`, `onTrack`, `atRisk` or `missed`.
    #[schemars(extend("enum" = ["done", "onTrack", "atRisk", "missed"]))]
    pub status: String,
    /// The day the target was reached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateString>")]
    pub completed: Option<String>,
    /// The weight.
    #[schemars(with = "DecimalString")]
    pub weight: String,
    /// In words.
    pub sentence: String,
}
