//! The sample companies as JS objects, shared by the app's `sampleDataset` and the generators
//! build's `sampleLarge`.

use spm_sample::Sample;
use wasm_bindgen::prelude::*;

/// A sample (plans, payees, transactions CSV) as a `SampleDataset` object.
pub(crate) fn sample_js(s: &Sample) -> Result<JsValue, JsValue> {
    let obj = js_sys::Object::new();
    let plans = js_sys::Array::new();
    for p in &s.plans {
        plans.push(&js_sys::JSON::parse(p)?);
    }
    js_sys::Reflect::set(&obj, &"company".into(), &s.company.clone().into())?;
    js_sys::Reflect::set(&obj, &"plans".into(), &plans)?;
    js_sys::Reflect::set(&obj, &"payees".into(), &js_sys::JSON::parse(&s.payees)?)?;
    js_sys::Reflect::set(&obj, &"transactionsCsv".into(), &s.transactions_csv.clone().into())?;
    js_sys::Reflect::set(&obj, &"eventsCsv".into(), &s.events_csv.clone().into())?;
    js_sys::Reflect::set(&obj, &"ratesCsv".into(), &s.rates_csv.clone().into())?;
    Ok(obj.into())
}
