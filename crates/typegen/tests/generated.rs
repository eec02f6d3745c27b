//! The checked-in TypeScript (src/generated/types.ts) is what the generator makes now, and it
//! declares every type the exported functions of the root package name.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::PathBuf;

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn checked_in_types_are_current() {
    let generated = spm_typegen::typescript().unwrap();
    let on_disk = std::fs::read_to_string(workspace().join(spm_typegen::OUTPUT)).unwrap_or_default();
    assert!(
        on_disk == generated,
        "{} is stale or missing: a DTO that crosses the JS boundary changed. Regenerate it with\n\n    {}\n",
        spm_typegen::OUTPUT,
        spm_typegen::COMMAND
    );
}

/// The type names in one `unchecked_…_type = "…"` string (`PayeeSpec[] | string` names `PayeeSpec`).
fn type_names(ts: &str) -> Vec<String> {
    ts.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(str::to_string)
        .collect()
}

/// JS built-in types an export may name (the bytes of `Dataset.fromCsvBytes`).
const JS_BUILTINS: [&str; 1] = ["Uint8Array"];

#[test]
fn every_type_an_export_names_is_declared() {
    let mut declared = spm_typegen::declared_names(&spm_typegen::typescript().unwrap());
    // The binding's own classes, which wasm-bindgen declares (a constructor that checks its class
    // arguments itself takes them as values typed `PlanEngine`, `Dataset`), and JS built-ins.
    declared.extend(JS_BUILTINS.iter().map(|s| s.to_string()));
    let mut used = BTreeSet::new();
    let mut attributes = 0;
    for entry in std::fs::read_dir(workspace().join("src")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        // Every public struct of the binding (src/) is one of its JS classes.
        for part in text.split("\npub struct ").skip(1) {
            declared.extend(part.split(|c: char| !c.is_ascii_alphanumeric()).next().map(str::to_string));
        }
        for part in text.split("unchecked_").skip(1) {
            let Some(rest) = part
                .strip_prefix("param_type = \"")
                .or_else(|| part.strip_prefix("return_type = \""))
                .or_else(|| part.strip_prefix("optional_param_type = \""))
            else {
                continue;
            };
            attributes += 1;
            let ts = rest.split('"').next().unwrap();
            used.extend(type_names(ts));
        }
    }
    assert!(attributes >= 60, "found only {attributes} unchecked_*_type attributes in src/");
    let missing: Vec<&String> = used.iter().filter(|n| !declared.contains(*n)).collect();
    assert!(missing.is_empty(), "src/ names types that src/generated/types.ts does not declare: {missing:?}");
}

#[test]
fn nothing_is_any_and_every_declaration_is_exported_once() {
    let ts = spm_typegen::typescript().unwrap();
    let code: String = ts
        .lines()
        .filter(|l| {
            !l.trim_start().starts_with("//") && !l.trim_start().starts_with('*') && !l.trim_start().starts_with("/**")
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!code.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| w == "any"), "the generated types use `any`");
    let names: Vec<&str> = ts
        .lines()
        .filter_map(|l| l.strip_prefix("export interface ").or_else(|| l.strip_prefix("export type ")))
        .collect();
    assert_eq!(names.len(), spm_typegen::declared_names(&ts).len(), "a name is declared twice");
    for name in ["PlanSpec", "PayeeSpec", "TransactionSpec", "EstimatorState", "PayoutReport", "Statement", "SpmError"]
    {
        assert!(spm_typegen::declared_names(&ts).contains(name), "{name} is not declared");
    }
}
