//! The native engine call of each area: a golden file's `input` in, the result as JSON out, through
//! the same Rust functions the wasm binding (`src/`) forwards to, so that the result is the one JS
//! gets from `www/lib/engine.js` (the JS port, `tests/js/golden.mjs`, makes the same calls there).
//! Arguments are passed as their text in the file, so both sides read the same bytes.

use serde_json::value::RawValue;
use serde_json::{Map, Value};
use spm_base::{Code, Error};
use spm_wire::api;
use std::collections::BTreeMap;

/// The areas, each a folder of `tests/golden/`, and the engine call of each.
pub const AREAS: &[(&str, &str)] = &[
    ("payout", "the payout report: `compilePlan(plan).payout(loadDatasetJson({ transactions, payees }))`, after `setRates(rates)`"),
    ("ledger", "`{ payout, ledger }`: the payout report and `PlanEngine.ledger(data, events, through).report()`"),
    ("estimate", "`{ estimate?, pipeline? }`: `compilePlan(plan).estimator(state)`'s `estimate(deals)` and `pipeline(pipeline)`"),
    ("quota", "`quotaPlan(input)`"),
    ("capacity", "`capacityPlan(input)`"),
    ("territory", "`{ initial, balanced? }`: `new TerritoryModel(model).result()`, then `.balance(balance)`"),
    ("scoring", "`new ScoringModel(defs, roster, events).report()`"),
    ("forecast", "`forecastSeries(input)`"),
    ("forecast_pipeline", "`forecastPipeline(input)`"),
    ("import", "`importCsv(kind, csv, mapping, payees)`, `csv` given as the text or its lines joined"),
    ("insight", "`compilePlan(plan).insights(loadDatasetJson({ transactions, payees }), opportunities, options)`"),
    ("simulate", "`compilePlan(plan).simulation(loadDatasetJson({ transactions, payees }), options).result()`"),
];

/// What went wrong with a golden file itself (not with the engine): an unknown area, a missing or
/// unknown argument.
pub type FileError = String;

/// Runs `input` through the engine call of `area`. An engine error is a result too:
/// `{ "error": { "code", "message", "diagnostics" } }`, as the JS port builds it from the
/// `SpmError` it catches.
///
/// # Errors
/// A problem of the file: an unknown area, a missing or unknown argument.
pub fn run(area: &str, input: &RawValue) -> Result<Value, FileError> {
    let engine = match area {
        "payout" => {
            let a = Args::new(input, &["plan", "payees", "transactions"], &["rates"])?;
            payout(&a)
        }
        "ledger" => {
            let a = Args::new(input, &["plan", "payees", "transactions"], &["rates", "events", "through"])?;
            let through: Option<String> = a
                .get("through")
                .map(serde_json::from_str)
                .transpose()
                .map_err(|e| format!("input.through is not a string: {e}"))?;
            ledger(&a, through.as_deref())
        }
        "estimate" => {
            let a = Args::new(input, &["plan"], &["state", "deals", "pipeline"])?;
            estimate(&a)
        }
        "quota" => spm_planning::quota::quota_plan_json(input.get()).and_then(to_value),
        "capacity" => spm_planning::quota::capacity_plan_json(input.get()).and_then(to_value),
        "territory" => {
            let a = Args::new(input, &["model"], &["balance"])?;
            territory(&a)
        }
        "scoring" => {
            let a = Args::new(input, &["defs", "events"], &["roster"])?;
            spm_scoring::Scoreboard::from_text(a.arg("defs"), a.get("roster"), a.arg("events"))
                .and_then(|s| s.report_json())
                .and_then(|t| parse(&t))
        }
        "forecast" => spm_analytics::forecast::forecast_json(input.get()).and_then(to_value),
        "forecast_pipeline" => spm_analytics::forecast::pipeline_json(input.get()).and_then(to_value),
        "import" => {
            let a = Args::new(input, &["kind", "csv", "mapping"], &["payees"])?;
            let kind: String =
                serde_json::from_str(a.arg("kind")).map_err(|e| format!("input.kind is not a string: {e}"))?;
            let csv = csv_text(a.arg("csv"))?;
            spm_wire::api::import_json(&kind, &csv, a.arg("mapping"), a.get("payees")).and_then(|t| parse(&t))
        }
        "insight" => {
            let a = Args::new(input, &["plan", "payees", "transactions", "opportunities"], &["options"])?;
            load(&a).and_then(|(plan, data)| {
                spm_analytics::insight::insights_json_text(&plan, &data, a.arg("opportunities"), a.get("options"))
                    .and_then(|t| parse(&t))
            })
        }
        "simulate" => {
            let a = Args::new(input, &["plan", "payees", "transactions", "options"], &[])?;
            load(&a).and_then(|(plan, data)| {
                spm_analytics::simulate::Simulation::from_json(&plan, &data, a.arg("options"))
                    .and_then(|mut s| parse(&s.result_json()))
            })
        }
        _ => {
            let names: Vec<&str> = AREAS.iter().map(|a| a.0).collect();
            return Err(format!("unknown area {area:?}: the areas are {}", names.join(", ")));
        }
    };
    Ok(engine.unwrap_or_else(|e| error_value(&e)))
}

/// An engine error as the JS port writes the `SpmError` it catches.
pub fn error_value(e: &Error) -> Value {
    let diagnostics: Vec<spm_base::error::DiagnosticDto> =
        e.diagnostics.iter().map(spm_base::error::DiagnosticDto::from).collect();
    serde_json::json!({ "error": { "code": e.code.as_str(), "message": e.message, "diagnostics": diagnostics } })
}

/// The named arguments of an area whose input is an object of them, each as its text in the file.
struct Args<'a> {
    map: BTreeMap<String, &'a RawValue>,
}

impl<'a> Args<'a> {
    fn new(input: &'a RawValue, required: &[&str], optional: &[&str]) -> Result<Args<'a>, FileError> {
        let map: BTreeMap<String, &'a RawValue> =
            serde_json::from_str(input.get()).map_err(|e| format!("input is not an object of arguments: {e}"))?;
        for k in map.keys() {
            if !required.contains(&k.as_str()) && !optional.contains(&k.as_str()) {
                let mut all = required.to_vec();
                all.extend(optional);
                return Err(format!("input.{k} is no argument of this area (it takes {})", all.join(", ")));
            }
        }
        if let Some(k) = required.iter().find(|k| !map.contains_key(**k)) {
            return Err(format!("input.{k} is missing"));
        }
        Ok(Args { map })
    }

    /// An optional argument's text (`null` counts as absent, as JS passes it).
    fn get(&self, k: &str) -> Option<&'a str> {
        self.map.get(k).map(|r| r.get()).filter(|t| *t != "null")
    }

    /// A required argument's text.
    fn arg(&self, k: &str) -> &'a str {
        self.get(k).unwrap_or("null")
    }
}

/// A CSV file's text: a string, or (to keep a golden file readable) its lines, each with its line
/// break, which are joined as they are.
fn csv_text(raw: &str) -> Result<String, FileError> {
    match serde_json::from_str::<Value>(raw) {
        Ok(Value::String(s)) => Ok(s),
        Ok(Value::Array(lines)) => {
            lines.iter().map(|l| l.as_str().ok_or_else(|| "input.csv's lines must be strings".to_string())).collect()
        }
        _ => Err("input.csv must be the file's text or its lines".to_string()),
    }
}

fn internal(e: serde_json::Error) -> Error {
    Error::new(Code::Internal, e.to_string())
}

fn to_value<T: serde::Serialize>(v: T) -> spm_base::Result<Value> {
    serde_json::to_value(v).map_err(internal)
}

fn parse(text: &str) -> spm_base::Result<Value> {
    serde_json::from_str(text).map_err(internal)
}

fn load(a: &Args<'_>) -> spm_base::Result<(api::CompiledPlan, spm_core::data::Dataset)> {
    let plan = api::compile_plan(a.arg("plan"))?;
    let mut data = api::load_json(a.arg("transactions"), a.arg("payees"))?;
    if let Some(r) = a.get("rates") {
        api::set_rates(&mut data, r)?;
    }
    Ok((plan, data))
}

fn payout(a: &Args<'_>) -> spm_base::Result<Value> {
    let (plan, data) = load(a)?;
    to_value(api::run(&plan, &data)?)
}

fn ledger(a: &Args<'_>, through: Option<&str>) -> spm_base::Result<Value> {
    let (plan, data) = load(a)?;
    let report = to_value(api::run(&plan, &data)?)?;
    let ledger = to_value(api::ledger(&plan, &data, a.get("events").unwrap_or(""), through)?)?;
    let mut out = Map::new();
    out.insert("payout".into(), report);
    out.insert("ledger".into(), ledger);
    Ok(Value::Object(out))
}

fn estimate(a: &Args<'_>) -> spm_base::Result<Value> {
    let plan = api::compile_plan(a.arg("plan"))?;
    let estimator = crate::estimator(&plan, a.get("state").unwrap_or(""))?;
    let mut out = Map::new();
    if let Some(deals) = a.get("deals") {
        let deals = spm_analytics::estimate::parse_deals(deals)?;
        out.insert("estimate".into(), to_value(estimator.estimate_with(&deals, true)?)?);
    }
    if let Some(deals) = a.get("pipeline") {
        let deals = spm_analytics::estimate::parse_deals(deals)?;
        out.insert("pipeline".into(), to_value(estimator.pipeline(&deals)?)?);
    }
    Ok(Value::Object(out))
}

fn territory(a: &Args<'_>) -> spm_base::Result<Value> {
    let mut model = spm_planning::territory::Model::from_json(a.arg("model"))?;
    let mut out = Map::new();
    out.insert("initial".into(), to_value(model.result())?);
    if let Some(opts) = a.get("balance") {
        let opts: spm_planning::territory::dto::BalanceOptionsDto =
            spm_base::json::from_str(opts, "the balance options")?;
        out.insert("balanced".into(), to_value(model.balance(&opts)?)?);
    }
    Ok(Value::Object(out))
}
