//! The plan wire format (schema version 1) and its validation into a compiled `Plan`.
//!
//! Validation collects every problem with its JSON path rather than stopping at the first,
//! so an editor can mark all the fields that need attention at once.

use super::dec::Dec;
use super::json;
use crate::error::{Code, Diagnostic, Error, Result, Severity};
use crate::money::{Currency, RoundingMode, RoundingPoint, RoundingPolicy};
use crate::period::PeriodKind;
use crate::plan::rate_table::{Evaluation, RateTable, Tier, TierBase, TierMode};
use crate::plan::{Component, Filter, Plan};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The schema version this engine reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// A plan as JSON carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PlanDto {
    /// Must be 1.
    pub schema_version: u32,
    /// Stable identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// ISO 4217 code.
    pub currency: String,
    /// Period length.
    pub period: PeriodKindDto,
    /// Declared rounding.
    pub rounding: RoundingDto,
    /// Components in order.
    pub components: Vec<ComponentDto>,
}

/// Period length on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PeriodKindDto {
    /// Calendar month.
    Month,
    /// Calendar quarter.
    Quarter,
    /// Calendar year.
    Year,
}

/// Rounding on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RoundingDto {
    /// Tie rule.
    pub mode: RoundingModeDto,
    /// Where rounding happens.
    pub at: RoundingPointDto,
}

/// Rounding mode on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RoundingModeDto {
    /// Ties away from zero.
    HalfUp,
    /// Ties to even.
    HalfEven,
    /// Toward zero.
    Down,
    /// Away from zero.
    Up,
}

/// Rounding point on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RoundingPointDto {
    /// Each transaction line.
    Line,
    /// Each component total.
    Component,
    /// The statement total.
    Statement,
}

/// A component on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ComponentDto {
    /// Unique in the plan.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Only "commission" in schema version 1.
    pub kind: ComponentKindDto,
    /// Default quota per period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quota: Option<Dec>,
    /// Which transactions count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<FilterDto>,
    /// The rate table.
    pub rate_table: RateTableDto,
}

/// Component kinds on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ComponentKindDto {
    /// Commission on credited amounts.
    Commission,
}

/// A transaction filter on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FilterDto {
    /// Products that count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub products: Option<Vec<String>>,
    /// Deal types that count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub types: Option<Vec<String>>,
}

/// A rate table on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RateTableDto {
    /// Tier semantic.
    pub mode: TierModeDto,
    /// Unit of the bounds.
    pub base: TierBaseDto,
    /// Running or per transaction.
    pub evaluation: EvaluationDto,
    /// The bands.
    pub tiers: Vec<TierDto>,
}

/// Tier mode on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TierModeDto {
    /// Whole base at the highest tier's rate.
    Flat,
    /// Each slice at its own rate.
    Marginal,
    /// Rate linear inside the band.
    Interpolated,
    /// Marginal with retroactive unlocks.
    Retroactive,
}

/// Tier base on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TierBaseDto {
    /// Ratio of quota.
    Attainment,
    /// Plan-currency amount.
    Amount,
}

/// Evaluation on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EvaluationDto {
    /// Running period total.
    Running,
    /// Each transaction alone.
    PerTransaction,
}

/// A tier on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TierDto {
    /// Inclusive lower bound.
    pub from: Dec,
    /// Exclusive upper bound; null on the last tier.
    #[serde(default)]
    pub to: Option<Dec>,
    /// Rate as a fraction.
    pub rate: Dec,
    /// Interpolated mode: rate at `to`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_to: Option<Dec>,
    /// Retroactive mode: re-rates everything below.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retroactive: Option<bool>,
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
        None => {
            return Err(Error::at(
                "schemaVersion",
                Code::MissingField,
                "the plan has no schemaVersion",
                "add \"schemaVersion\": 1",
            ))
        }
    }
    json::from_str(text, "the plan")
}

/// Parses and validates plan JSON, returning every diagnostic (errors and warnings).
/// Never fails: a parse error is returned as a diagnostic too.
pub fn validate(text: &str) -> Vec<Diagnostic> {
    match parse(text) {
        Ok(dto) => match compile_dto(&dto) {
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
pub fn compile(text: &str) -> Result<(Plan, Vec<Diagnostic>)> {
    compile_dto(&parse(text)?)
}

/// Validates a DTO into a plan; on success also returns the warnings.
///
/// # Errors
/// Every error-level problem found, with paths.
pub fn compile_dto(dto: &PlanDto) -> Result<(Plan, Vec<Diagnostic>)> {
    let mut diags = Vec::new();
    if dto.schema_version != SCHEMA_VERSION {
        diags.push(Diagnostic::error(
            "schemaVersion",
            Code::SchemaVersion,
            format!("expected schema version {SCHEMA_VERSION}"),
            "set schemaVersion to 1",
        ));
    }
    check_id(&dto.id, "id", &mut diags);
    if dto.name.trim().is_empty() {
        diags.push(Diagnostic::error(
            "name",
            Code::IdInvalid,
            "the plan has no name",
            "give the plan a name",
        ));
    }
    let currency = match Currency::from_code(&dto.currency) {
        Ok(c) => Some(c),
        Err(_) => {
            diags.push(Diagnostic::error(
                "currency",
                Code::CurrencyUnknown,
                format!("{:?} is not a known ISO 4217 currency code", dto.currency),
                "use an upper-case three-letter code such as \"USD\" or \"EUR\"",
            ));
            None
        }
    };
    if dto.components.is_empty() {
        diags.push(Diagnostic::error(
            "components",
            Code::MissingField,
            "the plan has no components",
            "add at least one component",
        ));
    }
    let mut components = Vec::with_capacity(dto.components.len());
    for (i, c) in dto.components.iter().enumerate() {
        let path = format!("components[{i}]");
        check_id(&c.id, &format!("{path}.id"), &mut diags);
        if dto.components.iter().take(i).any(|o| o.id == c.id) {
            diags.push(Diagnostic::error(
                format!("{path}.id"),
                Code::IdInvalid,
                format!("component id {:?} is used twice", c.id),
                "give each component its own id",
            ));
        }
        if let Some(comp) = component(c, &path, &mut diags) {
            components.push(comp);
        }
    }
    let errors = diags.iter().any(|d| d.severity == Severity::Error);
    match currency {
        Some(currency) if !errors => {
            let plan = Plan {
                id: dto.id.clone(),
                name: dto.name.clone(),
                currency,
                period: match dto.period {
                    PeriodKindDto::Month => PeriodKind::Month,
                    PeriodKindDto::Quarter => PeriodKind::Quarter,
                    PeriodKindDto::Year => PeriodKind::Year,
                },
                rounding: RoundingPolicy {
                    mode: match dto.rounding.mode {
                        RoundingModeDto::HalfUp => RoundingMode::HalfUp,
                        RoundingModeDto::HalfEven => RoundingMode::HalfEven,
                        RoundingModeDto::Down => RoundingMode::Down,
                        RoundingModeDto::Up => RoundingMode::Up,
                    },
                    at: match dto.rounding.at {
                        RoundingPointDto::Line => RoundingPoint::Line,
                        RoundingPointDto::Component => RoundingPoint::Component,
                        RoundingPointDto::Statement => RoundingPoint::Statement,
                    },
                },
                components,
            };
            Ok((plan, diags))
        }
        _ => Err(Error::from_diagnostics(diags)),
    }
}

fn check_id(id: &str, path: &str, diags: &mut Vec<Diagnostic>) {
    if id.trim().is_empty() {
        diags.push(Diagnostic::error(
            path,
            Code::IdInvalid,
            "the id is empty",
            "give it a short, stable id such as \"new-business\"",
        ));
    }
}

fn component(c: &ComponentDto, path: &str, diags: &mut Vec<Diagnostic>) -> Option<Component> {
    let before = error_count(diags);
    let quota = c.quota.as_ref().and_then(|q| {
        let p = format!("{path}.quota");
        let v = q.get(&p, diags)?;
        if v <= Decimal::ZERO {
            diags.push(Diagnostic::error(
                p,
                Code::QuotaInvalid,
                format!("the quota {v} is not above zero"),
                "give a positive quota per period, or leave it out and give each payee a quota",
            ));
            return None;
        }
        Some(v)
    });
    let filter = c.filter.as_ref().map_or_else(Filter::default, |f| {
        let list = |l: &Option<Vec<String>>, name: &str, diags: &mut Vec<Diagnostic>| {
            if let Some(items) = l {
                if items.is_empty() {
                    diags.push(Diagnostic::error(
                        format!("{path}.filter.{name}"),
                        Code::MissingField,
                        "the list is empty, so nothing would count",
                        "list at least one value, or remove the field to count everything",
                    ));
                }
            }
            l.clone()
        };
        Filter {
            products: list(&f.products, "products", diags),
            types: list(&f.types, "types", diags),
        }
    });
    let table = rate_table(&c.rate_table, &format!("{path}.rateTable"), diags);
    if error_count(diags) > before {
        return None;
    }
    Some(Component {
        id: c.id.clone(),
        name: c.name.clone(),
        quota,
        filter,
        table: table?,
    })
}

fn error_count(diags: &[Diagnostic]) -> usize {
    diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

fn rate_table(t: &RateTableDto, path: &str, diags: &mut Vec<Diagnostic>) -> Option<RateTable> {
    let before = error_count(diags);
    let mode = match t.mode {
        TierModeDto::Flat => TierMode::Flat,
        TierModeDto::Marginal => TierMode::Marginal,
        TierModeDto::Interpolated => TierMode::Interpolated,
        TierModeDto::Retroactive => TierMode::Retroactive,
    };
    if t.tiers.is_empty() {
        diags.push(Diagnostic::error(
            format!("{path}.tiers"),
            Code::TierStart,
            "the rate table has no tiers",
            "add a first tier starting at \"0\"",
        ));
        return None;
    }
    let n = t.tiers.len();
    let mut tiers = Vec::with_capacity(n);
    let mut prev_to: Option<Decimal> = None;
    for (i, tier) in t.tiers.iter().enumerate() {
        let tp = format!("{path}.tiers[{i}]");
        let from = tier.from.get(&format!("{tp}.from"), diags);
        let to = match &tier.to {
            Some(v) => v.get(&format!("{tp}.to"), diags).map(Some),
            None => Some(None),
        };
        let rate = tier.rate.get(&format!("{tp}.rate"), diags);
        let rate_to = match &tier.rate_to {
            Some(v) => v.get(&format!("{tp}.rateTo"), diags),
            None => rate,
        };
        for (field, value) in [
            ("rate", rate),
            (
                "rateTo",
                if tier.rate_to.is_some() {
                    rate_to
                } else {
                    None
                },
            ),
        ] {
            if let Some(r) = value {
                if r < Decimal::ZERO {
                    diags.push(Diagnostic::error(
                        format!("{tp}.{field}"),
                        Code::RateNegative,
                        format!("the rate {r} is negative"),
                        "rates are fractions of the credited amount, zero or more; \"0.05\" is 5%",
                    ));
                } else if r > Decimal::ONE {
                    diags.push(Diagnostic::warning(
                        format!("{tp}.{field}"),
                        Code::RateNegative,
                        format!("the rate {r} is more than 100% of the credited amount"),
                        "rates are fractions: write \"0.05\" for 5%",
                    ));
                }
            }
        }
        if tier.rate_to.is_some() && mode != TierMode::Interpolated {
            diags.push(Diagnostic::error(
                format!("{tp}.rateTo"),
                Code::TierModeField,
                "rateTo only applies to interpolated tables",
                "remove rateTo, or set the table's mode to \"interpolated\"",
            ));
        }
        if tier.retroactive.is_some() && mode != TierMode::Retroactive {
            diags.push(Diagnostic::error(
                format!("{tp}.retroactive"),
                Code::TierModeField,
                "retroactive only applies to retroactive tables",
                "remove retroactive, or set the table's mode to \"retroactive\"",
            ));
        }
        if let Some(f) = from {
            if f < Decimal::ZERO {
                diags.push(Diagnostic::error(
                    format!("{tp}.from"),
                    Code::NegativeValue,
                    format!("the bound {f} is negative"),
                    "tiers start at \"0\"",
                ));
            }
            if i == 0 && !f.is_zero() {
                diags.push(Diagnostic::error(
                    format!("{tp}.from"),
                    Code::TierStart,
                    format!(
                        "the first tier starts at {f}, not 0, so credits below it have no rate"
                    ),
                    "start the first tier at \"0\" (use a zero rate for a threshold)",
                ));
            }
            if let Some(p) = prev_to {
                if f > p {
                    diags.push(Diagnostic::error(format!("{tp}.from"), Code::TierGap, format!("there is a gap between the previous tier's end {p} and this tier's start {f}"), format!("start this tier at \"{p}\"")));
                } else if f < p {
                    diags.push(Diagnostic::error(
                        format!("{tp}.from"),
                        Code::TierOverlap,
                        format!(
                            "this tier starts at {f}, inside the previous tier that ends at {p}"
                        ),
                        format!("start this tier at \"{p}\" or end the previous one at \"{f}\""),
                    ));
                }
            }
        }
        match to {
            Some(None) if i + 1 < n => diags.push(Diagnostic::error(
                format!("{tp}.to"),
                Code::TierBounds,
                "only the last tier may be open-ended",
                "give this tier an upper bound equal to the next tier's from",
            )),
            Some(Some(v)) if i + 1 == n => diags.push(Diagnostic::error(
                format!("{tp}.to"),
                Code::TierBounds,
                format!("the last tier ends at {v}, so credits above it have no rate"),
                "set the last tier's to to null (use a cap to limit payout)",
            )),
            Some(Some(v)) => {
                if let Some(f) = from {
                    if v <= f {
                        diags.push(Diagnostic::error(
                            format!("{tp}.to"),
                            Code::TierBounds,
                            format!("the tier ends at {v}, not above its start {f}"),
                            "make to greater than from",
                        ));
                    }
                }
            }
            _ => {}
        }
        if mode == TierMode::Interpolated && i + 1 == n && tier.rate_to.is_some() && rate_to != rate
        {
            diags.push(Diagnostic::error(
                format!("{tp}.rateTo"),
                Code::TierBounds,
                "an open-ended tier has no end to interpolate to",
                "remove rateTo from the last tier",
            ));
        }
        prev_to = to.flatten();
        if let (Some(f), Some(t_), Some(r), Some(rt)) = (from, to, rate, rate_to) {
            tiers.push(Tier {
                from: f,
                to: t_,
                rate: r,
                rate_to: rt,
                retroactive: tier.retroactive.unwrap_or(false),
            });
        }
    }
    if error_count(diags) > before {
        return None;
    }
    Some(RateTable {
        mode,
        base: match t.base {
            TierBaseDto::Attainment => TierBase::Attainment,
            TierBaseDto::Amount => TierBase::Amount,
        },
        evaluation: match t.evaluation {
            EvaluationDto::Running => Evaluation::Running,
            EvaluationDto::PerTransaction => Evaluation::PerTransaction,
        },
        tiers,
    })
}
