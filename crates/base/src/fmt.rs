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

/// A ratio, share, probability or score as the wire carries it: rounded half-up (away from zero)
/// to 6 places, trailing zeros dropped, never `-0`: `0.5` → `"0.5"`, `1.2345675` → `"1.234568"`,
/// `-0.0000001` → `"0"`. The one spelling of a ratio in every area's output.
///
/// ```
/// use rust_decimal::Decimal;
/// assert_eq!(spm_base::fmt::ratio(Decimal::new(5_000_000, 7)), "0.5");
/// assert_eq!(spm_base::fmt::ratio(Decimal::new(12_345_675, 7)), "1.234568");
/// ```
pub fn ratio(v: Decimal) -> String {
    DecText::new(round_to(v, 6, RoundingMode::HalfUp), 0).as_str().to_string()
}

/// `v` rounded half-up (away from zero) to exactly `dp` places, for sentences and fixed-place
/// fields (cents, days): `fixed(2.5, 0)` is `"3"`, `fixed(0.5, 2)` is `"0.50"`; never `-0.00`.
pub fn fixed(v: Decimal, dp: u32) -> String {
    let r = round_to(v, dp, RoundingMode::HalfUp);
    if r.is_zero() {
        return DecText::new(Decimal::ZERO, dp).as_str().to_string();
    }
    r.to_string()
}

/// A binary float with `places` decimals, for sentences and fitted values: Rust's formatting
/// (exact, round half to even on the float's binary value, the same natively and in wasm),
/// never `-0.00`. Not finite values are written as Rust writes them (`NaN`, `inf`).
pub fn float(x: f64, places: usize) -> String {
    let s = format!("{x:.places$}");
    match s.strip_prefix('-') {
        Some(rest) if rest.bytes().all(|c| c == b'0' || c == b'.') => rest.to_string(),
        _ => s,
    }
}

/// At least `minor` decimal places; more only when the value has them.
pub fn scaled(v: Decimal, minor: u32) -> String {
    DecText::new(v, minor).as_str().to_string()
}

/// A decimal as text without a heap allocation: `Decimal`'s `Display` after `normalize()` and,
/// when fewer than `min_scale` places remain, `rescale(min_scale)`. Reports write millions of
/// amounts; building each in a stack buffer (and serde copying it once into the output) is what
/// keeps the serde-serialized report as fast as the hand-written writer it replaced.
///
/// ```
/// use rust_decimal::Decimal;
/// use spm_base::fmt::DecText;
/// assert_eq!(DecText::new(Decimal::new(12_500, 3), 2).as_str(), "12.50");
/// assert_eq!(DecText::new(Decimal::new(-5, 4), 0).as_str(), "-0.0005");
/// assert_eq!(DecText::new(Decimal::new(-0, 2), 2).as_str(), "0.00");
/// ```
#[derive(Clone, Copy)]
pub struct DecText {
    buf: [u8; DecText::CAP],
    len: u8,
}

impl DecText {
    /// Room for 29 digits, a sign, a point, leading "0." zeros and padding to 28 places.
    const CAP: usize = 64;

    /// `v` normalised, padded to at least `min_scale` places.
    pub fn new(v: Decimal, min_scale: u32) -> DecText {
        let mut t = DecText { buf: [0; DecText::CAP], len: 0 };
        if u64::try_from(v.mantissa().unsigned_abs()).is_err() || min_scale > 8 {
            // Beyond 64 bits (no realistic amount), `Decimal` itself: its `rescale` stops short
            // of padding when the padded mantissa would not fit 96 bits, and so does this.
            let mut x = v.normalize();
            if x.scale() < min_scale {
                x.rescale(min_scale);
            }
            let _ = std::fmt::Write::write_fmt(&mut t, format_args!("{x}"));
            return t;
        }
        // `normalize` turns every zero, -0 too, into a positive 0 with no places.
        // Fits 64 bits (checked above): u64 arithmetic, not the much slower u128 division.
        let mut m = u64::try_from(v.mantissa().unsigned_abs()).unwrap_or(0);
        let mut scale = if m == 0 { 0 } else { v.scale() };
        while scale > min_scale && m % 10 == 0 {
            m /= 10;
            scale -= 1;
        }
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        loop {
            at -= 1;
            if let Some(slot) = digits.get_mut(at) {
                *slot = b'0' + (m % 10) as u8;
            }
            m /= 10;
            if m == 0 || at == 0 {
                break;
            }
        }
        let digits = digits.get(at..).unwrap_or(&[]);
        let scale = scale as usize;
        if v.mantissa() != 0 && v.is_sign_negative() {
            t.push(b'-');
        }
        match digits.len().checked_sub(scale) {
            Some(whole) if whole > 0 => {
                t.extend(digits.get(..whole).unwrap_or(&[]));
                if scale > 0 {
                    t.push(b'.');
                    t.extend(digits.get(whole..).unwrap_or(&[]));
                }
            }
            // Only places, the value is not zero: 0.000ddd
            _ => {
                t.extend(b"0.");
                for _ in digits.len()..scale {
                    t.push(b'0');
                }
                t.extend(digits);
            }
        }
        let pad = (min_scale as usize).saturating_sub(scale);
        if pad > 0 {
            if scale == 0 {
                t.push(b'.');
            }
            for _ in 0..pad {
                t.push(b'0');
            }
        }
        t
    }

    fn push(&mut self, b: u8) {
        if let Some(slot) = self.buf.get_mut(usize::from(self.len)) {
            *slot = b;
            self.len += 1;
        }
    }

    fn extend(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.push(b);
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits, '-' and '.' are ever written.
        std::str::from_utf8(self.buf.get(..usize::from(self.len)).unwrap_or(&[])).unwrap_or("")
    }
}

impl std::fmt::Write for DecText {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.extend(s.as_bytes());
        Ok(())
    }
}

impl std::fmt::Display for DecText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for DecText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
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

    /// `DecText` writes what `Decimal`'s own `Display` writes after `normalize` and `rescale`.
    #[test]
    fn dec_text_writes_what_normalize_and_rescale_display() {
        let mut minus_zero = Decimal::ZERO;
        minus_zero.set_sign_negative(true);
        let huge = Decimal::from_i128_with_scale(i128::from(u64::MAX) + 1, 3);
        let mut values = vec![Decimal::MAX, Decimal::MIN, Decimal::new(1, 28), huge, minus_zero];
        let mut rng = crate::rng::Rng(7);
        for scale in 0..=28u32 {
            for m in [0i128, 1, 5, 10, 50, 100, 1200, 123_456_789, 10i128.pow(21), i128::from(u64::MAX), 10i128.pow(28)]
            {
                values.extend([Decimal::from_i128_with_scale(m, scale), Decimal::from_i128_with_scale(-m, scale)]);
            }
            for _ in 0..40 {
                let m = i128::from(rng.next() % 10u64.pow(rng.below(20) as u32)) * [1, 10, 1000][rng.below(3) as usize];
                values.push(Decimal::from_i128_with_scale(if rng.below(2) == 0 { m } else { -m }, scale));
            }
        }
        for v in values {
            for minor in [0, 1, 2, 3, 4, 8, 9, 28] {
                let mut x = v.normalize();
                if x.scale() < minor {
                    x.rescale(minor);
                }
                assert_eq!(DecText::new(v, minor).as_str(), x.to_string(), "{v:?} with {minor} places");
            }
        }
    }

    #[test]
    fn formats() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(money(d("1234567.5"), Currency::USD), "USD 1,234,567.50");
        assert_eq!(money(d("-12.345"), Currency::USD), "USD -12.345");
        assert_eq!(money(d("100"), Currency::USD), "USD 100.00");
        assert_eq!(rate(d("0.05")), "5.00%");
        assert_eq!(rate(d("0.00125")), "0.125%");
        assert_eq!(group("-1234567.891"), "-1,234,567.891");
        assert_eq!(group("123"), "123");
        assert_eq!(group("1234"), "1,234");
        assert_eq!(group("-123456.5"), "-123,456.5");
    }

    /// Worked by hand: half-up at the 7th place, trailing zeros dropped, no `-0`.
    #[test]
    fn ratios_have_one_spelling() {
        let d = |s| Decimal::from_str(s).unwrap();
        for (v, want) in [
            ("0.5", "0.5"),
            ("0.500000", "0.5"),
            ("0.50000000000000000001", "0.5"),
            ("1.2345675", "1.234568"),
            ("1.2345674999", "1.234567"),
            ("-1.2345675", "-1.234568"),
            ("0.0000005", "0.000001"),
            ("0.0000004999", "0"),
            ("-0.0000001", "0"),
            ("0", "0"),
            ("-0.000000", "0"),
            ("3", "3"),
            ("12.000", "12"),
            ("0.333333333333333333", "0.333333"),
            ("0.6666666666666666666666666667", "0.666667"),
        ] {
            assert_eq!(ratio(d(v)), want, "{v}");
        }
    }

    #[test]
    fn fixed_places() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(fixed(d("0.5"), 6), "0.500000");
        assert_eq!(fixed(d("2.5"), 0), "3");
        assert_eq!(fixed(d("-2.5"), 0), "-3");
        assert_eq!(fixed(d("12.345"), 2), "12.35");
        assert_eq!(fixed(d("-0.001"), 2), "0.00");
        assert_eq!(fixed(d("0.555"), 2), "0.56");
        assert_eq!(float(-0.00001, 4), "0.0000");
        assert_eq!(float(1.005, 2), "1.00");
        assert_eq!(float(-2.5, 0), "-2");
        assert_eq!(float(0.125, 2), "0.12");
    }
}
