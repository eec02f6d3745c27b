//! Fuzz regressions: every input saved under `tests/fuzz_regressions/<target>/` (a minimised
//! crash, timeout or out-of-memory that coverage-guided fuzzing found, see docs/fuzzing.md) runs
//! through the very entry point its fuzz target uses (`fuzz/src/entry.rs`, included here by
//! path), and must end in `Ok` or a coded error, never a panic, an `INTERNAL` error or a hang.

#[path = "../fuzz/src/entry.rs"]
mod entry;

use std::path::PathBuf;
use std::time::{Duration, Instant};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions")
}

/// Each saved input, with its target (the directory it sits in).
fn inputs() -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir()).expect("tests/fuzz_regressions exists") {
        let path = e.expect("entry").path();
        if !path.is_dir() {
            continue;
        }
        let target = path.file_name().expect("name").to_string_lossy().into_owned();
        assert!(entry::TARGETS.contains(&target.as_str()), "tests/fuzz_regressions/{target} names no fuzz target");
        for f in std::fs::read_dir(&path).expect("target dir") {
            out.push((target.clone(), f.expect("file").path()));
        }
    }
    out.sort();
    out
}

#[test]
fn every_saved_crash_input_now_ends_cleanly() {
    let all = inputs();
    assert!(!all.is_empty(), "the regression inputs are missing");
    for (target, path) in all {
        let data = std::fs::read(&path).expect("read input");
        let start = Instant::now();
        let outcome = std::panic::catch_unwind(|| entry::run(&target, &data));
        let name = path.display();
        assert!(outcome.is_ok(), "{name} still panics in {target}");
        // Debug build, shared CI machine: generous, but a hang would never finish.
        assert!(start.elapsed() < Duration::from_secs(60), "{name} took {:?} in {target}", start.elapsed());
    }
}

/// A tiny input per target keeps `entry.rs` compiling and running against the current API, so
/// the fuzz crate cannot silently drift from the engine.
#[test]
fn every_target_runs_on_a_small_input() {
    let cases: [(&str, &str); 15] = [
        ("plan_json", r#"{"schemaVersion":1}"#),
        ("formula", "if(flag, min(1, 2), 3) * x"),
        ("dataset_csv", "id,date,payeeId,amount\nt1,2026-01-05,r1,100.00\n"),
        ("dataset_json", r#"[{"id":"t1","date":"2026-01-05","payeeId":"r1","amount":"100.00"}]"#),
        ("import_csv", "tId,Date,Amount\n1,2026-01-05,100\n\0{\"preset\":\"spm\"}"),
        ("scalars", "$1,234.56"),
        ("ledger", "transactionId,kind,date,amount\n"),
        ("estimate", "\0[{\"amount\":\"1000.00\"}]"),
        ("design", "{}"),
        ("simulate", r#"{"trials":5}"#),
        ("quota", "{}"),
        ("territory", "{}"),
        ("forecast", "{}"),
        ("insight", r#"{"deals":[]}"#),
        ("scoring", "{}\0"),
    ];
    for (target, input) in cases {
        let _ = entry::run(target, input.as_bytes());
    }
    assert_eq!(entry::run("formula", b"1 +"), Err(spm_base::Code::FormulaSyntax));
    assert_eq!(entry::run("formula", b"2 * 3"), Ok(()));
}
