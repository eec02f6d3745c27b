//! `Dec`: a decimal as the wire carries it (a string), which also remembers what went wrong.
//!
//! Deserializing never fails on a bad decimal: a JSON number or a malformed string is kept as
//! an error value, so validation can report *every* bad decimal with its path instead of
//! stopping at the first one.

use crate::error::{Code, Diagnostic};
use rust_decimal::Decimal;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

/// A decimal field of the wire format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dec {
    /// A well-formed decimal string.
    Ok(Decimal),
    /// A JSON number where a decimal string belongs; holds the number as written.
    NotString(String),
    /// A string that is not a decimal; holds the string.
    Invalid(String),
    /// A decimal with more digits than the engine holds exactly (more than 28 after the point);
    /// holds the string. Kept apart from `Invalid` so that it is reported as
    /// `DECIMAL_PRECISION` instead of being rounded silently.
    Imprecise(String),
}

impl Dec {
    /// Wraps a decimal.
    pub fn new(d: Decimal) -> Self {
        Dec::Ok(d)
    }

    /// Reads a decimal string as the wire does: the value, or what is wrong with it.
    pub fn parse(s: &str) -> Self {
        match read_decimal(s) {
            Ok(d) => Dec::Ok(d),
            Err(DecimalError::Precision) => Dec::Imprecise(s.to_string()),
            Err(_) => Dec::Invalid(s.to_string()),
        }
    }

    /// The value, or a diagnostic at `path` saying what is wrong and how to fix it.
    pub fn get(&self, path: &str, diags: &mut Vec<Diagnostic>) -> Option<Decimal> {
        match self {
            Dec::Ok(d) => Some(*d),
            Dec::NotString(n) => {
                diags.push(Diagnostic::error(
                    path,
                    Code::DecimalNotString,
                    format!("expected a decimal string, found the number {n}"),
                    format!("write it as a string, \"{n}\", so no binary rounding can creep in"),
                ));
                None
            }
            Dec::Invalid(s) | Dec::Imprecise(s) => {
                diags.push(diagnostic(path, s));
                None
            }
        }
    }
}

/// What is wrong with a decimal string that [`read_decimal`] refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalError {
    /// Not `-?digits(.digits)?`.
    Syntax,
    /// Well written, but with more digits than a 96-bit decimal holds exactly: more than 28
    /// after the point, or more significant digits than fit (`rust_decimal` would round them).
    Precision,
    /// Well written, but beyond ±79,228,162,514,264,337,593,543,950,335.
    Range,
}

/// Reads the strict decimal syntax of the wire format, `-?digits(.digits)?`, exactly: a value
/// the 96-bit decimal cannot hold without rounding is refused (`Precision`), never rounded.
/// Zeros at the end of the fraction carry no value and are dropped first, so "1.5" followed by
/// 40 zeros reads as 1.5.
///
/// # Errors
/// `Syntax`, `Precision` or `Range`, as [`DecimalError`] says.
pub fn read_decimal(s: &str) -> Result<Decimal, DecimalError> {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !frac.is_none_or(digits) {
        return Err(DecimalError::Syntax);
    }
    if let Ok(d) = Decimal::from_str_exact(s) {
        return Ok(d);
    }
    // `from_str_exact` refuses any digit past the 28th place, even a zero.
    if let Some(f) = frac {
        let kept = f.trim_end_matches('0');
        if kept.len() < f.len() {
            let sign = if s.starts_with('-') { "-" } else { "" };
            let trimmed = if kept.is_empty() { format!("{sign}{int}") } else { format!("{sign}{int}.{kept}") };
            if let Ok(d) = Decimal::from_str_exact(&trimmed) {
                return Ok(d);
            }
        }
    }
    // The rounding parser accepts what only needs rounding; what it refuses is out of range.
    match Decimal::from_str(s) {
        Ok(_) => Err(DecimalError::Precision),
        Err(_) => Err(DecimalError::Range),
    }
}

/// The located diagnostic for a decimal string that [`read_decimal`] refuses:
/// `DECIMAL_PRECISION` for too many digits, `DECIMAL_INVALID` otherwise, each with a fix.
pub fn diagnostic(path: impl Into<String>, s: &str) -> Diagnostic {
    // Long inputs are cut in the message: the path already says where the value is.
    let shown: String =
        if s.chars().count() > 60 { s.chars().take(60).chain("…".chars()).collect() } else { s.into() };
    match read_decimal(s) {
        Err(DecimalError::Precision) => Diagnostic::error(
            path,
            Code::DecimalPrecision,
            format!("{shown:?} has more digits than the engine holds exactly (28 after the point, about 28 in all); it would be rounded"),
            "round the value to 28 decimal places or fewer yourself, so that what is computed is what you wrote",
        ),
        Err(DecimalError::Range) => Diagnostic::error(
            path,
            Code::DecimalInvalid,
            format!("{shown:?} is beyond the largest decimal the engine holds (79228162514264337593543950335)"),
            "check the value for extra digits",
        ),
        _ => Diagnostic::error(
            path,
            Code::DecimalInvalid,
            format!("{shown:?} is not a decimal number"),
            "use digits with an optional leading '-' and one '.', such as \"1250.50\"",
        ),
    }
}

/// Parses the strict decimal syntax of the wire format, `-?digits(.digits)?`, exactly: `None`
/// also for a value that would need rounding ([`read_decimal`] says which problem it is).
pub fn parse_decimal(s: &str) -> Option<Decimal> {
    read_decimal(s).ok()
}

impl Serialize for Dec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Dec::Ok(d) => s.collect_str(d),
            Dec::NotString(v) | Dec::Invalid(v) | Dec::Imprecise(v) => s.serialize_str(v),
        }
    }
}

struct DecVisitor;

impl Visitor<'_> for DecVisitor {
    type Value = Dec;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal string such as \"0.05\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Dec, E> {
        Ok(Dec::parse(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Dec, E> {
        Ok(Dec::NotString(v.to_string()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Dec, E> {
        Ok(Dec::NotString(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Dec, E> {
        Ok(Dec::NotString(v.to_string()))
    }
}

/// The syntax `parse_decimal` accepts, as a regular expression for the JSON Schema.
pub const DECIMAL_PATTERN: &str = r"^-?[0-9]+(\.[0-9]+)?$";

/// In the JSON Schema a `Dec` is a string matching `DECIMAL_PATTERN`; the schema rejects JSON
/// numbers just as validation does (`DECIMAL_NOT_STRING`).
impl JsonSchema for Dec {
    fn schema_name() -> Cow<'static, str> {
        "Decimal".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": DECIMAL_PATTERN,
            "description": "A decimal number written as a string: digits with an optional leading '-' and one '.', such as \"0.05\" or \"125000.00\". JSON numbers are rejected (DECIMAL_NOT_STRING), so no binary rounding can creep in.",
            "examples": ["0.05", "125000.00"]
        })
    }
}

impl<'de> Deserialize<'de> for Dec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Dec, D::Error> {
        d.deserialize_any(DecVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_syntax() {
        assert_eq!(parse_decimal("0.05"), Some(Decimal::new(5, 2)));
        assert_eq!(parse_decimal("-12"), Some(Decimal::new(-12, 0)));
        for bad in ["", "-", ".5", "5.", "1e3", "1_000", "+1", " 1", "1,5", "NaN", "0x10"] {
            assert_eq!(parse_decimal(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn excess_digits_are_refused_not_rounded() {
        // 29 places: rust_decimal's rounding parser makes this 0.
        let tiny = "0.00000000000000000000000000001";
        assert_eq!(read_decimal(tiny), Err(DecimalError::Precision));
        assert_eq!(parse_decimal(tiny), None);
        // 30 significant digits do not fit 96 bits.
        assert_eq!(read_decimal("1.00000000000000000000000000001"), Err(DecimalError::Precision));
        assert_eq!(read_decimal("-123456789012345678901234567.891"), Err(DecimalError::Precision));
        // Zeros past the 28th place carry nothing and are accepted.
        assert_eq!(read_decimal("1.5000000000000000000000000000000000"), Ok(Decimal::new(15, 1)));
        assert_eq!(read_decimal("-2.0000000000000000000000000000000"), Ok(Decimal::new(-2, 0)));
        // 28 places are exact.
        assert_eq!(read_decimal("0.0000000000000000000000000001"), Ok(Decimal::new(1, 28)));
        assert_eq!(read_decimal("79228162514264337593543950335"), Ok(Decimal::MAX));
        assert_eq!(read_decimal("79228162514264337593543950336"), Err(DecimalError::Range));
        assert_eq!(read_decimal("1e3"), Err(DecimalError::Syntax));
        let v: Vec<Dec> = serde_json::from_str(&format!("[{tiny:?}]")).unwrap();
        assert_eq!(v[0], Dec::Imprecise(tiny.into()));
        let mut diags = Vec::new();
        assert!(v[0].get("components[0].rate", &mut diags).is_none());
        assert_eq!((diags[0].code, diags[0].path.as_str()), (Code::DecimalPrecision, "components[0].rate"));
    }

    #[test]
    fn numbers_are_remembered_not_rejected() {
        let v: Vec<Dec> = serde_json::from_str(r#"["1.5", 0.05, 7, "abc"]"#).unwrap();
        assert_eq!(v[0], Dec::Ok(Decimal::new(15, 1)));
        assert_eq!(v[1], Dec::NotString("0.05".into()));
        assert_eq!(v[2], Dec::NotString("7".into()));
        assert_eq!(v[3], Dec::Invalid("abc".into()));
        let mut diags = Vec::new();
        assert!(v[1].get("x.rate", &mut diags).is_none());
        assert_eq!(diags[0].code, Code::DecimalNotString);
        assert_eq!(diags[0].path, "x.rate");
    }
}

/// Rounding mode on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
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

/// Parses `-?digits(.digits)?` from bytes without going through a string; falls back to the
/// general parser for numbers with more than 18 digits.
pub fn fast_decimal(b: &[u8]) -> Option<Decimal> {
    let (neg, body) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, b),
    };
    if body.is_empty() || body.len() > 19 {
        return parse_decimal(std::str::from_utf8(b).ok()?);
    }
    let mut mantissa: i64 = 0;
    let mut scale: Option<u32> = None;
    let mut digits = 0;
    for &c in body {
        match c {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + i64::from(c - b'0');
                digits += 1;
                if let Some(s) = scale.as_mut() {
                    *s += 1;
                }
            }
            b'.' if scale.is_none() && digits > 0 => scale = Some(0),
            _ => return None,
        }
    }
    if scale == Some(0) {
        return None;
    }
    Some(Decimal::new(if neg { -mantissa } else { mantissa }, scale.unwrap_or(0)))
}

/// A formula input on the wire (a payee's, or the typical payee's of a payout curve).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct InputDto {
    /// Variable name.
    pub name: String,
    /// Period label; every period when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Value.
    pub value: Dec,
}
