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
