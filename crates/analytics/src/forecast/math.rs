//! Deterministic numerics for forecasting and simulation: the natural logarithm and the
//! exponential, the normal quantile, integer powers and a seeded random source, the same bits
//! natively and in wasm.
//!
//! `f64::ln` and `f64::exp` call the platform's libm, and wasm's and the native one can differ in
//! the last bit; a model choice that hangs on an AICc difference in that bit would then differ
//! between the two. Everything that reaches output uses [`ln`] and [`exp`] instead: the `libm`
//! crate's port of musl's `log` and `exp`, which compute from IEEE-exact operations only (+ − × ÷
//! and bit manipulation, no fused multiply-add, no platform calls), so every conforming platform
//! gives the same bits. `tests/libm.rs` (native) and `tests/wasm_forecast.rs` (wasm) check a
//! digest of both over a fixed grid of inputs against one constant. The rest is built from + − ×
//! ÷ and `sqrt`, which IEEE 754 rounds the same way everywhere.

/// The natural logarithm (musl's `log` through the `libm` crate, within 1 ulp). Zero gives −∞,
/// negative numbers and NaN give NaN, +∞ gives +∞.
#[inline]
pub fn ln(x: f64) -> f64 {
    libm::log(x)
}

/// `e^x` (musl's `exp` through the `libm` crate, within 1 ulp): +∞ above 709.78, 0 below
/// −745.13, NaN for NaN.
#[inline]
pub fn exp(x: f64) -> f64 {
    libm::exp(x)
}

/// `x^n` by repeated squaring, in a fixed order (`powi` is a compiler intrinsic whose order of
/// multiplications is not promised).
pub fn powi(x: f64, n: u32) -> f64 {
    let (mut base, mut e, mut acc) = (x, n, 1.0);
    while e > 0 {
        if e & 1 == 1 {
            acc *= base;
        }
        base *= base;
        e >>= 1;
    }
    acc
}

/// The standard normal quantile: `z` with `P(Z ≤ z) = p`, for `0 < p < 1` (Wichura's algorithm
/// AS 241, PPND16, accurate to about 1 part in 10^16). Outside (0, 1) it gives NaN.
pub fn normal_quantile(p: f64) -> f64 {
    if p.is_nan() || p <= 0.0 || p >= 1.0 {
        return f64::NAN;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        return q * poly(&A, r) / poly1(&B, r);
    }
    let r = if q < 0.0 { p } else { 1.0 - p };
    let r = (-ln(r)).sqrt();
    let v = if r <= 5.0 {
        let r = r - 1.6;
        poly(&C, r) / poly1(&D, r)
    } else {
        let r = r - 5.0;
        poly(&E, r) / poly1(&F, r)
    };
    if q < 0.0 {
        -v
    } else {
        v
    }
}

/// `c[0] + c[1] r + … + c[7] r^7` by Horner's rule.
fn poly(c: &[f64; 8], r: f64) -> f64 {
    c.iter().rev().fold(0.0, |acc, &k| acc * r + k)
}

/// `1 + c[0] r + … + c[6] r^7`.
fn poly1(c: &[f64; 7], r: f64) -> f64 {
    c.iter().rev().fold(0.0, |acc, &k| acc * r + k) * r + 1.0
}

// The coefficients of AS 241 (Wichura 1988, Applied Statistics 37(3), 477–484).
#[allow(clippy::excessive_precision)]
const A: [f64; 8] = [
    3.387_132_872_796_366_608_0,
    1.331_416_678_917_843_774_5e2,
    1.971_590_950_306_551_442_7e3,
    1.373_169_376_550_946_112_5e4,
    4.592_195_393_154_987_145_7e4,
    6.726_577_092_700_870_085_3e4,
    3.343_057_558_358_812_810_5e4,
    2.509_080_928_730_122_672_7e3,
];
#[allow(clippy::excessive_precision)]
const B: [f64; 7] = [
    4.231_333_070_160_091_125_2e1,
    6.871_870_074_920_579_083_0e2,
    5.394_196_021_424_751_107_7e3,
    2.121_379_430_158_659_586_7e4,
    3.930_789_580_009_271_061_0e4,
    2.872_908_573_572_194_267_4e4,
    5.226_495_278_852_854_561_0e3,
];
#[allow(clippy::excessive_precision)]
const C: [f64; 8] = [
    1.423_437_110_749_683_577_34,
    4.630_337_846_156_545_295_90,
    5.769_497_221_460_691_405_50,
    3.647_848_324_763_204_605_04,
    1.270_458_252_452_368_382_58,
    2.417_807_251_774_506_117_70e-1,
    2.272_384_498_926_918_458_33e-2,
    7.745_450_142_783_414_076_40e-4,
];
#[allow(clippy::excessive_precision)]
const D: [f64; 7] = [
    2.053_191_626_637_758_821_87,
    1.676_384_830_183_803_849_40,
    6.897_673_349_851_000_045_50e-1,
    1.481_039_764_274_800_745_90e-1,
    1.519_866_656_361_645_719_66e-2,
    5.475_938_084_995_344_946_00e-4,
    1.050_750_071_644_416_843_24e-9,
];
#[allow(clippy::excessive_precision)]
const E: [f64; 8] = [
    6.657_904_643_501_103_777_20,
    5.463_784_911_164_114_369_90,
    1.784_826_539_917_291_335_80,
    2.965_605_718_285_048_912_30e-1,
    2.653_218_952_657_612_309_30e-2,
    1.242_660_947_388_078_438_60e-3,
    2.711_555_568_743_487_578_15e-5,
    2.010_334_399_292_288_132_65e-7,
];
#[allow(clippy::excessive_precision)]
const F: [f64; 7] = [
    5.998_322_065_558_879_376_90e-1,
    1.369_298_809_227_358_053_10e-1,
    1.487_536_129_085_061_485_25e-2,
    7.868_691_311_456_132_591_00e-4,
    1.846_318_317_510_054_681_80e-5,
    1.421_511_758_316_445_888_70e-7,
    2.044_263_103_389_939_785_64e-15,
];

/// The engine's SplitMix64 generator (Steele, Lea and Flood 2014; `spm_sample`'s), with the
/// draws forecasting needs: small, seeded and platform-independent.
pub struct Rng(spm_base::rng::Rng);

impl std::fmt::Debug for Rng {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Rng").field(&self.0 .0).finish()
    }
}

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(spm_base::rng::Rng(seed))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0.next()
    }

    /// Uniform in [0, 1), 53 random bits.
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / 9_007_199_254_740_992.0)
    }

    /// A standard normal draw: the normal quantile of a uniform number in (0, 1).
    pub fn normal(&mut self) -> f64 {
        loop {
            let u = self.uniform();
            if u > 0.0 {
                return normal_quantile(u);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ln_and_exp_match_the_platform_to_an_ulp_or_two() {
        let mut x = 1e-310;
        while x < 1e300 {
            let (a, b) = (ln(x), x.ln());
            assert!((a - b).abs() <= 2.0 * f64::EPSILON * b.abs().max(1.0), "{x}: {a} vs {b}");
            x *= 1.37;
        }
        assert_eq!(ln(1.0), 0.0);
        assert!(ln(-1.0).is_nan() && ln(0.0) == f64::NEG_INFINITY && ln(f64::INFINITY) == f64::INFINITY);
        let mut x = -700.0;
        while x < 700.0 {
            let (a, b) = (exp(x), x.exp());
            assert!((a - b).abs() <= 2.0 * f64::EPSILON * b, "{x}: {a} vs {b}");
            x += 0.731;
        }
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(exp(-800.0), 0.0);
        assert!(exp(-744.0) > 0.0);
        assert_eq!(exp(800.0), f64::INFINITY);
        assert!(exp(f64::NAN).is_nan());
    }

    #[test]
    fn normal_quantiles() {
        assert!((normal_quantile(0.975) - 1.959_963_984_540_054).abs() < 1e-14);
        assert!((normal_quantile(0.9) - 1.281_551_565_544_600_5).abs() < 1e-14);
        assert!((normal_quantile(0.1) + 1.281_551_565_544_600_5).abs() < 1e-14);
        assert!((normal_quantile(1e-10) + 6.361_340_902_404_056).abs() < 1e-12);
        assert_eq!(normal_quantile(0.5), 0.0);
    }

    #[test]
    fn powers_and_normals() {
        assert_eq!(powi(0.5, 10), 1.0 / 1024.0);
        assert_eq!(powi(3.0, 0), 1.0);
        let mut r = Rng::new(7);
        let n = 20_000;
        let (mut s, mut s2) = (0.0, 0.0);
        for _ in 0..n {
            let a = r.normal();
            s += a;
            s2 += a * a;
        }
        assert!((s / n as f64).abs() < 0.03 && (s2 / n as f64 - 1.0).abs() < 0.05);
    }
}
