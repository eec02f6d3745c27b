//! The pipeline-weighted forecast: open deals weighted by the win probability of their stage,
//! per expected close month, with a P10–P90 range.
//!
//! A stage's probability is learned from closed deals when enough of them reached it: `won from
//! the stage / reached the stage`, counting each closed deal once per stage it reached (not by
//! amount). Below `minSample` deals the given probability is used; a stage with neither is an
//! error. Expected bookings are exact (`Σ p × amount` in decimals). Deals are taken as
//! independent wins or losses; the range is read from the exact distribution of every
//! combination when a month has at most 12 deals, and from a normal approximation
//! (`Σ p a ± z √Σ p(1 − p) a²`, clipped to what can happen) otherwise.

use super::math::normal_quantile;
use super::text::{cents, fixed};
use crate::forecast::dto::{PipelineForecastDto, PipelineInputDto, PipelineMonthDto, PipelineRangeDto, StageUsedDto};
use rust_decimal::Decimal;
use spm_base::error::{Code, Diagnostic, Error, Result};
use spm_base::float::to_f64;
use spm_base::fmt::{group, ratio};
use spm_base::period::Month;
use std::collections::{BTreeMap, BTreeSet};

/// The most deals a month may have for its range to be exact.
pub const EXACT_MAX: usize = 12;
/// The most open deals.
pub use spm_base::limits::MAX_PIPELINE_DEALS as MAX_DEALS;
/// The most closed deals.
pub const MAX_HISTORY: usize = 1_000_000;

/// A stage and where its probability comes from.
#[derive(Debug, Clone)]
struct Stage {
    name: String,
    given: Option<Decimal>,
    reached: u32,
    won: u32,
    used: Option<Decimal>,
    learned: bool,
}

/// Runs a pipeline forecast.
///
/// # Errors
/// Every problem of the input, located: `SCHEMA_VERSION`, `DATE_INVALID` (asOf, closeMonth),
/// `ID_INVALID`, `NEGATIVE_VALUE` (amounts), `OUT_OF_RANGE` (probabilities, minSample, a close
/// month over 50 years away), `UNKNOWN_REFERENCE` (a deal's stage with no probability),
/// `LIMIT_EXCEEDED`, the decimal codes; `OVERFLOW` past the decimal range.
pub fn pipeline(input: &PipelineInputDto) -> Result<PipelineForecastDto> {
    let mut d = Vec::new();
    if input.schema_version.is_some_and(|v| v != 1) {
        d.push(Diagnostic::error(
            "schemaVersion",
            Code::SchemaVersion,
            "this engine reads forecast schema version 1",
            "use 1",
        ));
    }
    let as_of = Month::parse(&input.as_of);
    if as_of.is_none() {
        d.push(Diagnostic::error(
            "asOf",
            Code::DateInvalid,
            format!("{:?} is not a month", input.as_of),
            "write it as YYYY-MM",
        ));
    }
    let min_sample = input.min_sample.unwrap_or(20);
    if min_sample == 0 {
        d.push(Diagnostic::error("minSample", Code::OutOfRange, "a minimum sample of 0", "use 1 or more closed deals"));
    }
    let mut stages = stages(input, min_sample, &mut d);
    let deals = deals(input, as_of.unwrap_or(Month::from_index(0)), &mut stages, min_sample, &mut d);
    if !d.is_empty() {
        return Err(Error::from_diagnostics(d));
    }
    let as_of = as_of.unwrap_or(Month::from_index(0));
    let last = deals.iter().map(|x| x.2).max().unwrap_or(as_of);
    let mut months = Vec::new();
    for k in 0..=as_of.months_until(last) {
        let month = as_of.plus(k);
        let group: Vec<(Decimal, Decimal)> = deals.iter().filter(|x| x.2 == month).map(|x| (x.0, x.1)).collect();
        let r = range(&group)?;
        months.push(PipelineMonthDto {
            month: month.to_string(),
            deals: r.deals,
            expected: r.expected,
            p10: r.p10,
            p90: r.p90,
            method: r.method,
        });
    }
    let all: Vec<(Decimal, Decimal)> = deals.iter().map(|x| (x.0, x.1)).collect();
    let total = range(&all)?;
    let explanation = explain(input, as_of, &stages, &deals, &total, min_sample);
    Ok(PipelineForecastDto {
        schema_version: 1,
        as_of: as_of.to_string(),
        months,
        total,
        stages: stages
            .iter()
            .map(|s| StageUsedDto {
                name: s.name.clone(),
                probability: s.used.map(ratio),
                learned: s.learned,
                sample: s.reached,
                won: s.won,
                given: s.given.map(ratio),
            })
            .collect(),
        explanation,
    })
}

/// The stages: given ones in their order, then new names from the history and the deals in
/// order of appearance; counts from the history; the probability each will use.
fn stages(input: &PipelineInputDto, min_sample: u32, d: &mut Vec<Diagnostic>) -> Vec<Stage> {
    let mut list: Vec<Stage> = Vec::new();
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let mut add = |name: &str, list: &mut Vec<Stage>| -> usize {
        *index.entry(name.to_string()).or_insert_with(|| {
            list.push(Stage { name: name.to_string(), given: None, reached: 0, won: 0, used: None, learned: false });
            list.len() - 1
        })
    };
    for (i, s) in input.stages.iter().flatten().enumerate() {
        if s.name.trim().is_empty() || list.iter().any(|x| x.name == s.name) {
            d.push(Diagnostic::error(
                format!("stages[{i}].name"),
                Code::IdInvalid,
                format!("the stage name {:?} is empty or repeated", s.name),
                "name each stage once",
            ));
            continue;
        }
        let k = add(&s.name, &mut list);
        let path = format!("stages[{i}].probability");
        if let Some(p) = s.probability.get(&path, d) {
            if p < Decimal::ZERO || p > Decimal::ONE {
                d.push(Diagnostic::error(
                    path,
                    Code::OutOfRange,
                    format!("a probability of {p}"),
                    "give a probability from 0 to 1",
                ));
            } else {
                list[k].given = Some(p);
            }
        }
    }
    let history = input.history.as_deref().unwrap_or(&[]);
    if history.len() > MAX_HISTORY {
        d.push(Diagnostic::error(
            "history",
            Code::LimitExceeded,
            format!("{} closed deals", history.len()),
            "give at most 1000000",
        ));
        return list;
    }
    let mut ids = BTreeSet::new();
    for (i, h) in history.iter().enumerate() {
        if h.id.trim().is_empty() || !ids.insert(h.id.as_str()) {
            d.push(Diagnostic::error(
                format!("history[{i}].id"),
                Code::IdInvalid,
                format!("the id {:?} is empty or repeated", h.id),
                "give each closed deal its own id",
            ));
        }
        if let Some(a) = &h.amount {
            a.get(&format!("history[{i}].amount"), d);
        }
        // A stage listed twice in one path counts once.
        let mut seen = BTreeSet::new();
        for name in &h.stages {
            if name.trim().is_empty() {
                d.push(Diagnostic::error(
                    format!("history[{i}].stages"),
                    Code::IdInvalid,
                    "an empty stage name",
                    "name every stage",
                ));
            } else if seen.insert(name.as_str()) {
                let k = add(name, &mut list);
                list[k].reached += 1;
                list[k].won += u32::from(h.won);
            }
        }
    }
    for s in &mut list {
        if s.reached >= min_sample.max(1) {
            s.used = Decimal::from(s.won).checked_div(Decimal::from(s.reached));
            s.learned = true;
        } else {
            s.used = s.given;
        }
    }
    for (i, deal) in input.deals.iter().enumerate() {
        if !deal.stage.trim().is_empty() {
            add(&deal.stage, &mut list);
        } else {
            d.push(Diagnostic::error(
                format!("deals[{i}].stage"),
                Code::IdInvalid,
                "an empty stage",
                "give the deal's current stage",
            ));
        }
    }
    list
}

/// The open deals as `(probability, amount, close month)`, months before `as_of` moved to it.
fn deals(
    input: &PipelineInputDto,
    as_of: Month,
    stages: &mut [Stage],
    min_sample: u32,
    d: &mut Vec<Diagnostic>,
) -> Vec<(Decimal, Decimal, Month)> {
    if input.deals.len() > MAX_DEALS {
        d.push(Diagnostic::error(
            "deals",
            Code::LimitExceeded,
            format!("{} deals", input.deals.len()),
            "give at most 100000",
        ));
        return Vec::new();
    }
    let mut ids = BTreeSet::new();
    let mut out = Vec::with_capacity(input.deals.len());
    for (i, deal) in input.deals.iter().enumerate() {
        if deal.id.trim().is_empty() || !ids.insert(deal.id.as_str()) {
            d.push(Diagnostic::error(
                format!("deals[{i}].id"),
                Code::IdInvalid,
                format!("the id {:?} is empty or repeated", deal.id),
                "give each deal its own id",
            ));
        }
        let path = format!("deals[{i}].amount");
        let amount = deal.amount.get(&path, d);
        if amount.is_some_and(|a| a < Decimal::ZERO) {
            d.push(Diagnostic::error(
                path,
                Code::NegativeValue,
                "a negative amount",
                "give the amount the deal would book, 0 or more",
            ));
        }
        let month = Month::parse(&deal.close_month);
        match month {
            None => d.push(Diagnostic::error(
                format!("deals[{i}].closeMonth"),
                Code::DateInvalid,
                format!("{:?} is not a month", deal.close_month),
                "write it as YYYY-MM",
            )),
            Some(m) if as_of.months_until(m) > 600 => d.push(Diagnostic::error(
                format!("deals[{i}].closeMonth"),
                Code::OutOfRange,
                format!("{m} is over 50 years away"),
                "give a close month within 600 months of asOf",
            )),
            Some(_) => {}
        }
        let stage = stages.iter().find(|s| s.name == deal.stage);
        let p = stage.and_then(|s| s.used);
        if p.is_none() && !deal.stage.trim().is_empty() {
            let reached = stage.map(|s| s.reached).unwrap_or(0);
            d.push(Diagnostic::error(
                format!("deals[{i}].stage"),
                Code::UnknownReference,
                format!("no probability for the stage {:?} ({reached} closed deals reached it, {min_sample} are needed to learn one)", deal.stage),
                "give the stage's probability in stages, or more history",
            ));
        }
        if let (Some(p), Some(a), Some(m)) = (p, amount, month) {
            out.push((p, a, m.max(as_of)));
        }
    }
    out
}

/// Expected bookings of `(probability, amount)` pairs and their P10 and P90.
fn range(group: &[(Decimal, Decimal)]) -> Result<PipelineRangeDto> {
    let mut expected = Decimal::ZERO;
    for (p, a) in group {
        expected = p
            .checked_mul(*a)
            .and_then(|x| expected.checked_add(x))
            .ok_or_else(|| Error::new(Code::Overflow, "expected bookings overflow"))?;
    }
    let exact = if group.len() <= EXACT_MAX { exact_quantiles(group) } else { None };
    let (p10, p90, method) = match exact {
        Some((lo, hi)) => (cents(lo), cents(hi), "exact"),
        None => {
            let (lo, hi) = normal_quantiles(group);
            (fixed(lo, 2)?, fixed(hi, 2)?, "normal")
        }
    };
    Ok(PipelineRangeDto { deals: group.len() as u32, expected: cents(expected), p10, p90, method: method.to_string() })
}

/// P10 and P90 of the exact distribution: every combination of wins, as integers at the
/// group's largest scale. `None` when the integers would overflow.
fn exact_quantiles(group: &[(Decimal, Decimal)]) -> Option<(Decimal, Decimal)> {
    let scale = group.iter().map(|(_, a)| a.scale()).max().unwrap_or(0);
    let mut dist: Vec<(i128, f64)> = vec![(0, 1.0)];
    for (p, a) in group {
        let units = a.mantissa().checked_mul(10i128.checked_pow(scale - a.scale())?)?;
        let p = to_f64(*p);
        let mut next = Vec::with_capacity(dist.len() * 2);
        for &(v, q) in &dist {
            next.push((v, q * (1.0 - p)));
            next.push((v.checked_add(units)?, q * p));
        }
        dist = next;
    }
    // A stable sort: equal sums keep their order, so the cumulative sums are the same everywhere.
    dist.sort_by_key(|x| x.0);
    let at = |q: f64| {
        let mut cum = 0.0;
        for &(v, w) in &dist {
            cum += w;
            if cum >= q - 1e-9 {
                return Some(v);
            }
        }
        dist.last().map(|x| x.0)
    };
    let lo = Decimal::try_from_i128_with_scale(at(0.1)?, scale).ok()?;
    let hi = Decimal::try_from_i128_with_scale(at(0.9)?, scale).ok()?;
    Some((lo, hi))
}

/// P10 and P90 of the normal approximation, clipped to [0, Σ amounts].
fn normal_quantiles(group: &[(Decimal, Decimal)]) -> (f64, f64) {
    let (mut mean, mut var, mut top) = (0.0, 0.0, 0.0);
    for (p, a) in group {
        let (p, a) = (to_f64(*p), to_f64(*a));
        mean += p * a;
        var += p * (1.0 - p) * a * a;
        top += a;
    }
    let z = normal_quantile(0.9) * var.sqrt();
    ((mean - z).clamp(0.0, top), (mean + z).clamp(0.0, top))
}

fn explain(
    input: &PipelineInputDto,
    as_of: Month,
    stages: &[Stage],
    deals: &[(Decimal, Decimal, Month)],
    total: &PipelineRangeDto,
    min_sample: u32,
) -> Vec<String> {
    let mut s = Vec::new();
    let worth: Decimal = deals.iter().map(|x| x.1).fold(Decimal::ZERO, |a, b| a.checked_add(b).unwrap_or(a));
    s.push(format!(
        "{} open deals worth {} are expected to book {} (P10 {}, P90 {}).",
        deals.len(),
        group(&cents(worth)),
        group(&total.expected),
        group(&total.p10),
        group(&total.p90)
    ));
    let history = input.history.as_ref().map_or(0, Vec::len);
    let learned: Vec<String> = stages
        .iter()
        .filter(|x| x.learned)
        .map(|x| format!("{} {} ({} of {})", x.name, x.used.map(ratio2).unwrap_or_default(), x.won, x.reached))
        .collect();
    if !learned.is_empty() {
        s.push(format!(
            "Probabilities learned from {history} closed deals (won from the stage / reached it), where at least {min_sample} reached the stage: {}.",
            learned.join(", ")
        ));
    }
    let given: Vec<String> = stages
        .iter()
        .filter(|x| !x.learned && x.used.is_some())
        .map(|x| {
            let why = if history > 0 { format!(", {} closed deals reached it", x.reached) } else { String::new() };
            format!("{} {}{why}", x.name, x.used.map(ratio2).unwrap_or_default())
        })
        .collect();
    if !given.is_empty() {
        s.push(format!("Given probabilities used: {}.", given.join("; ")));
    }
    let slipped = input.deals.iter().filter(|x| Month::parse(&x.close_month).is_some_and(|m| m < as_of)).count();
    if slipped > 0 {
        s.push(format!("{slipped} deals expected to close before {} are counted in {}.", as_of, as_of));
    }
    s.push(format!(
        "Deals are taken as independent; a month's range is exact (every combination of wins) with up to {EXACT_MAX} deals, a normal approximation with more (the total's: {}).",
        total.method
    ));
    s
}

/// A probability for a sentence, two places (display only: the wire carries [`ratio`]).
fn ratio2(p: Decimal) -> String {
    spm_base::fmt::fixed(p, 2)
}
