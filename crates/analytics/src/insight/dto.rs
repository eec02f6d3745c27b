//! The insight wire format (issue 8), schema version 1: an opportunity set (deals with their
//! stage history, activities and notes), the options of an insight run, and its result
//! (attainment distribution, pay against performance, cost of sales, sales velocity, the stage
//! funnel, cycle length, pipeline coverage and health, note sentiment, and coaching), with the
//! sentences a page shows. Decimals are strings both ways; unknown fields are rejected. See
//! docs/insight.md.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::dec::Dec;
use spm_base::error::DiagnosticDto;
use spm_base::schema::{DateString, DecimalString, SchemaVersion};

mod signals;

pub use signals::{
    BenchmarkMetricDto, CoachingDto, DealSentimentDto, DriverDto, FocusDto, NoteScoreDto, RepCoachingDto, RepMetricDto,
    SentimentDto, SentimentSummaryDto,
};

/// A set of opportunities (deals), as a CRM exports them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OpportunitySetDto {
    /// 1 when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<SchemaVersion>")]
    pub schema_version: Option<u32>,
    /// The funnel's stages in order (won and lost are statuses, not stages). Absent: the stages
    /// in the order they first appear in the deals' histories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stages: Option<Vec<String>>,
    /// The deals.
    pub deals: Vec<OpportunityDto>,
}

/// Where a deal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum DealStatusDto {
    /// Still being worked.
    Open,
    /// Closed and won.
    Won,
    /// Closed and lost.
    Lost,
}

/// One deal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct OpportunityDto {
    /// Unique id.
    pub id: String,
    /// The rep who owns it: a payee id of the dataset.
    pub payee_id: String,
    /// The rep's team (default: the rep's manager on `asOf` in the dataset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// A display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The amount it books (won) or would book (open), not negative.
    pub amount: Dec,
    /// The day it was created, `YYYY-MM-DD`.
    #[schemars(with = "DateString")]
    pub created: String,
    /// The day it closed (won, lost) or is expected to close (open).
    #[schemars(with = "DateString")]
    pub close_date: String,
    /// `open`, `won` or `lost`.
    pub status: DealStatusDto,
    /// Every stage change, oldest first (at least one: the stage it was created in).
    pub stage_history: Vec<StageChangeDto>,
    /// Activities logged (calls, e-mails, meetings), when only the count is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity_count: Option<u32>,
    /// Activities logged, one by one (give this or `activityCount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activities: Option<Vec<ActivityDto>>,
    /// The agreed next step; absent or blank counts as "no next step" for an open deal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step: Option<String>,
    /// Notes and e-mails, scored for sentiment (in the page: the text never leaves it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Vec<NoteDto>>,
}

/// A deal entering a stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StageChangeDto {
    /// The stage entered.
    pub stage: String,
    /// The day, `YYYY-MM-DD`.
    #[schemars(with = "DateString")]
    pub date: String,
}

/// An activity on a deal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActivityDto {
    /// The day, `YYYY-MM-DD`.
    #[schemars(with = "DateString")]
    pub date: String,
    /// Its kind (`call`, `email`, `meeting`, …), free text.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// A note or e-mail on a deal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NoteDto {
    /// The day, `YYYY-MM-DD`.
    #[schemars(with = "DateString")]
    pub date: String,
    /// The text, English, at most 10,000 characters.
    pub text: String,
}

/// Who a rep is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum BenchmarkDto {
    /// Every rep with enough closed deals.
    Company,
    /// The rep's own team (the company when the team has fewer than 3 such reps).
    Team,
}

/// Options of an insight run; every field has a default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InsightOptionsDto {
    /// Today, `YYYY-MM-DD` (default: the latest date in the deals, not counting open deals'
    /// expected close dates). Bookings to date are the dataset's transactions up to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateString>")]
    pub as_of: Option<String>,
    /// Open pipeline counted in coverage closes by this day (default: the end of the plan year
    /// holding `asOf`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateString>")]
    pub coverage_to: Option<String>,
    /// An open deal older than this many days is aged (default 90).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aged_days: Option<u32>,
    /// An open deal whose stage has not changed for this many days is stalled (default 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stalled_days: Option<u32>,
    /// A note this many days old weighs half as much as today's (default 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentiment_half_life_days: Option<u32>,
    /// Closed deals a rep needs to be benchmarked and coached (default 5, at least 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_closed_deals: Option<u32>,
    /// Compare each rep with the company (default) or with the rep's team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benchmark: Option<BenchmarkDto>,
}

/// The result of an insight run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct InsightsDto {
    /// Always 1.
    #[schemars(with = "SchemaVersion")]
    pub schema_version: u32,
    /// The plan back-tested.
    pub plan_id: String,
    /// The plan currency: every amount is in it.
    pub currency: String,
    /// Today, as used.
    #[schemars(with = "DateString")]
    pub as_of: String,
    /// The funnel's stages in order.
    pub stages: Vec<String>,
    /// The headline findings, in sentences.
    pub summary: Vec<String>,
    /// Attainment of the reps with a quota in the back-test.
    pub attainment: AttainmentDto,
    /// Each rep's attainment against payout.
    pub pay_vs_performance: PayVsPerformanceDto,
    /// What the plan costs per unit of revenue.
    pub cost_of_sales: CostOfSalesDto,
    /// Sales velocity of the company, each team and each rep.
    pub velocity: VelocityDto,
    /// Stage-to-stage conversion and time in stage.
    pub funnel: FunnelDto,
    /// Cycle length of closed deals.
    pub cycle: CycleDto,
    /// Open pipeline against remaining quota.
    pub coverage: CoverageDto,
    /// Aged, stalled, past-due deals, deals without a next step or with negative sentiment.
    pub health: HealthDto,
    /// Note sentiment per deal.
    pub sentiment: SentimentSummaryDto,
    /// Each rep against the benchmark, with the largest gap named.
    pub coaching: CoachingDto,
    /// Non-fatal findings.
    pub warnings: Vec<DiagnosticDto>,
}

/// The attainment distribution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AttainmentDto {
    /// The component whose credit and quota give attainment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component: Option<String>,
    /// Reps with an attainment.
    pub reps: usize,
    /// Bins of 10 points from 0% to 200%, then one open bin.
    pub bins: Vec<AttainmentBinDto>,
    /// Ratios (1 = 100%), 6 places; absent with no reps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub median: Option<String>,
    /// Mean.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub mean: Option<String>,
    /// 25th percentile (linear between order statistics).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub p25: Option<String>,
    /// 75th percentile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub p75: Option<String>,
    /// Reps at or above 100%.
    pub at_quota: usize,
    /// Their share of `reps`, 6 places.
    #[schemars(with = "DecimalString")]
    pub share_at_quota: String,
    /// In sentences.
    pub explanation: Vec<String>,
}

/// One attainment bin `[from, to)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AttainmentBinDto {
    /// Lower bound, a ratio.
    #[schemars(with = "DecimalString")]
    pub from: String,
    /// Upper bound (absent for the open last bin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub to: Option<String>,
    /// `"90–100%"`, `"200%+"`.
    pub label: String,
    /// Reps in it.
    pub count: usize,
}

/// Pay against performance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PayVsPerformanceDto {
    /// One point per rep with an attainment, by payee order.
    pub points: Vec<PayPointDto>,
    /// Pearson correlation of attainment and payout, 6 places (absent below 3 points or
    /// with no spread).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub correlation: Option<String>,
    /// In sentences.
    pub explanation: Vec<String>,
}

/// One rep's attainment and payout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PayPointDto {
    /// Payee id.
    pub payee_id: String,
    /// Name.
    pub name: String,
    /// Team.
    pub team: String,
    /// Ratio, 6 places.
    #[schemars(with = "DecimalString")]
    pub attainment: String,
    /// Paid over the back-test.
    #[schemars(with = "DecimalString")]
    pub payout: String,
    /// Payout / credit, 6 places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub effective_rate: Option<String>,
}

/// Cost of sales from the back-test.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CostOfSalesDto {
    /// Total paid.
    #[schemars(with = "DecimalString")]
    pub total_payout: String,
    /// Revenue of every transaction.
    #[schemars(with = "DecimalString")]
    pub revenue: String,
    /// Payout / revenue, 6 places.
    #[schemars(with = "DecimalString")]
    pub cost_of_sales: String,
    /// Per team: payout, credit and payout / credit.
    pub teams: Vec<TeamCostDto>,
    /// In sentences.
    pub explanation: Vec<String>,
}

/// A team's cost.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TeamCostDto {
    /// Team.
    pub team: String,
    /// Paid to its reps.
    #[schemars(with = "DecimalString")]
    pub payout: String,
    /// Their credit.
    #[schemars(with = "DecimalString")]
    pub credit: String,
    /// Payout / credit, 6 places (absent with no credit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub cost_of_sales: Option<String>,
}

/// Sales velocity at every level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct VelocityDto {
    /// All deals.
    pub company: VelocityRowDto,
    /// Per team, by team name.
    pub teams: Vec<VelocityRowDto>,
    /// Per rep, by payee order.
    pub reps: Vec<VelocityRowDto>,
}

/// `(open deals × win rate × average won deal size) / average won cycle in days`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct VelocityRowDto {
    /// Payee id, team name, or `"company"`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The rep's team (reps only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Open deals on `asOf`.
    pub open_deals: usize,
    /// Won plus lost.
    pub closed_deals: usize,
    /// Won.
    pub won_deals: usize,
    /// Won / closed, 6 places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub win_rate: Option<String>,
    /// Mean amount of won deals, 2 places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub average_deal_size: Option<String>,
    /// Mean days from created to close of won deals, 2 places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub average_cycle_days: Option<String>,
    /// Amount per day, 2 places (absent without a won deal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub per_day: Option<String>,
    /// Per 30 days, 2 places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub per_month: Option<String>,
    /// In words.
    pub explanation: String,
}

/// The stage funnel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FunnelDto {
    /// One per stage, in order: deals that reached it, conversion to the next, time in it.
    pub stages: Vec<StageRowDto>,
    /// Won / closed, 6 places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub win_rate: Option<String>,
    /// In sentences.
    pub explanation: Vec<String>,
}

/// One stage of the funnel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StageRowDto {
    /// The stage.
    pub stage: String,
    /// The next stage, or `"Won"` after the last.
    pub next: String,
    /// Deals that reached it (a later stage, or a win, counts as having passed it).
    pub reached: usize,
    /// Of those, deals that reached the next stage (or were won, after the last).
    pub advanced: usize,
    /// Open deals still in it: not yet decided, left out of the conversion.
    pub pending: usize,
    /// advanced / (reached − pending), 6 places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub conversion: Option<String>,
    /// Completed stays in the stage (a deal back in a stage stays again).
    pub stays: usize,
    /// Their mean length in days, 2 places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub average_days: Option<String>,
    /// Open deals in it now.
    pub open_deals: usize,
    /// Their amount.
    #[schemars(with = "DecimalString")]
    pub open_amount: String,
}

/// Cycle length.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CycleDto {
    /// Won deals.
    pub won: CycleStatsDto,
    /// Lost deals.
    pub lost: CycleStatsDto,
    /// Won deals by cycle length, in bins of 30 days (the last open).
    pub won_bins: Vec<DayBinDto>,
    /// In sentences.
    pub explanation: Vec<String>,
}

/// Days from created to close.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CycleStatsDto {
    /// Deals.
    pub deals: usize,
    /// Mean, 2 places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub mean_days: Option<String>,
    /// Median, 1 place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub median_days: Option<String>,
}

/// A bin of days `[from, to)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DayBinDto {
    /// First day.
    pub from: u32,
    /// Past the last day (absent for the open bin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<u32>,
    /// Deals.
    pub count: usize,
}

/// Pipeline coverage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CoverageDto {
    /// Open deals closing from `asOf` (or overdue) to this day count.
    #[schemars(with = "DateString")]
    pub to: String,
    /// The company.
    pub company: CoverageRowDto,
    /// Per team.
    pub teams: Vec<CoverageRowDto>,
    /// Per rep with open deals or a quota, by payee order.
    pub reps: Vec<CoverageRowDto>,
}

/// Open pipeline / remaining quota.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CoverageRowDto {
    /// Payee id, team name or `"company"`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Open deals counted.
    pub open_deals: usize,
    /// Their amount.
    #[schemars(with = "DecimalString")]
    pub open_pipeline: String,
    /// Quota of the plan year minus credit to `asOf`, not below 0 (absent without a quota).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub remaining_quota: Option<String>,
    /// open pipeline / remaining quota, 6 places (absent when nothing remains).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub coverage: Option<String>,
    /// In words.
    pub explanation: String,
}

/// Pipeline health.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HealthDto {
    /// Days past which an open deal is aged.
    pub aged_days: u32,
    /// Days without a stage change past which an open deal is stalled.
    pub stalled_days: u32,
    /// Open deals.
    pub open_deals: usize,
    /// Their amount.
    #[schemars(with = "DecimalString")]
    pub open_amount: String,
    /// Per flag: deals and amount.
    pub flags: Vec<FlagCountDto>,
    /// Open deals with at least one flag: most flags first, then larger amount, then id.
    pub deals: Vec<DealHealthDto>,
    /// In sentences.
    pub explanation: Vec<String>,
}

/// A health flag's count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FlagCountDto {
    /// `aged`, `stalled`, `pastDue`, `noNextStep` or `negativeSentiment`.
    #[schemars(extend("enum" = ["aged", "stalled", "pastDue", "noNextStep", "negativeSentiment"]))]
    pub flag: String,
    /// In words.
    pub label: String,
    /// Open deals flagged.
    pub deals: usize,
    /// Their amount.
    #[schemars(with = "DecimalString")]
    pub amount: String,
}

/// An open deal at risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DealHealthDto {
    /// Deal id.
    pub id: String,
    /// Display name, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Owner.
    pub payee_id: String,
    /// Current stage.
    pub stage: String,
    /// Amount.
    #[schemars(with = "DecimalString")]
    pub amount: String,
    /// Days since created.
    pub age_days: i64,
    /// Days since the last stage change.
    pub days_in_stage: i64,
    /// Expected close.
    #[schemars(with = "DateString")]
    pub close_date: String,
    /// Flags, in the order of `flags`.
    #[schemars(extend("items" = { "type": "string", "enum": ["aged", "stalled", "pastDue", "noNextStep", "negativeSentiment"] }))]
    pub flags: Vec<String>,
    /// The deal's sentiment, 4 places, when it has notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub sentiment: Option<String>,
    /// One sentence per flag.
    pub reasons: Vec<String>,
}
