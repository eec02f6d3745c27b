//! The `spm` command line shows a run's warnings on stderr (and still exits 0), and a refused
//! input's error with its code and path (exit 1): issue 19's silent surprises must reach a person
//! reading the terminal, not only the report's `warnings`.

use std::path::PathBuf;
use std::process::{Command, Output};

fn spm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_spm")).args(args).output().unwrap()
}

/// Writes `files` into a fresh folder of the target directory and returns their paths.
fn files(name: &str, files: &[(&str, &str)]) -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&dir).unwrap();
    files
        .iter()
        .map(|(f, body)| {
            let p = dir.join(f);
            std::fs::write(&p, body).unwrap();
            p.to_string_lossy().into_owned()
        })
        .collect()
}

const COMMISSION: &str = r#"{"id":"revenue","name":"Revenue","kind":"commission",
  "rateTable":{"mode":"marginal","base":"amount","evaluation":"running","tiers":[{"from":"0","to":null,"rate":"0.10"}]}}"#;

fn version(label: &str, from: &str, to: &str) -> String {
    format!(
        r#"{{"version":"{label}","effectiveFrom":"{from}","effectiveTo":"{to}","currency":"USD","period":"quarter",
        "rounding":{{"mode":"halfUp","at":"component"}},"components":[{COMMISSION}]}}"#
    )
}

#[test]
fn a_deal_outside_every_version_is_warned_about_on_stderr() {
    let plan = format!(
        r#"{{"schemaVersion":1,"id":"p","name":"P","versions":[{},{}]}}"#,
        version("h1", "2026-01-01", "2026-06-30"),
        version("h2", "2026-08-01", "2026-12-31")
    );
    let p = files(
        "cli-warnings",
        &[
            ("plan.json", &plan),
            ("payees.json", r#"[{"id":"ann","name":"Ann"}]"#),
            ("txns.csv", "id,date,payeeId,amount\nt1,2026-02-10,ann,100\nt2,2026-07-15,ann,200\n"),
        ],
    );
    for command in ["payout", "ledger"] {
        let o = spm(&[command, "--plan", &p[0], "--payees", &p[1], "--transactions", &p[2]]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{command}: {err}");
        assert!(
            err.contains("warning[OUTSIDE_VERSIONS] at transactions") && err.contains("\"t2\""),
            "{command}: {err}"
        );
    }
    let o = spm(&["diff", "--old", &p[0], "--new", &p[0], "--payees", &p[1], "--transactions", &p[2]]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.matches("OUTSIDE_VERSIONS").count(), 1, "the same warning once: {err}");
}

#[test]
fn a_repeated_transaction_id_is_an_error_naming_both_lines() {
    let plan = format!(
        r#"{{"schemaVersion":1,"id":"p","name":"P","currency":"USD","period":"quarter",
        "rounding":{{"mode":"halfUp","at":"component"}},"components":[{COMMISSION}]}}"#
    );
    let p = files(
        "cli-duplicate",
        &[("plan.json", &plan), ("txns.csv", "id,date,payeeId,amount\nt1,2026-02-10,ann,100\nt1,2026-03-15,ann,200\n")],
    );
    let o = spm(&["payout", "--plan", &p[0], "--transactions", &p[1]]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let v: serde_json::Value = serde_json::from_str(&err).unwrap();
    assert_eq!(v["error"]["code"], "ID_INVALID");
    assert_eq!(v["error"]["diagnostics"][0]["path"], "line 3, column id");
    assert!(v["error"]["diagnostics"][0]["message"].as_str().unwrap().contains("line 2, column id"), "{err}");
}
