//! Summing trials up for the wire format: percentiles (nearest rank), means to the minor unit,
//! histograms with round-width bins, shares and ratios to 6 decimals. Everything works on whole
//! minor units (integers), so the text is the same on every platform.

use crate::simulate::dto::{PercentilesDto, SimBinDto};
use rust_decimal::Decimal;
use spm_base::fmt::ratio;
use spm_base::money::{self, RoundingMode};
use spm_base::quantile::nearest_rank;

/// Bins a histogram aims at (at most twice as many).
const BINS: i64 = 10;

/// `num / den` as an exact decimal, or `None` when `den` is 0 or either leaves the decimal range.
/// The simulation's sums are of `i64` minor units over at most `MAX_SIMULATION_TRIALS` trials,
/// about 10^25 at most, inside the range (about 7.9 × 10^28), so `None` means `den` is 0.
pub fn quotient(num: i128, den: i128, scale: u32) -> Option<Decimal> {
    let n = Decimal::try_from_i128_with_scale(num, scale).ok()?;
    let d = Decimal::try_from_i128_with_scale(den, 0).ok()?;
    n.checked_div(d)
}

/// `num / den` to 6 decimals ("0" when `den` is 0).
pub fn share(num: i128, den: i128) -> String {
    quotient(num, den, 0).map_or_else(|| "0".into(), ratio)
}

/// Whole minor units as an amount with `minor` decimals.
pub fn amt(v: i64, minor: u32) -> String {
    Decimal::new(v, minor).to_string()
}

/// `sum / n` minor units, rounded half up to the minor unit, as an amount.
pub fn mean(sum: i128, n: usize, minor: u32) -> String {
    if n == 0 {
        return amt(0, minor);
    }
    let Some(m) = quotient(sum, n as i128, minor) else { return amt(0, minor) };
    spm_core::payout::explain::scaled(money::round_to(m, minor, RoundingMode::HalfUp), minor)
}

/// P10, P50, P90, mean, min and max of minor-unit values.
pub fn percentiles(values: &[i64], minor: u32) -> PercentilesDto {
    let mut v = values.to_vec();
    v.sort_unstable();
    let sum: i128 = v.iter().map(|x| i128::from(*x)).sum::<i128>();
    PercentilesDto {
        p10: amt(nearest_rank(&v, 10), minor),
        p50: amt(nearest_rank(&v, 50), minor),
        p90: amt(nearest_rank(&v, 90), minor),
        mean: mean(sum, v.len(), minor),
        min: amt(v.first().copied().unwrap_or(0), minor),
        max: amt(v.last().copied().unwrap_or(0), minor),
    }
}

/// Bins of a round width (1, 2, 2.5 or 5 × 10ⁿ minor units, at least a tenth of the range)
/// from a multiple of the width at or below `lo` up to `hi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bins {
    /// First bin's lower bound.
    pub lo: i64,
    /// Width (at least 1).
    pub width: i64,
    /// Number of bins.
    pub n: usize,
}

impl Bins {
    /// Bins covering `[lo, hi]`, about ten of them.
    pub fn new(lo: i64, hi: i64) -> Bins {
        Bins::about(lo, hi, BINS)
    }

    /// Bins covering `[lo, hi]`, about `k` of them (at most `2k + 1`).
    pub fn about(lo: i64, hi: i64, k: i64) -> Bins {
        let k = k.max(1);
        let raw = ((hi - lo).max(1) + k - 1) / k;
        let mut unit = 1i64;
        while unit.saturating_mul(10) <= raw {
            unit *= 10;
        }
        let width = [unit, 2 * unit, 5 * unit / 2, 5 * unit, 10 * unit]
            .into_iter()
            .find(|w| *w >= raw)
            .unwrap_or(10 * unit)
            .max(1);
        let lo = lo.div_euclid(width) * width;
        let n = usize::try_from((hi - lo) / width + 1).unwrap_or(1).clamp(1, 2 * k as usize + 1);
        Bins { lo, width, n }
    }

    /// The bin of `v` (values above the last bin go in it): a float estimate corrected to the
    /// exact integer quotient (a division is slow in the trials' inner loop).
    #[inline]
    pub fn index(&self, v: i64) -> usize {
        let d = v - self.lo;
        let mut q = (d as f64 / self.width as f64) as i64;
        if q * self.width > d {
            q -= 1;
        } else if (q + 1) * self.width <= d {
            q += 1;
        }
        usize::try_from(q).unwrap_or(0).min(self.n - 1)
    }

    /// The bins with their counts, as amounts.
    pub fn dto(&self, counts: &[u64], minor: u32) -> Vec<SimBinDto> {
        (0..self.n)
            .map(|i| {
                let from = self.lo + self.width * i as i64;
                SimBinDto {
                    from: amt(from, minor),
                    to: amt(from + self.width, minor),
                    count: counts.get(i).copied().unwrap_or(0),
                }
            })
            .collect()
    }
}

/// A histogram of minor-unit values (the total cost per trial): about 24 bins of a round width
/// from the lowest value to the highest, so the shape shows rather than one or two bars.
pub fn histogram(values: &[i64], minor: u32) -> Vec<SimBinDto> {
    let (Some(lo), Some(hi)) = (values.iter().min(), values.iter().max()) else { return Vec::new() };
    let b = Bins::about(*lo, *hi, 24);
    let mut counts = vec![0u64; b.n];
    for v in values {
        if let Some(c) = counts.get_mut(b.index(*v)) {
            *c += 1;
        }
    }
    b.dto(&counts, minor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_widths() {
        // Range 0–1,234,500 minor units: a tenth is 123,450 → 200,000 wide, 7 bins.
        let b = Bins::new(0, 1_234_500);
        assert_eq!((b.lo, b.width, b.n), (0, 200_000, 7));
        assert_eq!(b.index(1_234_500), 6);
        // A tenth of 2,300 is 230 → 250 wide.
        assert_eq!(Bins::new(0, 2_300).width, 250);
        // A single value: one bin of width 1.
        assert_eq!(Bins::new(0, 0), Bins { lo: 0, width: 1, n: 1 });
        assert_eq!(Bins::new(-150, 900).lo, -200);
    }
}
