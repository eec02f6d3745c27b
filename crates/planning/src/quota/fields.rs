//! The checks of single values shared by quota and capacity plans: schema version, currency,
//! year, target, rounding mode, shares, ramps, dates, weights that sum to 1 and seasonality;
//! each pushes a located diagnostic and returns `None` when the value cannot be used.

use super::phase::{Profile, Source};
use crate::quota::dto::SeasonalityDto;
use rust_decimal::Decimal;
use spm_base::dec::Dec;
use spm_base::dec::RoundingModeDto;
use spm_base::error::{Code, Diagnostic};
use spm_base::money::{add, round_to, Currency, RoundingMode};
use spm_base::period::Date;

/// `schemaVersion`, when given, is 1.
pub(crate) fn schema_version(v: Option<u32>, d: &mut Vec<Diagnostic>) {
    if let Some(v) = v.filter(|v| *v != 1) {
        d.push(Diagnostic::error(
            "schemaVersion",
            Code::SchemaVersion,
            format!("schema version {v} is not one this engine reads"),
            "use schemaVersion 1",
        ));
    }
}

/// A known ISO 4217 code.
pub(crate) fn currency(code: &str, d: &mut Vec<Diagnostic>) -> Option<Currency> {
    match Currency::from_code(code) {
        Ok(c) => Some(c),
        Err(e) => {
            d.push(Diagnostic::error(
                "currency",
                Code::CurrencyUnknown,
                e.message,
                "use an ISO 4217 code such as \"USD\"",
            ));
            None
        }
    }
}

/// A year the calendar handles, with room for a ramp that started the year before.
pub(crate) fn year(y: i32, d: &mut Vec<Diagnostic>) -> Option<i32> {
    if (2..=9998).contains(&y) {
        return Some(y);
    }
    d.push(Diagnostic::error(
        "year",
        Code::OutOfRange,
        format!("year {y} is out of range"),
        "give a year such as 2026",
    ));
    None
}

/// A positive amount with no digits below the currency's minor unit, at its minor units.
pub(crate) fn target(v: &Dec, path: &str, cur: Option<Currency>, d: &mut Vec<Diagnostic>) -> Option<Decimal> {
    let t = v.get(path, d)?;
    if t <= Decimal::ZERO {
        d.push(Diagnostic::error(path, Code::QuotaInvalid, format!("a target of {t}"), "give a target above zero"));
        return None;
    }
    let cur = cur?;
    let minor = cur.minor_units();
    let r = round_to(t, minor, RoundingMode::Down);
    if r != t {
        d.push(Diagnostic::error(
            path,
            Code::OutOfRange,
            format!("{t} has digits below the {} minor unit ({minor} places)", cur.code()),
            format!("give it to {minor} decimal places"),
        ));
        return None;
    }
    Some(r)
}

/// The rounding mode (half-up when absent).
pub(crate) fn mode(r: Option<RoundingModeDto>) -> RoundingMode {
    match r {
        None | Some(RoundingModeDto::HalfUp) => RoundingMode::HalfUp,
        Some(RoundingModeDto::HalfEven) => RoundingMode::HalfEven,
        Some(RoundingModeDto::Down) => RoundingMode::Down,
        Some(RoundingModeDto::Up) => RoundingMode::Up,
    }
}

/// The wire's word for a mode.
pub(crate) fn mode_dto(m: RoundingMode) -> RoundingModeDto {
    match m {
        RoundingMode::HalfUp => RoundingModeDto::HalfUp,
        RoundingMode::HalfEven => RoundingModeDto::HalfEven,
        RoundingMode::Down => RoundingModeDto::Down,
        RoundingMode::Up => RoundingModeDto::Up,
    }
}

/// A value that must not be negative.
pub(crate) fn non_negative(v: &Dec, path: &str, d: &mut Vec<Diagnostic>) -> Option<Decimal> {
    let x = v.get(path, d)?;
    if x < Decimal::ZERO {
        d.push(Diagnostic::error(path, Code::NegativeValue, format!("{x} is negative"), "give zero or more"));
        return None;
    }
    Some(x)
}

/// A share from 0 to 1.
pub(crate) fn share(v: &Dec, path: &str, d: &mut Vec<Diagnostic>) -> Option<Decimal> {
    let x = non_negative(v, path, d)?;
    if x > Decimal::ONE {
        d.push(Diagnostic::error(
            path,
            Code::OutOfRange,
            format!("{x} is above 1"),
            "give a share from 0 to 1 (\"0.10\" is 10%)",
        ));
        return None;
    }
    Some(x)
}

/// A ramp: shares from 0 to 1 for tenure months 1, 2, ….
pub(crate) fn ramp(r: &[Dec], path: &str, d: &mut Vec<Diagnostic>) -> Vec<Decimal> {
    r.iter().enumerate().filter_map(|(i, x)| share(x, &format!("{path}[{i}]"), d)).collect()
}

/// Weights that sum to exactly 1 (none given is an error too).
pub(crate) fn weight_sum(w: &[Decimal], path: &str, d: &mut Vec<Diagnostic>) -> bool {
    let sum = w.iter().try_fold(Decimal::ZERO, |a, x| add(a, *x)).unwrap_or(Decimal::MAX);
    if w.is_empty() || sum != Decimal::ONE {
        d.push(Diagnostic::error(
            path,
            Code::WeightSum,
            format!("the weights sum to {sum}, not 1"),
            "make the weights sum to exactly 1 (most recent period first: \"0.5\", \"0.3\", \"0.2\")",
        ));
        return false;
    }
    true
}

/// A `YYYY-MM-DD` date.
pub(crate) fn date(s: &str, path: &str, d: &mut Vec<Diagnostic>) -> Option<Date> {
    let r = Date::parse(s);
    if r.is_none() {
        d.push(Diagnostic::error(
            path,
            Code::DateInvalid,
            format!("{s:?} is not a real YYYY-MM-DD date"),
            "write it as 2026-03-15",
        ));
    }
    r
}

/// Seasonality: exactly one of a profile (twelve shares summing to 1) and monthly history
/// (whole years, January first, not all zero).
pub(crate) fn seasonality(s: &SeasonalityDto, path: &str, d: &mut Vec<Diagnostic>) -> Option<Profile> {
    let (values, source, field) = match (&s.profile, &s.history) {
        (Some(p), None) => (p, Source::Profile, "profile"),
        (None, Some(h)) => (h, Source::History, "history"),
        _ => {
            d.push(Diagnostic::error(
                path,
                Code::WrongType,
                "give exactly one of profile and history",
                "a profile is twelve monthly shares; history is monthly amounts of whole years",
            ));
            return None;
        }
    };
    let p = format!("{path}.{field}");
    let vals: Vec<Option<Decimal>> =
        values.iter().enumerate().map(|(i, v)| non_negative(v, &format!("{p}[{i}]"), d)).collect();
    let ok_len = match source {
        Source::Profile => values.len() == 12,
        _ => !values.is_empty() && values.len() % 12 == 0,
    };
    if !ok_len {
        d.push(Diagnostic::error(
            &p,
            Code::OutOfRange,
            format!(
                "{} values: {}",
                values.len(),
                if source == Source::Profile { "a profile has 12" } else { "history needs whole years (12, 24, …)" }
            ),
            "give one value per month, January first",
        ));
        return None;
    }
    let vals: Vec<Decimal> = vals.into_iter().collect::<Option<_>>()?;
    let mut weights = [Decimal::ZERO; 12];
    for (i, v) in vals.iter().enumerate() {
        if let Some(w) = weights.get_mut(i % 12) {
            *w = add(*w, *v).ok()?;
        }
    }
    let total = weights.iter().try_fold(Decimal::ZERO, |a, x| add(a, *x)).ok()?;
    if source == Source::Profile && total != Decimal::ONE {
        d.push(Diagnostic::error(
            &p,
            Code::WeightSum,
            format!("the monthly shares sum to {total}, not 1"),
            "make the twelve shares sum to exactly 1",
        ));
        return None;
    }
    if total.is_zero() {
        d.push(Diagnostic::error(
            &p,
            Code::AllocationInvalid,
            "the monthly history is all zero",
            "give the months' bookings",
        ));
        return None;
    }
    Some(Profile { source, weights, total })
}
