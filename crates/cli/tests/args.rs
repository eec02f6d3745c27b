//! The `spm` command line: usage errors exit 2 with a message that names the fix, `--name=value`
//! works, help exits 0.

use std::process::{Command, Output};

fn spm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_spm")).args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_misspelt_option_is_a_usage_error_with_a_suggestion() {
    let o = spm(&["payout", "--plna", "p.json", "--transactions", "t.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("'--plna'") && stderr(&o).contains("'--plan'"), "{}", stderr(&o));
}

#[test]
fn a_missing_option_and_a_bad_value_are_usage_errors() {
    let o = spm(&["payout", "--plan", "p.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--transactions"), "{}", stderr(&o));
    let o = spm(&["payout", "--plan", "p.json", "--transactions", "t.csv", "--detail", "short"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("full") && stderr(&o).contains("summary"), "{}", stderr(&o));
    let o = spm(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn an_unreadable_file_is_a_usage_error_naming_it() {
    let o = spm(&["validate", "/nonexistent/plan.json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("cannot read /nonexistent/plan.json"), "{}", stderr(&o));
}

#[test]
fn options_take_the_equals_form_and_help_exits_zero() {
    let dir = std::env::temp_dir().join(format!("spm-args-{}", std::process::id()));
    let out = format!("--out={}", dir.display());
    assert!(spm(&["sample", &out]).status.success());
    let plan = format!("--plan={}", dir.join("plan-1.json").display());
    let txns = format!("--transactions={}", dir.join("transactions.csv").display());
    let payees = format!("--payees={}", dir.join("payees.json").display());
    let o = spm(&["payout", &plan, &txns, &payees, "--detail=summary", "--format=compact"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["schemaVersion"], 1);
    let help = spm(&["--help"]);
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("payout"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// The sample company's files in a fresh folder.
fn sample_dir(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("spm-args-{tag}-{}", std::process::id()));
    let out = format!("--out={}", dir.display());
    assert!(spm(&["sample", &out]).status.success());
    dir
}

#[test]
fn a_repeated_option_is_a_usage_error_naming_it() {
    let o = spm(&["payout", "--plan", "a.json", "--plan", "b.json", "--transactions", "t.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("'--plan <PLAN.json>' cannot be used multiple times"), "{}", stderr(&o));
    let o = spm(&["payout", "--detail", "full", "--plan", "a.json", "--transactions", "t.csv", "--detail=summary"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("'--detail <DETAIL>' cannot be used multiple times"), "{}", stderr(&o));
}

#[test]
fn a_bare_detail_is_a_usage_error() {
    let dir = sample_dir("detail");
    let plan = dir.join("plan-1.json").display().to_string();
    let txns = dir.join("transactions.csv").display().to_string();
    for tail in [&["--detail"][..], &["--detail", "--format", "compact"], &["--detail="]] {
        let mut args = vec!["payout", "--plan", &plan, "--transactions", &txns];
        args.extend_from_slice(tail);
        let o = spm(&args);
        assert_eq!(o.status.code(), Some(2), "{tail:?}");
        assert!(stderr(&o).contains("a value is required for '--detail <DETAIL>'"), "{}", stderr(&o));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The error JSON the CLI prints on stderr for invalid input.
#[cfg(unix)]
fn error_json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stderr).unwrap_or_else(|e| panic!("{e}: {}", stderr(o)))
}

#[cfg(unix)]
#[test]
fn an_endless_file_stops_at_the_limit_with_limit_exceeded_naming_it() {
    // A plan stops after 4 MiB and a day's data after 512 MiB, instead of reading forever.
    let o = spm(&["validate", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let d: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(d[0]["code"], "LIMIT_EXCEEDED");
    assert_eq!(d[0]["path"], "/dev/zero");
    assert!(d[0]["message"].as_str().unwrap().contains("above the limit of 4194304"), "{d}");
    let dir = sample_dir("zero");
    let plan = dir.join("plan-1.json").display().to_string();
    let txns = dir.join("transactions.csv").display().to_string();
    let o = spm(&["payout", "--plan", "/dev/zero", "--transactions", &txns]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(error_json(&o)["error"]["code"], "LIMIT_EXCEEDED");
    let o = spm(&["payout", "--plan", &plan, "--transactions", "/dev/zero"]);
    assert_eq!(o.status.code(), Some(1));
    let e = error_json(&o);
    assert_eq!(e["error"]["code"], "LIMIT_EXCEEDED");
    assert_eq!(e["error"]["diagnostics"][0]["path"], "/dev/zero");
    assert!(e["error"]["message"].as_str().unwrap().contains("above the limit of 536870912"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn json_files_with_a_byte_order_mark_are_read() {
    let dir = sample_dir("bom");
    let bom = |name: &str| {
        let path = dir.join(name);
        let text = std::fs::read_to_string(&path).unwrap();
        let marked = dir.join(format!("bom-{name}"));
        std::fs::write(&marked, format!("\u{feff}{text}")).unwrap();
        marked.display().to_string()
    };
    let (plan, payees, txns) = (bom("plan-1.json"), bom("payees.json"), bom("transactions.csv"));
    let o = spm(&["validate", &plan]);
    assert!(o.status.success(), "{}", stderr(&o));
    let plain = spm(&[
        "payout",
        "--plan",
        &dir.join("plan-1.json").display().to_string(),
        "--transactions",
        &dir.join("transactions.csv").display().to_string(),
        "--payees",
        &dir.join("payees.json").display().to_string(),
        "--format=compact",
    ]);
    let o = spm(&["payout", "--plan", &plan, "--transactions", &txns, "--payees", &payees, "--format=compact"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(o.stdout, plain.stdout);
    let _ = std::fs::remove_dir_all(&dir);
}
