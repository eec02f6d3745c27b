//! Spreadsheets at the JS boundary (issue 20), a build of their own (feature "spreadsheets",
//! pkg/spreadsheets/): `xlsxSheets` reads every worksheet of an `.xlsx` workbook into CSV the
//! importers read, `xlsxFromTables` writes CSV tables as a workbook. The zip and spreadsheet
//! code is most of a megabyte of wasm, so only the pages and workers that open or save a
//! workbook load it (www/lib/spreadsheets.js), and the app build stays without it.

use super::{args, to_js, to_js_error};
use spm_wire::api_import as api;
use wasm_bindgen::prelude::*;

/// Every worksheet of an `.xlsx` workbook as CSV that `importCsv` reads: `[{ name, csv, rows,
/// warnings }]` in tab order; `warnings` are the error cells read as empty (`Sheet1!C7`).
#[wasm_bindgen(js_name = xlsxSheets, unchecked_return_type = "XlsxSheet[]")]
pub fn xlsx_sheets(#[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: JsValue) -> Result<JsValue, JsValue> {
    let bytes = args::bytes(&bytes, "bytes")?;
    to_js(&api::xlsx_sheets(&bytes).map_err(to_js_error)?)
}

/// An `.xlsx` workbook with one worksheet per table (header bold and frozen; cells as text or
/// numbers, never formulas), as bytes to download.
#[wasm_bindgen(js_name = xlsxFromTables)]
pub fn xlsx_from_tables(
    #[wasm_bindgen(unchecked_param_type = "XlsxTable[] | string")] tables: JsValue,
) -> Result<js_sys::Uint8Array, JsValue> {
    let tables = args::document(&tables, "tables", args::Shape::Array, "an array of { name, csv } or its JSON text")?;
    let bytes = api::xlsx_from_tables(&tables).map_err(to_js_error)?;
    Ok(js_sys::Uint8Array::from(bytes.as_slice()))
}
