//! The only JS boundary (feature `wasm`): exported classes and functions, and engine errors
//! turned into real JS `Error` objects with `name`, `code` and `diagnostics`.
//!
//! Inputs that can be large (transactions) cross as text and are parsed in Rust; plans and
//! payees may be given as objects, which are turned into JSON text with `JSON.stringify` so
//! that JS and native runs go through the very same parser. Results cross as plain objects
//! (serde-wasm-bindgen) or as JSON text.
//!
//! Every argument crosses as a `JsValue` and is checked by `args` before any work (an
//! `INVALID_ARGUMENT` error naming it), objects by `walk` before they are stringified; class
//! arguments and receivers are checked by www/lib/boundary.js (ARCHITECTURE.md, the binding).

use serde::Serialize;
#[cfg(any(feature = "estimator", feature = "leaderboard", feature = "spreadsheets"))]
use spm_base::error::Code;
use spm_base::error::DiagnosticDto;
use spm_base::error::Error;
#[cfg(feature = "app")]
use spm_core::data::Dataset as CoreDataset;
#[cfg(feature = "estimator")]
use spm_wire::api::{self, CompiledPlan};
use wasm_bindgen::prelude::*;

mod args;
#[cfg(feature = "app")]
mod bulk;
#[cfg(feature = "app")]
mod design;
#[cfg(feature = "estimator")]
mod estimate;
#[cfg(feature = "app")]
mod forecast;
#[cfg(feature = "generators")]
mod generators;
#[cfg(feature = "app")]
mod import;
#[cfg(feature = "app")]
mod insight;
#[cfg(feature = "app")]
mod ledger;
#[cfg(feature = "app")]
mod needs;
mod nulls;
#[cfg(feature = "app")]
mod quota;
#[cfg(any(feature = "app", feature = "generators"))]
mod sample;
#[cfg(feature = "leaderboard")]
mod scoring;
#[cfg(feature = "app")]
mod simulate;
#[cfg(feature = "spreadsheets")]
mod spreadsheets;
#[cfg(feature = "app")]
mod territory;
mod walk;
#[cfg(feature = "app")]
mod workspace;
#[cfg(feature = "app")]
mod xlsx_import;

#[cfg(feature = "app")]
pub use forecast::{forecast_json, forecast_pipeline, forecast_pipeline_json, forecast_sample, forecast_series};
#[cfg(feature = "app")]
pub use quota::{capacity_plan, quota_plan, quota_sample};
#[cfg(feature = "leaderboard")]
pub use scoring::ScoringModel;
#[cfg(feature = "app")]
pub use scoring::{scoring_sample, scoring_sample_defs, scoring_sample_roster};
#[cfg(feature = "app")]
pub use territory::{territory_sample, TerritoryModel};
#[cfg(feature = "app")]
pub use workspace::{
    accounts_for, quota_input_for, read_workspace, sample_workspace, scoring_input_for, territory_input_for,
};

/// The types the exported functions name in `unchecked_param_type`/`unchecked_return_type`:
/// generated from the DTOs' JSON Schemas by crates/typegen (`cargo run -p spm-typegen`).
#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("generated/types.ts");

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// The engine's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

#[cfg(feature = "estimator")]
/// Validates a plan (an object or JSON text) and returns every diagnostic. Never throws: an
/// argument of another kind is itself a diagnostic (`INVALID_ARGUMENT`).
#[wasm_bindgen(js_name = validatePlan, unchecked_return_type = "Diagnostic[]")]
pub fn validate_plan(#[wasm_bindgen(unchecked_param_type = "unknown")] plan: JsValue) -> JsValue {
    let diags = match args::document_text(&plan, "plan", args::Shape::Object, PLAN) {
        Ok(text) => api::validate_plan(&text),
        Err(e) => e.diagnostics,
    };
    let dtos: Vec<DiagnosticDto> = diags.iter().map(DiagnosticDto::from).collect();
    to_js(&dtos).unwrap_or(JsValue::NULL)
}

#[cfg(feature = "estimator")]
/// What a plan argument is, in messages.
pub(crate) const PLAN: &str = "a PlanSpec object or its JSON text";
#[cfg(feature = "app")]
/// What a payees argument is, in messages.
pub(crate) const PAYEES: &str = "an array of PayeeSpec or its JSON text";

#[cfg(feature = "app")]
/// The JSON Schema (draft 2020-12) of the plan format, as JSON text: for editors that complete and
/// check plans as they are typed. Validation (`validatePlan`) checks more than the schema can.
/// This is the checked-in copy, identical to the native `plan_schema()` output.
#[wasm_bindgen(js_name = planSchema)]
pub fn plan_schema() -> String {
    spm_wire::spec::schema::PLAN_SCHEMA_JSON.to_string()
}

#[cfg(feature = "app")]
/// The built-in sample company: two plans, about 50 payees and 20,000 transactions as CSV.
#[wasm_bindgen(js_name = sampleDataset, unchecked_return_type = "SampleDataset")]
pub fn sample_dataset() -> Result<JsValue, JsValue> {
    sample::sample_js(&spm_sample::generate())
}

#[cfg(feature = "estimator")]
/// A compiled plan, kept on the Rust side for many runs.
#[wasm_bindgen]
pub struct PlanEngine {
    compiled: CompiledPlan,
}

#[cfg(feature = "estimator")]
#[wasm_bindgen]
impl PlanEngine {
    /// Validates and compiles a plan; throws an `SpmError` listing every problem.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "PlanSpec | string")] plan: JsValue,
    ) -> Result<PlanEngine, JsValue> {
        let text = args::document(&plan, "plan", args::Shape::Object, PLAN)?;
        let compiled = api::compile_plan(&text).map_err(to_js_error)?;
        Ok(PlanEngine { compiled })
    }

    /// The plan id.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.compiled.plan.id.clone()
    }

    /// The plan name.
    #[wasm_bindgen(getter)]
    pub fn name(&self) -> String {
        self.compiled.plan.name.clone()
    }

    /// The plan currency code.
    #[wasm_bindgen(getter)]
    pub fn currency(&self) -> String {
        self.compiled.plan.head().map(|h| h.currency.code().to_string()).unwrap_or_default()
    }

    /// Warnings found when the plan was compiled.
    #[wasm_bindgen(getter, unchecked_return_type = "Diagnostic[]")]
    pub fn warnings(&self) -> JsValue {
        let dtos: Vec<DiagnosticDto> = self.compiled.warnings.iter().map(DiagnosticDto::from).collect();
        to_js(&dtos).unwrap_or(JsValue::NULL)
    }

    #[cfg(feature = "app")]
    /// Runs the plan over a dataset; returns the report as a plain object.
    #[wasm_bindgen(unchecked_return_type = "PayoutReport")]
    pub fn payout(&self, data: &Dataset) -> Result<JsValue, JsValue> {
        let report = api::run(&self.compiled, &data.inner).map_err(to_js_error)?;
        to_js(&report)
    }

    #[cfg(feature = "app")]
    /// Runs the plan over a dataset; returns the report as JSON text (byte-identical to the
    /// native CLI's compact output).
    #[wasm_bindgen(js_name = payoutJson)]
    pub fn payout_json(&self, data: &Dataset) -> Result<String, JsValue> {
        api::run_json(&self.compiled, &data.inner, spm_core::payout::Detail::Full).map_err(to_js_error)
    }

    #[cfg(feature = "app")]
    /// Runs this plan (the old one) and `other` (the new one) over the same dataset and returns
    /// what changes, `new − old`, per payee, period and component, as a plain object.
    #[wasm_bindgen(unchecked_return_type = "PlanDiff")]
    pub fn diff(&self, other: &PlanEngine, data: &Dataset) -> Result<JsValue, JsValue> {
        let diff = api::diff(&self.compiled, &other.compiled, &data.inner).map_err(to_js_error)?;
        to_js(&diff)
    }
}

#[cfg(feature = "app")]
/// Payees and transactions loaded once and kept on the Rust side.
#[wasm_bindgen]
pub struct Dataset {
    inner: CoreDataset,
}

#[cfg(feature = "app")]
#[wasm_bindgen]
impl Dataset {
    /// Loads transactions from CSV text (header `id,date,payeeId,amount[,product,type,customer]`).
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        #[wasm_bindgen(unchecked_param_type = "string")] transactions_csv: JsValue,
        #[wasm_bindgen(unchecked_param_type = "PayeeSpec[] | string")] payees: JsValue,
    ) -> Result<Dataset, JsValue> {
        let csv = args::text(&transactions_csv, "transactionsCsv", "a string (CSV text)")?;
        let payees = args::document(&payees, "payees", args::Shape::Array, PAYEES)?;
        let inner = api::load_csv(&csv, &payees).map_err(to_js_error)?;
        Ok(Dataset { inner })
    }

    /// Loads transactions from an array (or JSON text) of `TransactionSpec`.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "TransactionSpec[] | string")] transactions: JsValue,
        #[wasm_bindgen(unchecked_param_type = "PayeeSpec[] | string")] payees: JsValue,
    ) -> Result<Dataset, JsValue> {
        let expected = "an array of TransactionSpec or its JSON text";
        let txns = args::document(&transactions, "transactions", args::Shape::Array, expected)?;
        let payees = args::document(&payees, "payees", args::Shape::Array, PAYEES)?;
        let inner = api::load_json(&txns, &payees).map_err(to_js_error)?;
        Ok(Dataset { inner })
    }

    /// Number of transactions.
    #[wasm_bindgen(getter, js_name = transactionCount)]
    pub fn transaction_count(&self) -> usize {
        self.inner.transactions.len()
    }

    /// Number of payees.
    #[wasm_bindgen(getter, js_name = payeeCount)]
    pub fn payee_count(&self) -> usize {
        self.inner.payees.len()
    }
}

#[cfg(any(feature = "estimator", feature = "leaderboard", feature = "spreadsheets"))]
pub(crate) fn to_js<T: Serialize>(v: &T) -> Result<JsValue, JsValue> {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| to_js_error(Error::new(Code::Internal, e.to_string())))
}

/// An engine error as a real JS `Error`: `name` "SpmError", `code`, `diagnostics`.
pub(crate) fn to_js_error(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    err.set_name("SpmError");
    let diags: Vec<DiagnosticDto> = e.diagnostics.iter().map(DiagnosticDto::from).collect();
    let _ = js_sys::Reflect::set(&err, &"code".into(), &e.code.as_str().into());
    let diags = diags.serialize(&serde_wasm_bindgen::Serializer::json_compatible());
    let _ = js_sys::Reflect::set(&err, &"diagnostics".into(), &diags.unwrap_or_else(|_| js_sys::Array::new().into()));
    err.into()
}
