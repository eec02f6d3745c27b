//! wasm-bindgen tests of determinism at scale (issue 10, item 4), run in Node by `wasm-pack test
//! --node -- --test wasm_random_plans`: the random plans and data sets of
//! `tests/common/random_plan.rs` go through the exported classes as JS would call them
//! (`new PlanEngine(plan)`, `Dataset.fromJson`, `setRates`, `payoutJson`, `payoutSummaryJson`),
//! and each report's FNV-1a 64 digest must equal the native one checked in at
//! `tests/random_plans/expected.txt` (written by `tests/random_plans.rs`): native == wasm byte
//! for byte. A few seeds compare the whole report text with the native one, for readable diffs.
#![cfg(target_arch = "wasm32")]

#[path = "common/random_plan.rs"]
mod random_plan;

use spm_engine::{Dataset, PlanEngine};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

const EXPECTED: &str = include_str!("random_plans/expected.txt");

const FULL_TEXT: &[(u64, &str)] = &[
    (26, include_str!("random_plans/seed_26.json")),
    (67, include_str!("random_plans/seed_67.json")),
    (95, include_str!("random_plans/seed_95.json")),
];

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// JSON text as a string argument, or (`object`) as the object `JSON.parse` makes of it, which
/// the boundary turns back into text with `JSON.stringify`.
fn arg(text: &str, object: bool) -> JsValue {
    if object {
        js_sys::JSON::parse(text).unwrap()
    } else {
        JsValue::from_str(text)
    }
}

/// The full and summary report texts of `seed` through the exported classes.
fn run(seed: u64) -> (String, String) {
    let case = random_plan::case(seed);
    let object = seed % 2 == 1;
    let engine = PlanEngine::new(arg(&case.plan, object)).unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
    let mut data = Dataset::from_json(arg(&case.transactions, object), arg(&case.payees, object))
        .unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
    if !case.rates.is_empty() {
        data.set_rates(arg(&case.rates, object)).unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
    }
    let full = engine.payout_json(&data).unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
    let summary = engine.payout_summary_json(&data).unwrap_or_else(|e| panic!("seed {seed}: {e:?}"));
    (full, summary)
}

#[wasm_bindgen_test]
fn every_seed_gives_the_native_digests() {
    let mut seen = 0;
    let mut failures = Vec::new();
    for line in EXPECTED.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let (seed, want) = line.split_once(' ').unwrap();
        let seed: u64 = seed.parse().unwrap();
        let (full, summary) = run(seed);
        let got = format!("{:016x} {:016x}", fnv1a(full.as_bytes()), fnv1a(summary.as_bytes()));
        if got != want {
            failures.push(format!("seed {seed}: wasm {got}, native {want}"));
        }
        seen += 1;
    }
    assert_eq!(seen, 300, "the digest file lists {seen} seeds");
    assert!(failures.is_empty(), "{} seeds differ:\n{}", failures.len(), failures.join("\n"));
}

/// 200 bytes either side of `at`, widened to character boundaries.
fn around(s: &str, at: usize) -> &str {
    let mut from = at.saturating_sub(200).min(s.len());
    let mut to = (at + 200).min(s.len());
    while !s.is_char_boundary(from) {
        from -= 1;
    }
    while !s.is_char_boundary(to) {
        to += 1;
    }
    &s[from..to]
}

#[wasm_bindgen_test]
fn a_few_seeds_give_the_native_report_text() {
    for (seed, want) in FULL_TEXT {
        let got = run(*seed).0;
        if got != *want {
            let at = got.bytes().zip(want.bytes()).position(|(a, b)| a != b).unwrap_or(got.len().min(want.len()));
            panic!(
                "seed {seed}: the reports differ at byte {at}:\nwasm:   {}\nnative: {}",
                around(&got, at),
                around(want, at)
            );
        }
    }
}
