//! The engine's `ln` and `exp` (`spm_analytics::forecast::math`, the `libm` crate) give the same
//! bits natively as in wasm: a digest of their outputs over a fixed grid of inputs
//! (`tests/common/libm_grid.rs`: subnormals, near 1, huge, tiny, both ends of `exp`'s range,
//! random bit patterns) equals the constant that `tests/wasm_forecast.rs` checks under wasm (`grid::LN_DIGEST`,
//! `grid::EXP_DIGEST`).
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/libm_grid.rs"]
mod grid;

use spm_analytics::forecast::math::{exp, ln};

#[test]
fn ln_and_exp_digests_are_the_wasm_ones() {
    let l = grid::digest(&grid::ln_inputs(), ln);
    let e = grid::digest(&grid::exp_inputs(), exp);
    assert_eq!((l.0, l.1), grid::LN_DIGEST, "ln: {:#018x} over {}", l.0, l.1);
    assert_eq!((e.0, e.1), grid::EXP_DIGEST, "exp: {:#018x} over {}", e.0, e.1);
}

/// The grid reaches what it claims: subnormal inputs, results near 0 for ln, overflow,
/// subnormal results and underflow to 0 for exp.
#[test]
fn the_grid_covers_the_hard_cases() {
    let li = grid::ln_inputs();
    assert!(li.iter().filter(|x| x.is_subnormal()).count() > 2_000);
    assert!(li.iter().filter(|&&x| (x - 1.0).abs() < 1e-5 && x != 1.0).count() >= 20_000);
    let ei = grid::exp_inputs();
    assert!(ei.iter().any(|&x| exp(x) == f64::INFINITY && x.is_finite()));
    assert!(ei.iter().filter(|&&x| exp(x).is_subnormal()).count() > 100);
    assert!(ei.iter().any(|&x| exp(x) == 0.0 && x.is_finite()));
}
