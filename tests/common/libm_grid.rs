//! A fixed grid of inputs for `ln` and `exp` and a digest of their outputs' bits, shared by the
//! native test (`tests/libm.rs`) and the wasm one (`tests/wasm_forecast.rs`): both compare the
//! digest with the same constant, which proves that the engine's `ln` and `exp` (the `libm`
//! crate) give identical bits natively and in wasm on every input of the grid.

/// The digest and count of `ln` over [`ln_inputs`], computed natively (x86_64) and checked by
/// both tests: if either platform's bits differed on any input, its test would fail.
pub const LN_DIGEST: (u64, usize) = (0xef30_78c0_e9d9_1eef, 240_000);
/// The same for `exp` over [`exp_inputs`].
pub const EXP_DIGEST: (u64, usize) = (0x3ec1_de1d_7b16_6930, 308_879);

/// FNV-1a, 64 bits, over the little-endian bytes of each output's bits. Every NaN counts as one
/// canonical NaN: IEEE 754 leaves NaN payloads to the platform, and no NaN reaches output.
pub struct Digest(pub u64, pub usize);

impl Digest {
    pub fn new() -> Digest {
        Digest(0xcbf2_9ce4_8422_2325, 0)
    }

    pub fn add(&mut self, y: f64) {
        let bits = if y.is_nan() { 0x7ff8_0000_0000_0000 } else { y.to_bits() };
        for b in bits.to_le_bytes() {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.1 += 1;
    }
}

/// SplitMix64, for the random part of the grid.
fn mix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Inputs for `ln`: specials (±0, −1, ±∞, NaN, the smallest and largest doubles), subnormals
/// (every power of two and a spread of bit patterns), a geometric sweep from 1e-308 to 1e308,
/// 1 ± k ulp and 1 ± k·1e-9 (near 1, where the result is smallest), and 200,000 random positive
/// finite doubles (uniform over the bit patterns, so over the exponents).
pub fn ln_inputs() -> Vec<f64> {
    let mut v = vec![0.0, -0.0, -1.0, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, f64::MIN_POSITIVE, f64::MAX, 1.0];
    v.extend((0..52).map(|k| f64::from_bits(1u64 << k)));
    v.extend((1..=2_000u64).map(|k| f64::from_bits(k * 2_251_799_813_685)));
    let mut x = 1e-308;
    while x < 1e308 {
        v.push(x);
        x *= 1.013;
    }
    for k in 1..=5_000u64 {
        v.push(f64::from_bits(1f64.to_bits() + k));
        v.push(f64::from_bits(1f64.to_bits() - k));
        v.push(1.0 + k as f64 * 1e-9);
        v.push(1.0 - k as f64 * 1e-9);
    }
    let mut s = 0x1234_5678;
    while v.len() < 240_000 {
        let x = f64::from_bits(mix(&mut s) >> 1);
        if x.is_finite() {
            v.push(x);
        }
    }
    v
}

/// Inputs for `exp`: specials, both ends of its range (overflow above 709.78, underflow to
/// subnormals and 0 below −708.4 and −745.13), a sweep from −750 to 750 in steps of 0.0173, tiny
/// arguments (±2^-k: the result is 1 plus a little), large negatives, and 200,000 random
/// arguments in [−750, 750] plus 20,000 random bit patterns of any magnitude.
pub fn exp_inputs() -> Vec<f64> {
    let mut v = vec![0.0, -0.0, f64::INFINITY, f64::NEG_INFINITY, f64::NAN, f64::MAX, f64::MIN, 1.0, -1.0];
    v.extend([709.782_712_893_384, 709.782_712_893_383_9, 709.78, -708.396_418_532_264_1, -745.133_219_101_941_1]);
    v.extend([-745.2, -744.4, -740.0, -720.0, -1e3, -1e6, -1e300, 1e3, 1e300]);
    let mut x = -750.0;
    while x < 750.0 {
        v.push(x);
        x += 0.0173;
    }
    for k in 0..1075u64 {
        // 2^-k from its bits (normal down to 2^-1022, then subnormal).
        let t = f64::from_bits(if k < 1023 { (1023 - k) << 52 } else { 1 << (1074 - k) });
        v.extend([t, -t]);
    }
    let mut s = 0x9abc_def0;
    for _ in 0..200_000 {
        v.push((mix(&mut s) >> 11) as f64 / (1u64 << 53) as f64 * 1500.0 - 750.0);
    }
    for _ in 0..20_000 {
        v.push(f64::from_bits(mix(&mut s)));
    }
    v
}

/// The digest of `f` over `inputs`.
pub fn digest(inputs: &[f64], f: fn(f64) -> f64) -> Digest {
    let mut d = Digest::new();
    for &x in inputs {
        d.add(f(x));
    }
    d
}
