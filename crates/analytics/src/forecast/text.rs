//! Numbers as the forecasts write them: fixed decimal places for the wire, thousands separators
//! for sentences, over `spm_base::fmt`. Rust's float formatting is exact and
//! platform-independent, so the same `f64` gives the same text natively and in wasm.

use rust_decimal::Decimal;
use spm_base::error::{Code, Error, Result};
use spm_base::fmt::{float, group};

/// `x` with `places` decimals (round half to even on the exact binary value), never `-0.00`.
///
/// # Errors
/// `INTERNAL` when `x` is not finite: a forecast that overflowed.
pub fn fixed(x: f64, places: usize) -> Result<String> {
    if !x.is_finite() {
        return Err(Error::new(Code::Internal, format!("a forecast value is not finite ({x})")));
    }
    Ok(float(x, places))
}

/// `x` rounded to cents as [`fixed`] writes it, as a decimal.
///
/// # Errors
/// `INTERNAL` when `x` is not finite or beyond the decimal range.
pub fn to_cents(x: f64) -> Result<Decimal> {
    let s = fixed(x, 2)?;
    s.parse::<Decimal>().map_err(|e| Error::new(Code::Internal, format!("the forecast {s} is out of range: {e}")))
}

/// A decimal with exactly two places, half away from zero, never `-0.00`.
pub fn cents(d: Decimal) -> String {
    spm_base::fmt::fixed(d, 2)
}

/// An amount for a sentence: two places with separators.
pub fn money(x: f64) -> String {
    fixed(x, 2).map(|s| group(&s)).unwrap_or_else(|_| "?".to_string())
}

/// A number for a sentence with `places` decimals.
pub fn num(x: f64, places: usize) -> String {
    fixed(x, places).unwrap_or_else(|_| "?".to_string())
}

/// A percentage for a sentence, one place: `8.3%`.
pub fn percent(x: f64) -> String {
    fixed(100.0 * x, 1).map(|s| format!("{s}%")).unwrap_or_else(|_| "?".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(fixed(-0.001, 2).unwrap(), "0.00");
        assert_eq!(fixed(1.005, 2).unwrap(), "1.00");
        assert_eq!(fixed(-2.5, 0).unwrap(), "-2");
        assert!(fixed(f64::NAN, 2).is_err());
        assert_eq!(cents(Decimal::new(12345, 3)), "12.35");
        assert_eq!(cents(Decimal::new(-1, 3)), "0.00");
        assert_eq!(percent(0.0834), "8.3%");
    }
}
