//! The generators build (`pkg/generators/`, feature `generators`): the benchmark company, the
//! random cases of the determinism test and the adversarial cases of the hardening test, for the
//! benchmark pages and tests only. No product
//! build (app, estimator, leaderboard) carries them.

use crate::args;
use spm_base::limits::{MAX_PAYEES, MAX_TRANSACTIONS};
use wasm_bindgen::prelude::*;

/// The benchmark company: `reps` reps under managers and directors, `deals` deals in 2026, and a
/// three-component plan with a two-level roll-up (fixed `seed`).
/// Sizes above the engine's own input limits are refused: the company could not be loaded.
#[wasm_bindgen(js_name = sampleLarge, unchecked_return_type = "SampleDataset")]
pub fn sample_large(
    #[wasm_bindgen(unchecked_param_type = "number")] reps: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] deals: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] seed: JsValue,
) -> Result<JsValue, JsValue> {
    let reps = args::count(&reps, "reps", MAX_PAYEES)?;
    let deals = args::count(&deals, "deals", MAX_TRANSACTIONS)?;
    let seed = args::count(&seed, "seed", u32::MAX as usize)?;
    crate::sample::sample_js(&spm_sample::large(reps, deals, seed as u64))
}

/// A generated case for determinism checks: `{ plan, payees, transactions }` as JSON text.
#[wasm_bindgen(js_name = randomCase, unchecked_return_type = "{ plan: string; payees: string; transactions: string }")]
pub fn random_case(#[wasm_bindgen(unchecked_param_type = "number")] seed: JsValue) -> Result<JsValue, JsValue> {
    let c = spm_sample::random::case(args::count(&seed, "seed", u32::MAX as usize)? as u64);
    let obj = js_sys::Object::new();
    js_sys::Reflect::set(&obj, &"plan".into(), &c.plan.into())?;
    js_sys::Reflect::set(&obj, &"payees".into(), &c.payees.into())?;
    js_sys::Reflect::set(&obj, &"transactions".into(), &c.transactions.into())?;
    Ok(obj.into())
}

/// An adversarial case (`spm_sample::adversary`): `{ seed, families, plan, payees, transactions,
/// events, adjustments, rates, state, deals }`, every document as text, the same as natively.
#[wasm_bindgen(js_name = adversarialCase, unchecked_return_type = "{ seed: number; families: string[]; plan: string; payees: string; transactions: string; events: string; adjustments: string; rates: string; state: string; deals: string }")]
pub fn adversarial_case(#[wasm_bindgen(unchecked_param_type = "number")] seed: JsValue) -> Result<JsValue, JsValue> {
    let n = args::count(&seed, "seed", u32::MAX as usize)?;
    let a = spm_sample::adversary::attack(n as u64);
    let obj = js_sys::Object::new();
    js_sys::Reflect::set(&obj, &"seed".into(), &JsValue::from(n as f64))?;
    let families = js_sys::Array::new();
    for f in &a.families {
        families.push(&JsValue::from_str(f));
    }
    js_sys::Reflect::set(&obj, &"families".into(), &families)?;
    for (k, v) in [
        ("plan", &a.plan),
        ("payees", &a.payees),
        ("transactions", &a.transactions),
        ("events", &a.events),
        ("adjustments", &a.adjustments),
        ("rates", &a.rates),
        ("state", &a.state),
        ("deals", &a.deals),
    ] {
        js_sys::Reflect::set(&obj, &k.into(), &JsValue::from_str(v))?;
    }
    Ok(obj.into())
}
