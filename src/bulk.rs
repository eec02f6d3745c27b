//! Bulk entry points of the JS boundary: CSV as bytes and summary reports as JSON text, for
//! large companies (the benchmark company itself comes from the `generators` build).

use super::{args, to_js, to_js_error, Dataset, PlanEngine, PAYEES};
use spm_core::payout::Detail;
use spm_wire::api;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Dataset {
    /// Loads transactions from CSV bytes (UTF-8), skipping the JS string conversion.
    #[wasm_bindgen(js_name = fromCsvBytes)]
    pub fn from_csv_bytes(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue,
        #[wasm_bindgen(unchecked_param_type = "PayeeSpec[] | string")] payees: JsValue,
    ) -> Result<Dataset, JsValue> {
        let bytes = args::bytes(&bytes, "bytes")?;
        let payees = args::document(&payees, "payees", args::Shape::Array, PAYEES)?;
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            to_js_error(spm_base::Error::at(
                format!("byte {}", e.valid_up_to()),
                spm_base::Code::CsvInvalid,
                "the CSV is not UTF-8 text",
                "save the file as UTF-8",
            ))
        })?;
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
        // Serialized straight from the result (`spec::report::Payout`), no DTO tree built first.
        api::run_json(&self.compiled, &data.inner, Detail::Summary).map_err(to_js_error)
    }
}
