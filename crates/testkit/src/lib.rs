//! Golden scenarios: a plan, payees, transactions and the hand-worked expected results in one
//! JSON file. `check` runs one through the engine and lists every mismatch; the native tests,
//! the wasm tests and (by the same rules, in JS) the JS API tests all use these files.
//!
//! Matching rules: `expected` is a subset of the report. Objects match key by key; statements
//! are found by `payeeId` + `period`, components by `componentId`, ledgers by `payeeId`, ledger
//! period summaries by `period` and accounting months by `month`; `explanation` lists match
//! when every expected sentence appears in the actual list; other arrays (tiers, lines) must
//! have the same length and match element by element. Scalars compare as exact strings.

use serde::Deserialize;
use serde_json::Value;
use spm_analytics::estimate as est_api;
use spm_analytics::estimate::Estimator;
use spm_wire::api;

/// A scenario file.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scenario {
    /// Short name.
    pub name: String,
    /// What it shows.
    pub description: String,
    /// The hand calculation, line by line.
    pub workings: Vec<String>,
    /// Plan JSON.
    pub plan: Value,
    /// Payees array.
    pub payees: Value,
    /// Transactions array.
    pub transactions: Value,
    /// Expected subset of the report.
    pub expected: Value,
    /// Ledger events (cancellations, refunds, invoices, payments, terminations).
    #[serde(default)]
    pub events: Option<Value>,
    /// Exchange rates.
    #[serde(default)]
    pub rates: Option<Value>,
    /// Last period the ledger closes.
    #[serde(default)]
    pub through: Option<String>,
    /// Expected subset of the ledger report.
    #[serde(default)]
    pub expected_ledger: Option<Value>,
    /// An estimate: `{ "state": {...}, "deals": [...], "pipeline": [...] }` (docs/estimate.md).
    #[serde(default)]
    pub estimate: Option<Value>,
    /// Expected subset of the estimate of `estimate.deals`.
    #[serde(default)]
    pub expected_estimate: Option<Value>,
    /// Expected subset of the pipeline estimate of `estimate.pipeline`.
    #[serde(default)]
    pub expected_pipeline: Option<Value>,
}

/// Runs a scenario file and returns every mismatch (empty when it passes).
pub fn check(text: &str) -> Vec<String> {
    let s: Scenario = match serde_json::from_str(text) {
        Ok(s) => s,
        Err(e) => return vec![format!("scenario file is invalid: {e}")],
    };
    let loaded = api::compile_plan(&s.plan.to_string()).and_then(|plan| {
        let mut data = api::load_json(&s.transactions.to_string(), &s.payees.to_string())?;
        if let Some(r) = &s.rates {
            api::set_rates(&mut data, &r.to_string())?;
        }
        Ok((plan, data))
    });
    let mut out = Vec::new();
    if let (Some(expected), Ok((plan, data))) = (&s.expected_ledger, &loaded) {
        let events = s.events.as_ref().map_or_else(String::new, Value::to_string);
        match api::ledger(plan, data, &events, s.through.as_deref()).and_then(|l| {
            serde_json::to_value(l).map_err(|e| spm_base::Error::new(spm_base::Code::Internal, e.to_string()))
        }) {
            Ok(actual) => subset(expected, &actual, &format!("{} ledger", s.name), &mut out),
            Err(e) => out.push(format!("{}: ledger error {e}", s.name)),
        }
    }
    if let (Some(est), Ok((plan, _))) = (&s.estimate, &loaded) {
        check_estimate(&s, est, plan, &mut out);
    }
    let report = loaded.and_then(|(plan, data)| {
        api::run(&plan, &data).and_then(|r| {
            serde_json::to_value(r).map_err(|e| spm_base::Error::new(spm_base::Code::Internal, e.to_string()))
        })
    });
    let actual = match report {
        Ok(v) => v,
        Err(e) => return vec![format!("{}: engine error {e}", s.name)],
    };
    subset(&s.expected, &actual, &s.name, &mut out);
    out
}

fn check_estimate(s: &Scenario, est: &Value, plan: &api::CompiledPlan, out: &mut Vec<String>) {
    let internal = |e: serde_json::Error| spm_base::Error::new(spm_base::Code::Internal, e.to_string());
    let state = est.get("state").map_or_else(String::new, Value::to_string);
    let estimator = match estimator(plan, &state) {
        Ok(e) => e,
        Err(e) => return out.push(format!("{}: estimator error {e}", s.name)),
    };
    let run = |key: &str, pipeline: bool| -> spm_base::Result<Value> {
        let deals = est_api::parse_deals(&est.get(key).map_or_else(|| "[]".to_string(), Value::to_string))?;
        if pipeline {
            serde_json::to_value(estimator.pipeline(&deals)?).map_err(internal)
        } else {
            serde_json::to_value(estimator.estimate(&deals)?).map_err(internal)
        }
    };
    for (expected, key, pipeline) in [(&s.expected_estimate, "deals", false), (&s.expected_pipeline, "pipeline", true)]
    {
        if let Some(expected) = expected {
            match run(key, pipeline) {
                Ok(actual) => subset(expected, &actual, &format!("{} {key}", s.name), out),
                Err(e) => out.push(format!("{}: estimate error {e}", s.name)),
            }
        }
    }
}

fn key_of(v: &Value) -> Option<String> {
    match (v.get("payeeId"), v.get("period"), v.get("componentId")) {
        (Some(p), Some(per), _) => Some(format!("{p}/{per}")),
        (Some(p), None, _) => match v.get("transactionId") {
            Some(t) => Some(format!("{p}/{t}")),
            None => Some(p.to_string()),
        },
        // Ledger entries (with a kind) are matched in order; period summaries by period.
        (None, Some(per), _) if v.get("kind").is_none() => Some(per.to_string()),
        // Accounting months (company totals, asset rows) by month.
        (None, None, None) if v.get("month").is_some() && v.get("transactionId").is_none() => {
            v.get("month").map(Value::to_string)
        }
        (_, _, Some(c)) => Some(c.to_string()),
        _ => None,
    }
}

fn subset(expected: &Value, actual: &Value, path: &str, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let p = format!("{path}.{k}");
                match a.get(k) {
                    None => out.push(format!("{p}: missing in report")),
                    Some(av) if k == "explanation" => {
                        for line in ev.as_array().into_iter().flatten() {
                            if !av.as_array().is_some_and(|l| l.contains(line)) {
                                out.push(format!("{p}: no line {line} in {av}"));
                            }
                        }
                    }
                    Some(av) => subset(ev, av, &p, out),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            let keyed = e.first().and_then(key_of).is_some();
            if keyed {
                for ev in e {
                    let k = key_of(ev);
                    match a.iter().find(|av| key_of(av) == k) {
                        Some(av) => subset(ev, av, &format!("{path}[{}]", k.unwrap_or_default()), out),
                        None => out.push(format!("{path}: no entry {}", k.unwrap_or_default())),
                    }
                }
            } else if e.len() != a.len() {
                out.push(format!("{path}: expected {} entries, found {}: {actual}", e.len(), a.len()));
            } else {
                for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                    subset(ev, av, &format!("{path}[{i}]"), out);
                }
            }
        }
        _ if expected == actual => {}
        _ => out.push(format!("{path}: expected {expected}, found {actual}")),
    }
}

/// An estimator from a state as JSON text: the state read by the wire format into a dataset,
/// then the estimator over it. The same two steps as the binding's `PlanEngine.estimator`.
///
/// # Errors
/// Located problems in the state; the plan's errors for the payee.
pub fn estimator(plan: &api::CompiledPlan, state: &str) -> spm_base::Result<Estimator> {
    let s = spm_wire::spec::estimate::read_state(state)?;
    Estimator::from_state(plan, s.data, s.payee_id, s.as_of)
}
