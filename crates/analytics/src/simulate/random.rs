//! The simulation's deterministic numerics: each trial's own random stream from (seed, trial
//! index), standard normal draws by the ziggurat method, attainment distributions (normal,
//! lognormal by mean and sd) and floats rounded back to decimals. Everything here gives the
//! same bits natively and in wasm: only IEEE-exact operations (+ − × ÷ `sqrt`, rounding) and
//! `forecast::math`'s `ln` and `exp` are used.

use crate::forecast::math::{exp, ln, normal_quantile, Rng};
use rust_decimal::Decimal;

/// Exact powers of ten as binary floats (10^22 is the last one a double holds exactly).
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// A float rounded half away from zero to `places` decimals (at most 9), as a decimal.
pub fn to_decimal(x: f64, places: u32) -> Decimal {
    let p = POW10.get(places.min(9) as usize).copied().unwrap_or(1.0);
    let v = (x * p).round();
    if !v.is_finite() || v.abs() > 9.0e18 {
        return Decimal::ZERO;
    }
    Decimal::new(v as i64, places.min(9))
}

/// The start of trial `t`'s stream: the seed and the index mixed through SplitMix64's
/// finaliser, so that streams do not overlap by a shift (as `seed + t·γ` would).
pub fn stream(seed: u64, trial: u64) -> Rng {
    Rng::new(mix(mix(seed) ^ trial.wrapping_mul(0xD1B5_4A32_D192_ED03)))
}

fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Layers of the ziggurat.
const LAYERS: usize = 128;
/// Where the ziggurat's tail starts, and the area of each layer (Doornik 2005, ZIGNOR).
const ZIG_R: f64 = 3.442_619_855_899;
const ZIG_V: f64 = 9.912_563_035_262_17e-3;

/// Standard normal draws by the ziggurat method (Marsaglia and Tsang 2000, in Doornik's
/// ZIGNOR form with 128 layers): one 64-bit draw and a comparison for about 99% of draws;
/// the edges use `exp` and the tail `ln`, both the crate's own. The layer table is computed
/// with the same functions, so it is the same on every platform.
#[derive(Debug, Clone)]
pub struct Normals {
    x: [f64; LAYERS + 1],
    ratio: [f64; LAYERS],
}

impl Default for Normals {
    fn default() -> Self {
        Normals::new()
    }
}

impl Normals {
    /// The layer table.
    pub fn new() -> Normals {
        let mut x = [0.0; LAYERS + 1];
        let mut f = exp(-0.5 * ZIG_R * ZIG_R);
        x[0] = ZIG_V / f;
        x[1] = ZIG_R;
        for i in 2..LAYERS {
            let prev = x[i - 1];
            x[i] = (-2.0 * ln(ZIG_V / prev + f)).sqrt();
            f = exp(-0.5 * x[i] * x[i]);
        }
        x[LAYERS] = 0.0;
        let mut ratio = [0.0; LAYERS];
        for i in 0..LAYERS {
            ratio[i] = x[i + 1] / x[i];
        }
        Normals { x, ratio }
    }

    /// The next standard normal draw from `rng`.
    #[inline]
    pub fn next(&self, rng: &mut Rng) -> f64 {
        loop {
            let bits = rng.next_u64();
            // 53 high bits for a uniform in [-1, 1), the 7 low bits for the layer.
            let u = (bits >> 11) as f64 * (2.0 / 9_007_199_254_740_992.0) - 1.0;
            let i = (bits & (LAYERS as u64 - 1)) as usize;
            let (Some(&r), Some(&xi), Some(&xn)) = (self.ratio.get(i), self.x.get(i), self.x.get(i + 1)) else {
                continue;
            };
            if u.abs() < r {
                return u * xi;
            }
            if i == 0 {
                return tail(rng, u < 0.0);
            }
            let z = u * xi;
            let f0 = exp(-0.5 * (xi * xi - z * z));
            let f1 = exp(-0.5 * (xn * xn - z * z));
            if f1 + rng.uniform() * (f0 - f1) < 1.0 {
                return z;
            }
        }
    }
}

/// A draw from the normal tail beyond `ZIG_R` (Marsaglia 1964).
fn tail(rng: &mut Rng, negative: bool) -> f64 {
    loop {
        let (u1, u2) = (rng.uniform(), rng.uniform());
        if u1 <= 0.0 || u2 <= 0.0 {
            continue;
        }
        let x = ln(u1) / ZIG_R;
        let y = ln(u2);
        if -2.0 * y >= x * x {
            return if negative { x - ZIG_R } else { ZIG_R - x };
        }
    }
}

/// `v` rounded half away from zero to an integer, by truncation (one instruction; `f64::round`
/// is a library call). Values beyond the `i64` range saturate.
#[inline]
pub fn round_i64(v: f64) -> i64 {
    if v >= 0.0 {
        (v + 0.5) as i64
    } else {
        -((0.5 - v) as i64)
    }
}

/// An attainment distribution ready to draw from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Dist {
    /// Always this attainment.
    Fixed(f64),
    /// `mean + sd·z`.
    Normal {
        /// Mean.
        mean: f64,
        /// Standard deviation.
        sd: f64,
    },
    /// `exp(mu + sigma·z)`.
    Lognormal {
        /// Mean of the log.
        mu: f64,
        /// Standard deviation of the log.
        sigma: f64,
    },
}

impl Dist {
    /// Normal with this mean and sd (`Fixed` for sd 0).
    pub fn normal(mean: f64, sd: f64) -> Dist {
        if sd == 0.0 {
            Dist::Fixed(mean)
        } else {
            Dist::Normal { mean, sd }
        }
    }

    /// Lognormal whose attainment has this mean (above 0) and sd: σ² = ln(1 + sd²/mean²),
    /// μ = ln(mean) − σ²/2.
    pub fn lognormal(mean: f64, sd: f64) -> Dist {
        if sd == 0.0 {
            return Dist::Fixed(mean);
        }
        let s2 = ln(1.0 + sd * sd / (mean * mean));
        Dist::Lognormal { mu: ln(mean) - s2 / 2.0, sigma: s2.sqrt() }
    }

    /// The attainment for a standard normal draw `z`.
    #[inline]
    pub fn at(&self, z: f64) -> f64 {
        match *self {
            Dist::Fixed(a) => a,
            Dist::Normal { mean, sd } => mean + sd * z,
            Dist::Lognormal { mu, sigma } => exp(mu + sigma * z),
        }
    }

    /// The `q` quantile of attainment (0 < q < 1).
    pub fn quantile(&self, q: f64) -> f64 {
        self.at(normal_quantile(q))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_round_half_away_to_decimals() {
        assert_eq!(to_decimal(0.1234565, 6), Decimal::new(123_457, 6));
        assert_eq!(to_decimal(-2.5, 0), Decimal::new(-3, 0));
    }

    #[test]
    fn ziggurat_normals_have_the_normal_moments_and_tails() {
        let mut r = stream(5, 0);
        let n = Normals::new();
        let (mut s, mut s2, mut s4, mut beyond) = (0.0, 0.0, 0.0, 0);
        let count = 400_000;
        for _ in 0..count {
            let z = n.next(&mut r);
            s += z;
            s2 += z * z;
            s4 += z * z * z * z;
            beyond += usize::from(z.abs() > 1.959_963_984_540_054);
        }
        let c = count as f64;
        assert!((s / c).abs() < 0.01 && (s2 / c - 1.0).abs() < 0.01 && (s4 / c - 3.0).abs() < 0.06);
        // P(|Z| > 1.96) = 5%.
        assert!((beyond as f64 / c - 0.05).abs() < 0.002, "{}", beyond as f64 / c);
    }

    #[test]
    fn lognormal_has_the_declared_moments() {
        let d = Dist::lognormal(1.0, 0.3);
        let mut r = stream(9, 1);
        let n = Normals::new();
        let (mut s, mut s2) = (0.0, 0.0);
        for _ in 0..100_000 {
            let a = d.at(n.next(&mut r));
            s += a;
            s2 += a * a;
        }
        let mean = s / 100_000.0;
        let sd = (s2 / 100_000.0 - mean * mean).sqrt();
        assert!((mean - 1.0).abs() < 0.005 && (sd - 0.3).abs() < 0.01, "{mean} {sd}");
    }
}
