//! Tidy checks that keep the architecture's invariants true (after rust-analyzer's tidy tests):
//! the JS boundary stays in src/wasm/, every source file says what it is for, money code uses
//! no binary floats, non-test code does not unwrap, ARCHITECTURE.md lists every error code,
//! and every golden scenario also runs through wasm.
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

fn sources() -> Vec<(String, String)> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/");
            (rel, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// The part of a file before its `#[cfg(test)]` module.
fn non_test(text: &str) -> &str {
    text.split("#[cfg(test)]").next().unwrap_or(text)
}

#[test]
fn only_src_wasm_touches_the_js_boundary() {
    let banned = ["wasm_bindgen", "js_sys", "web_sys", "serde_wasm_bindgen"];
    for (path, text) in sources() {
        if path.starts_with("src/wasm/") {
            continue;
        }
        for b in banned {
            assert!(!text.contains(b), "{path} names {b}: only src/wasm/ may touch the JS boundary");
        }
    }
}

#[test]
fn every_source_file_starts_with_a_module_doc() {
    for (path, text) in sources() {
        assert!(text.starts_with("//!"), "{path} must start with a //! line saying what it is for");
    }
}

#[test]
fn no_binary_floats_in_money_code() {
    for (path, text) in sources() {
        let money_code = [
            "src/money.rs",
            "src/payout/",
            "src/plan/",
            "src/data/",
            "src/io/",
            "src/ledger/",
            "src/estimate/",
            "src/fx.rs",
        ]
        .iter()
        .any(|p| path.starts_with(p));
        if money_code {
            for (i, line) in non_test(&text).lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                assert!(!code.contains("f64") && !code.contains("f32"), "{path}:{}: binary float in money code", i + 1);
            }
        }
    }
}

#[test]
fn non_test_code_does_not_unwrap() {
    for (path, text) in sources() {
        for (i, line) in non_test(&text).lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            assert!(
                !code.contains(".unwrap()") && !code.contains(".expect("),
                "{path}:{}: unwrap/expect can panic on input, which kills the wasm module",
                i + 1
            );
        }
    }
}

#[test]
fn files_stay_small_enough_to_read() {
    for (path, text) in sources() {
        let n = text.lines().count();
        assert!(n <= 650, "{path} has {n} lines: split it (DESIGN.md: split at ~600)");
    }
}

#[test]
fn architecture_lists_every_error_code() {
    let arch = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    for c in spm_engine::Code::ALL {
        assert!(arch.contains(&format!("`{}`", c.as_str())), "ARCHITECTURE.md does not list error code {c}");
    }
}

#[test]
fn every_scenario_also_runs_through_wasm() {
    let wasm_tests = std::fs::read_to_string(root().join("tests/wasm.rs")).unwrap();
    for e in std::fs::read_dir(root().join("tests/scenarios")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().to_string();
        if name.ends_with(".json") {
            assert!(
                wasm_tests.contains(&format!("scenarios/{name}")),
                "tests/wasm.rs does not include scenarios/{name}"
            );
        }
    }
}
