//! What a plan needs of its payees at the JS boundary: `PlanEngine.requirements()` and
//! `PlanEngine.missingData(payees, ratesCsv?)` (docs/needs.md).

use super::{args, to_js, to_js_error, PlanEngine, PAYEES};
use wasm_bindgen::prelude::*;

/// The year to look at when the plan names none: this year on the page's clock.
fn this_year() -> i32 {
    js_sys::Date::new_0().get_full_year() as i32
}

#[wasm_bindgen]
impl PlanEngine {
    /// What the plan needs of its payees over its year (the year of its first version's first
    /// day, or this year): quotas per component and period, target incentive, inputs, MBO
    /// scores, and which exchange rates.
    #[wasm_bindgen(unchecked_return_type = "Requirements")]
    pub fn requirements(&self) -> Result<JsValue, JsValue> {
        to_js(&spm_wire::spec::needs::requirements(&self.compiled, None, this_year()))
    }

    /// The payees who lack something the plan needs over its year, each with what is missing
    /// and a sentence for the comp admin and one for the rep; rates as CSV `from,to,date,rate`
    /// (or JSON) for payees paid in another currency.
    #[wasm_bindgen(js_name = missingData, unchecked_return_type = "PayeeGap[]")]
    pub fn missing_data(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PayeeSpec[] | string")] payees: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] rates_csv: JsValue,
    ) -> Result<JsValue, JsValue> {
        let payees = args::document(&payees, "payees", args::Shape::Array, PAYEES)?;
        let rates = args::opt_text(&rates_csv, "ratesCsv", "CSV text of exchange rates (a string), null or undefined")?;
        let gaps =
            spm_wire::spec::needs::missing(&self.compiled, &payees, &rates.unwrap_or_default(), None, this_year())
                .map_err(to_js_error)?;
        to_js(&gaps)
    }
}
