//! Payout calculation: credits in, one explained statement per payee and period out.
//!
//! Per payee (in input order) and period (in order): find the plan version(s) in effect (a
//! period spanning two versions is split into parts by days), prorate quotas and targets by
//! active days, apply the ramp, compute each component (`components`), then its gate,
//! multipliers, true-up, carried excess, cap and floor (`adjust`), round at the plan's declared
//! point, and explain (`explain`). Lines sum to their component's base earning, components to the
//! statement, statements to the report, after rounding too (largest remainder).

pub mod adjust;
pub mod checks;
pub mod components;
pub mod env;
pub mod explain;
pub mod incentives;
pub mod run;

use crate::credit::{self, Credits};
use crate::data::Dataset;
use rust_decimal::Decimal;
use spm_base::error::{Diagnostic, Result};
use spm_base::period::{Date, Period};
use spm_plan::rate_table::Slice;
use spm_plan::PlanSet;

/// How much detail a report carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Transaction lines and explanations.
    Full,
    /// Totals, tiers and steps only: for bulk runs.
    Summary,
}

/// The result of running a plan over a dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Every period of the run, in order.
    pub periods: Vec<Period>,
    /// Statements by payee (input order) then period.
    pub statements: Vec<Statement>,
    /// Sum of every statement total.
    pub total: Decimal,
    /// Non-fatal findings.
    pub warnings: Vec<Diagnostic>,
    /// Credited lines evaluated (a measure of work done).
    pub credited_lines: usize,
}

/// A payee's payout for one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// Index into `Dataset::payees`.
    pub payee: usize,
    /// The period.
    pub period: Period,
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
    /// The plan versions that applied, with their date ranges.
    pub parts: Vec<Part>,
    /// Rounded payout: the sum of the component earnings (after the plan cap).
    pub total: Decimal,
    /// One result per component and part, in plan order.
    pub components: Vec<ComponentResult>,
    /// Statement-level steps (plan cap, carried excess).
    pub steps: Vec<Step>,
    /// The statement in sentences.
    pub explanation: Vec<String>,
}

/// The part of a period one plan version covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// Version index in the plan set.
    pub version: usize,
    /// First day.
    pub from: Date,
    /// Last day.
    pub to: Date,
    /// Days in the part.
    pub days: i64,
    /// Days in the period.
    pub period_days: i64,
}

/// What a component is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Commission.
    Commission,
    /// Bonus.
    Bonus,
    /// MBO.
    Mbo,
    /// SPIFF.
    Spiff,
}

/// One component's earning in a statement.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentResult {
    /// Index of the part (plan version) in the statement.
    pub part: usize,
    /// Index into the version's components.
    pub component: usize,
    /// Kind.
    pub kind: Kind,
    /// Measure credited in the window (commission, SPIFF: this period's credit).
    pub credit: Decimal,
    /// Quota used.
    pub quota: Option<Decimal>,
    /// Attainment, full precision.
    pub attainment: Option<Decimal>,
    /// Earning from lines before steps (after rounding at line or component level).
    pub base: Decimal,
    /// Earning after every step (what the statement pays).
    pub earning: Decimal,
    /// How the base was computed, slice by slice.
    pub slices: Vec<SliceResult>,
    /// Per-credit attribution; sums to `base` (empty in a summary).
    pub lines: Vec<Line>,
    /// Credits counted (also in a summary, where `lines` is empty).
    pub count: usize,
    /// Gates, multipliers, true-up, carry, caps, floors, rounding: in order.
    pub steps: Vec<Step>,
    /// Facts for the explanation (window, proration, ramp, thresholds, goals).
    pub notes: Vec<String>,
    /// The component in sentences.
    pub explanation: Vec<String>,
}

/// A tier slice with its bounds resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct SliceResult {
    /// The slice.
    pub slice: Slice,
    /// Lower bound in the table's base.
    pub from: Decimal,
    /// Upper bound in the table's base.
    pub to: Option<Decimal>,
}

/// What one credit added to a component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Index into `Dataset::transactions`.
    pub transaction: usize,
    /// Measure contribution counted.
    pub credit: Decimal,
    /// Exact earning attributed.
    pub exact: Decimal,
    /// Rounded earning attributed.
    pub earning: Decimal,
}

/// What changed an earning after its lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// A gate that was closed.
    Gate,
    /// A kicker or multiplier.
    Multiplier,
    /// YTD earning minus already paid.
    TrueUp,
    /// Excess carried in from the previous period.
    CarryIn,
    /// A cap.
    Cap,
    /// A floor.
    Floor,
    /// Rounding.
    Rounding,
}

/// One adjustment, with the values before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// What it is.
    pub kind: StepKind,
    /// Value before.
    pub before: Decimal,
    /// Value after.
    pub after: Decimal,
    /// The sentence.
    pub text: String,
}

/// Runs a plan set over a dataset.
///
/// # Errors
/// `QUOTA_MISSING`, `MBO_SCORE`, `FORMULA_EVAL`, `UNKNOWN_REFERENCE` (crediting rules), `OVERFLOW`,
/// `RATE_MISSING` and `CURRENCY_UNKNOWN` (transactions in other currencies).
pub fn calculate(set: &PlanSet, data: &Dataset, detail: Detail) -> Result<Report> {
    if crate::fx::foreign_currencies(set, data) {
        // Transactions in other currencies are converted first (an explicit, dated step).
        let at_end = set.head().is_some_and(|h| h.payout.convert_at_period_end);
        let (converted, _) = crate::fx::to_plan_currency(set, data, &data.rates, at_end)?;
        let credits = credit::credit(set, &converted)?;
        return calculate_credited(set, &converted, &credits, detail);
    }
    let credits = credit::credit(set, data)?;
    calculate_credited(set, data, &credits, detail)
}

/// Runs a plan set over already-credited data.
///
/// # Errors
/// As `calculate`.
pub fn calculate_credited(set: &PlanSet, data: &Dataset, credits: &Credits, detail: Detail) -> Result<Report> {
    run::run(set, data, credits, detail)
}
