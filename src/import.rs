//! The CRM import at the JS boundary: `importCsv` (a CRM export and a column mapping become our
//! canonical records and a report naming every row left out, as JSON text) and `importPresets`
//! (the ready-made mappings). Errors are thrown as `SpmError`s, like every other export.

use super::to_js_error;
use serde::Serialize;
use spm_base::error::{Code, Error};
use spm_wire::io::import::{self, ImportReport};
use spm_wire::io::presets;
use spm_wire::spec::data::PayeeDto;
use spm_wire::spec::import::{parse_mapping, ImportReportDto, ImportedDto, Kind};
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
    import_json(kind, csv, mapping_json, payees_json.as_deref()).map_err(to_js_error)
}

/// The ready-made mappings as JSON text: `[{ "name", "kind", "description", "mapping" }]`.
#[wasm_bindgen(js_name = importPresets)]
pub fn import_presets() -> String {
    presets::presets_json()
}

fn import_json(kind: &str, csv: &str, mapping_json: &str, payees_json: Option<&str>) -> spm_base::Result<String> {
    let kind = Kind::parse(kind).ok_or_else(|| {
        let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
        Error::at(
            "kind",
            Code::WrongType,
            format!("{kind:?} is not a kind of import"),
            format!("use one of {}", kinds.join(", ")),
        )
    })?;
    let mapping = parse_mapping(mapping_json)?;
    let payees: Option<Vec<PayeeDto>> = payees_json.map(|p| spm_base::json::from_str(p, "the payees")).transpose()?;
    match kind {
        Kind::Transactions => {
            let r = import::import_transactions(csv, &mapping, payees.as_deref())?;
            to_json(&r.records, &r.report)
        }
        Kind::Payees => {
            let r = import::import_payees(csv, &mapping)?;
            to_json(&r.records, &r.report)
        }
        Kind::Hierarchy | Kind::Quotas => {
            let mut list = payees.ok_or_else(|| {
                Error::at("payees", Code::MissingField, format!("importing {kind} needs the payees"), "pass the payees")
            })?;
            let report = if kind == Kind::Hierarchy {
                import::import_hierarchy(csv, &mapping, &mut list)?
            } else {
                import::import_quotas(csv, &mapping, &mut list)?
            };
            to_json(&list, &report)
        }
    }
}

fn to_json<T: Serialize>(records: T, report: &ImportReport) -> spm_base::Result<String> {
    serde_json::to_string(&ImportedDto { records, report: ImportReportDto::from(report) })
        .map_err(|e| Error::new(Code::Internal, e.to_string()))
}
