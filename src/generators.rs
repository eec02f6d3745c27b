//! The generators build (`pkg/generators/`, feature `generators`): the benchmark company and the
//! random cases of the determinism test, for the benchmark pages and tests only. No product
//! build (app, estimator, leaderboard) carries them.

use wasm_bindgen::prelude::*;

/// The benchmark company: `reps` reps under managers and directors, `deals` deals in 2026, and a
/// three-component plan with a two-level roll-up (fixed `seed`).
#[wasm_bindgen(js_name = sampleLarge, unchecked_return_type = "SampleDataset")]
pub fn sample_large(reps: u32, deals: u32, seed: u32) -> Result<JsValue, JsValue> {
    crate::sample::sample_js(&spm_sample::large(reps as usize, deals as usize, u64::from(seed)))
}

/// A generated case for determinism checks: `{ plan, payees, transactions }` as JSON text.
#[wasm_bindgen(js_name = randomCase, unchecked_return_type = "{ plan: string; payees: string; transactions: string }")]
pub fn random_case(seed: u32) -> Result<JsValue, JsValue> {
    let c = spm_sample::random::case(u64::from(seed));
    let obj = js_sys::Object::new();
    js_sys::Reflect::set(&obj, &"plan".into(), &c.plan.into())?;
    js_sys::Reflect::set(&obj, &"payees".into(), &c.payees.into())?;
    js_sys::Reflect::set(&obj, &"transactions".into(), &c.transactions.into())?;
    Ok(obj.into())
}
