//! Runs every golden scenario in tests/scenarios/ natively through `spec::scenario::check`.
#![cfg(not(target_arch = "wasm32"))]

use spm_testkit::check;

#[test]
fn golden_scenarios_pass_natively() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "expected the golden scenarios in {dir:?}");
    let mut failures = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        failures.extend(check(&text).into_iter().map(|m| format!("{}: {m}", f.display())));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
