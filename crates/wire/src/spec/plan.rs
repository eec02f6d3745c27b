//! The plan wire format (schema version 1): DTOs, parsing with located errors, and the entry
//! points that validate into a compiled `PlanSet` (`spec::plan_check` does the checking).
//!
//! A document is either one plan, or a plan with `versions`: each version a full plan body with
//! `effectiveFrom`/`effectiveTo`. Foundation-era plans (commission components with a filter and
//! a rate table, no measures) are still valid: such a component counts the credited amount.

use super::plan_check;
pub use super::tiers::{EvaluationDto, RateTableDto, TierBaseDto, TierDto, TierModeDto};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::dec::Dec;
use spm_base::error::{Code, Diagnostic, Error, Result};
use spm_base::json;
use spm_plan::PlanSet;

/// The schema version this engine reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// A plan as JSON carries it; also the body of each version.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanDto {
    /// Must be 1 at the top of a document; optional inside `versions`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<u32>,
    /// Stable identifier.
    #[serde(default)]
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Version label shown on statements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// First day this version is in effect, "YYYY-MM-DD".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("format" = "date"))]
    pub effective_from: Option<String>,
    /// Last day this version is in effect, "YYYY-MM-DD".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(extend("format" = "date"))]
    pub effective_to: Option<String>,
    /// Effective-dated versions (each a full plan body); when present, the top level holds only
    /// schemaVersion, id, name and versions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub versions: Vec<PlanDto>,
    /// ISO 4217 currency code, such as "USD".
    #[serde(default)]
    pub currency: String,
    /// Period length.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<PeriodKindDto>,
    /// Fiscal calendar; the civil calendar when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<CalendarDto>,
    /// Declared rounding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounding: Option<RoundingDto>,
    /// Who is on the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eligibility: Option<EligibilityDto>,
    /// Names of per-payee inputs formulas may read (such as `nps`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<String>,
    /// Named measures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measures: Vec<MeasureDto>,
    /// Components in order.
    #[serde(default)]
    pub components: Vec<ComponentDto>,
    /// Cap on the plan's total payout.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<CapDto>,
    /// Crediting rules and roll-up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crediting: Option<CreditingDto>,
    /// New-hire ramp.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ramp: Option<RampDto>,
    /// How earnings become payouts: draws, clawbacks, holds, currency conversion, accounting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payout: Option<super::ledger::PayoutPolicyDto>,
}

/// Period length on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum PeriodKindDto {
    /// Month.
    Month,
    /// Quarter.
    Quarter,
    /// Half year.
    Half,
    /// Year.
    Year,
}

/// A fiscal calendar on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CalendarDto {
    /// "4-4-5", "4-5-4" or "5-4-4".
    pub pattern: String,
    /// First day of the first fiscal year, "YYYY-MM-DD".
    #[schemars(extend("format" = "date"))]
    pub year_start: String,
}

/// Rounding on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoundingDto {
    /// Tie rule.
    pub mode: RoundingModeDto,
    /// Where rounding happens.
    pub at: RoundingPointDto,
}

pub use spm_base::dec::RoundingModeDto;

/// Rounding point on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum RoundingPointDto {
    /// Each transaction line.
    Line,
    /// Each component total.
    Component,
    /// The statement total.
    Statement,
}

/// Eligibility on the wire.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EligibilityDto {
    /// Roles on the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
    /// Payee ids on the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payees: Option<Vec<String>>,
}

/// A filter on the wire: each present list must contain the transaction's value.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FilterDto {
    /// Products.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub products: Option<Vec<String>>,
    /// Deal types.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub types: Option<Vec<String>>,
    /// Customers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customers: Option<Vec<String>>,
    /// Territories.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub territories: Option<Vec<String>>,
    /// Accounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accounts: Option<Vec<String>>,
    /// Custom attributes (CSV columns `attr.NAME`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<AttributeFilterDto>,
}

/// A custom-attribute condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttributeFilterDto {
    /// Attribute name.
    pub name: String,
    /// Accepted values.
    #[serde(rename = "in")]
    pub values: Vec<String>,
}

/// Measure kinds on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum MeasureKindDto {
    /// Sum of amounts.
    Amount,
    /// Sum of units.
    Units,
    /// Sum of margin.
    Margin,
    /// Count of transactions.
    Count,
    /// Weighted combination.
    Weighted,
    /// Formula.
    Formula,
}

/// A measure on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MeasureDto {
    /// Identifier.
    pub id: String,
    /// Kind.
    pub kind: MeasureKindDto,
    /// Which credits count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<FilterDto>,
    /// Weighted: parts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<WeightDto>,
    /// Formula: the expression.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formula: Option<String>,
    /// Count overlay credits too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include_overlay: Option<bool>,
}

/// A weighted reference to a measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WeightDto {
    /// Measure id.
    pub measure: String,
    /// Weight.
    pub weight: Dec,
}

/// Component kinds on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ComponentKindDto {
    /// Commission on a measure through a rate table.
    Commission,
    /// Bonus at attainment thresholds.
    Bonus,
    /// Manager-set goals.
    Mbo,
    /// Time-boxed incentive.
    Spiff,
}

/// Attainment windows on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ScopeDto {
    /// Period.
    Period,
    /// Quarter to date.
    QuarterToDate,
    /// Year to date.
    YearToDate,
}

/// A component on the wire. Which fields apply depends on `kind`; validation names any field
/// given for the wrong kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ComponentDto {
    /// Unique in the plan.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: ComponentKindDto,
    /// Measure id (commission; default: the credited amount).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    /// Which credits count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<FilterDto>,
    /// Attainment window (commission, bonus).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<ScopeDto>,
    /// YTD true-up (commission with yearToDate scope).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub true_up: Option<bool>,
    /// Default quota per period in the plan currency, for payees without their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota: Option<Dec>,
    /// Rate table (commission).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_table: Option<RateTableDto>,
    /// Weighted attainment (bonus).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attainment: Vec<WeightDto>,
    /// Thresholds (bonus).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub thresholds: Vec<ThresholdDto>,
    /// Step or linear (bonus).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub style: Option<BonusStyleDto>,
    /// What 100% pays (bonus, MBO).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<TargetDto>,
    /// Goals (MBO).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<GoalDto>,
    /// Window (SPIFF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<WindowDto>,
    /// Payment (SPIFF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay: Option<SpiffPayDto>,
    /// Gate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate: Option<GateDto>,
    /// Kickers and multipliers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modifiers: Vec<ModifierDto>,
    /// Cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<CapDto>,
    /// Floor per period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<Dec>,
    /// Roles the component applies to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
}

/// A bonus threshold.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ThresholdDto {
    /// Attainment ratio: "1.0" is 100% of quota.
    pub attainment: Dec,
    /// Payout as a fraction of target: "1.0" pays the whole target.
    pub payout: Dec,
}

/// Bonus style on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum BonusStyleDto {
    /// Step.
    Step,
    /// Linear.
    Linear,
}

/// A target on the wire: exactly one field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TargetDto {
    /// Fixed amount per period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Dec>,
    /// Share of annual target incentive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_of_target_incentive: Option<Dec>,
}

/// An MBO goal on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GoalDto {
    /// Identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Weight.
    pub weight: Dec,
    /// Due date, "YYYY-MM-DD".
    #[schemars(extend("format" = "date"))]
    pub due: String,
    /// The payout points a manager may score the goal at, as fractions of its share.
    pub points: Vec<Dec>,
}

/// A date window on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WindowDto {
    /// First day.
    #[schemars(extend("format" = "date"))]
    pub from: String,
    /// Last day.
    #[schemars(extend("format" = "date"))]
    pub to: String,
}

/// SPIFF payment on the wire: exactly one field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SpiffPayDto {
    /// Amount per deal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_deal: Option<Dec>,
    /// Amount per unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_unit: Option<Dec>,
    /// Rate on the amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<Dec>,
}

/// Gate effects on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum GateEffectDto {
    /// Pay nothing.
    Zero,
    /// Pay no accelerators.
    NoAccelerators,
}

/// A gate on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GateDto {
    /// Condition formula.
    pub when: String,
    /// Effect when false (default zero).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effect: Option<GateEffectDto>,
    /// With noAccelerators: the 1-based first accelerator tier (default: the first tier starting at 100% or more).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_tier: Option<u32>,
}

/// A modifier on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ModifierDto {
    /// Label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Condition formula.
    pub when: String,
    /// Factor the earning is multiplied by when the condition holds: "1.5" adds half.
    pub multiply: Dec,
}

/// Cap windows on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum CapPerDto {
    /// Period.
    Period,
    /// Year to date.
    Year,
}

/// Excess handling on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ExcessDto {
    /// Lost.
    Forfeit,
    /// Carried to the next period.
    CarryForward,
}

/// A cap on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CapDto {
    /// Maximum payout in the plan currency.
    pub amount: Dec,
    /// Window (default period).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per: Option<CapPerDto>,
    /// Excess (default forfeit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excess: Option<ExcessDto>,
}

/// Crediting on the wire.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreditingDto {
    /// Ordered rules.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<CreditRuleDto>,
    /// "first" (default) or "all".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_match: Option<RuleMatchDto>,
    /// Roll-up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollup: Option<RollupDto>,
}

/// Rule matching on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum RuleMatchDto {
    /// First match.
    First,
    /// All matches.
    All,
}

/// A crediting rule on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CreditRuleDto {
    /// Label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Conditions.
    pub filter: FilterDto,
    /// Who gets credit.
    pub credit: Vec<RuleCreditDto>,
    /// Overlay rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overlay: Option<bool>,
}

/// A rule's credit on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RuleCreditDto {
    /// Payee id.
    pub payee_id: String,
    /// Share of the credit as a fraction: "0.5" is half.
    pub share: Dec,
}

/// Roll-up on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RollupDto {
    /// Manager levels credited above each payee.
    pub levels: u8,
}

/// Ramp on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RampDto {
    /// Quota factor per month of tenure: ["0.25", "0.5", "1"] ramps over three months.
    pub schedule: Vec<Dec>,
    /// Accelerators off while ramping.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accelerators_off: Option<bool>,
}

#[derive(Deserialize)]
struct VersionProbe {
    #[serde(rename = "schemaVersion")]
    schema_version: Option<serde_json::Value>,
}

/// Parses plan JSON into the DTO, checking the schema version before the structure so an old
/// or future plan gets a version message rather than a list of unknown fields.
///
/// # Errors
/// `JSON_SYNTAX`, `SCHEMA_VERSION`, `UNKNOWN_FIELD`, `MISSING_FIELD`, `WRONG_TYPE`.
pub fn parse(text: &str) -> Result<PlanDto> {
    // Declared limits (spm_base::limits): the plan's size, then the length of each of its lists,
    // before any check runs over them.
    spm_base::limits::check(
        "$",
        "the plan is too large (bytes)",
        text.len(),
        spm_base::limits::MAX_PLAN_BYTES,
        "a plan is a few kilobytes: check that data was not pasted into it",
    )?;
    let lists = spm_base::limits::plan_lists(&json::from_str(text, "the plan")?);
    if !lists.is_empty() {
        return Err(Error::from_diagnostics(lists));
    }
    let probe: VersionProbe = json::from_str(text, "the plan")?;
    match probe.schema_version {
        Some(serde_json::Value::Number(n)) if n.as_u64() == Some(u64::from(SCHEMA_VERSION)) => {}
        Some(v) => {
            return Err(Error::at(
                "schemaVersion",
                Code::SchemaVersion,
                format!("this engine reads plan schema version {SCHEMA_VERSION}, the plan says {v}"),
                "export the plan again from a matching version of the designer, or set schemaVersion to 1 and fix what validation reports",
            ))
        }
        None => return Err(Error::at("schemaVersion", Code::MissingField, "the plan has no schemaVersion", "add \"schemaVersion\": 1")),
    }
    json::from_str(text, "the plan")
}

/// Parses and validates plan JSON, returning every diagnostic (errors and warnings).
/// Never fails: a parse error is returned as a diagnostic too.
pub fn validate(text: &str) -> Vec<Diagnostic> {
    match parse(text) {
        Ok(dto) => match plan_check::compile(&dto) {
            Ok((_, warnings)) => warnings,
            Err(e) => e.diagnostics,
        },
        Err(e) => e.diagnostics,
    }
}

/// Parses, validates and compiles plan JSON.
///
/// # Errors
/// Every problem found, as one error with all diagnostics.
pub fn compile(text: &str) -> Result<(PlanSet, Vec<Diagnostic>)> {
    plan_check::compile(&parse(text)?)
}
