//! Quota setting and capacity planning at the JS boundary (issue 7): `quotaPlan`,
//! `capacityPlan` and `quotaSample`. Inputs are objects or JSON text, parsed by the same serde
//! code as natively (a JS number where a decimal belongs is `DECIMAL_NOT_STRING`); results are
//! plain objects. The types are generated (src/generated/types.ts).

use super::{args, to_js, to_js_error};
use wasm_bindgen::prelude::*;

/// A quota plan: the target cascaded down the tree with over-assignment, bottom-up numbers and
/// gaps, phasing by month and quarter, proration and ramp. Throws an `SpmError` listing every
/// problem, each with its path (`nodes[3].parent`).
#[wasm_bindgen(js_name = quotaPlan, unchecked_return_type = "QuotaPlanResult")]
pub fn quota_plan(
    #[wasm_bindgen(unchecked_param_type = "QuotaPlanInput | string")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let text = args::document(&input, "input", args::Shape::Object, "a QuotaPlanInput object or its JSON text")?;
    to_js(&spm_planning::quota::quota_plan_json(&text).map_err(to_js_error)?)
}

/// A capacity plan: how many reps to hire, and when, to reach a bookings target, with the
/// month-by-month table and the answer in words.
#[wasm_bindgen(js_name = capacityPlan, unchecked_return_type = "CapacityPlanResult")]
pub fn capacity_plan(
    #[wasm_bindgen(unchecked_param_type = "CapacityInput | string")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let text = args::document(&input, "input", args::Shape::Object, "a CapacityInput object or its JSON text")?;
    to_js(&spm_planning::quota::capacity_plan_json(&text).map_err(to_js_error)?)
}

/// A realistic quota plan input for the sample company (company → 2 regions → 6 teams → 42
/// reps), as JSON text.
#[wasm_bindgen(js_name = quotaSample)]
pub fn quota_sample() -> String {
    spm_planning::quota::sample_input()
}
