//! Importing as a person would, at the JS boundary (issue 20): the preset guessed from a header and a preview of the first
//! rows (`guessPreset`, `previewCsv`), the report's lines as CSV (`importReportCsv`), big deal
//! files imported as canonical CSV (`importDealsCsv`), and re-imports merged by id
//! (`mergePeople`, `mergeDeals`). Every argument is checked by `args` first; errors are thrown as
//! `SpmError`s. Spreadsheets are read and written by the separate spreadsheets build
//! (`src/spreadsheets.rs`).

use super::{args, to_js, to_js_error, PAYEES};
use spm_wire::api_import as api;
use spm_wire::io::{merge, presets};
use wasm_bindgen::prelude::*;

/// The most preview rows one call returns.
const MAX_PREVIEW_ROWS: usize = 10_000;

/// The presets that fit a header line, best first: `[{ name, kind, score, matched, missing }]`.
/// `kind` ("transactions", "payees", "hierarchy", "quotas") narrows them to one kind.
#[wasm_bindgen(js_name = guessPreset, unchecked_return_type = "PresetGuess[]")]
pub fn guess_preset(
    #[wasm_bindgen(unchecked_param_type = "string")] header: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "string | null")] kind: JsValue,
) -> Result<JsValue, JsValue> {
    let header = args::text(&header, "header", "a string (the file's header line)")?;
    let kind = args::opt_text(&kind, "kind", "\"transactions\", \"payees\", \"hierarchy\" or \"quotas\"")?;
    let kind = kind.as_deref().map(api::kind_name).transpose().map_err(to_js_error)?;
    to_js(&presets::guess(&header, kind))
}

/// The header and first `rows` data rows of CSV text, split as the importer splits them:
/// `{ delimiter, header, rows }`.
#[wasm_bindgen(js_name = previewCsv, unchecked_return_type = "CsvPreview")]
pub fn preview_csv(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] rows: JsValue,
) -> Result<JsValue, JsValue> {
    let text = args::text(&text, "text", "a string (CSV text)")?;
    let rows = args::count(&rows, "rows", MAX_PREVIEW_ROWS)?;
    to_js(&presets::preview(&text, rows).map_err(to_js_error)?)
}

/// An import report's `lines` as CSV text (`line,status,column,code,reason`, formula-safe), for
/// the data-quality download. `report` is the `report` of `importCsv` or `importDealsCsv`, or
/// its JSON text.
#[wasm_bindgen(js_name = importReportCsv)]
pub fn import_report_csv(
    #[wasm_bindgen(unchecked_param_type = "object | string")] report: JsValue,
) -> Result<String, JsValue> {
    let report = args::document(&report, "report", args::Shape::Object, "an import report or its JSON text")?;
    api::import_report_csv(&report).map_err(to_js_error)
}

/// Reads a deal export like `importCsv("transactions", …)` but returns `{ csv, report }`: the
/// deals as canonical transaction CSV for `Dataset.fromCsv`, so a million rows never become JS
/// objects.
#[wasm_bindgen(js_name = importDealsCsv, unchecked_return_type = "DealsCsv")]
pub fn import_deals_csv(
    #[wasm_bindgen(unchecked_param_type = "string")] csv: JsValue,
    #[wasm_bindgen(unchecked_param_type = "object | string")] mapping: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PayeeSpec[] | string | null")] payees: JsValue,
) -> Result<JsValue, JsValue> {
    let csv = args::text(&csv, "csv", "a string (CSV text)")?;
    let mapping = args::document(&mapping, "mapping", args::Shape::Object, "a mapping object or its JSON text")?;
    let payees = args::opt_document(&payees, "payees", args::Shape::Array, PAYEES)?;
    to_js(&api::import_deals_csv(&csv, &mapping, payees.as_deref()).map_err(to_js_error)?)
}

/// Merges re-imported people over the workspace's by id: `{ people, changes: { added, updated:
/// [{ id, fields }], unchanged } }`. Fields an incoming record leaves out keep their value;
/// quotas merge by component and period.
#[wasm_bindgen(js_name = mergePeople, unchecked_return_type = "MergedPeople")]
pub fn merge_people(
    #[wasm_bindgen(unchecked_param_type = "PayeeSpec[] | string")] existing: JsValue,
    #[wasm_bindgen(unchecked_param_type = "PayeeSpec[] | string")] incoming: JsValue,
) -> Result<JsValue, JsValue> {
    let existing = args::document(&existing, "existing", args::Shape::Array, PAYEES)?;
    let incoming = args::document(&incoming, "incoming", args::Shape::Array, PAYEES)?;
    to_js(&api::merge_people(&existing, &incoming).map_err(to_js_error)?)
}

/// Merges re-imported deals (canonical transaction CSV) over the workspace's by transaction id:
/// `{ csv, changes: { added, updated: [{ id, fields }], unchanged } }`, the existing deals first.
#[wasm_bindgen(js_name = mergeDeals, unchecked_return_type = "MergedDeals")]
pub fn merge_deals(
    #[wasm_bindgen(unchecked_param_type = "string")] existing_csv: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] incoming_csv: JsValue,
) -> Result<JsValue, JsValue> {
    let existing = args::text(&existing_csv, "existingCsv", "a string (canonical transaction CSV)")?;
    let incoming = args::text(&incoming_csv, "incomingCsv", "a string (canonical transaction CSV)")?;
    to_js(&merge::merge_deals(&existing, &incoming).map_err(to_js_error)?)
}
