//! The plan-diff wire format: two plan versions run over the same data, compared per payee,
//! period and component; every amount a decimal string, every list in a deterministic order.
//!
//! `payout::diff` builds it from two `ReportDto`s.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::schema::{DateString, DecimalString, SchemaVersion};

/// What happened to a statement or component between the old and the new plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ChangeDto {
    /// On both sides with the same amount and explanation.
    Unchanged,
    /// On both sides, with a different amount or explanation.
    Changed,
    /// Only in the new plan's report.
    Added,
    /// Only in the old plan's report.
    Removed,
}

/// The whole diff.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DiffDto {
    /// Always 1.
    #[schemars(with = "SchemaVersion")]
    pub schema_version: u32,
    /// The plan compared from.
    pub old_plan: PlanRefDto,
    /// The plan compared to.
    pub new_plan: PlanRefDto,
    /// Currency of every amount (both plans share it).
    pub currency: String,
    /// Everything paid, old and new.
    pub totals: AmountDiffDto,
    /// Who is better or worse off, and by how much at the extremes.
    pub summary: DiffSummaryDto,
    /// Every payee of the dataset, in input order, with their totals over all periods.
    pub payees: Vec<PayeeDiffDto>,
    /// One entry per payee and period found on either side: payees in input order, then periods
    /// by start date.
    pub statements: Vec<StatementDiffDto>,
}

/// Which plan a side of the diff ran.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PlanRefDto {
    /// Plan id.
    pub id: String,
    /// Plan name.
    pub name: String,
}

/// An old amount, a new amount and `new − old`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AmountDiffDto {
    /// Under the old plan.
    #[schemars(with = "DecimalString")]
    pub old: String,
    /// Under the new plan.
    #[schemars(with = "DecimalString")]
    pub new: String,
    /// `new − old`: positive when the new plan pays more.
    #[schemars(with = "DecimalString")]
    pub difference: String,
}

/// Counts of payees by direction of change, and the largest changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DiffSummaryDto {
    /// Payees the new plan pays more.
    pub better_off: u32,
    /// Payees the new plan pays less.
    pub worse_off: u32,
    /// Payees paid the same.
    pub unchanged: u32,
    /// Up to ten payees with the largest gains, largest first (ties by payee id).
    pub top_winners: Vec<PayeeDiffDto>,
    /// Up to ten payees with the largest losses, largest first (ties by payee id).
    pub top_losers: Vec<PayeeDiffDto>,
}

/// A payee's totals over every period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PayeeDiffDto {
    /// Payee id.
    pub payee_id: String,
    /// Payee name.
    pub payee_name: String,
    /// Under the old plan.
    #[schemars(with = "DecimalString")]
    pub old: String,
    /// Under the new plan.
    #[schemars(with = "DecimalString")]
    pub new: String,
    /// `new − old`.
    #[schemars(with = "DecimalString")]
    pub difference: String,
}

/// One payee's statement for one period, compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatementDiffDto {
    /// Payee id.
    pub payee_id: String,
    /// Payee name.
    pub payee_name: String,
    /// Period label, such as "2026-Q1".
    pub period: String,
    /// First day of the period.
    #[schemars(with = "DateString")]
    pub period_start: String,
    /// Present on both sides, or only on one.
    pub change: ChangeDto,
    /// Statement total under the old plan ("0" scaled to the currency when absent).
    #[schemars(with = "DecimalString")]
    pub old: String,
    /// Statement total under the new plan ("0" scaled to the currency when absent).
    #[schemars(with = "DecimalString")]
    pub new: String,
    /// `new − old`.
    #[schemars(with = "DecimalString")]
    pub difference: String,
    /// Components matched by id: the old plan's order, then components only the new plan has.
    pub components: Vec<ComponentDiffDto>,
}

/// One component of a statement, compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ComponentDiffDto {
    /// Component id (the match key).
    pub component_id: String,
    /// Component name (the new plan's when both have it).
    pub component_name: String,
    /// Present on both sides, or only on one.
    pub change: ChangeDto,
    /// Earning under the old plan; null when the component is added.
    #[schemars(with = "Option<DecimalString>")]
    pub old_earning: Option<String>,
    /// Earning under the new plan; null when the component is removed.
    #[schemars(with = "Option<DecimalString>")]
    pub new_earning: Option<String>,
    /// `new − old`, an absent side counting as zero.
    #[schemars(with = "DecimalString")]
    pub difference: String,
    /// Explanation lines of the new plan that the old plan does not have, in order.
    pub explanation_added: Vec<String>,
    /// Explanation lines of the old plan that the new plan does not have, in order.
    pub explanation_removed: Vec<String>,
}
