//! Exact statistics and formatting for insight: medians and percentiles of decimals (linear
//! between order statistics), fixed-place strings, percentages and grouped amounts for
//! sentences, and the one conversion of a decimal to a float (for correlation), done with
//! IEEE-exact operations so native and wasm agree.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use spm_base::error::Result;
use spm_base::money::{self, RoundingMode};

/// The median of `v` (sorted here): the middle value, or the mean of the two middle values.
pub(crate) fn median(v: &mut [Decimal]) -> Result<Option<Decimal>> {
    v.sort();
    quantile(v, Decimal::new(5, 1))
}

/// The `p` quantile of sorted values, linear between order statistics (Excel's
/// PERCENTILE.INC, R's type 7): `h = (n − 1) p`, `x⌊h⌋ + (h − ⌊h⌋)(x⌊h⌋₊₁ − x⌊h⌋)`.
pub(crate) fn quantile(sorted: &[Decimal], p: Decimal) -> Result<Option<Decimal>> {
    let n = sorted.len();
    if n == 0 {
        return Ok(None);
    }
    let h = money::mul(Decimal::from(n - 1), p)?;
    let lo = h.floor();
    let i = lo.to_usize().unwrap_or(0).min(n - 1);
    let a = sorted.get(i).copied().unwrap_or_default();
    let b = sorted.get((i + 1).min(n - 1)).copied().unwrap_or(a);
    let frac = money::sub(h, lo)?;
    Ok(Some(money::add(a, money::mul(frac, money::sub(b, a)?)?)?))
}

/// The mean, exact to the decimal's precision.
pub(crate) fn mean(v: &[Decimal]) -> Result<Option<Decimal>> {
    if v.is_empty() {
        return Ok(None);
    }
    let mut s = Decimal::ZERO;
    for x in v {
        s = money::add(s, *x)?;
    }
    Ok(Some(money::div(s, Decimal::from(v.len()))?))
}

/// `v` rounded half-up to `dp` places and written with exactly `dp` places.
pub(crate) fn fixed(v: Decimal, dp: u32) -> String {
    let mut r = money::round_to(v, dp, RoundingMode::HalfUp);
    r.rescale(dp);
    r.to_string()
}

/// A ratio to 6 places.
pub(crate) fn ratio(v: Decimal) -> String {
    fixed(v, 6)
}

/// A ratio as a whole percentage: `0.3125` → `"31%"`.
pub(crate) fn pct(v: Decimal) -> String {
    money::percent(v, 0)
}

/// `a / b`, or `None` when `b` is zero.
pub(crate) fn div(a: Decimal, b: Decimal) -> Result<Option<Decimal>> {
    if b.is_zero() {
        Ok(None)
    } else {
        Ok(Some(money::div(a, b)?))
    }
}

/// An amount for a sentence: rounded to whole units, thousands grouped, with the currency.
pub(crate) fn words(v: Decimal, currency: &str) -> String {
    format!("{} {currency}", grouped(&fixed(v, 0)))
}

/// A decimal string with a thousands separator in its integer part: `1,234,567.89`.
pub(crate) fn grouped(s: &str) -> String {
    let (sign, body) = match s.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", s),
    };
    let (int, frac) = body.split_once('.').map_or((body, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(s.len() + int.len() / 3);
    out.push_str(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A decimal as the nearest float: mantissa and power of ten, each converted exactly or
/// correctly rounded, then one division (IEEE-exact, so the same everywhere).
pub(crate) fn to_f64(v: Decimal) -> f64 {
    let mut p = 1.0f64;
    for _ in 0..v.scale() {
        p *= 10.0;
    }
    v.mantissa() as f64 / p
}

/// A float to `dp` places (Rust's own formatting, the same natively and in wasm); `-0` is
/// written `0`.
pub(crate) fn float(v: f64, dp: usize) -> String {
    let s = format!("{v:.dp$}");
    if s.starts_with('-') && s.bytes().skip(1).all(|b| b == b'0' || b == b'.') {
        s.trim_start_matches('-').to_string()
    } else {
        s
    }
}

/// The plural `s` for a count.
pub(crate) fn s(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn quantiles_by_hand() {
        // 1, 2, 3, 4: h = 3 × 0.25 = 0.75 → 1 + 0.75 × 1 = 1.75; median h = 1.5 → 2.5.
        let v = [d("1"), d("2"), d("3"), d("4")];
        assert_eq!(quantile(&v, d("0.25")).unwrap(), Some(d("1.75")));
        assert_eq!(quantile(&v, d("0.5")).unwrap(), Some(d("2.5")));
        assert_eq!(quantile(&v, d("1")).unwrap(), Some(d("4")));
        assert_eq!(median(&mut [d("3"), d("1"), d("2")]).unwrap(), Some(d("2")));
        assert_eq!(fixed(d("0.5"), 6), "0.500000");
        assert_eq!(grouped("-1234567.5"), "-1,234,567.5");
        assert_eq!(float(-0.00001, 4), "0.0000");
        assert_eq!(to_f64(d("0.25")), 0.25);
    }
}
