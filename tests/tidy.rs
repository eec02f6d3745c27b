//! Tidy checks that keep the architecture's invariants true (after rust-analyzer's tidy tests):
//! the JS boundary stays in the root package (`src/`), domain crates never depend on the wire
//! crate or on a wasm crate, every source file says what it is for, money code uses no binary
//! floats, non-test code does not unwrap, ARCHITECTURE.md lists every error code and every
//! crate, and every golden scenario also runs through wasm.
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

/// Every crate of the workspace but the root: (directory name, Cargo.toml text).
fn crates() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(root().join("crates"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("Cargo.toml").is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            (name, std::fs::read_to_string(p.join("Cargo.toml")).unwrap())
        })
        .collect();
    out.sort();
    out
}

/// The names in a manifest's `[dependencies]` table (not dev- or build-dependencies).
fn dependencies(manifest: &str) -> Vec<String> {
    let mut deps = Vec::new();
    let mut inside = false;
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            inside = line == "[dependencies]";
            continue;
        }
        if inside {
            if let Some((name, _)) = line.split_once(['=', '.']) {
                if !name.trim().is_empty() && !name.starts_with('#') {
                    deps.push(name.trim().to_string());
                }
            }
        }
    }
    deps
}

/// Crates that are the domain: they never depend on the wire format or on a JS crate.
const DOMAIN: [&str; 7] = ["base", "plan", "core", "sample", "planning", "scoring", "analytics"];

/// Crates over the wire format and the domain: tools over the whole engine.
const OVER_THE_WIRE: [&str; 3] = ["cli", "testkit", "typegen"];

#[test]
fn domain_crates_never_depend_on_the_wire_crate() {
    let crates = crates();
    assert!(crates.len() >= 9, "expected the workspace crates, found {}", crates.len());
    for (name, manifest) in &crates {
        let deps = dependencies(manifest);
        let js = ["wasm-bindgen", "js-sys", "web-sys", "serde-wasm-bindgen", "console_error_panic_hook"];
        for j in js {
            assert!(!deps.iter().any(|d| d == j), "crates/{name} depends on {j}: only the root package binds to JS");
        }
        let known = DOMAIN.contains(&name.as_str()) || OVER_THE_WIRE.contains(&name.as_str()) || name == "wire";
        assert!(
            known,
            "crates/{name} is new: add it to DOMAIN or OVER_THE_WIRE in tests/tidy.rs and to ARCHITECTURE.md"
        );
        if DOMAIN.contains(&name.as_str()) {
            assert!(
                !deps.iter().any(|d| d == "spm-wire"),
                "crates/{name} is a domain crate and must not depend on the wire format (deps: {deps:?})"
            );
        }
    }
}

#[test]
fn architecture_has_a_section_per_crate() {
    let arch = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    for (name, _) in crates() {
        assert!(arch.contains(&format!("crates/{name}")), "ARCHITECTURE.md has no section on crates/{name}");
    }
}

fn sources() -> Vec<(String, String)> {
    let mut files = Vec::new();
    rust_files(&root().join("src"), &mut files);
    for (name, _) in crates() {
        rust_files(&root().join("crates").join(name).join("src"), &mut files);
    }
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
fn only_the_root_package_touches_the_js_boundary() {
    let banned = ["wasm_bindgen", "js_sys", "web_sys", "serde_wasm_bindgen"];
    // The crates' own tests too: only the root package's tests/ may name the JS crates.
    let mut tests = Vec::new();
    for (name, _) in crates() {
        let dir = root().join("crates").join(&name).join("tests");
        if dir.is_dir() {
            rust_files(&dir, &mut tests);
        }
    }
    let tests = tests.into_iter().map(|p| {
        let rel = p.strip_prefix(root()).unwrap().to_string_lossy().replace('\\', "/");
        (rel, std::fs::read_to_string(&p).unwrap())
    });
    for (path, text) in sources().into_iter().chain(tests) {
        if path.starts_with("src/") {
            continue;
        }
        for b in banned {
            assert!(!text.contains(b), "{path} names {b}: only src/ (the binding) may touch the JS boundary");
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
            "crates/base/src/money.rs",
            "crates/core/src/",
            "crates/plan/src/",
            "crates/wire/src/io/",
            "crates/analytics/src/estimate/",
            "crates/wire/src/spec/ledger_report.rs",
        ]
        .iter()
        .any(|p| path.starts_with(p));
        // Spreadsheet cells are binary floats by the file format: io::xlsx turns them into
        // decimal text as they are read (15 significant digits) and writes a decimal as a float
        // only when it has at most 15 significant digits, so the float shows it exactly. No
        // money is computed there.
        let spreadsheet = ["crates/wire/src/io/xlsx.rs", "crates/wire/src/io/xlsx_write.rs"].contains(&path.as_str());
        if money_code && !spreadsheet {
            for (i, line) in non_test(&text).lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                assert!(!code.contains("f64") && !code.contains("f32"), "{path}:{}: binary float in money code", i + 1);
                assert!(
                    !code.contains("sum::<Decimal>()"),
                    "{path}:{}: Iterator::sum panics on overflow: use spm_base::money::sum (OVERFLOW)",
                    i + 1
                );
            }
        }
    }
}

/// Crates whose library code computes on money, and so denies unchecked decimal arithmetic.
const CHECKED_MONEY: [&str; 7] = ["base", "plan", "core", "wire", "analytics", "planning", "scoring"];

#[test]
fn money_crates_deny_unchecked_arithmetic() {
    // clippy.toml allows integers and floats (counts, indexes, statistics), so the lint catches
    // a `+ - * / %` on a decimal: money goes through spm_base::money (checked, OVERFLOW).
    let clippy = std::fs::read_to_string(root().join("clippy.toml")).unwrap();
    assert!(clippy.contains("arithmetic-side-effects-allowed"), "clippy.toml must allow only primitive arithmetic");
    assert!(!clippy.lines().any(|l| !l.starts_with('#') && l.contains("Decimal\"") && !l.contains("unary")));
    for name in CHECKED_MONEY {
        let lib = std::fs::read_to_string(root().join("crates").join(name).join("src/lib.rs")).unwrap();
        assert!(
            lib.contains("#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]"),
            "crates/{name}/src/lib.rs must deny clippy::arithmetic_side_effects in library code"
        );
    }
}

#[test]
fn sums_name_a_primitive_type() {
    // `Iterator::sum` of decimals panics on overflow, and the compiler cannot tell the element
    // type at a glance: every sum in the money crates names its (primitive) type, and decimals
    // are summed with spm_base::money::sum or money::Sum (checked, OVERFLOW).
    let primitive =
        ["u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize", "f32", "f64"];
    for (path, text) in sources() {
        let money = CHECKED_MONEY.iter().any(|c| path.starts_with(&format!("crates/{c}/src/")));
        if !money || path.ends_with("tests.rs") {
            continue;
        }
        for (i, line) in non_test(&text).lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for op in [".sum", ".product"] {
                let mut rest = code;
                while let Some(at) = rest.find(op) {
                    let after = &rest[at + op.len()..];
                    let ok = after
                        .strip_prefix("::<")
                        .and_then(|t| t.split_once(">()"))
                        .is_some_and(|(ty, _)| primitive.contains(&ty));
                    let word = after.starts_with("()") || after.starts_with("::<");
                    assert!(
                        !word || ok,
                        "{path}:{}: write {op}::<T>() with a primitive T; sum decimals with spm_base::money::sum",
                        i + 1
                    );
                    rest = after;
                }
            }
        }
    }
}

#[test]
fn non_test_code_does_not_unwrap() {
    for (path, text) in sources() {
        // A module's tests in a file of their own (`#[cfg(test)] mod tests;`) are test code.
        if path.ends_with("/tests.rs") {
            continue;
        }
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
        assert!(n <= 650, "{path} has {n} lines: split it (ARCHITECTURE.md: split at ~600)");
    }
}

#[test]
fn architecture_lists_every_error_code() {
    let arch = std::fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    for c in spm_base::Code::ALL {
        assert!(arch.contains(&format!("`{}`", c.as_str())), "ARCHITECTURE.md does not list error code {c}");
    }
}
