//! Deal estimates at the JS boundary: an `Estimator` built from a state object (or a payee of a
//! loaded dataset), answering `estimate`, `pipeline` and `curve` with plain objects.

#[cfg(feature = "app")]
use super::Dataset;
use super::{input_text, to_js, to_js_error, PlanEngine};
use wasm_bindgen::prelude::*;

/// A payee's state kept on the Rust side, ready for estimates.
#[wasm_bindgen]
pub struct Estimator {
    inner: spm_analytics::estimate::Estimator,
}

#[wasm_bindgen]
impl PlanEngine {
    /// An estimator from a state `{ payee?, deals?, asOf? }` (object or JSON text; `null` for none).
    pub fn estimator(
        &self,
        #[wasm_bindgen(unchecked_param_type = "EstimatorState | string | null")] state: JsValue,
    ) -> Result<Estimator, JsValue> {
        let text = if state.is_null() || state.is_undefined() {
            String::new()
        } else {
            input_text(&state, "the state").map_err(to_js_error)?
        };
        let s = spm_wire::spec::estimate::read_state(&text).map_err(to_js_error)?;
        let inner = spm_analytics::estimate::Estimator::from_state(&self.compiled, s.data, s.payee_id, s.as_of)
            .map_err(to_js_error)?;
        Ok(Estimator { inner })
    }

    #[cfg(feature = "app")]
    /// An estimator for a payee of a loaded dataset, with their deals up to `asOf` (their last
    /// deal's date when absent).
    #[wasm_bindgen(js_name = estimatorFor)]
    pub fn estimator_for(&self, data: &Dataset, payee_id: &str, as_of: Option<String>) -> Result<Estimator, JsValue> {
        let inner = spm_analytics::estimate::estimator_for(&self.compiled, &data.inner, payee_id, as_of.as_deref())
            .map_err(to_js_error)?;
        Ok(Estimator { inner })
    }
}

fn deals(v: &JsValue) -> Result<Vec<spm_analytics::estimate::dto::DealDto>, JsValue> {
    let text = input_text(v, "the deals").map_err(to_js_error)?;
    spm_analytics::estimate::parse_deals(&text).map_err(to_js_error)
}

#[wasm_bindgen]
impl Estimator {
    /// What each deal adds alone, and all together: an `Estimate`. With `explain` false the
    /// components' engine sentences are left out (faster, for answers as the user types; the
    /// summary sentences stay).
    #[wasm_bindgen(unchecked_return_type = "Estimate")]
    pub fn estimate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DealSpec[] | DealSpec | string")] deals_in: JsValue,
        explain: Option<bool>,
    ) -> Result<JsValue, JsValue> {
        let d = deals(&deals_in)?;
        to_js(&self.inner.estimate_with(&d, explain.unwrap_or(true)).map_err(to_js_error)?)
    }

    /// `estimate` as JSON text (for benchmarks and byte-for-byte comparisons with the core).
    #[wasm_bindgen(js_name = estimateJson)]
    pub fn estimate_json(&self, deals_json: &str, explain: Option<bool>) -> Result<String, JsValue> {
        let d = spm_analytics::estimate::parse_deals(deals_json).map_err(to_js_error)?;
        let r = self.inner.estimate_with(&d, explain.unwrap_or(true)).map_err(to_js_error)?;
        serde_json::to_string(&r)
            .map_err(|e| to_js_error(spm_base::Error::new(spm_base::Code::Internal, e.to_string())))
    }

    /// Expected, best- and worst-case payout of pipeline deals with probabilities.
    #[wasm_bindgen(unchecked_return_type = "PipelineEstimate")]
    pub fn pipeline(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DealSpec[] | string")] deals_in: JsValue,
    ) -> Result<JsValue, JsValue> {
        let d = deals(&deals_in)?;
        to_js(&self.inner.pipeline(&d).map_err(to_js_error)?)
    }

    /// Payout against deal size from 0 to the deal's amount, with the tier breaks.
    #[wasm_bindgen(unchecked_return_type = "EstimateCurve")]
    pub fn curve(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DealSpec | string")] deal: JsValue,
        points: u32,
    ) -> Result<JsValue, JsValue> {
        let d = deals(&deal)?;
        let first = d.first().ok_or_else(|| {
            to_js_error(spm_base::Error::at("deal", spm_base::Code::MissingField, "no deal", "pass one deal"))
        })?;
        to_js(&self.inner.curve(first, points as usize).map_err(to_js_error)?)
    }

    /// The payee's id.
    #[wasm_bindgen(getter, js_name = payeeId)]
    pub fn payee_id(&self) -> String {
        self.inner.payee_id().to_string()
    }
}
