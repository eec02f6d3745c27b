//! How amounts, rates and percentages read in explanations and reports: one set of formatting
//! helpers for every area.

use crate::money::{percent, round_to, Currency, RoundingMode};
use rust_decimal::Decimal;

/// An attainment or weight as a percentage with two decimals.
pub fn pct(r: Decimal) -> String {
    percent(r, 2)
}

/// "USD 1,234.50": the amount at the currency's minor units, or with its extra digits when it
/// has a few; an amount with many (an exact share such as 1/3) is shown to four more places
/// with "≈", since the calculation keeps full precision and only display is shortened.
pub fn money(v: Decimal, cur: Currency) -> String {
    let minor = cur.minor_units();
    let n = v.normalize();
    if n.scale() > minor + 4 {
        let approx = round_to(v, minor + 4, RoundingMode::HalfUp).normalize();
        return format!("{} ≈{}", cur.code(), group(&scaled(approx, minor)));
    }
    format!("{} {}", cur.code(), group(&scaled(v, minor)))
}

/// A rate as a percentage with at least two decimals and no trailing zeros beyond them.
pub fn rate(r: Decimal) -> String {
    rate_min(r, 2)
}

/// A ratio as a percentage with at least `min_dp` decimals.
pub fn rate_min(r: Decimal, min_dp: u32) -> String {
    let pct = r.checked_mul(Decimal::ONE_HUNDRED).unwrap_or(r).normalize();
    let dp = pct.scale().max(min_dp);
    format!("{}%", round_to(pct, dp, RoundingMode::HalfUp))
}

/// At least `minor` decimal places; more only when the value has them.
pub fn scaled(v: Decimal, minor: u32) -> String {
    let mut x = v.normalize();
    if x.scale() < minor {
        x.rescale(minor);
    }
    x.to_string()
}

/// Digits grouped by thousands with commas ("-1234567.5" reads "-1,234,567.5").
pub fn group(s: &str) -> String {
    let (sign, body) = match s.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", s),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn formats() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(money(d("1234567.5"), Currency::USD), "USD 1,234,567.50");
        assert_eq!(money(d("-12.345"), Currency::USD), "USD -12.345");
        assert_eq!(money(d("100"), Currency::USD), "USD 100.00");
        assert_eq!(rate(d("0.05")), "5.00%");
        assert_eq!(rate(d("0.00125")), "0.125%");
    }
}
