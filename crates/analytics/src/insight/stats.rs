//! Exact statistics and words for insight: means and quotients of decimals, whole percentages,
//! amounts for sentences. Quantiles are `spm_base::quantile`'s, number formats `spm_base::fmt`'s.

use rust_decimal::Decimal;
use spm_base::error::Result;
use spm_base::fmt::{fixed, group};
use spm_base::money;

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
    format!("{} {currency}", group(&fixed(v, 0)))
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
    fn by_hand() {
        assert_eq!(mean(&[d("1"), d("2"), d("4")]).unwrap(), Some(d("7") / d("3")));
        assert_eq!(mean(&[]).unwrap(), None);
        assert_eq!(div(d("1"), d("0")).unwrap(), None);
        assert_eq!(pct(d("0.3125")), "31%");
        assert_eq!(words(d("1234567.5"), "USD"), "1,234,568 USD");
        assert_eq!((s(1), s(2)), ("", "s"));
    }
}
