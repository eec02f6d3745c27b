//! The compiled plan: measures, components (commission, bonus, MBO, SPIFF) with their gates,
//! multipliers, caps and floors, crediting rules, proration and ramp, and effective-dated
//! versions. Built from the wire format by `spec::plan`, which validates; once built, a plan is
//! known to be consistent (every measure reference resolves, tiers are contiguous, weights sum
//! to 1, versions do not overlap).

// Money arithmetic is checked (clippy.toml and ARCHITECTURE.md, "Checked money").
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

pub mod compiled;
pub mod formula;
pub mod policy;
pub mod rate_table;

pub use compiled::CompiledPlan;

use formula::Formula;
use rate_table::RateTable;
use rust_decimal::Decimal;
use spm_base::money::{Currency, RoundingPolicy};
use spm_base::period::{Calendar, Date, PeriodKind};

/// A plan with one or more effective-dated versions.
#[derive(Debug, Clone)]
pub struct PlanSet {
    /// Stable identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Versions in date order, non-overlapping.
    pub versions: Vec<Plan>,
}

impl PlanSet {
    /// The version in effect on `date`.
    pub fn version_on(&self, date: Date) -> Option<usize> {
        self.versions.iter().position(|v| v.in_effect(date))
    }

    /// The first version (currency, period and calendar are the same in every version).
    pub fn head(&self) -> Option<&Plan> {
        self.versions.first()
    }
}

/// One version of a validated, compiled compensation plan.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Stable identifier of the plan (shared by its versions).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Version label.
    pub version: String,
    /// First day in effect.
    pub effective_from: Option<Date>,
    /// Last day in effect.
    pub effective_to: Option<Date>,
    /// The currency the plan computes and pays in.
    pub currency: Currency,
    /// The period earnings are computed and paid for.
    pub period: PeriodKind,
    /// How the year is cut into periods.
    pub calendar: Calendar,
    /// Declared rounding.
    pub rounding: RoundingPolicy,
    /// Who is on the plan.
    pub eligibility: Eligibility,
    /// What is counted.
    pub measures: Vec<Measure>,
    /// The ways of earning, in plan order.
    pub components: Vec<Component>,
    /// A cap on the whole plan's payout.
    pub cap: Option<Cap>,
    /// How transactions become credits.
    pub crediting: Crediting,
    /// Reduced quota for new hires.
    pub ramp: Option<Ramp>,
    /// How earnings become payouts (draws, clawbacks, holds, conversion, accounting).
    pub payout: crate::policy::Policy,
}

impl Plan {
    /// Whether this version is in effect on `date`.
    pub fn in_effect(&self, date: Date) -> bool {
        self.effective_from.is_none_or(|f| f <= date) && self.effective_to.is_none_or(|t| date <= t)
    }

    /// Index of a measure by id.
    pub fn measure_index(&self, id: &str) -> Option<usize> {
        self.measures.iter().position(|m| m.id == id)
    }
}

/// Who the plan pays.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Eligibility {
    /// Roles on the plan; `None` means every role.
    pub roles: Option<Vec<String>>,
    /// Payees on the plan by id; `None` means every payee of an eligible role.
    pub payees: Option<Vec<String>>,
}

impl Eligibility {
    /// Whether a payee with this id and role is on the plan.
    pub fn accepts(&self, id: &str, role: &str) -> bool {
        self.roles.as_ref().is_none_or(|r| r.iter().any(|x| x == role))
            && self.payees.as_ref().is_none_or(|p| p.iter().any(|x| x == id))
    }
}

/// What a measure adds up.
#[derive(Debug, Clone)]
pub enum MeasureKind {
    /// Sum of credited amounts.
    Amount,
    /// Sum of credited units.
    Units,
    /// Sum of credited margin.
    Margin,
    /// Number of credited transactions.
    Count,
    /// Σ weight × other measure.
    Weighted(Vec<(usize, Decimal)>),
    /// A formula over other measures and payee inputs, evaluated per period.
    Formula(Formula),
}

/// A named quantity counted per payee and period.
#[derive(Debug, Clone)]
pub struct Measure {
    /// Identifier used by components and formulas.
    pub id: String,
    /// What it counts.
    pub kind: MeasureKind,
    /// Which credits count.
    pub filter: Filter,
    /// Whether overlay credits count too (by default only quota-relieving credits do).
    pub include_overlay: bool,
}

/// Which transactions count: every listed attribute must match one of its values.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// (attribute, accepted values): `product`, `type`, `customer`, `territory`, `account` or a
    /// custom attribute.
    pub conditions: Vec<(String, Vec<String>)>,
}

impl Filter {
    /// Whether the filter accepts everything.
    pub fn is_empty(&self) -> bool {
        self.conditions.is_empty()
    }

    /// A phrase describing the filter, empty when it accepts everything.
    pub fn describe(&self) -> String {
        self.conditions
            .iter()
            .map(|(k, v)| format!("{} {}", attribute_label(k), v.join(", ")))
            .collect::<Vec<_>>()
            .join(" and ")
    }
}

fn attribute_label(k: &str) -> &str {
    match k {
        "type" => "deal types",
        "product" => "products",
        "customer" => "customers",
        "territory" => "territories",
        "account" => "accounts",
        other => other,
    }
}

/// The window a commission's attainment is measured over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The payout period alone.
    Period,
    /// Quarter to date.
    QuarterToDate,
    /// Year to date.
    YearToDate,
}

/// What a bonus or MBO pays at 100%.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A fixed amount per period.
    Amount(Decimal),
    /// A share of the payee's annual target incentive, spread evenly over the periods.
    ShareOfTargetIncentive(Decimal),
}

/// How a bonus reads its thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BonusStyle {
    /// The payout of the highest threshold reached.
    Step,
    /// Linear between thresholds; nothing below the first; the last payout above the last.
    Linear,
}

/// An MBO goal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    /// Identifier payee results refer to.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Weight (goals' weights sum to 1).
    pub weight: Decimal,
    /// Due date: a goal completed later pays nothing.
    pub due: Date,
    /// Allowed scores (payout points), such as 0, 0.5, 1, 1.25, 1.5.
    pub points: Vec<Decimal>,
}

/// How a SPIFF pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpiffPay {
    /// A fixed amount per qualifying deal.
    PerDeal(Decimal),
    /// A fixed amount per unit.
    PerUnit(Decimal),
    /// A rate on the credited amount.
    Percent(Decimal),
}

/// The kind of a component and its own settings.
#[derive(Debug, Clone)]
pub enum ComponentKind {
    /// Commission from a rate table on a measure.
    Commission {
        /// Measure index.
        measure: usize,
        /// Attainment window.
        scope: Scope,
        /// Pay "YTD earning minus already paid" each period.
        true_up: bool,
        /// Default quota per period.
        quota: Option<Decimal>,
        /// The rate table.
        table: RateTable,
    },
    /// A bonus at attainment thresholds.
    Bonus {
        /// (measure index, weight): attainment is Σ weight × measure / quota.
        attainment: Vec<(usize, Decimal)>,
        /// (attainment, payout as a fraction of target), ascending.
        thresholds: Vec<(Decimal, Decimal)>,
        /// Step or linear.
        style: BonusStyle,
        /// What 100% pays.
        target: Target,
        /// Default quota per period for each measure without a payee quota.
        quota: Option<Decimal>,
    },
    /// Manager-set goals.
    Mbo {
        /// The goals.
        goals: Vec<Goal>,
        /// What 100% pays.
        target: Target,
    },
    /// A time-boxed incentive.
    Spiff {
        /// First day.
        from: Date,
        /// Last day.
        to: Date,
        /// How it pays.
        pay: SpiffPay,
    },
}

/// A condition that stops (part of) a component paying.
#[derive(Debug, Clone)]
pub struct Gate {
    /// Must be true to pay in full.
    pub when: Formula,
    /// What happens when it is false.
    pub effect: GateEffect,
}

/// What a closed gate does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateEffect {
    /// The component pays nothing.
    Zero,
    /// Tiers from this 0-based index up pay the rate of the tier below it.
    NoAcceleratorsFrom(usize),
}

/// A kicker or multiplier: multiply the earning when a condition holds.
#[derive(Debug, Clone)]
pub struct Modifier {
    /// Display label.
    pub label: String,
    /// Condition.
    pub when: Formula,
    /// Factor.
    pub multiply: Decimal,
}

/// What a cap measures against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CapPer {
    /// Each payout period.
    Period,
    /// The year so far.
    Year,
}

/// What happens to capped excess.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Excess {
    /// Lost.
    Forfeit,
    /// Paid in the next period, still subject to that period's cap.
    CarryForward,
}

/// A cap on a payout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cap {
    /// Maximum.
    pub amount: Decimal,
    /// Window.
    pub per: CapPer,
    /// Excess handling.
    pub excess: Excess,
}

/// One way of earning.
#[derive(Debug, Clone)]
pub struct Component {
    /// Stable identifier, unique in the plan.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind and settings.
    pub kind: ComponentKind,
    /// Which credits count (in addition to the measure's own filter).
    pub filter: Filter,
    /// Gate.
    pub gate: Option<Gate>,
    /// Kickers and multipliers, applied in order.
    pub modifiers: Vec<Modifier>,
    /// Cap.
    pub cap: Option<Cap>,
    /// Floor per period.
    pub floor: Option<Decimal>,
    /// Roles the component applies to; `None` for all.
    pub roles: Option<Vec<String>>,
}

/// Whether several crediting rules may credit the same transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleMatch {
    /// The first matching rule credits.
    First,
    /// Every matching rule credits.
    All,
}

/// A crediting rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreditRule {
    /// Display label.
    pub label: String,
    /// Attribute conditions.
    pub filter: Filter,
    /// Payee id and share.
    pub credit: Vec<(String, Decimal)>,
    /// Overlay credit (does not relieve quota).
    pub overlay: bool,
}

/// How transactions become credits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Crediting {
    /// Ordered rules for transactions with no direct payee or splits (and overlay rules for all).
    pub rules: Vec<CreditRule>,
    /// First-match or all-match.
    pub rule_match: RuleMatch,
    /// Levels of managers above the credited payee who also receive the credit.
    pub rollup_levels: u8,
}

impl Default for Crediting {
    fn default() -> Self {
        Crediting { rules: Vec::new(), rule_match: RuleMatch::First, rollup_levels: 0 }
    }
}

/// New-hire ramp: the quota is multiplied by the schedule's factor for each month since hire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ramp {
    /// Factor per month of tenure (month 1 first).
    pub schedule: Vec<Decimal>,
    /// Whether accelerators are switched off while ramping.
    pub accelerators_off: bool,
}
