//! Declared limits on every input: sizes, nesting depth, formula length and evaluation steps,
//! tiers, components, transactions and payees. A bigger input is refused at the parser with a
//! located `LIMIT_EXCEEDED` error naming the limit and the actual value, never an out-of-memory
//! or a hang. docs/limits.md lists them with where each is enforced.
//!
//! The values sit far above what the engine is benchmarked on (1,000,000 transactions and
//! 1,000,000 scoring events must work) and below what a browser tab can hold: a 32-bit wasm
//! page has at most 4 GiB of memory and a JS string at most about 2^29 characters. Every limit is
//! declared here, once; the areas that enforce one re-export it under their own name.

use crate::error::{Code, Diagnostic, Error};
use serde_json::Value;

/// The largest data document (transactions, payees, events, opportunities, … as JSON or CSV),
/// in bytes: 512 MiB, about what one JS string can hold; 1,000,000 transactions take about
/// 60 MB of CSV or 110 MB of JSON.
pub const MAX_DOCUMENT_BYTES: usize = 512 * 1024 * 1024;
/// The largest `.xlsx` workbook read (`spm_wire::io::xlsx::sheets`), in bytes: 256 MiB. A workbook
/// is compressed (about a fifth of its CSV), so 1,000,000 deals take some 40 MB; the CSV each
/// sheet becomes is held to [`MAX_DOCUMENT_BYTES`] as well.
pub const MAX_XLSX_BYTES: usize = 256 * 1024 * 1024;
/// The most non-empty cells read from one worksheet: 20,000,000 (a million deals of twenty
/// columns). Checked as the cells stream in, so a small file that unpacks to a huge sheet stops
/// there instead of filling memory.
pub const MAX_XLSX_CELLS: usize = 20_000_000;
/// The largest plan document, in bytes: 4 MiB. The sample plans are under 10 KB.
pub const MAX_PLAN_BYTES: usize = 4 * 1024 * 1024;
/// The deepest JSON nesting accepted (levels of arrays and objects), in every JSON document:
/// serde_json refuses the 128th level (its recursion limit), reported as `LIMIT_EXCEEDED`.
pub const MAX_JSON_DEPTH: usize = 127;
/// The most tiers in one rate table.
pub const MAX_TIERS: usize = 1_000;
/// The most components in one plan version.
pub const MAX_COMPONENTS: usize = 500;
/// The most items in any other list of a plan (versions, measures, inputs, thresholds, goals,
/// modifiers, crediting rules, filter values, ramp months, …).
pub const MAX_PLAN_LIST: usize = 1_000;
/// The most transactions in one dataset (CSV rows or JSON records).
pub const MAX_TRANSACTIONS: usize = 10_000_000;
/// The most payees in one dataset.
pub const MAX_PAYEES: usize = 1_000_000;
/// The most plan periods one run covers, from the first transaction's period to the last one's:
/// 600 (50 years of months, 150 of quarters). Enforced by `payout::run`, before any statement.
pub const MAX_PERIODS: usize = 600;
/// The most statements one run may produce: payees on the plan × plan periods, 200,000 (8,000
/// payees over two years of months; the 1,000,000-deal benchmark makes 119,880; the payout
/// ledger re-books every statement, about 14 s natively at the limit). A small file
/// naming thousands of payees and deals decades apart must not become millions of statements
/// (found by the adversarial generator, `crates/sample/src/adversary.rs`). Enforced by
/// `payout::run`, before any statement.
pub const MAX_STATEMENTS: usize = 200_000;
/// The most columns in one CSV file (transactions, CRM exports, events).
pub const MAX_CSV_COLUMNS: usize = 1_000;

/// The most deals one insight run takes.
pub const MAX_INSIGHT_DEALS: usize = 200_000;
/// The longest text scored for sentiment, in characters: a deal note (`deals[i].notes[j].text`)
/// or the one text given to `sentiment()`. Scoring is linear in the text, and 10,000 characters
/// (a long e-mail) score in well under a millisecond.
pub const MAX_NOTE_CHARS: usize = 10_000;
/// The longest formula source accepted, in bytes.
pub const MAX_FORMULA_BYTES: usize = 4096;
/// The deepest formula nesting accepted: each parenthesis, call and prefix `-` or `not` adds a level.
pub const MAX_FORMULA_DEPTH: usize = 64;
/// The most formula nodes accepted: every literal, name, operator and call counts as one.
pub const MAX_FORMULA_NODES: usize = 2000;
/// The most arguments one formula call may take.
pub const MAX_FORMULA_ARGS: usize = 32;
/// The most evaluation steps one formula evaluation may take. Evaluation visits each node at most
/// once, so a parsed formula never reaches this; it is a second guard should that ever change.
pub const MAX_FORMULA_STEPS: usize = 4 * MAX_FORMULA_NODES;
/// The deepest nesting of a plan's measure: a weighted measure adds one level to the deepest
/// measure it reads, a formula measure its formula's depth (the height of its syntax tree).
/// The plan checker refuses a deeper measure, and a loop, with the measure's path; the payout
/// run stops at this many levels of measures too. It bounds the stack computing a measure needs
/// (tests/near_linear.rs in spm-wire runs the deepest on a 1 MiB stack, wasm's, in a debug build).
pub const MAX_MEASURE_DEPTH: usize = 128;
/// The most characters of one user-given text (an id, a column or field name, a value) quoted
/// in a diagnostic's path or message; the rest is cut and replaced by "…" (`error::clip`).
pub const MAX_QUOTED_CHARS: usize = 120;
/// The longest path, message or hint of one diagnostic, in characters: a second guard behind
/// [`MAX_QUOTED_CHARS`], applied by every `Diagnostic` and `Error` constructor.
pub const MAX_DIAGNOSTIC_CHARS: usize = 2_000;
/// The most nodes a quota plan may have.
pub const MAX_QUOTA_NODES: usize = 100_000;
/// The most accounts a territory plan may have.
pub const MAX_TERRITORY_ACCOUNTS: usize = 100_000;
/// The most territories a territory plan may have.
pub const MAX_TERRITORIES: usize = 1_000;
/// The most events a scoring model takes.
pub const MAX_SCORING_EVENTS: usize = 5_000_000;
/// The ceiling of a simulation's `maxTrials`.
pub const MAX_SIMULATION_TRIALS: usize = 1_000_000;
/// The most open deals a pipeline forecast takes.
pub const MAX_PIPELINE_DEALS: usize = 100_000;

/// The `LIMIT_EXCEEDED` diagnostic for `actual` items (or bytes) of `what` against `limit`.
pub fn diagnostic(path: impl Into<String>, what: &str, actual: usize, limit: usize, hint: &str) -> Diagnostic {
    Diagnostic::error(path, Code::LimitExceeded, format!("{what}: {actual} is above the limit of {limit}"), hint)
}

/// `Err(LIMIT_EXCEEDED)` when `actual` is above `limit`.
///
/// # Errors
/// `LIMIT_EXCEEDED` at `path`, naming the limit and the actual value.
pub fn check(path: &str, what: &str, actual: usize, limit: usize, hint: &str) -> crate::Result<()> {
    if actual > limit {
        return Err(Error::from_diagnostics(vec![diagnostic(path, what, actual, limit, hint)]));
    }
    Ok(())
}

/// `Err(LIMIT_EXCEEDED)` when `text` has more than `limit` characters. Counts characters only
/// when the byte length could exceed the limit, and then once: linear in the text.
///
/// # Errors
/// `LIMIT_EXCEEDED` at `path`, naming the limit and the number of characters.
pub fn check_chars(path: &str, what: &str, text: &str, limit: usize, hint: &str) -> crate::Result<()> {
    if text.len() <= limit {
        return Ok(());
    }
    check(path, what, text.chars().count(), limit, hint)
}

/// Refuses a data document longer than [`MAX_DOCUMENT_BYTES`] before parsing it.
///
/// # Errors
/// `LIMIT_EXCEEDED` at `$`.
pub fn check_document(text: &str, what: &str) -> crate::Result<()> {
    check(
        "$",
        &format!("{what} is too large (bytes)"),
        text.len(),
        MAX_DOCUMENT_BYTES,
        "split the data, for example by year, and load the parts one at a time",
    )
}

/// Every list of a plan document longer than its limit ([`MAX_TIERS`] for `tiers`,
/// [`MAX_COMPONENTS`] for `components`, [`MAX_PLAN_LIST`] otherwise), each at its JSON path.
/// Run on the parsed JSON before the plan is validated, so that no check ever sees more.
pub fn plan_lists(doc: &Value) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    walk(doc, "", &mut out);
    out
}

fn walk(v: &Value, path: &str, out: &mut Vec<Diagnostic>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                if let Value::Array(a) = x {
                    let (limit, what) = match k.as_str() {
                        "tiers" => (MAX_TIERS, "tiers in one rate table"),
                        "components" => (MAX_COMPONENTS, "components in one plan version"),
                        _ => (MAX_PLAN_LIST, "items in one list of a plan"),
                    };
                    if a.len() > limit {
                        out.push(diagnostic(
                            &p,
                            what,
                            a.len(),
                            limit,
                            "a plan this large is not meant to be: split it",
                        ));
                        continue;
                    }
                }
                walk(x, &p, out);
            }
        }
        Value::Array(a) => {
            if a.len() > MAX_PLAN_LIST {
                out.push(diagnostic(path, "items in one list of a plan", a.len(), MAX_PLAN_LIST, "split the plan"));
                return;
            }
            for (i, x) in a.iter().enumerate() {
                walk(x, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}
