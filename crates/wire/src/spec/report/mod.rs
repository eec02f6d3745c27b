//! The payout report wire format: statements with components, tier slices, transaction lines
//! and explanations; every amount a decimal string.
//!
//! `write.rs` is the one writer ([`Payout`], serialized by serde from the engine's result); the
//! owned DTOs here are the same format for reading a report back (the diff of two runs, tests)
//! and for the generated TypeScript types.

mod write;
pub use write::{read, Payout, StatementsOf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::schema::{DateString, DecimalString, SchemaVersion};

/// Decimal places attainment ratios are reported with (calculation keeps full precision).
pub const ATTAINMENT_DP: u32 = 6;

pub use spm_base::error::DiagnosticDto;

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReportDto {
    /// Always 1.
    #[schemars(with = "SchemaVersion")]
    pub schema_version: u32,
    /// Plan id.
    pub plan_id: String,
    /// Plan name.
    pub plan_name: String,
    /// Plan currency.
    pub currency: String,
    /// Period labels in order.
    pub periods: Vec<String>,
    /// Statements by payee then period.
    pub statements: Vec<StatementDto>,
    /// Totals.
    pub totals: TotalsDto,
    /// Non-fatal findings.
    pub warnings: Vec<DiagnosticDto>,
}

/// Report totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TotalsDto {
    /// Everything paid.
    #[schemars(with = "DecimalString")]
    pub payout: String,
    /// Per period.
    pub by_period: Vec<PeriodTotalDto>,
    /// Per payee.
    pub by_payee: Vec<PayeeTotalDto>,
}

/// A period total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PeriodTotalDto {
    /// Label.
    pub period: String,
    /// Amount.
    #[schemars(with = "DecimalString")]
    pub payout: String,
}

/// A payee total.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PayeeTotalDto {
    /// Payee id.
    pub payee_id: String,
    /// Payee name.
    pub payee_name: String,
    /// Amount.
    #[schemars(with = "DecimalString")]
    pub payout: String,
}

/// A statement on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StatementDto {
    /// Payee id.
    pub payee_id: String,
    /// Payee name.
    pub payee_name: String,
    /// Period label.
    pub period: String,
    /// First day.
    #[schemars(with = "DateString")]
    pub period_start: String,
    /// Last day.
    #[schemars(with = "DateString")]
    pub period_end: String,
    /// Currency code.
    pub currency: String,
    /// Rounded payout.
    #[schemars(with = "DecimalString")]
    pub total: String,
    /// Plan versions that applied, with their days.
    pub parts: Vec<PartDto>,
    /// Components.
    pub components: Vec<ComponentDto>,
    /// Statement-level steps (plan cap, statement rounding).
    pub steps: Vec<StepDto>,
    /// Sentences.
    pub explanation: Vec<String>,
}

/// The part of a period one plan version covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PartDto {
    /// Version label.
    pub version: String,
    /// First day.
    #[schemars(with = "DateString")]
    pub from: String,
    /// Last day.
    #[schemars(with = "DateString")]
    pub to: String,
    /// Days in the part.
    pub days: i64,
    /// Days in the period.
    pub period_days: i64,
}

/// An adjustment step on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct StepDto {
    /// gate, multiplier, trueUp, carryIn, cap, floor, rounding.
    #[schemars(extend("enum" = ["gate", "multiplier", "trueUp", "carryIn", "cap", "floor", "rounding"]))]
    pub kind: String,
    /// Value before.
    #[schemars(with = "DecimalString")]
    pub before: String,
    /// Value after.
    #[schemars(with = "DecimalString")]
    pub after: String,
    /// Sentence.
    pub text: String,
}

/// A component result on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ComponentDto {
    /// Component id.
    pub component_id: String,
    /// Component name.
    pub component_name: String,
    /// commission, bonus, mbo or spiff.
    #[schemars(extend("enum" = ["commission", "bonus", "mbo", "spiff"]))]
    pub kind: String,
    /// Plan version label.
    pub version: String,
    /// Credit counted.
    #[schemars(with = "DecimalString")]
    pub credit: String,
    /// Quota used.
    #[schemars(with = "Option<DecimalString>")]
    pub quota: Option<String>,
    /// Attainment ratio.
    #[schemars(with = "Option<DecimalString>")]
    pub attainment: Option<String>,
    /// Earning from the lines, before steps.
    #[schemars(with = "DecimalString")]
    pub base: String,
    /// Rounded earning after every step.
    #[schemars(with = "DecimalString")]
    pub earning: String,
    /// Transactions counted.
    pub transaction_count: u32,
    /// Tier slices.
    pub tiers: Vec<TierSliceDto>,
    /// Per-transaction lines.
    pub lines: Vec<LineDto>,
    /// Gates, multipliers, true-up, carry, caps, floors, rounding.
    pub steps: Vec<StepDto>,
    /// Sentences.
    pub explanation: Vec<String>,
}

/// A tier slice on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct TierSliceDto {
    /// 1-based tier number.
    pub tier: u32,
    /// Band start.
    #[schemars(with = "DecimalString")]
    pub from: String,
    /// Band end.
    #[schemars(with = "Option<DecimalString>")]
    pub to: Option<String>,
    /// Credit in the slice.
    #[schemars(with = "DecimalString")]
    pub base: String,
    /// Applied rate.
    #[schemars(with = "DecimalString")]
    pub rate: String,
    /// `base × rate`.
    #[schemars(with = "DecimalString")]
    pub amount: String,
}

/// A transaction line on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LineDto {
    /// Transaction id.
    pub transaction_id: String,
    /// Date.
    #[schemars(with = "DateString")]
    pub date: String,
    /// Credit.
    #[schemars(with = "DecimalString")]
    pub credit: String,
    /// Rounded earning attributed.
    #[schemars(with = "DecimalString")]
    pub earning: String,
}

#[cfg(test)]
mod tests;
