//! The plan designer's wire format: the payout curve against attainment, a back-test's figures,
//! and the changes between two plan documents. Decimals are strings; unknown fields in the
//! options are rejected. See docs/designer.md.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::dec::Dec;
use spm_base::dec::InputDto;
use spm_base::schema::{DateString, DecimalString, SchemaVersion};

/// The typical payee a payout curve is drawn for.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CurveOptionsDto {
    /// Quota per period for every component and measure (the plan's default quotas when absent,
    /// then 100,000).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota: Option<Dec>,
    /// Annual target incentive (bonuses pay shares of it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_incentive: Option<Dec>,
    /// Formula inputs (such as an NPS score a modifier reads).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<InputDto>,
    /// The component whose attainment is the x axis (the first commission or bonus with a quota
    /// when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub component_id: Option<String>,
    /// The day the deals close (the plan's first day when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateString>")]
    pub as_of: Option<String>,
    /// Highest attainment drawn, as a fraction (default "2" = 200%).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_attainment: Option<Dec>,
    /// Points on the curve, 2–201 (default 41: every 5% up to 200%).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<usize>,
}

/// Payout against attainment for a typical payee, per component.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AttainmentCurveDto {
    /// Always 1.
    #[schemars(with = "SchemaVersion")]
    pub schema_version: u32,
    /// Currency of every amount.
    pub currency: String,
    /// The period drawn.
    pub period: String,
    /// The component whose attainment is the x axis.
    pub component_id: String,
    /// Its quota in the window it measures attainment over.
    #[schemars(with = "DecimalString")]
    pub quota: String,
    /// The components, in plan order.
    pub components: Vec<CurveComponentDto>,
    /// Points from 0 to the highest attainment.
    pub points: Vec<AttainmentPointDto>,
    /// Where tiers and bonus thresholds start, as attainment.
    pub breaks: Vec<AttainmentBreakDto>,
    /// Where a cap starts to cut, as the first point at which it does.
    pub caps: Vec<CapMarkDto>,
    /// How the curve was made, in words.
    pub method: String,
}

/// A component of the curve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CurveComponentDto {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// One point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AttainmentPointDto {
    /// Attainment as a fraction.
    #[schemars(with = "DecimalString")]
    pub attainment: String,
    /// The credit that reaches it.
    #[schemars(with = "DecimalString")]
    pub credit: String,
    /// The period's payout.
    #[schemars(with = "DecimalString")]
    pub total: String,
    /// Each component's earning, in the order of `components`.
    #[schemars(with = "Vec<DecimalString>")]
    pub earnings: Vec<String>,
}

/// A tier or threshold start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AttainmentBreakDto {
    /// Attainment as a fraction.
    #[schemars(with = "DecimalString")]
    pub attainment: String,
    /// The component.
    pub component_id: String,
    /// What starts there, in words ("tier 2: 5.00%").
    pub label: String,
}

/// A cap that cuts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CapMarkDto {
    /// The component ("" for the plan's cap).
    pub component_id: String,
    /// The first point's attainment at which it cuts.
    #[schemars(with = "DecimalString")]
    pub attainment: String,
    /// The cap.
    #[schemars(with = "DecimalString")]
    pub amount: String,
}

/// A back-test: the plan run over a dataset, summed up for a comp designer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BacktestDto {
    /// Always 1.
    #[schemars(with = "SchemaVersion")]
    pub schema_version: u32,
    /// Plan id.
    pub plan_id: String,
    /// Currency of every amount.
    pub currency: String,
    /// Everything paid.
    #[schemars(with = "DecimalString")]
    pub total_payout: String,
    /// Every transaction's amount (in the plan currency).
    #[schemars(with = "DecimalString")]
    pub revenue: String,
    /// Payout / revenue, as a fraction (6 decimals; "0" without revenue).
    #[schemars(with = "DecimalString")]
    pub cost_of_sales: String,
    /// Payees with a statement.
    pub payees_paid: usize,
    /// Periods run, by label.
    pub periods: Vec<PeriodTotalDto>,
    /// Each component's total, in plan order (all versions).
    pub components: Vec<ComponentTotalDto>,
    /// The component attainment is measured on (`payees[].attainment`), when there is one.
    pub attainment_component: Option<String>,
    /// Every payee on the plan, in dataset order.
    pub payees: Vec<PayeeBacktestDto>,
    /// Payout per payee in equal bins from 0 to the highest payout.
    pub distribution: Vec<BinDto>,
    /// Payout per payee: lowest, median, highest, and the share of the total the top 10% take.
    pub spread: SpreadDto,
}

/// A period's payout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
#[schemars(rename = "BacktestPeriodTotal")]
pub struct PeriodTotalDto {
    /// Label.
    pub period: String,
    /// Payout.
    #[schemars(with = "DecimalString")]
    pub total: String,
}

/// A component's payout.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ComponentTotalDto {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Payout.
    #[schemars(with = "DecimalString")]
    pub total: String,
}

/// One payee's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PayeeBacktestDto {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Role.
    pub role: String,
    /// Payout over every period.
    #[schemars(with = "DecimalString")]
    pub payout: String,
    /// Credit on the attainment component over every period.
    #[schemars(with = "DecimalString")]
    pub credit: String,
    /// The payee's quota for it, summed over the periods they have a statement in.
    #[schemars(with = "Option<DecimalString>")]
    pub quota: Option<String>,
    /// credit / quota (6 decimals).
    #[schemars(with = "Option<DecimalString>")]
    pub attainment: Option<String>,
    /// Payout / credit (6 decimals), when there is credit.
    #[schemars(with = "Option<DecimalString>")]
    pub effective_rate: Option<String>,
}

/// A histogram bin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct BinDto {
    /// Lower bound (included).
    #[schemars(with = "DecimalString")]
    pub from: String,
    /// Upper bound (excluded; the last bin includes it).
    #[schemars(with = "DecimalString")]
    pub to: String,
    /// Payees in the bin.
    pub count: usize,
}

/// How payout spreads over payees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SpreadDto {
    /// Lowest payout.
    #[schemars(with = "DecimalString")]
    pub min: String,
    /// Median payout (the mean of the middle two for an even count, to the minor unit).
    #[schemars(with = "DecimalString")]
    pub median: String,
    /// Highest payout.
    #[schemars(with = "DecimalString")]
    pub max: String,
    /// Share of the total paid to the top 10% of payees (at least one), as a fraction.
    #[schemars(with = "DecimalString")]
    pub top_decile_share: String,
}

/// What changed between two plan documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PlanChangeDto {
    /// Where (`components[new-business].rateTable.tiers[1].rate`: array items with an `id` are
    /// named by it).
    pub path: String,
    /// `added`, `removed` or `changed`.
    #[schemars(extend("enum" = ["added", "removed", "changed"]))]
    pub change: String,
    /// The old value as compact JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old: Option<String>,
    /// The new value as compact JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new: Option<String>,
}
