//! Monte Carlo plan costing at the JS boundary (issue 8): `PlanSimulation`, kept on the Rust side
//! between chunks of trials (`step(trials)` returns the result so far, so a page can draw a first
//! view at once and refine it), `result()`/`resultJson()`, and `sensitivity(plan, dataset,
//! options)` for the tornado chart. Options are objects or JSON text, parsed by the same serde
//! code as natively; results are plain objects or JSON text identical to the native bytes. The
//! types are generated (src/generated/types.ts).

use super::{args, to_js, to_js_error, Dataset, PlanEngine};
use spm_analytics::simulate::dto::{SensitivityOptionsDto, SimulationOptionsDto};
use spm_analytics::simulate::Simulation;
use spm_base::limits::MAX_SIMULATION_TRIALS;
use wasm_bindgen::prelude::*;

/// A simulation of a plan's cost over a dataset's reps, run in chunks.
#[wasm_bindgen]
pub struct PlanSimulation {
    inner: Simulation,
}

/// Options (object, JSON text, or null for the defaults) as JSON text; `None` for the defaults.
fn options_text(v: &JsValue, name: &str, expected: &str) -> Result<Option<String>, JsValue> {
    let text = args::opt_document(v, name, args::Shape::Object, expected)?;
    Ok(text.filter(|t| !t.trim().is_empty()))
}

/// Options text parsed as the native code parses them.
fn options<T: serde::de::DeserializeOwned + Default>(text: Option<String>, what: &str) -> Result<T, JsValue> {
    match text {
        None => Ok(T::default()),
        Some(text) => spm_base::json::from_str(&text, what).map_err(to_js_error),
    }
}

/// What a simulation options argument is, in messages.
const SIMULATION_OPTIONS: &str = "a SimulationOptions object, its JSON text, null or undefined";

#[wasm_bindgen]
impl PlanSimulation {
    /// Checks the options (`SimulationOptions`, JSON text or null), picks the reps and their
    /// distributions and builds their payout curves from real runs of the plan; throws an
    /// `SpmError` listing every problem (`reps[2].distribution.sd`). No trial runs yet.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "PlanEngine")] plan: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Dataset")] data: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SimulationOptions | string | null")] opts: JsValue,
    ) -> Result<PlanSimulation, JsValue> {
        // A constructor's class arguments cannot be checked by www/lib/boundary.js (the class
        // binding cannot be wrapped), and `&PlanEngine` arguments are converted by the glue
        // before any Rust runs. So the constructor takes them as values, checks them here, and
        // hands them to `plan.simulation(data, opts)`, whose result it takes over.
        args::instance(&plan, "plan", "PlanEngine")?;
        args::instance(&data, "data", "Dataset")?;
        options_text(&opts, "opts", SIMULATION_OPTIONS)?;
        let method = js_sys::Reflect::get(&plan, &JsValue::from_str("simulation"))?;
        let method: &js_sys::Function =
            method.dyn_ref().ok_or_else(|| to_js_error(args::invalid("plan", "a PlanEngine (not freed)", &plan)))?;
        let made = method.call2(&plan, &data, &opts)?;
        <PlanSimulation as wasm_bindgen::convert::TryFromJsValue>::try_from_js_value(made).map_err(|_| {
            to_js_error(spm_base::Error::new(spm_base::Code::Internal, "PlanEngine.simulation returned no simulation"))
        })
    }

    /// Runs up to `trials` more trials and returns the `SimulationResult` so far.
    #[wasm_bindgen(unchecked_return_type = "SimulationResult")]
    pub fn step(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] trials: JsValue,
    ) -> Result<JsValue, JsValue> {
        let trials = args::count(&trials, "trials", MAX_SIMULATION_TRIALS)?;
        to_js(&self.inner.step(trials))
    }

    /// As `step`, as JSON text.
    #[wasm_bindgen(js_name = stepJson)]
    pub fn step_json(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "number")] trials: JsValue,
    ) -> Result<String, JsValue> {
        let trials = args::count(&trials, "trials", MAX_SIMULATION_TRIALS)?;
        Ok(serde_json::to_string(&self.inner.step(trials)).unwrap_or_default())
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
        #[wasm_bindgen(unchecked_optional_param_type = "SensitivityOptions | string | null")] opts: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = args::document(&plan, "plan", args::Shape::Object, super::PLAN)?;
        let expected = "a SensitivityOptions object, its JSON text, null or undefined";
        let o: SensitivityOptionsDto = options(options_text(&opts, "opts", expected)?, "the sensitivity options")?;
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
        #[wasm_bindgen(unchecked_optional_param_type = "SimulationOptions | string | null")] opts: JsValue,
    ) -> Result<PlanSimulation, JsValue> {
        let o: SimulationOptionsDto =
            options(options_text(&opts, "opts", SIMULATION_OPTIONS)?, "the simulation options")?;
        let inner = Simulation::new(&self.compiled, &data.inner, &o).map_err(to_js_error)?;
        Ok(PlanSimulation { inner })
    }
}
