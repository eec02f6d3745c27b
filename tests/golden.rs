//! Every golden file of `tests/golden/<area>/*.json` run natively through `spm_testkit::check`;
//! each result's canonical text goes to `target/golden-native/<area>/<name>.out` (first line the
//! golden file's digest), where `tests/js/golden.test.mjs` compares the wasm build's results with
//! it byte for byte.
#![cfg(not(target_arch = "wasm32"))]

use spm_testkit::{areas::AREAS, canonical, check, digest, files, native_dir};

#[test]
fn every_golden_file_passes_natively() {
    let files = files().unwrap();
    let out = native_dir();
    if out.exists() {
        std::fs::remove_dir_all(&out).unwrap();
    }
    let mut failures = Vec::new();
    for (area, name, path) in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let outcome = check(&text);
        let declared =
            serde_json::from_str::<serde_json::Value>(&text).ok().and_then(|v| v["area"].as_str().map(String::from));
        if declared.as_deref() != Some(area.as_str()) {
            failures.push(format!("{area}/{name}: the file's area is {declared:?}, its folder {area:?}"));
        }
        failures.extend(outcome.failures.iter().map(|m| format!("{area}/{name}: {m}")));
        if let Some(result) = &outcome.result {
            std::fs::create_dir_all(out.join(area)).unwrap();
            let body = format!("{}\n{}\n", digest(text.as_bytes()), canonical(result));
            std::fs::write(out.join(area).join(format!("{name}.out")), body).unwrap();
        }
    }
    for (area, _) in AREAS {
        if !files.iter().any(|f| f.0 == *area) {
            failures.push(format!("no golden file in tests/golden/{area}/"));
        }
    }
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}
