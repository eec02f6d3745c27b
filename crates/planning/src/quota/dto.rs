//! The quota-setting and capacity-planning wire format (issue 7), schema version 1: the input of
//! a quota plan (a tree of nodes, a target, a split method, bottom-up inputs, seasonality, ramp)
//! and of a capacity plan, and their results. Decimals are strings; unknown fields are rejected.
//! See docs/quota.md.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::dec::Dec;
use spm_base::dec::RoundingModeDto;
use spm_base::error::DiagnosticDto;
use spm_base::schema::{DateString, DecimalString, MonthString, SchemaVersion};

/// A quota plan: a company target cascaded down a tree of nodes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuotaPlanInputDto {
    /// 1 when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<SchemaVersion>")]
    pub schema_version: Option<u32>,
    /// ISO 4217 code of every amount.
    pub currency: String,
    /// The plan year (January to December): phasing, proration and ramp are read in it.
    pub year: i32,
    /// The company's annual target: the root node's quota.
    pub target: Dec,
    /// How padded pools, bottom-up values and ramped quotas round to the minor unit (half-up
    /// when absent). Splits and phasing use largest remainder and need no mode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding: Option<RoundingModeDto>,
    /// Over-assignment by level, for nodes that give none of their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub over_assignment: Option<LevelOverAssignmentDto>,
    /// The ramp of new hires (share of full quota in tenure months 1, 2, …; tenure month 1 is
    /// the month of the hire date), for leaves that give none of their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ramp: Option<Vec<Dec>>,
    /// How quotas are split and what bottom-up number they are compared with.
    pub method: QuotaMethodDto,
    /// How annual quotas are phased into months (evenly when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seasonality: Option<SeasonalityDto>,
    /// The tree: exactly one node without a parent (the root, usually the company).
    pub nodes: Vec<QuotaNodeInputDto>,
}

/// Over-assignment per level: the share a node of that level adds when it splits its quota.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LevelOverAssignmentDto {
    /// Company nodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<Dec>,
    /// Region nodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Dec>,
    /// Team nodes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<Dec>,
}

/// The level of a node in the sales organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum QuotaLevelDto {
    /// The whole company.
    Company,
    /// A region.
    Region,
    /// A team.
    Team,
    /// A rep.
    Rep,
}

/// The basis a node's quota is split among its children by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum QuotaSplitDto {
    /// Equal parts.
    Equal,
    /// In proportion to each child's `weight`.
    Weight,
    /// In proportion to account potential (a child's own, or the sum of its leaves').
    Potential,
    /// In proportion to blended history.
    History,
    /// In proportion to capacity (productivity × the share of the year sold at full ramp).
    Capacity,
}

/// Where the bottom-up number each node is compared with comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum QuotaBottomUpDto {
    /// Account potential × `potentialRate`.
    Potential,
    /// Blended history × (1 + growth) × (1 − attrition).
    History,
    /// Productivity × the share of the year sold at full ramp.
    Capacity,
}

/// The method of a quota plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuotaMethodDto {
    /// How every node splits its quota among its children (a node's own `split` overrides it).
    pub split: QuotaSplitDto,
    /// The bottom-up number; by default the split's when it is potential, history or capacity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bottom_up: Option<QuotaBottomUpDto>,
    /// The share of account potential a rep is expected to close in the year (default "1").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub potential_rate: Option<Dec>,
    /// The history blend (needed when history is the split or the bottom-up).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<HistoryBlendDto>,
    /// Capacity settings (needed when capacity is the split or the bottom-up).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<CapacityBasisDto>,
}

/// A weighted blend of past periods.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HistoryBlendDto {
    /// Weights of the most recent periods, most recent first; they must sum to exactly 1.
    pub weights: Vec<Dec>,
    /// Growth applied to the blend: "0.12" is +12% (default "0").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth: Option<Dec>,
    /// Expected loss of business (churn) taken off after growth: "0.05" is −5% (default "0").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attrition: Option<Dec>,
}

/// Capacity as a quota basis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CapacityBasisDto {
    /// Annual bookings of a fully ramped rep (a leaf's own `productivity` overrides it).
    pub productivity: Dec,
}

/// Seasonality: give exactly one of `profile` and `history`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SeasonalityDto {
    /// Twelve monthly shares, January first, summing to exactly 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Vec<Dec>>,
    /// Monthly amounts of one or more whole past years, January first (12, 24, … values):
    /// a month's share is its total over the years divided by the grand total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<Dec>>,
}

/// A node of the tree.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuotaNodeInputDto {
    /// Unique id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The parent's id; absent (or null) for the root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The level (default: the root is a company, leaves are reps, other nodes one below the
    /// root are regions and deeper ones teams).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<QuotaLevelDto>,
    /// The padding this node adds when it splits its quota: its children sum to its quota ×
    /// (1 + overAssignment). 0 to 1; the level's default (else 0) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub over_assignment: Option<Dec>,
    /// How this node splits its quota among its children (the method's `split` when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split: Option<QuotaSplitDto>,
    /// This node's relative share among its siblings when its parent splits by weight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<Dec>,
    /// A leaf's account potential (annual).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub potential: Option<Dec>,
    /// A leaf's past bookings, one entry per period, in any order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<HistoryPointDto>>,
    /// A leaf's first day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateString>")]
    pub hire_date: Option<String>,
    /// A leaf's last day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateString>")]
    pub termination_date: Option<String>,
    /// A leaf's own ramp (overrides the plan's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ramp: Option<Vec<Dec>>,
    /// A leaf's own annual productivity at full ramp (overrides the method's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub productivity: Option<Dec>,
}

/// One past period's bookings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HistoryPointDto {
    /// The period's label; labels sort oldest to newest as text ("2024", "2025").
    pub period: String,
    /// Bookings in it.
    pub amount: Dec,
}

/// A quota plan's result: the tree with its numbers, in tree order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct QuotaPlanResultDto {
    /// Always 1.
    #[schemars(with = "SchemaVersion")]
    pub schema_version: u32,
    /// Currency of every amount.
    pub currency: String,
    /// The plan year.
    pub year: i32,
    /// The company target.
    #[schemars(with = "DecimalString")]
    pub target: String,
    /// The rounding mode used.
    pub rounding: RoundingModeDto,
    /// The method's split.
    pub split: QuotaSplitDto,
    /// The bottom-up number, if any.
    pub bottom_up: Option<QuotaBottomUpDto>,
    /// The monthly shares used for phasing.
    pub seasonality: SeasonalityResultDto,
    /// Every node, parents before children, siblings in input order (depth first).
    pub nodes: Vec<QuotaNodeDto>,
    /// The plan as a whole.
    pub totals: QuotaTotalsDto,
    /// How the plan was made, in sentences.
    pub explanation: Vec<String>,
    /// Inputs that had no effect.
    pub warnings: Vec<DiagnosticDto>,
}

/// The monthly shares used for phasing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SeasonalityResultDto {
    /// "flat", "profile" or "history".
    #[schemars(extend("enum" = ["flat", "profile", "history"]))]
    pub source: String,
    /// Twelve shares, January first, to 6 decimal places (display only: phasing uses the
    /// exact shares).
    #[schemars(with = "Vec<DecimalString>")]
    pub shares: Vec<String>,
}

/// One node of the result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct QuotaNodeDto {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// The parent's id (null for the root).
    pub parent: Option<String>,
    /// Level.
    pub level: QuotaLevelDto,
    /// 0 for the root.
    pub depth: u32,
    /// Position in the input's `nodes`.
    pub index: u32,
    /// Children's ids, in input order.
    pub children: Vec<String>,
    /// How it splits among its children (null for a leaf).
    pub split: Option<QuotaSplitDto>,
    /// The value its parent split by (weight, potential, blended history, capacity; "1" for an
    /// equal split and for the root).
    #[schemars(with = "DecimalString")]
    pub basis: String,
    /// Its share of the parent's padded pool, 6 decimal places ("1.000000" for the root).
    #[schemars(with = "DecimalString")]
    pub share: String,
    /// Its top-down annual quota.
    #[schemars(with = "DecimalString")]
    pub quota: String,
    /// Its over-assignment ("0" for a leaf).
    #[schemars(with = "DecimalString")]
    pub over_assignment: String,
    /// What its children get in all: quota × (1 + overAssignment), rounded (null for a leaf).
    #[schemars(with = "Option<DecimalString>")]
    pub children_sum: Option<String>,
    /// `childrenSum − quota` (null for a leaf).
    #[schemars(with = "Option<DecimalString>")]
    pub padding: Option<String>,
    /// Its bottom-up number (a leaf's own, a parent's the sum of its children's).
    #[schemars(with = "Option<DecimalString>")]
    pub bottom_up: Option<String>,
    /// `quota − bottomUp`.
    #[schemars(with = "Option<DecimalString>")]
    pub gap: Option<String>,
    /// `gap / bottomUp`, 6 decimal places (null when bottom-up is zero or absent).
    #[schemars(with = "Option<DecimalString>")]
    pub gap_ratio: Option<String>,
    /// The quota phased into twelve months (sum: `quota`).
    #[schemars(with = "Vec<DecimalString>")]
    pub months: Vec<String>,
    /// Sums of three months (sum: `quota`).
    #[schemars(with = "Vec<DecimalString>")]
    pub quarters: Vec<String>,
    /// The quotas of the leaves under it (its own quota for a leaf).
    #[schemars(with = "DecimalString")]
    pub leaf_sum: String,
    /// `leafSum` after proration and ramp: what the reps under it carry.
    #[schemars(with = "DecimalString")]
    pub effective: String,
    /// `effective` by month: a leaf's months × factors, a parent's the sums of its children's.
    #[schemars(with = "Vec<DecimalString>")]
    pub effective_months: Vec<String>,
    /// Sums of three effective months.
    #[schemars(with = "Vec<DecimalString>")]
    pub effective_quarters: Vec<String>,
    /// `leafSum − effective`: quota left unassigned by ramp and proration (not re-spread).
    #[schemars(with = "DecimalString")]
    pub ramp_gap: String,
    /// A leaf's factor per month (ramp × active days / days), 6 decimal places; null for a
    /// parent.
    #[schemars(with = "Option<Vec<DecimalString>>")]
    pub factors: Option<Vec<String>>,
    /// How its numbers were made, in sentences.
    pub explanation: Vec<String>,
}

/// The plan as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct QuotaTotalsDto {
    /// The company target.
    #[schemars(with = "DecimalString")]
    pub target: String,
    /// The sum of the leaves' quotas.
    #[schemars(with = "DecimalString")]
    pub leaf_sum: String,
    /// `leafSum / target − 1`: the over-assignment compounded down the levels, 6 places.
    #[schemars(with = "DecimalString")]
    pub over_assignment: String,
    /// The root's bottom-up number.
    #[schemars(with = "Option<DecimalString>")]
    pub bottom_up: Option<String>,
    /// `target − bottomUp`.
    #[schemars(with = "Option<DecimalString>")]
    pub gap: Option<String>,
    /// `gap / bottomUp`, 6 places.
    #[schemars(with = "Option<DecimalString>")]
    pub gap_ratio: Option<String>,
    /// The leaves' quotas after proration and ramp.
    #[schemars(with = "DecimalString")]
    pub effective: String,
    /// `leafSum − effective`.
    #[schemars(with = "DecimalString")]
    pub ramp_gap: String,
    /// Number of nodes.
    pub nodes: u32,
    /// Number of leaves.
    pub leaves: u32,
}

/// A capacity plan: how many reps to hire, and when, to reach a bookings target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CapacityInputDto {
    /// 1 when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<SchemaVersion>")]
    pub schema_version: Option<u32>,
    /// ISO 4217 code of every amount.
    pub currency: String,
    /// The plan year (January to December).
    pub year: i32,
    /// The year's bookings target.
    pub target: Dec,
    /// Annual bookings of a fully ramped rep.
    pub productivity: Dec,
    /// Share of full productivity in tenure months 1, 2, … (tenure month 1 is the start month);
    /// full after the list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ramp: Option<Vec<Dec>>,
    /// Annual attrition rate: "0.12" loses 1% of the heads each month (default "0").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attrition: Option<Dec>,
    /// Fully ramped reps on 1 January.
    pub starting_reps: u32,
    /// The month hiring starts (the first requisition can open), 1–12 (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_month: Option<u32>,
    /// Months from opening a requisition to the hire's first day (default 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hire_lead_months: Option<u32>,
    /// Most hires that can start in one month (no limit when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_hires_per_month: Option<u32>,
    /// How a rep's annual productivity spreads over the months (evenly when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seasonality: Option<SeasonalityDto>,
    /// How bookings round to the minor unit (half-up when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding: Option<RoundingModeDto>,
}

/// A capacity plan's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CapacityPlanResultDto {
    /// Always 1.
    #[schemars(with = "SchemaVersion")]
    pub schema_version: u32,
    /// Currency of every amount.
    pub currency: String,
    /// The plan year.
    pub year: i32,
    /// The bookings target.
    #[schemars(with = "DecimalString")]
    pub target: String,
    /// Annual bookings of a fully ramped rep.
    #[schemars(with = "DecimalString")]
    pub productivity: String,
    /// Reps on 1 January.
    pub starting_reps: u32,
    /// Hires in the year.
    pub hires: u32,
    /// The first month a hire can start (13 when none can start in the year).
    pub first_start_month: u32,
    /// Whether the expected bookings reach the target.
    pub met: bool,
    /// The year's expected bookings.
    #[schemars(with = "DecimalString")]
    pub expected_bookings: String,
    /// `expectedBookings − target` (negative: the shortfall).
    #[schemars(with = "DecimalString")]
    pub surplus: String,
    /// Expected heads at the end of December (after its attrition), 6 places.
    #[schemars(with = "DecimalString")]
    pub end_headcount: String,
    /// January to December.
    pub months: Vec<CapacityMonthDto>,
    /// The answer in one or two sentences.
    pub answer: String,
    /// How it was worked out, in sentences.
    pub explanation: Vec<String>,
}

/// One month of a capacity plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CapacityMonthDto {
    /// 1–12.
    pub month: u32,
    /// "2026-03".
    #[schemars(with = "MonthString")]
    pub label: String,
    /// Requisitions to open this month (for the hires that start `hireLeadMonths` later).
    pub requisitions: u32,
    /// Hires whose first day is in this month.
    pub hires: u32,
    /// Expected heads during the month (this month's hires included), 6 places.
    #[schemars(with = "DecimalString")]
    pub headcount: String,
    /// Heads × their ramp share: full-productivity equivalents, 6 places.
    #[schemars(with = "DecimalString")]
    pub ramped_headcount: String,
    /// Expected leavers at the end of the month, 6 places.
    #[schemars(with = "DecimalString")]
    pub attrition: String,
    /// Expected bookings (months sum to `expectedBookings`).
    #[schemars(with = "DecimalString")]
    pub bookings: String,
    /// Bookings from January to this month.
    #[schemars(with = "DecimalString")]
    pub cumulative: String,
    /// What one more hire starting this month would book in the year (0 before hires can start).
    #[schemars(with = "DecimalString")]
    pub one_hire: String,
}
