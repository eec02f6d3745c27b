//! Deal estimates at the JS boundary: an `Estimator` built from a state object (or a payee of a
//! loaded dataset), answering `estimate`, `pipeline` and `curve` with plain objects.

#[cfg(feature = "app")]
use super::Dataset;
use super::{args, to_js, to_js_error, PlanEngine};
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
        #[wasm_bindgen(unchecked_optional_param_type = "EstimatorState | string | null")] state: JsValue,
    ) -> Result<Estimator, JsValue> {
        let expected = "an EstimatorState object, its JSON text, null or undefined";
        let text = args::opt_document(&state, "state", args::Shape::Object, expected)?.unwrap_or_default();
        let s = spm_wire::spec::estimate::read_state(&text).map_err(to_js_error)?;
        let inner = spm_analytics::estimate::Estimator::from_state(&self.compiled, s.data, s.payee_id, s.as_of)
            .map_err(to_js_error)?;
        Ok(Estimator { inner })
    }

    #[cfg(feature = "app")]
    /// An estimator for a payee of a loaded dataset, with their deals up to `asOf` (their last
    /// deal's date when absent).
    #[wasm_bindgen(js_name = estimatorFor)]
    pub fn estimator_for(
        &self,
        data: &Dataset,
        #[wasm_bindgen(unchecked_param_type = "string")] payee_id: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] as_of: JsValue,
    ) -> Result<Estimator, JsValue> {
        let payee_id = args::text(&payee_id, "payeeId", "a payee id (a string)")?;
        let as_of = args::opt_text(&as_of, "asOf", "a date YYYY-MM-DD (a string), null or undefined")?;
        let inner = spm_analytics::estimate::estimator_for(&self.compiled, &data.inner, &payee_id, as_of.as_deref())
            .map_err(to_js_error)?;
        Ok(Estimator { inner })
    }
}

/// Deals (`shape` says whether one deal, an array, or either) read as the native code reads them.
fn read_deals(
    v: &JsValue,
    name: &str,
    shape: args::Shape,
    expected: &str,
) -> Result<Vec<spm_analytics::estimate::dto::DealDto>, JsValue> {
    let text = args::document(v, name, shape, expected)?;
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
        #[wasm_bindgen(unchecked_param_type = "DealSpec[] | DealSpec | string")] deals: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "boolean | null")] explain: JsValue,
    ) -> Result<JsValue, JsValue> {
        let expected = "a DealSpec, an array of them, or their JSON text";
        let text = args::document(&deals, "deals", args::Shape::Either, expected)?;
        let explain = args::opt_flag(&explain, "explain")?.unwrap_or(true);
        let d = spm_analytics::estimate::parse_deals(&text).map_err(to_js_error)?;
        to_js(&self.inner.estimate_with(&d, explain).map_err(to_js_error)?)
    }

    /// `estimate` as JSON text (for benchmarks and byte-for-byte comparisons with the core).
    #[wasm_bindgen(js_name = estimateJson)]
    pub fn estimate_json(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] deals_json: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "boolean | null")] explain: JsValue,
    ) -> Result<String, JsValue> {
        let text = args::text(&deals_json, "dealsJson", "JSON text of a DealSpec or an array of them (a string)")?;
        let explain = args::opt_flag(&explain, "explain")?.unwrap_or(true);
        let d = spm_analytics::estimate::parse_deals(&text).map_err(to_js_error)?;
        let r = self.inner.estimate_with(&d, explain).map_err(to_js_error)?;
        serde_json::to_string(&r)
            .map_err(|e| to_js_error(spm_base::Error::new(spm_base::Code::Internal, e.to_string())))
    }

    /// Expected, best- and worst-case payout of pipeline deals with probabilities.
    #[wasm_bindgen(unchecked_return_type = "PipelineEstimate")]
    pub fn pipeline(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DealSpec[] | string")] deals: JsValue,
    ) -> Result<JsValue, JsValue> {
        let d = read_deals(&deals, "deals", args::Shape::Array, "an array of DealSpec or its JSON text")?;
        to_js(&self.inner.pipeline(&d).map_err(to_js_error)?)
    }

    /// Payout against deal size from 0 to the deal's amount, with the tier breaks.
    #[wasm_bindgen(unchecked_return_type = "EstimateCurve")]
    pub fn curve(
        &self,
        #[wasm_bindgen(unchecked_param_type = "DealSpec | string")] deal: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] points: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = args::document(&deal, "deal", args::Shape::Object, "a DealSpec object or its JSON text")?;
        // The estimator asks for 2 to 200 points; any whole number is read, it says why not.
        let points = args::count(&points, "points", u32::MAX as usize)?;
        let d = spm_analytics::estimate::parse_deals(&text).map_err(to_js_error)?;
        let first = d.first().ok_or_else(|| {
            to_js_error(spm_base::Error::at("deal", spm_base::Code::MissingField, "no deal", "pass one deal"))
        })?;
        to_js(&self.inner.curve(first, points).map_err(to_js_error)?)
    }

    /// The payee's id.
    #[wasm_bindgen(getter, js_name = payeeId)]
    pub fn payee_id(&self) -> String {
        self.inner.payee_id().to_string()
    }
}
