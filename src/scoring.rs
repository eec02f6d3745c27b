//! Gamified scoring at the JS boundary (issue 9): a `ScoringModel` kept on the Rust side (the
//! definitions, the roster and the events parsed once into the columnar store with monthly
//! totals) answering `report`, `leaderboard` (the hot path: O(reps log reps) for whole-month
//! windows), `spiffRows` and `spiffCsv`; `scoringSample`, `scoringSampleRoster` and
//! `scoringSampleDefs` (seeded text for the bench and the page). Results as objects or as JSON
//! text byte for byte the native one. The types are generated (src/generated/types.ts).

use super::{args, to_js, to_js_error};
#[cfg(feature = "app")]
use super::{Dataset, PlanEngine};
use spm_scoring::Scoreboard;
use wasm_bindgen::prelude::*;

/// Definitions, roster and events, kept on the Rust side.
#[wasm_bindgen]
pub struct ScoringModel {
    inner: Scoreboard,
}

#[wasm_bindgen]
impl ScoringModel {
    /// Reads the definitions (`ScoringDefinitions` object or JSON text), the roster (array,
    /// JSON text, or `null`: the events' payee ids) and the events (CSV text, or JSON text of
    /// an array, or an array). Throws an `SpmError` listing every problem with its path.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ScoringDefinitions | string")] defs: JsValue,
        #[wasm_bindgen(unchecked_param_type = "RosterRep[] | string | null | undefined")] roster: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ScoringEvent[] | string")] events: JsValue,
    ) -> Result<ScoringModel, JsValue> {
        let expected = "a ScoringDefinitions object or its JSON text";
        let defs = args::document(&defs, "defs", args::Shape::Object, expected)?;
        let expected = "an array of RosterRep, its JSON text, null or undefined";
        let roster = args::opt_document(&roster, "roster", args::Shape::Array, expected)?;
        let expected = "an array of ScoringEvent, its JSON text, or CSV text";
        let events = args::document(&events, "events", args::Shape::Array, expected)?;
        Ok(ScoringModel { inner: Scoreboard::from_text(&defs, roster.as_deref(), &events).map_err(to_js_error)? })
    }

    #[cfg(feature = "app")]
    /// Adds the plan's credit and quota per payee and period for the KPIs of kind
    /// `planAttainment` and `planCredit` (a run of the plan over `data`).
    #[wasm_bindgen(js_name = withPlan)]
    pub fn with_plan(&mut self, engine: &PlanEngine, data: &Dataset) -> Result<(), JsValue> {
        self.inner.with_plan(&engine.compiled, &data.inner).map_err(to_js_error)
    }

    /// Reps in the roster.
    #[wasm_bindgen(getter)]
    pub fn reps(&self) -> usize {
        self.inner.reps()
    }

    /// Events stored.
    #[wasm_bindgen(getter)]
    pub fn events(&self) -> usize {
        self.inner.events()
    }

    /// The event types that occur in the events (for a metric picker).
    #[wasm_bindgen(getter, js_name = eventTypes)]
    pub fn event_types(&self) -> Vec<String> {
        self.inner.event_types()
    }

    /// Everything the definitions ask for.
    #[wasm_bindgen(unchecked_return_type = "ScoringReport")]
    pub fn report(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.report().map_err(to_js_error)?)
    }

    /// `report` as JSON text.
    #[wasm_bindgen(js_name = reportJson)]
    pub fn report_json(&self) -> Result<String, JsValue> {
        self.inner.report_json().map_err(to_js_error)
    }

    /// One leaderboard for a request (a `LeaderboardSpec` object or JSON text) as JSON text.
    #[wasm_bindgen(js_name = leaderboardJson)]
    pub fn leaderboard_json(
        &self,
        #[wasm_bindgen(unchecked_param_type = "LeaderboardSpec | string")] request: JsValue,
    ) -> Result<String, JsValue> {
        let text =
            args::document(&request, "request", args::Shape::Object, "a LeaderboardSpec object or its JSON text")?;
        self.inner.leaderboard_json(&text).map_err(to_js_error)
    }

    /// One leaderboard for a request, as an object.
    #[wasm_bindgen(unchecked_return_type = "LeaderboardResult")]
    pub fn leaderboard(
        &self,
        #[wasm_bindgen(unchecked_param_type = "LeaderboardSpec | string")] request: JsValue,
    ) -> Result<JsValue, JsValue> {
        let text = self.leaderboard_json(request)?;
        js_sys::JSON::parse(&text)
    }

    /// Every contest's prizes as SPIFF rows `{payeeId, date, amount, currency, reason}`.
    #[wasm_bindgen(js_name = spiffRows, unchecked_return_type = "ContestAward[]")]
    pub fn spiff_rows(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.spiff_rows().map_err(to_js_error)?)
    }

    /// The SPIFF rows as CSV (`payeeId,date,amount,currency,reason`).
    #[wasm_bindgen(js_name = spiffCsv)]
    pub fn spiff_csv(&self) -> Result<String, JsValue> {
        self.inner.spiff_csv().map_err(to_js_error)
    }
}

#[cfg(feature = "app")]
/// Seeded events as CSV (`id,payeeId,type,date,amount,attr.region`) over 2026; up to the input
/// limits (`MAX_PAYEES` reps, `MAX_SCORING_EVENTS` events).
#[wasm_bindgen(js_name = scoringSample)]
pub fn scoring_sample(
    #[wasm_bindgen(unchecked_param_type = "number")] reps: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] events: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number | bigint")] seed: JsValue,
) -> Result<String, JsValue> {
    let reps = args::count(&reps, "reps", spm_base::limits::MAX_PAYEES)?;
    let events = args::count(&events, "events", spm_base::limits::MAX_SCORING_EVENTS)?;
    let seed = args::seed(&seed, "seed")?;
    Ok(spm_scoring::sample_csv(reps, events, seed))
}

#[cfg(feature = "app")]
/// The roster of `scoringSample` as JSON text (teams of 7), up to `MAX_PAYEES` reps.
#[wasm_bindgen(js_name = scoringSampleRoster)]
pub fn scoring_sample_roster(
    #[wasm_bindgen(unchecked_param_type = "number")] reps: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number | bigint")] seed: JsValue,
) -> Result<String, JsValue> {
    let reps = args::count(&reps, "reps", spm_base::limits::MAX_PAYEES)?;
    let seed = args::seed(&seed, "seed")?;
    Ok(spm_scoring::sample_roster(reps, seed))
}

#[cfg(feature = "app")]
/// A definitions document over the sample's event types (JSON text).
#[wasm_bindgen(js_name = scoringSampleDefs)]
pub fn scoring_sample_defs() -> String {
    spm_scoring::sample_defs()
}
