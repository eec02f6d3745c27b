//! The company workspace at the JS boundary (issue 20): `sampleWorkspace` (the built-in
//! company), `readWorkspace` (any known version migrated to the current one and validated),
//! and the derivations the pages read from a workspace: `territoryInputFor`, `quotaInputFor`,
//! `scoringInputFor`, `accountsFor`. Results are JSON text (a workspace carries its deals as
//! CSV text, which should not be copied into JS objects and back). docs/workspace.md.

use super::{args, to_js_error};
use spm_wire::workspace::text;
use wasm_bindgen::prelude::*;

const PEOPLE: &str = "an array of PayeeSpec or its JSON text";

fn people_text(v: &JsValue) -> Result<String, JsValue> {
    args::document(v, "people", args::Shape::Array, PEOPLE)
}

fn csv(v: &JsValue, name: &str) -> Result<String, JsValue> {
    args::text(v, name, "a string (CSV text, may be empty)")
}

/// The built-in sample company as a workspace: its canonical JSON text (`Workspace`).
#[wasm_bindgen(js_name = sampleWorkspace)]
pub fn sample_workspace() -> String {
    text::sample_json()
}

/// Reads a workspace (a `Workspace` object or the file's JSON text, of any schema version this
/// engine knows), migrates it to the current version and validates it. Returns JSON text of
/// `{ workspace, warnings }`: the workspace in canonical form and the warnings (`Diagnostic[]`).
/// Throws an `SpmError` with every problem, each located (`people[3].id`,
/// `plans[0].versions[1].plan.components[2].rateTable`, `dealsCsv, line 7, column amount`).
#[wasm_bindgen(js_name = readWorkspace)]
pub fn read_workspace(
    #[wasm_bindgen(unchecked_param_type = "Workspace | string")] workspace: JsValue,
) -> Result<String, JsValue> {
    let text = args::document(&workspace, "workspace", args::Shape::Object, "a Workspace object or its JSON text")?;
    spm_wire::workspace::read_json(&text).map_err(to_js_error)
}

/// The Territories page's input for a workspace's people, accounts and territories: JSON text
/// of a `TerritoryInput`.
#[wasm_bindgen(js_name = territoryInputFor)]
pub fn territory_input_for(
    #[wasm_bindgen(unchecked_param_type = "PayeeSpec[] | string")] people: JsValue,
    #[wasm_bindgen(unchecked_param_type = "WorkspaceAccountSpec[] | string")] accounts: JsValue,
    #[wasm_bindgen(unchecked_param_type = "WorkspaceTerritorySpec[] | string")] territories: JsValue,
) -> Result<String, JsValue> {
    let people = people_text(&people)?;
    let expected = "an array of WorkspaceAccountSpec or its JSON text";
    let accounts = args::document(&accounts, "accounts", args::Shape::Array, expected)?;
    let expected = "an array of WorkspaceTerritorySpec or its JSON text";
    let territories = args::document(&territories, "territories", args::Shape::Array, expected)?;
    text::territory_input_json(&people, &accounts, &territories).map_err(to_js_error)
}

/// The Quotas page's input for a workspace's people and deals: JSON text of a
/// `QuotaPlanInput` (hierarchy from the managers, history from the deals by person).
#[wasm_bindgen(js_name = quotaInputFor)]
pub fn quota_input_for(
    #[wasm_bindgen(unchecked_param_type = "PayeeSpec[] | string")] people: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] deals_csv: JsValue,
    #[wasm_bindgen(unchecked_param_type = "QuotaInputOptions | string")] options: JsValue,
) -> Result<String, JsValue> {
    let people = people_text(&people)?;
    let deals = csv(&deals_csv, "dealsCsv")?;
    let expected = "a QuotaInputOptions object ({ year, growthPercent? }) or its JSON text";
    let options = args::document(&options, "options", args::Shape::Object, expected)?;
    text::quota_input_json(&people, &deals, &options).map_err(to_js_error)
}

/// The Leaderboard's input for a workspace's people, deals and activity: JSON text of
/// `{ roster, eventsCsv }` for `new ScoringModel(definitions, roster, eventsCsv)`.
#[wasm_bindgen(js_name = scoringInputFor)]
pub fn scoring_input_for(
    #[wasm_bindgen(unchecked_param_type = "PayeeSpec[] | string")] people: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] deals_csv: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] activity_csv: JsValue,
) -> Result<String, JsValue> {
    let people = people_text(&people)?;
    let deals = csv(&deals_csv, "dealsCsv")?;
    let activity = csv(&activity_csv, "activityCsv")?;
    text::scoring_input_json(&people, &deals, &activity).map_err(to_js_error)
}

/// Accounts and territories derived from the deals (one account per customer, potential =
/// trailing-year bookings × 1.5, owner = the person with most bookings on it; one territory per
/// owner): JSON text of `{ accounts, territories }`.
#[wasm_bindgen(js_name = accountsFor)]
pub fn accounts_for(
    #[wasm_bindgen(unchecked_param_type = "PayeeSpec[] | string")] people: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] deals_csv: JsValue,
) -> Result<String, JsValue> {
    let people = people_text(&people)?;
    let deals = csv(&deals_csv, "dealsCsv")?;
    text::accounts_json(&people, &deals).map_err(to_js_error)
}
