//! The golden checker of spm-engine: every golden file of `tests/golden/<area>/*.json` run through
//! the engine and compared with its expectation, by one set of rules (`rules`) that the JS port
//! (`tests/js/golden.mjs`) enforces too.
//!
//! A golden file is one JSON object:
//!
//! - `area`: the folder it lives in, which names the engine call (`areas::AREAS`);
//! - `description`: what it shows;
//! - `source`: where the expected numbers come from (worked by hand, read off a file, or engine
//!   output checked for plausibility, said plainly);
//! - `workings` (optional): the hand calculation, line by line;
//! - `input`: the engine call's arguments (for payout `{ plan, payees, transactions, rates? }`,
//!   for quota the quota plan itself; see `areas`);
//! - `expect`: a part of the result, matched by `rules`. A call that fails has the result
//!   `{ "error": { "code", "message", "diagnostics" } }`, so an expected error is written the
//!   same way.
//!
//! `tests/golden.rs` runs every file natively and writes each result's canonical text to
//! `target/golden-native/<area>/<name>.out`; `tests/js/golden.test.mjs` runs every file through
//! the wasm build's JS API, checks it with the JS port, and requires its canonical text to equal
//! the native one byte for byte.

pub mod areas;
pub mod rules;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::Value;
use spm_analytics::estimate::Estimator;
use spm_wire::api;
use std::path::{Path, PathBuf};

pub use rules::{canonical, mismatches};

/// A golden file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Golden {
    /// The area, which is also the file's folder.
    pub area: String,
    /// What the file shows.
    pub description: String,
    /// Where the expected numbers come from.
    pub source: String,
    /// The hand calculation, line by line.
    #[serde(default)]
    pub workings: Vec<String>,
    /// The engine call's arguments, as written in the file.
    pub input: Box<RawValue>,
    /// The expected part of the result.
    pub expect: Value,
}

/// A golden file run: the result (absent when the file itself is at fault) and every problem.
#[derive(Debug)]
pub struct Outcome {
    /// The engine's result, or `{ "error": ... }`.
    pub result: Option<Value>,
    /// Problems of the file, then every mismatch with its path.
    pub failures: Vec<String>,
}

/// Runs one golden file's text natively and checks its result.
pub fn check(text: &str) -> Outcome {
    let g: Golden = match serde_json::from_str(text) {
        Ok(g) => g,
        Err(e) => return Outcome { result: None, failures: vec![format!("the golden file is invalid: {e}")] },
    };
    let mut failures = Vec::new();
    for (field, value) in [("description", &g.description), ("source", &g.source)] {
        if value.trim().is_empty() {
            failures.push(format!("the golden file's {field} is empty"));
        }
    }
    match areas::run(&g.area, &g.input) {
        Ok(result) => {
            failures.extend(mismatches(&g.expect, &result));
            Outcome { result: Some(result), failures }
        }
        Err(e) => {
            failures.push(e);
            Outcome { result: None, failures }
        }
    }
}

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `tests/golden/`.
pub fn golden_dir() -> PathBuf {
    root().join("tests/golden")
}

/// Where `tests/golden.rs` writes the native results: `target/golden-native/` of this checkout
/// (whatever `CARGO_TARGET_DIR` says, so that worktrees sharing a target directory do not read
/// each other's results).
pub fn native_dir() -> PathBuf {
    root().join("target/golden-native")
}

/// Every golden file as `(area folder, name, path)`, sorted.
///
/// # Errors
/// When `tests/golden/` or a folder in it cannot be read.
pub fn files() -> std::io::Result<Vec<(String, String, PathBuf)>> {
    let mut out = Vec::new();
    for dir in std::fs::read_dir(golden_dir())? {
        let dir = dir?.path();
        if !dir.is_dir() {
            continue;
        }
        let area = dir.file_name().unwrap_or_default().to_string_lossy().to_string();
        for f in std::fs::read_dir(&dir)? {
            let p = f?.path();
            if p.extension().is_some_and(|e| e == "json") {
                let name = p.file_stem().unwrap_or_default().to_string_lossy().to_string();
                out.push((area.clone(), name, p));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// FNV-1a 64 of a file's bytes, as 16 hex digits: the native result names the golden file text
/// it came from, so a stale result is told apart from a wasm one that differs.
pub fn digest(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
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
