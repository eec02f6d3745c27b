//! Months (`YYYY-MM`) and numbers as the forecasts write them: fixed decimal places for the wire,
//! thousands separators for sentences. Rust's float formatting is exact and platform-independent,
//! so the same `f64` gives the same text natively and in wasm.

use rust_decimal::{Decimal, RoundingStrategy};
use spm_base::error::{Code, Error, Result};

/// A calendar month, counted from year 0 (`year × 12 + month − 1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(pub i32);

impl Month {
    /// Reads a strict `YYYY-MM` (year 1–9999, month 01–12).
    pub fn parse(s: &str) -> Option<Month> {
        let b = s.as_bytes();
        if b.len() != 7 || b[4] != b'-' || !b.iter().enumerate().all(|(i, c)| i == 4 || c.is_ascii_digit()) {
            return None;
        }
        let year: i32 = s.get(..4)?.parse().ok()?;
        let month: i32 = s.get(5..)?.parse().ok()?;
        (year >= 1 && (1..=12).contains(&month)).then_some(Month(year * 12 + month - 1))
    }

    /// The month `k` months later (earlier when negative).
    pub fn plus(self, k: i32) -> Month {
        Month(self.0 + k)
    }

    /// Months from `self` to `later`.
    pub fn until(self, later: Month) -> i32 {
        later.0 - self.0
    }

    /// `YYYY-MM`.
    pub fn label(self) -> String {
        format!("{:04}-{:02}", self.0.div_euclid(12), self.0.rem_euclid(12) + 1)
    }
}

/// `x` with `places` decimals (round half to even on the exact binary value), never `-0.00`.
///
/// # Errors
/// `INTERNAL` when `x` is not finite: a forecast that overflowed.
pub fn fixed(x: f64, places: usize) -> Result<String> {
    if !x.is_finite() {
        return Err(Error::new(Code::Internal, format!("a forecast value is not finite ({x})")));
    }
    let s = format!("{x:.places$}");
    Ok(match s.strip_prefix('-') {
        Some(rest) if rest.bytes().all(|c| c == b'0' || c == b'.') => rest.to_string(),
        _ => s,
    })
}

/// `x` rounded to cents as [`fixed`] writes it, as a decimal.
///
/// # Errors
/// `INTERNAL` when `x` is not finite or beyond the decimal range.
pub fn to_cents(x: f64) -> Result<Decimal> {
    let s = fixed(x, 2)?;
    s.parse::<Decimal>().map_err(|e| Error::new(Code::Internal, format!("the forecast {s} is out of range: {e}")))
}

/// A decimal with exactly two places, half away from zero.
pub fn cents(d: Decimal) -> String {
    let mut r = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(2);
    let s = r.to_string();
    if r.is_zero() {
        "0.00".to_string()
    } else {
        s
    }
}

/// A plain decimal string with a thousands separator in its integer part: `1,234,567.89`.
pub fn grouped(s: &str) -> String {
    let (sign, body) = match s.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", s),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
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

/// An amount for a sentence: two places with separators.
pub fn money(x: f64) -> String {
    fixed(x, 2).map(|s| grouped(&s)).unwrap_or_else(|_| "?".to_string())
}

/// A number for a sentence with `places` decimals.
pub fn num(x: f64, places: usize) -> String {
    fixed(x, places).unwrap_or_else(|_| "?".to_string())
}

/// A percentage for a sentence, one place: `8.3%`.
pub fn percent(x: f64) -> String {
    fixed(100.0 * x, 1).map(|s| format!("{s}%")).unwrap_or_else(|_| "?".to_string())
}

/// A decimal as an `f64` (through its text, which Rust converts with correct rounding).
pub fn to_f64(d: Decimal) -> f64 {
    d.to_string().parse::<f64>().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months() {
        let m = Month::parse("2026-06").unwrap();
        assert_eq!(m.label(), "2026-06");
        assert_eq!(m.plus(7).label(), "2027-01");
        assert_eq!(m.plus(-6).label(), "2025-12");
        for bad in ["2026-13", "2026-00", "2026-6", "26-06", "2026/06", "0000-01", "2026-06-01", "２０２６-06"] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(fixed(-0.001, 2).unwrap(), "0.00");
        assert_eq!(fixed(1.005, 2).unwrap(), "1.00");
        assert_eq!(fixed(-2.5, 0).unwrap(), "-2");
        assert!(fixed(f64::NAN, 2).is_err());
        assert_eq!(grouped("-1234567.891"), "-1,234,567.891");
        assert_eq!(grouped("123"), "123");
        assert_eq!(cents(Decimal::new(12345, 3)), "12.35");
        assert_eq!(cents(Decimal::new(-1, 3)), "0.00");
        assert_eq!(percent(0.0834), "8.3%");
    }
}
