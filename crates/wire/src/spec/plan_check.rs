//! Validation of a plan DTO into a compiled `PlanSet`: every problem is collected with its JSON
//! path, so an editor can mark all the fields that need attention at once.

use super::filter_check::{crediting, filter};
use super::plan::*;
use spm_base::dec::Dec;
use spm_base::error::{clip, Code, Diagnostic, Error, Result, Severity};
use spm_base::money::{Currency, RoundingMode, RoundingPoint, RoundingPolicy};
use spm_base::period::{Calendar, Date, PeriodKind};
use spm_plan::formula::{Formula, ReferenceKind};

use rust_decimal::Decimal;
use spm_plan::*;
use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

/// Functions a plan formula may call besides the built-ins; the first argument is a measure id.
pub const FORMULA_FUNCTIONS: [&str; 3] = ["attainment", "measure", "quota"];
/// Scopes those functions accept as their second argument.
pub const FORMULA_SCOPES: [&str; 4] = ["period", "qtd", "ytd", "year"];

pub(crate) type Diags = Vec<Diagnostic>;

pub(crate) fn err(d: &mut Diags, path: impl Into<String>, code: Code, msg: impl Into<String>, hint: impl Into<String>) {
    d.push(Diagnostic::error(path, code, msg, hint));
}

pub(crate) fn errors(d: &[Diagnostic]) -> usize {
    d.iter().filter(|x| x.severity == Severity::Error).count()
}

/// Validates a DTO into a plan set; on success also returns the warnings.
///
/// # Errors
/// Every error-level problem found, with paths.
pub fn compile(dto: &PlanDto) -> Result<(PlanSet, Vec<Diagnostic>)> {
    let mut d = Vec::new();
    if dto.schema_version != Some(SCHEMA_VERSION) {
        err(
            &mut d,
            "schemaVersion",
            Code::SchemaVersion,
            format!("expected schema version {SCHEMA_VERSION}"),
            "set schemaVersion to 1",
        );
    }
    if dto.id.trim().is_empty() {
        err(&mut d, "id", Code::IdInvalid, "the plan id is empty", "give the plan a short, stable id");
    }
    if dto.name.trim().is_empty() {
        err(&mut d, "name", Code::IdInvalid, "the plan has no name", "give the plan a name");
    }
    let mut versions = Vec::new();
    if dto.versions.is_empty() {
        if let Some(v) = version(dto, "", dto, &mut d) {
            versions.push(v);
        }
    } else {
        ignored_beside_versions(dto, &mut d);
        for (i, v) in dto.versions.iter().enumerate() {
            if !v.versions.is_empty() {
                err(
                    &mut d,
                    format!("versions[{i}].versions"),
                    Code::WrongType,
                    "versions cannot nest",
                    "list every version at the top level",
                );
            }
            if let Some(p) = version(v, &format!("versions[{i}]."), dto, &mut d) {
                versions.push(p);
            }
        }
        check_versions(&versions, &mut d);
        version_labels(dto, &mut d);
    }
    if errors(&d) > 0 {
        return Err(Error::from_diagnostics(d));
    }
    Ok((PlanSet { id: dto.id.clone(), name: dto.name.clone(), versions }, d))
}

/// Beside `versions` the top level holds only schemaVersion, id, name and versions: a plan body
/// field there would be ignored (each version is a whole body), so each one is an error at its
/// own path, `FIELD_IGNORED`, rather than a silent difference between what the file says and
/// what is paid. An error, not a warning: the author meant those fields to count, and the
/// designer shows the message at the field.
fn ignored_beside_versions(dto: &PlanDto, d: &mut Diags) {
    let present = [
        ("version", dto.version.is_some()),
        ("effectiveFrom", dto.effective_from.is_some()),
        ("effectiveTo", dto.effective_to.is_some()),
        ("currency", !dto.currency.is_empty()),
        ("period", dto.period.is_some()),
        ("calendar", dto.calendar.is_some()),
        ("rounding", dto.rounding.is_some()),
        ("eligibility", dto.eligibility.is_some()),
        ("inputs", !dto.inputs.is_empty()),
        ("measures", !dto.measures.is_empty()),
        ("components", !dto.components.is_empty()),
        ("cap", dto.cap.is_some()),
        ("crediting", dto.crediting.is_some()),
        ("ramp", dto.ramp.is_some()),
        ("payout", dto.payout.is_some()),
    ];
    for (field, _) in present.iter().filter(|(_, here)| *here) {
        err(
            d,
            *field,
            Code::FieldIgnored,
            format!(
                "{field} beside versions would be ignored: a plan with versions keeps its body inside each version"
            ),
            format!("move {field} into each version that needs it (or remove versions for a single-version plan)"),
        );
    }
}

/// Version labels name the parts of a statement and the versions in a comparison, so two
/// versions may not share one (an absent label reads as "1").
fn version_labels(dto: &PlanDto, d: &mut Diags) {
    fn label(v: &PlanDto) -> &str {
        v.version.as_deref().unwrap_or("1")
    }
    for (i, v) in dto.versions.iter().enumerate() {
        let name = label(v);
        if let Some(first) = dto.versions.iter().take(i).position(|o| label(o) == name) {
            let path = if v.version.is_some() { format!("versions[{i}].version") } else { format!("versions[{i}]") };
            err(
                d,
                path,
                Code::IdInvalid,
                format!("version label {name:?} is used twice: by versions[{first}] and versions[{i}]"),
                "give each version its own label in \"version\", such as \"2026.1\" and \"2026.2\"",
            );
        }
    }
}

fn check_versions(versions: &[Plan], d: &mut Diags) {
    for (i, pair) in versions.windows(2).enumerate() {
        let (Some(a), Some(b)) = (pair.first(), pair.get(1)) else {
            continue;
        };
        let path = format!("versions[{}].effectiveFrom", i + 1);
        match (a.effective_to, b.effective_from) {
            (Some(to), Some(from)) if from <= to => err(
                d,
                path,
                Code::VersionOverlap,
                format!("version {} starts on {from}, before version {} ends on {to}", b.version, a.version),
                "versions must follow each other: start each one after the previous one ends",
            ),
            (_, None) | (None, _) => err(
                d,
                path,
                Code::VersionOverlap,
                "every version but the first needs effectiveFrom, and every version but the last effectiveTo",
                "give the versions consecutive, non-overlapping dates",
            ),
            _ => {}
        }
        if (a.currency, a.period, a.calendar) != (b.currency, b.period, b.calendar) {
            err(
                d,
                format!("versions[{}]", i + 1),
                Code::WrongType,
                "versions must share currency, period and calendar",
                "change those in every version at once, or start a new plan",
            );
        }
    }
}

pub(crate) fn date(s: &str, path: &str, d: &mut Diags) -> Option<Date> {
    let v = Date::parse(s);
    if v.is_none() {
        err(d, path, Code::DateInvalid, format!("{:?} is not a calendar date", clip(s)), "write dates as YYYY-MM-DD");
    }
    v
}

pub(crate) fn dec(v: &Dec, path: &str, d: &mut Diags) -> Option<Decimal> {
    v.get(path, d)
}

pub(crate) fn non_negative(v: &Dec, path: &str, d: &mut Diags) -> Option<Decimal> {
    let x = dec(v, path, d)?;
    if x < Decimal::ZERO {
        err(d, path, Code::NegativeValue, format!("{x} is negative"), "use zero or more");
        return None;
    }
    Some(x)
}

fn version(v: &PlanDto, p: &str, top: &PlanDto, d: &mut Diags) -> Option<Plan> {
    let before = errors(d);
    let currency = match Currency::from_code(&v.currency) {
        Ok(c) => Some(c),
        Err(_) => {
            err(
                d,
                format!("{p}currency"),
                Code::CurrencyUnknown,
                format!("{:?} is not a known ISO 4217 currency code", clip(&v.currency)),
                "use an upper-case three-letter code such as \"USD\" or \"EUR\"",
            );
            None
        }
    };
    let period = match v.period {
        Some(PeriodKindDto::Month) => Some(PeriodKind::Month),
        Some(PeriodKindDto::Quarter) => Some(PeriodKind::Quarter),
        Some(PeriodKindDto::Half) => Some(PeriodKind::Half),
        Some(PeriodKindDto::Year) => Some(PeriodKind::Year),
        None => {
            err(
                d,
                format!("{p}period"),
                Code::MissingField,
                "the plan has no period",
                "add \"period\": \"month\", \"quarter\", \"half\" or \"year\"",
            );
            None
        }
    };
    let calendar = match &v.calendar {
        None => Some(Calendar::Gregorian),
        Some(c) => {
            let pattern = match c.pattern.as_str() {
                "4-4-5" => Some([4, 4, 5]),
                "4-5-4" => Some([4, 5, 4]),
                "5-4-4" => Some([5, 4, 4]),
                other => {
                    err(
                        d,
                        format!("{p}calendar.pattern"),
                        Code::CalendarInvalid,
                        format!("{:?} is not a fiscal pattern", clip(other)),
                        "use \"4-4-5\", \"4-5-4\" or \"5-4-4\"",
                    );
                    None
                }
            };
            let start = date(&c.year_start, &format!("{p}calendar.yearStart"), d);
            pattern.zip(start).map(|(pattern, year_start)| Calendar::Fiscal { pattern, year_start })
        }
    };
    let rounding = match v.rounding {
        Some(r) => Some(RoundingPolicy {
            mode: match r.mode {
                RoundingModeDto::HalfUp => RoundingMode::HalfUp,
                RoundingModeDto::HalfEven => RoundingMode::HalfEven,
                RoundingModeDto::Down => RoundingMode::Down,
                RoundingModeDto::Up => RoundingMode::Up,
            },
            at: match r.at {
                RoundingPointDto::Line => RoundingPoint::Line,
                RoundingPointDto::Component => RoundingPoint::Component,
                RoundingPointDto::Statement => RoundingPoint::Statement,
            },
        }),
        None => {
            err(
                d,
                format!("{p}rounding"),
                Code::MissingField,
                "the plan declares no rounding",
                "add \"rounding\": {\"mode\": \"halfUp\", \"at\": \"component\"}",
            );
            None
        }
    };
    let effective_from = v.effective_from.as_deref().and_then(|s| date(s, &format!("{p}effectiveFrom"), d));
    let effective_to = v.effective_to.as_deref().and_then(|s| date(s, &format!("{p}effectiveTo"), d));
    if let (Some(f), Some(t)) = (effective_from, effective_to) {
        if t < f {
            err(
                d,
                format!("{p}effectiveTo"),
                Code::VersionOverlap,
                format!("the version ends on {t}, before it starts on {f}"),
                "make effectiveTo on or after effectiveFrom",
            );
        }
    }
    if v.components.is_empty() {
        err(
            d,
            format!("{p}components"),
            Code::MissingField,
            "the plan has no components",
            "add at least one component",
        );
    }
    let measures = measures(v, p, d);
    let names = Names::new(measures.iter().map(|m| m.id.clone()).collect(), &v.inputs);
    let measures = resolve_measures(v, p, measures, &names, d);
    let mut components = Vec::with_capacity(v.components.len());
    for (i, c) in v.components.iter().enumerate() {
        let cp = format!("{p}components[{i}]");
        if c.id.trim().is_empty() {
            err(
                d,
                format!("{cp}.id"),
                Code::IdInvalid,
                "the component id is empty",
                "give it a short, stable id such as \"new-business\"",
            );
        }
        if let Some(first) = v.components.iter().take(i).position(|o| o.id == c.id) {
            err(
                d,
                format!("{cp}.id"),
                Code::IdInvalid,
                format!("component id {:?} is used twice: at {p}components[{first}].id and at {cp}.id", clip(&c.id)),
                "give each component its own id",
            );
        }
        if let Some(comp) = super::component_check::component(c, &cp, &names, d) {
            components.push(comp);
        }
    }
    let cap = v.cap.as_ref().and_then(|c| cap(c, &format!("{p}cap"), d));
    let crediting = crediting(v.crediting.as_ref(), &format!("{p}crediting"), d);
    let ramp = v.ramp.as_ref().map(|r| {
        let schedule: Vec<Decimal> = r
            .schedule
            .iter()
            .enumerate()
            .filter_map(|(i, s)| non_negative(s, &format!("{p}ramp.schedule[{i}]"), d))
            .collect();
        Ramp { schedule, accelerators_off: r.accelerators_off.unwrap_or(false) }
    });
    let eligibility =
        v.eligibility.clone().map(|e| Eligibility { roles: e.roles, payees: e.payees }).unwrap_or_default();
    let ids: Vec<&str> = v.components.iter().map(|c| c.id.as_str()).collect();
    let payout = super::ledger::policy(v.payout.as_ref(), p, &ids, d);
    if errors(d) > before {
        return None;
    }
    Some(Plan {
        id: if v.id.is_empty() { top.id.clone() } else { v.id.clone() },
        name: if v.name.is_empty() { top.name.clone() } else { v.name.clone() },
        version: v.version.clone().unwrap_or_else(|| "1".into()),
        effective_from,
        effective_to,
        currency: currency?,
        period: period?,
        calendar: calendar?,
        rounding: rounding?,
        eligibility,
        measures,
        components,
        cap,
        crediting,
        ramp,
        payout,
    })
}

/// Ids a formula may name, indexed so that each reference is one lookup (a plan may hold
/// 1,500 measures and a hundred thousand references to them).
pub(crate) struct Names {
    measures: Vec<String>,
    /// The first position of each measure id, as `Plan::measure_index` finds it.
    index: HashMap<String, usize>,
    inputs: HashSet<String>,
    /// The measure ids for hints, made once.
    listed: OnceCell<String>,
}

/// How many measure ids a hint lists before "and N more".
const LISTED: usize = 10;

impl Names {
    pub(crate) fn new(measures: Vec<String>, inputs: &[String]) -> Names {
        let mut index = HashMap::with_capacity(measures.len());
        for (i, m) in measures.iter().enumerate() {
            index.entry(m.clone()).or_insert(i);
        }
        Names { measures, index, inputs: inputs.iter().cloned().collect(), listed: OnceCell::new() }
    }

    /// The index of measure `id`.
    pub(crate) fn measure(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// Whether `id` is a declared per-payee input.
    pub(crate) fn is_input(&self, id: &str) -> bool {
        self.inputs.contains(id)
    }

    /// The measure ids for a hint: the first few, each clipped, then how many more there are.
    pub(crate) fn list(&self) -> &str {
        self.listed.get_or_init(|| {
            let mut out: Vec<String> = self.measures.iter().take(LISTED).map(|m| clip(m).into_owned()).collect();
            if self.measures.len() > LISTED {
                out.push(format!("and {} more", self.measures.len() - LISTED));
            }
            out.join(", ")
        })
    }
}

/// Declared measures, then one implicit amount measure per commission or bonus component that
/// names none (its id is the component id, its filter the component's).
fn measures(v: &PlanDto, p: &str, d: &mut Diags) -> Vec<MeasureDto> {
    let mut out = v.measures.clone();
    for (i, m) in v.measures.iter().enumerate() {
        let first = v.measures.iter().take(i).position(|o| o.id == m.id);
        if first.is_some() || m.id.trim().is_empty() {
            let twice = first.map_or(String::new(), |f| format!(": at {p}measures[{f}].id and at {p}measures[{i}].id"));
            err(
                d,
                format!("{p}measures[{i}].id"),
                Code::IdInvalid,
                format!("measure id {:?} is empty or used twice{twice}", clip(&m.id)),
                "give each measure its own id",
            );
        }
    }
    for c in &v.components {
        let implicit = matches!(c.kind, ComponentKindDto::Commission) && c.measure.is_none();
        if implicit && !out.iter().any(|m| m.id == c.id) {
            out.push(MeasureDto {
                id: c.id.clone(),
                kind: MeasureKindDto::Amount,
                filter: None,
                parts: Vec::new(),
                formula: None,
                include_overlay: None,
            });
        }
    }
    out
}

fn resolve_measures(v: &PlanDto, p: &str, dtos: Vec<MeasureDto>, names: &Names, d: &mut Diags) -> Vec<Measure> {
    let declared = v.measures.len();
    let mut out = Vec::with_capacity(dtos.len());
    for (i, m) in dtos.iter().enumerate() {
        let mp = format!("{p}measures[{i}]");
        let kind = match m.kind {
            MeasureKindDto::Amount => MeasureKind::Amount,
            MeasureKindDto::Units => MeasureKind::Units,
            MeasureKindDto::Margin => MeasureKind::Margin,
            MeasureKindDto::Count => MeasureKind::Count,
            MeasureKindDto::Weighted => {
                if m.parts.is_empty() {
                    err(
                        d,
                        format!("{mp}.parts"),
                        Code::MissingField,
                        "a weighted measure needs parts",
                        "list {\"measure\": id, \"weight\": \"0.5\"} entries",
                    );
                }
                MeasureKind::Weighted(weights(&m.parts, &format!("{mp}.parts"), names, false, d))
            }
            MeasureKindDto::Formula => match &m.formula {
                Some(f) => match formula(f, &format!("{mp}.formula"), names, d) {
                    Some(f) => MeasureKind::Formula(f),
                    None => MeasureKind::Amount,
                },
                None => {
                    err(
                        d,
                        format!("{mp}.formula"),
                        Code::MissingField,
                        "a formula measure needs a formula",
                        "add \"formula\": \"revenue - returns\"",
                    );
                    MeasureKind::Amount
                }
            },
        };
        if !matches!(m.kind, MeasureKindDto::Weighted) && !m.parts.is_empty() {
            err(
                d,
                format!("{mp}.parts"),
                Code::UnknownField,
                "parts only apply to weighted measures",
                "remove parts or set kind to \"weighted\"",
            );
        }
        if !matches!(m.kind, MeasureKindDto::Formula) && m.formula.is_some() {
            err(
                d,
                format!("{mp}.formula"),
                Code::UnknownField,
                "formula only applies to formula measures",
                "remove formula or set kind to \"formula\"",
            );
        }
        // Implicit measures take their component's filter.
        let filter = if i >= declared {
            v.components.iter().find(|c| c.id == m.id).and_then(|c| c.filter.as_ref()).map(filter).unwrap_or_default()
        } else {
            m.filter.as_ref().map(filter).unwrap_or_default()
        };
        out.push(Measure { id: m.id.clone(), kind, filter, include_overlay: m.include_overlay.unwrap_or(false) });
    }
    super::measure_graph::check(&out, p, names, d);
    out
}

/// Resolves weighted references; weights must be non-negative and (when `must_sum`) sum to 1.
pub(crate) fn weights(
    parts: &[WeightDto],
    p: &str,
    names: &Names,
    must_sum: bool,
    d: &mut Diags,
) -> Vec<(usize, Decimal)> {
    let mut out = Vec::new();
    let mut sum = Decimal::ZERO;
    let mut complete = true;
    for (i, w) in parts.iter().enumerate() {
        let idx = names.measure(&w.measure);
        if idx.is_none() {
            err(
                d,
                format!("{p}[{i}].measure"),
                Code::UnknownReference,
                format!("there is no measure {:?}", clip(&w.measure)),
                format!("use one of: {}", names.list()),
            );
        }
        let wt = non_negative(&w.weight, &format!("{p}[{i}].weight"), d);
        match (idx, wt) {
            (Some(i), Some(w)) => {
                sum = sum.checked_add(w).unwrap_or(Decimal::MAX);
                out.push((i, w));
            }
            _ => complete = false,
        }
    }
    if must_sum && complete && !parts.is_empty() && sum != Decimal::ONE {
        err(d, p, Code::WeightSum, format!("the weights sum to {sum}, not 1"), "make the weights add up to exactly 1");
    }
    out
}

pub(crate) fn formula(src: &str, path: &str, names: &Names, d: &mut Diags) -> Option<Formula> {
    let f = match Formula::parse(src) {
        Ok(f) => f,
        Err(e) => {
            err(d, path, Code::FormulaSyntax, format!("column {}: {}", e.column, e.message), e.hint.clone());
            return None;
        }
    };
    let before = errors(d);
    for r in f.references() {
        match r.kind {
            ReferenceKind::Variable => {
                if names.measure(&r.name).is_none() && !names.is_input(&r.name) {
                    err(
                        d,
                        path,
                        Code::UnknownReference,
                        format!("column {}: {:?} is not a measure or a declared input", r.column, clip(&r.name)),
                        format!("measures: {}; declare per-payee inputs in the plan's \"inputs\" list", names.list()),
                    );
                }
            }
            ReferenceKind::Call => {
                if !FORMULA_FUNCTIONS.contains(&r.name.as_str()) {
                    err(
                        d,
                        path,
                        Code::UnknownReference,
                        format!("column {}: there is no function {:?}", r.column, clip(&r.name)),
                        format!("functions: {}, min, max, abs, if, round, clamp", FORMULA_FUNCTIONS.join(", ")),
                    );
                } else {
                    match &r.first_arg {
                        Some(m) if names.measure(m).is_some() => {}
                        Some(m) => err(
                            d,
                            path,
                            Code::UnknownReference,
                            format!("column {}: there is no measure {:?}", r.column, clip(m)),
                            format!("measures: {}", names.list()),
                        ),
                        None => err(
                            d,
                            path,
                            Code::FormulaSyntax,
                            format!(
                                "column {}: {} needs a measure id in quotes as its first argument",
                                r.column, r.name
                            ),
                            format!("for example {}(\"revenue\")", r.name),
                        ),
                    }
                }
            }
        }
    }
    (errors(d) == before).then_some(f)
}

pub(crate) fn target(t: Option<&TargetDto>, p: &str, d: &mut Diags) -> Option<Target> {
    let Some(t) = t else {
        err(
            d,
            p,
            Code::MissingField,
            "the component needs a target",
            "add \"target\": {\"amount\": \"5000\"} or {\"shareOfTargetIncentive\": \"0.2\"}",
        );
        return None;
    };
    match (&t.amount, &t.share_of_target_incentive) {
        (Some(a), None) => non_negative(a, &format!("{p}.amount"), d).map(Target::Amount),
        (None, Some(s)) => {
            non_negative(s, &format!("{p}.shareOfTargetIncentive"), d).map(Target::ShareOfTargetIncentive)
        }
        _ => {
            err(
                d,
                p,
                Code::WrongType,
                "give exactly one of amount and shareOfTargetIncentive",
                "keep one of the two fields",
            );
            None
        }
    }
}

pub(crate) fn cap(c: &CapDto, p: &str, d: &mut Diags) -> Option<Cap> {
    Some(Cap {
        amount: non_negative(&c.amount, &format!("{p}.amount"), d)?,
        per: match c.per {
            Some(CapPerDto::Year) => CapPer::Year,
            _ => CapPer::Period,
        },
        excess: match c.excess {
            Some(ExcessDto::CarryForward) => Excess::CarryForward,
            _ => Excess::Forfeit,
        },
    })
}
