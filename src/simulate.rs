//! Monte Carlo plan costing at the JS boundary (issue 8): `PlanSimulation`, kept on the Rust side
//! between chunks of trials (`step(trials)` returns the result so far, so a page can draw a first
//! view at once and refine it), `result()`/`resultJson()`, and `sensitivity(plan, dataset,
//! options)` for the tornado chart. Options are objects or JSON text, parsed by the same serde
//! code as natively; results are plain objects or JSON text identical to the native bytes. The
//! types are generated (src/generated/types.ts).

use super::{input_text, to_js, to_js_error, Dataset, PlanEngine};
use spm_analytics::simulate::dto::{SensitivityOptionsDto, SimulationOptionsDto};
use spm_analytics::simulate::Simulation;
use wasm_bindgen::prelude::*;

/// A simulation of a plan's cost over a dataset's reps, run in chunks.
#[wasm_bindgen]
pub struct PlanSimulation {
    inner: Simulation,
}

/// Options (object, JSON text, or null for the defaults) parsed as the native code parses them.
fn options<T: serde::de::DeserializeOwned + Default>(v: &JsValue, what: &str) -> Result<T, JsValue> {
    if v.is_null() || v.is_undefined() {
        return Ok(T::default());
    }
    let text = input_text(v, what).map_err(to_js_error)?;
    if text.trim().is_empty() {
        return Ok(T::default());
    }
    spm_base::json::from_str(&text, what).map_err(to_js_error)
}

#[wasm_bindgen]
impl PlanSimulation {
    /// Checks the options (`SimulationOptions`, JSON text or null), picks the reps and their
    /// distributions and builds their payout curves from real runs of the plan; throws an
    /// `SpmError` listing every problem (`reps[2].distribution.sd`). No trial runs yet.
    #[wasm_bindgen(constructor)]
    pub fn new(
        plan: &PlanEngine,
        data: &Dataset,
        #[wasm_bindgen(unchecked_param_type = "SimulationOptions | string | null")] opts: JsValue,
    ) -> Result<PlanSimulation, JsValue> {
        let o: SimulationOptionsDto = options(&opts, "the simulation options")?;
        let inner = Simulation::new(&plan.compiled, &data.inner, &o).map_err(to_js_error)?;
        Ok(PlanSimulation { inner })
    }

    /// Runs up to `trials` more trials and returns the `SimulationResult` so far.
    #[wasm_bindgen(unchecked_return_type = "SimulationResult")]
    pub fn step(&mut self, trials: u32) -> Result<JsValue, JsValue> {
        to_js(&self.inner.step(trials as usize))
    }

    /// As `step`, as JSON text.
    #[wasm_bindgen(js_name = stepJson)]
    pub fn step_json(&mut self, trials: u32) -> String {
        serde_json::to_string(&self.inner.step(trials as usize)).unwrap_or_default()
    }

    /// Runs the remaining trials and returns the final `SimulationResult`.
    #[wasm_bindgen(unchecked_return_type = "SimulationResult")]
    pub fn result(&mut self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.result())
    }

    /// The final result as JSON text (byte-identical to the native one).
    #[wasm_bindgen(js_name = resultJson)]
    pub fn result_json(&mut self) -> String {
        self.inner.result_json()
    }

    /// Trials run so far.
    #[wasm_bindgen(getter, js_name = trialsDone)]
    pub fn trials_done(&self) -> usize {
        self.inner.trials_done()
    }

    /// Trials asked for.
    #[wasm_bindgen(getter)]
    pub fn trials(&self) -> usize {
        self.inner.trials()
    }

    /// How the cost moves when each plan parameter moves ±step (`SensitivityOptions`: `paths`,
    /// `step`, `trials`), with this simulation's reps, distributions and seed: a `Sensitivity`.
    /// `plan` is the plan document (object or JSON text) whose parameters are moved.
    #[wasm_bindgen(unchecked_return_type = "Sensitivity")]
    pub fn sensitivity(
        &self,
        #[wasm_bindgen(unchecked_param_type = "PlanSpec | string")] plan: JsValue,
        data: &Dataset,
        #[wasm_bindgen(unchecked_param_type = "SensitivityOptions | string | null")] opts: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = input_text(&plan, "the plan").map_err(to_js_error)?;
        let o: SensitivityOptionsDto = options(&opts, "the sensitivity options")?;
        to_js(
            &spm_analytics::simulate::sensitivity(
                &text,
                &spm_wire::api::compile_plan,
                &data.inner,
                self.inner.options(),
                &o,
            )
            .map_err(to_js_error)?,
        )
    }
}

#[wasm_bindgen]
impl PlanEngine {
    /// A `PlanSimulation` of this plan over a dataset (the same as `new PlanSimulation(plan,
    /// dataset, options)`).
    pub fn simulation(
        &self,
        data: &Dataset,
        #[wasm_bindgen(unchecked_param_type = "SimulationOptions | string | null")] opts: JsValue,
    ) -> Result<PlanSimulation, JsValue> {
        PlanSimulation::new(self, data, opts)
    }
}
