//! The CRM import at the JS boundary: `importCsv` (a CRM export and a column mapping become our
//! canonical records and a report naming every row left out, as JSON text) and `importPresets`
//! (the ready-made mappings). Errors are thrown as `SpmError`s, like every other export.

use super::{args, to_js_error, PAYEES};
use spm_wire::io::presets;
use wasm_bindgen::prelude::*;

/// Reads a CRM export. `kind` is "transactions", "payees", "hierarchy" or "quotas"; `mapping` is
/// a `MappingDto` (such as `{"preset":"hubspot-deals"}`) or its JSON text; `payees` is the
/// payees (an array or its JSON text), needed
/// to match owner names (`payeeMatch: "name"`) and for hierarchy and quotas. Returns JSON text
/// `{ "records": [...], "report": { rows, imported, rejected, skipped, problems } }`: the records
/// are the transactions, or the payees (for hierarchy and quotas, the given payees with the
/// managers or quotas added). Throws an `SpmError` for a bad mapping or a file that cannot be read
/// at all (wrong delimiter, a mapped column missing); row problems are in the report.
#[wasm_bindgen(js_name = importCsv)]
pub fn import_csv(
    #[wasm_bindgen(unchecked_param_type = "string")] kind: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] csv: JsValue,
    #[wasm_bindgen(unchecked_param_type = "object | string")] mapping: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PayeeSpec[] | string | null")] payees: JsValue,
) -> Result<String, JsValue> {
    let kind = args::text(&kind, "kind", "\"transactions\", \"payees\", \"hierarchy\" or \"quotas\"")?;
    let csv = args::text(&csv, "csv", "a string (CSV text)")?;
    let mapping = args::document(&mapping, "mapping", args::Shape::Object, "a mapping object or its JSON text")?;
    let payees = args::opt_document(&payees, "payees", args::Shape::Array, PAYEES)?;
    spm_wire::api::import_json(&kind, &csv, &mapping, payees.as_deref()).map_err(to_js_error)
}

/// The ready-made mappings as JSON text: `[{ "name", "kind", "description", "mapping" }]`.
#[wasm_bindgen(js_name = importPresets)]
pub fn import_presets() -> String {
    presets::presets_json()
}
