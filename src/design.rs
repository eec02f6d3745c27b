//! The plan designer at the JS boundary: the payout curve against attainment, a back-test over a
//! loaded dataset, and the changes between two plan documents.

use super::{args, to_js, to_js_error, Dataset, PlanEngine};
use spm_analytics::design::dto::CurveOptionsDto;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl PlanEngine {
    /// Payout against attainment (0–200% by default) for a typical payee, per component, with
    /// tier and threshold starts and where caps cut: an `AttainmentCurve`.
    #[wasm_bindgen(js_name = attainmentCurve, unchecked_return_type = "AttainmentCurve")]
    pub fn attainment_curve(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CurveOptions | string | null")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let expected = "a CurveOptions object, its JSON text, null or undefined";
        let opts: CurveOptionsDto = match args::opt_document(&options, "options", args::Shape::Object, expected)? {
            None => CurveOptionsDto::default(),
            Some(text) => spm_base::json::from_str(&text, "the curve options").map_err(to_js_error)?,
        };
        to_js(&spm_analytics::design::attainment_curve(&self.compiled, &opts).map_err(to_js_error)?)
    }

    /// The plan run over a dataset and summed up for a designer: a `Backtest`.
    #[wasm_bindgen(unchecked_return_type = "Backtest")]
    pub fn backtest(&self, data: &Dataset) -> Result<JsValue, JsValue> {
        to_js(&spm_analytics::design::backtest(&self.compiled, &data.inner).map_err(to_js_error)?)
    }
}

/// What changed between two plan documents (objects or JSON texts), path by path: `PlanChange[]`.
#[wasm_bindgen(js_name = planChanges, unchecked_return_type = "PlanChange[]")]
pub fn plan_changes(
    #[wasm_bindgen(unchecked_param_type = "PlanSpec | string")] old_plan: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PlanSpec | string")] new_plan: JsValue,
) -> Result<JsValue, JsValue> {
    let old = args::document(&old_plan, "oldPlan", args::Shape::Object, super::PLAN)?;
    let new = args::document(&new_plan, "newPlan", args::Shape::Object, super::PLAN)?;
    to_js(&spm_analytics::design::plan_changes(&old, &new).map_err(to_js_error)?)
}

#[wasm_bindgen]
impl PlanEngine {
    /// One payee's statements over a dataset, in full detail: `Statement[]`.
    #[wasm_bindgen(js_name = statementsFor, unchecked_return_type = "Statement[]")]
    pub fn statements_for(
        &self,
        data: &Dataset,
        #[wasm_bindgen(unchecked_param_type = "string")] payee_id: JsValue,
    ) -> Result<JsValue, JsValue> {
        let payee_id = args::text(&payee_id, "payeeId", "a payee id (a string)")?;
        to_js(&spm_wire::api::statements_for(&self.compiled, &data.inner, &payee_id).map_err(to_js_error)?)
    }
}
