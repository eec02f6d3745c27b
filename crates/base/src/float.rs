//! The one bridge from exact decimals to binary floats, for the areas that compute in floats
//! (territory geometry, forecasts, simulation, correlations in insight): [`to_f64`] gives the
//! nearest binary float of a decimal, bit for bit the same natively and in wasm.

use rust_decimal::Decimal;

/// Exact powers of ten as binary floats (10^22 is the last one a double holds exactly).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// 2^53: every integer up to it is a binary float.
const EXACT_INTEGERS: u128 = 1 << 53;

/// A decimal as the nearest binary float (round half to even), as `f64::from_str` reads its
/// text.
///
/// A decimal is `m / 10^s`. When `|m| ≤ 2^53` and `s ≤ 22`, both `m` and `10^s` are binary
/// floats exactly, so one IEEE division, correctly rounded on every conforming platform, gives
/// the nearest float (Clinger's fast path): nearly every amount takes it. Otherwise converting
/// `m` or `10^s` would round first and the division round again, and the result could miss
/// the nearest float by one unit; those go through the decimal's text and Rust's correctly
/// rounded parser, which is pure integer work and the same everywhere.
pub fn to_f64(d: Decimal) -> f64 {
    let m = d.mantissa();
    if m.unsigned_abs() <= EXACT_INTEGERS {
        if let Some(p) = POW10.get(d.scale() as usize) {
            return m as f64 / p;
        }
    }
    d.to_string().parse::<f64>().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;
    use std::str::FromStr;

    /// Bits equal to the correctly rounded parse of the text (zero compared by value: a
    /// decimal -0 may read as -0.0 and give 0.0 here).
    fn check(d: Decimal) {
        let want = f64::from_str(&d.to_string()).unwrap();
        let got = to_f64(d);
        assert!(got.to_bits() == want.to_bits() || (got == 0.0 && want == 0.0), "{d}: {got:e} vs {want:e}");
    }

    #[test]
    fn by_hand() {
        assert_eq!(to_f64(Decimal::new(125, 2)), 1.25);
        assert_eq!(to_f64(Decimal::new(1, 1)), 0.1);
        assert_eq!(to_f64(Decimal::new(-3, 0)), -3.0);
        assert_eq!(to_f64(Decimal::new(1, 28)), 1e-28);
        assert_eq!(to_f64(Decimal::MAX), 79_228_162_514_264_337_593_543_950_335.0);
        // 2^53 + 1 is not a float: beyond the fast path, through the text.
        let d = Decimal::from_i128_with_scale((1 << 53) + 1, 1);
        assert_eq!(to_f64(d), 900_719_925_474_099.3);
    }

    /// Against `f64::from_str` of the text over every scale and mantissas of every size:
    /// round numbers, the edges of the fast path, and random ones.
    #[test]
    fn the_nearest_float_of_many_decimals() {
        let mut rng = Rng(2026);
        let mut n = 0;
        for scale in 0..=28u32 {
            let mut ms: Vec<i128> =
                vec![0, 1, 5, 9, 10, 99, 125, 1_000_001, (1 << 53) - 1, 1 << 53, (1 << 53) + 1, (1 << 54) + 3];
            ms.extend([10i128.pow(15) + 1, 10i128.pow(22) + 7, i128::from(u64::MAX), (1i128 << 96) - 1]);
            for _ in 0..400 {
                let digits = rng.below(29) as u32;
                let hi = i128::from(rng.next()) << 32 | i128::from(rng.next() >> 32);
                ms.push(hi % 10i128.pow(digits.max(1)));
            }
            for m in ms {
                for m in [m, -m] {
                    if let Ok(d) = Decimal::try_from_i128_with_scale(m, scale) {
                        check(d);
                        n += 1;
                    }
                }
            }
        }
        assert!(n > 20_000, "{n}");
    }
}
