//! The CRM import at the JS boundary: `importCsv` (a CRM export and a column mapping become our
//! canonical records and a report naming every row left out, as JSON text) and `importPresets`
//! (the ready-made mappings). Errors are thrown as `SpmError`s, like every other export.

use super::to_js_error;
use spm_wire::io::presets;
use wasm_bindgen::prelude::*;

/// Reads a CRM export. `kind` is "transactions", "payees", "hierarchy" or "quotas"; `mapping_json`
/// is a `MappingDto` (such as `{"preset":"hubspot-deals"}`); `payees_json` is the payees, needed
/// to match owner names (`payeeMatch: "name"`) and for hierarchy and quotas. Returns JSON text
/// `{ "records": [...], "report": { rows, imported, rejected, skipped, problems } }`: the records
/// are the transactions, or the payees (for hierarchy and quotas, the given payees with the
/// managers or quotas added). Throws an `SpmError` for a bad mapping or a file that cannot be read
/// at all (wrong delimiter, a mapped column missing); row problems are in the report.
#[wasm_bindgen(js_name = importCsv)]
pub fn import_csv(kind: &str, csv: &str, mapping_json: &str, payees_json: Option<String>) -> Result<String, JsValue> {
    spm_wire::api::import_json(kind, csv, mapping_json, payees_json.as_deref()).map_err(to_js_error)
}

/// The ready-made mappings as JSON text: `[{ "name", "kind", "description", "mapping" }]`.
#[wasm_bindgen(js_name = importPresets)]
pub fn import_presets() -> String {
    presets::presets_json()
}
