//! Bulk entry points of the JS boundary: CSV as bytes, summary reports as JSON text, and the
//! generated benchmark company, so the browser benchmark measures what a large company would do.

use super::{input_text, to_js, to_js_error, Dataset, PlanEngine};
use spm_core::payout::Detail;
use spm_sample::Sample;
use spm_wire::api;
use wasm_bindgen::prelude::*;

/// A sample (plans, payees, transactions CSV) as a `SampleDataset` object.
pub(super) fn sample_js(s: &Sample) -> Result<JsValue, JsValue> {
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

/// The benchmark company: `reps` reps under managers and directors, `deals` deals in 2026, and a
/// three-component plan with a two-level roll-up (fixed `seed`).
#[wasm_bindgen(js_name = sampleLarge, unchecked_return_type = "SampleDataset")]
pub fn sample_large(reps: u32, deals: u32, seed: u32) -> Result<JsValue, JsValue> {
    sample_js(&spm_sample::large(reps as usize, deals as usize, u64::from(seed)))
}

#[wasm_bindgen]
impl Dataset {
    /// Loads transactions from CSV bytes (UTF-8), skipping the JS string conversion.
    #[wasm_bindgen(js_name = fromCsvBytes)]
    pub fn from_csv_bytes(
        bytes: &[u8],
        #[wasm_bindgen(unchecked_param_type = "PayeeSpec[] | string")] payees: JsValue,
    ) -> Result<Dataset, JsValue> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            to_js_error(spm_base::Error::at(
                format!("byte {}", e.valid_up_to()),
                spm_base::Code::CsvInvalid,
                "the CSV is not UTF-8 text",
                "save the file as UTF-8",
            ))
        })?;
        let payees = input_text(&payees, "the payees").map_err(to_js_error)?;
        let inner = api::load_csv(text, &payees).map_err(to_js_error)?;
        Ok(Dataset { inner })
    }
}

#[wasm_bindgen]
impl PlanEngine {
    /// Runs the plan and returns a summary report (totals, tiers and steps per component; no
    /// transaction lines or sentences) as a plain object: for large companies.
    #[wasm_bindgen(js_name = payoutSummary, unchecked_return_type = "PayoutReport")]
    pub fn payout_summary(&self, data: &Dataset) -> Result<JsValue, JsValue> {
        let report = api::run_with(&self.compiled, &data.inner, Detail::Summary).map_err(to_js_error)?;
        to_js(&report)
    }

    /// The summary report as JSON text.
    #[wasm_bindgen(js_name = payoutSummaryJson)]
    pub fn payout_summary_json(&self, data: &Dataset) -> Result<String, JsValue> {
        // Written straight to JSON text (`spec::report_json`): 3–5× faster than building the DTO.
        api::run_json(&self.compiled, &data.inner, Detail::Summary).map_err(to_js_error)
    }
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
