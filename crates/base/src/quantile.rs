//! Sample quantiles, one implementation of each definition the engine uses:
//! - [`linear`]: linear between order statistics (R's type 7, Excel's PERCENTILE.INC) on binary
//!   floats, for forecast intervals from simulated paths;
//! - [`linear_exact`] and [`median`]: the same definition on decimals, exact to the decimal's
//!   precision, for insight's medians and quartiles;
//! - [`nearest_rank`]: the ⌈k·n/100⌉-th smallest value, always one of the values, for the
//!   simulation's P10/P50/P90 of whole minor units.

use crate::error::Result;
use crate::money;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// The `q` quantile of `x`, linear between order statistics (type 7): `h = (n − 1) q`,
/// `x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋₊₁₎ − x₍⌊h⌋₎)` with 0-based order statistics; `q` is clamped to
/// [0, 1]. Reorders `x` (a selection, not a full sort); NaN for no values.
pub fn linear(x: &mut [f64], q: f64) -> f64 {
    let n = x.len();
    if n == 0 {
        return f64::NAN;
    }
    let pos = q.clamp(0.0, 1.0) * (n - 1) as f64;
    let lo = pos as usize;
    let frac = pos - lo as f64;
    let (_, &mut a, rest) = x.select_nth_unstable_by(lo, |u, v| u.total_cmp(v));
    if frac == 0.0 || rest.is_empty() {
        return a;
    }
    let b = rest.iter().copied().fold(f64::INFINITY, f64::min);
    a + frac * (b - a)
}

/// The `p` quantile of sorted decimals by the definition of [`linear`], computed exactly;
/// `None` for no values.
///
/// # Errors
/// `OVERFLOW` when the interpolation leaves the decimal range.
pub fn linear_exact(sorted: &[Decimal], p: Decimal) -> Result<Option<Decimal>> {
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

/// The median of `v` (sorted here): the middle value, or the mean of the two middle values.
///
/// # Errors
/// As [`linear_exact`].
pub fn median(v: &mut [Decimal]) -> Result<Option<Decimal>> {
    v.sort();
    linear_exact(v, Decimal::new(5, 1))
}

/// The nearest-rank percentile of sorted values: the ⌈k·n/100⌉-th smallest (the first for
/// `k` = 0); the default value for no values.
pub fn nearest_rank<T: Copy + Default>(sorted: &[T], k: usize) -> T {
    let n = sorted.len();
    let rank = (k * n).div_ceil(100).max(1);
    sorted.get(rank - 1).copied().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    /// 1 2 3 4 5 (given shuffled): q = 0.5 → h = 2 → 3; q = 0.1 → h = 0.4 → 1 + 0.4 × 1 = 1.4;
    /// q = 0.95 → h = 3.8 → 4 + 0.8 × 1 = 4.8; q = 1 → 5; q beyond [0, 1] is clamped.
    #[test]
    fn type_7_on_floats_by_hand() {
        let mut x = vec![4.0, 1.0, 3.0, 2.0, 5.0];
        assert_eq!(linear(&mut x, 0.5), 3.0);
        assert!((linear(&mut x, 0.1) - 1.4).abs() < 1e-12);
        assert!((linear(&mut x, 0.95) - 4.8).abs() < 1e-12);
        assert_eq!(linear(&mut x, 1.0), 5.0);
        assert_eq!(linear(&mut x, 0.0), 1.0);
        assert_eq!(linear(&mut x, 7.0), 5.0);
        assert_eq!(linear(&mut [10.0, 20.0], 0.25), 12.5);
        assert_eq!(linear(&mut [7.0], 0.3), 7.0);
        assert!(linear(&mut [], 0.5).is_nan());
    }

    /// 1, 2, 3, 4: p = 0.25 → h = 0.75 → 1 + 0.75 × 1 = 1.75; the median h = 1.5 → 2.5;
    /// 10, 20, 40: p = 0.75 → h = 1.5 → 20 + 0.5 × 20 = 30.
    #[test]
    fn type_7_on_decimals_by_hand() {
        let v = [d("1"), d("2"), d("3"), d("4")];
        assert_eq!(linear_exact(&v, d("0.25")).unwrap(), Some(d("1.75")));
        assert_eq!(linear_exact(&v, d("0.5")).unwrap(), Some(d("2.5")));
        assert_eq!(linear_exact(&v, d("1")).unwrap(), Some(d("4")));
        assert_eq!(linear_exact(&v, d("0")).unwrap(), Some(d("1")));
        assert_eq!(linear_exact(&[d("10"), d("20"), d("40")], d("0.75")).unwrap(), Some(d("30")));
        // Exact where floats are not: h = 0.3, so 0.1 + 0.3 × 0.1 = 0.13.
        assert_eq!(linear_exact(&[d("0.1"), d("0.2"), d("0.3"), d("0.4")], d("0.1")).unwrap(), Some(d("0.13")));
        assert_eq!(linear_exact(&[], d("0.5")).unwrap(), None);
        assert_eq!(median(&mut [d("3"), d("1"), d("2")]).unwrap(), Some(d("2")));
        assert_eq!(median(&mut [d("3"), d("1"), d("2"), d("10")]).unwrap(), Some(d("2.5")));
    }

    /// n = 2: P10 and P50 are the first (⌈0.2⌉ = ⌈1⌉ = 1), P90 the second (⌈1.8⌉ = 2);
    /// n = 10: P90 is the 9th.
    #[test]
    fn nearest_rank_by_hand() {
        assert_eq!(nearest_rank(&[3, 8], 10), 3);
        assert_eq!(nearest_rank(&[3, 8], 50), 3);
        assert_eq!(nearest_rank(&[3, 8], 90), 8);
        assert_eq!(nearest_rank(&[3, 8], 0), 3);
        assert_eq!(nearest_rank(&[3, 8], 100), 8);
        let v: Vec<i64> = (1..=10).collect();
        assert_eq!(nearest_rank(&v, 90), 9);
        assert_eq!(nearest_rank(&v, 91), 10);
        assert_eq!(nearest_rank::<i64>(&[], 50), 0);
    }
}
