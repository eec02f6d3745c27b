//! Writes the seed corpora `fuzz/corpus/<target>/` from the repository's own golden files
//! (the inputs of tests/golden/<area>/*.json) and the engine's sample generators, in the input layout each target of `spm_engine_fuzz::entry` reads
//! (documents separated by NUL bytes). Run by scripts/fuzz.sh:
//! `cargo run --manifest-path fuzz/Cargo.toml --example seeds -- <repo root>`.

use serde_json::Value;
use std::path::{Path, PathBuf};

/// Seeds above this size only slow the fuzzer down (libFuzzer's max_len follows the corpus).
const MAX_SEED: usize = 48 * 1024;

struct Out {
    dir: PathBuf,
    count: usize,
}

impl Out {
    fn put(&mut self, target: &str, name: &str, parts: &[&str]) {
        let body = parts.join("\0");
        if body.len() > MAX_SEED {
            return;
        }
        let dir = self.dir.join(target);
        std::fs::create_dir_all(&dir).expect("corpus dir");
        let name: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
        std::fs::write(dir.join(format!("seed_{name}")), body).expect("write seed");
        self.count += 1;
    }
}

fn json_files(dir: &Path) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else { return out };
    let mut paths: Vec<PathBuf> = rd.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        if p.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&p).expect("read golden file");
            let v: Value = serde_json::from_str(&text).expect("golden file is JSON");
            let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            out.push((stem, v));
        }
    }
    out
}

/// The golden files of an area (`tests/golden/<area>/`), named by file.
fn golden(root: &Path, area: &str) -> Vec<(String, Value)> {
    json_files(&root.join("tests/golden").join(area))
}

fn s(v: &Value) -> String {
    serde_json::to_string(v).expect("serialise")
}

/// Every string under a key that holds a formula.
fn formulas(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                if let (true, Value::String(f)) = (matches!(k.as_str(), "formula" | "when" | "condition"), x) {
                    out.push(f.clone());
                }
                formulas(x, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| formulas(x, out)),
        _ => {}
    }
}

fn main() {
    let root = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "..".into()));
    let mut o = Out { dir: root.join("fuzz/corpus"), count: 0 };
    let sample = spm_sample::generate();
    let fixture_ids: std::collections::BTreeSet<String> = sample
        .transactions_csv
        .lines()
        .skip(1)
        .take(400)
        .filter_map(|l| l.split(',').next())
        .map(String::from)
        .collect();

    // Plans, datasets, estimates and formulas from the hand-worked scenarios.
    let mut fs = vec![
        "attainment(\"revenue\") >= 1.0 and nps < 30".to_string(),
        "if(flag, min(1, 2, label), -max(abs(-3), round(2.555, 2)))".into(),
        "clamp(x / 0, 0, 1) % 3 != 2 or not (a.b_c <= \"s\\\"t\")".into(),
        "((((1))))+-(-(2))*3.1415926535897932384626433832".into(),
        "refuse(1) + unknown(2) + missing".into(),
    ];
    for area in ["payout", "ledger", "estimate"] {
        for (name, v) in golden(root.as_path(), area) {
            let (input, name) = (&v["input"], format!("{area}_{name}"));
            let plan = s(&input["plan"]);
            o.put("plan_json", &name, &[&plan]);
            if input.get("transactions").is_some() {
                o.put("dataset_json", &name, &[&s(&input["transactions"]), &s(&input["payees"])]);
            }
            o.put("design", &name, &["{}", &plan, &sample.plans[0]]);
            if area == "estimate" {
                let deals = input.get("deals").or(input.get("pipeline")).map_or_else(|| "[]".to_string(), s);
                o.put("estimate", &name, &[&s(&input["state"]), &deals]);
            }
            formulas(&input["plan"], &mut fs);
        }
    }
    for (i, p) in sample.plans.iter().enumerate() {
        o.put("plan_json", &format!("sample{i}"), &[p]);
        formulas(&serde_json::from_str(p).expect("sample plan"), &mut fs);
    }
    fs.sort();
    fs.dedup();
    for (i, f) in fs.iter().enumerate() {
        o.put("formula", &format!("f{i}"), &[f]);
    }

    // Transactions CSV: the sample company's first deals, and every CRM file.
    let head: String = sample.transactions_csv.lines().take(40).flat_map(|l| [l, "\n"]).collect();
    o.put("dataset_csv", "sample_head", &[&head]);
    o.put("dataset_csv", "sample_head_payees", &[&head, &sample.payees]);
    o.put("dataset_csv", "splits", &["id,date,payeeId,amount,splits\nt1,2026-01-05,,100.00,r1:0.5;r2:0.5\n"]);
    let presets: Value = serde_json::from_str(&spm_wire::io::presets::presets_json()).expect("presets");
    let names: Vec<String> = match &presets {
        Value::Array(a) => a.iter().filter_map(|p| p.get("id").or(p.get("name"))?.as_str().map(String::from)).collect(),
        Value::Object(m) => m.keys().cloned().collect(),
        _ => Vec::new(),
    };
    for (stem, v) in golden(root.as_path(), "import") {
        let csv: String = v["input"]["csv"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        o.put("dataset_csv", &stem, &[&csv]);
        let kind = match stem.as_str() {
            "payees" => "p",
            "hierarchy" => "h",
            "quotas" => "q",
            _ => "t",
        };
        for n in &names {
            o.put("import_csv", &format!("{stem}_{n}"), &[&format!("{kind}{csv}"), &format!(r#"{{"preset":"{n}"}}"#)]);
        }
        o.put(
            "import_csv",
            &format!("{stem}_custom"),
            &[
                &format!("{kind}{csv}"),
                r#"{"columns":{"id":"Employee ID","name":"Full Name","role":"Title","managerId":"Manager ID","hireDate":"Start Date","currency":"Currency","targetIncentive":"Annual Target"},"dateFormat":"MM/DD/YYYY"}"#,
                "[]",
            ],
        );
    }

    // Scalars: what CRM exports write in amount, share and date cells.
    for (i, t) in [
        "1234.5",
        "-1,234.56",
        "$1,234.56",
        "USD 1,234.56",
        "(1,234.56)",
        "1 234,56",
        "1.234,56 €",
        "60%",
        "0.6",
        "2026-03-31",
        "3/31/2026 2:05 PM",
        "31.03.2026",
        "2026-03-31T14:05:00Z",
        "r1:0.5;r2:0.5",
        "2026-Q1",
        "2026-03",
        "2026-H1",
        "2026",
        "79228162514264337593543950335",
        "Great call, very excited!",
    ]
    .iter()
    .enumerate()
    {
        o.put("scalars", &format!("s{i}"), &[t]);
    }

    // Ledger: the sample company's events on the fixture's deals, and its rates.
    let mut ev = String::new();
    for (i, l) in sample.events_csv.lines().enumerate() {
        if i == 0 || l.split(',').next().is_some_and(|id| fixture_ids.contains(id)) {
            ev.push_str(l);
            ev.push('\n');
        }
    }
    o.put("ledger", "sample", &[&ev, &sample.rates_csv]);
    o.put("ledger", "sample_through", &[&ev, &sample.rates_csv, "2026-Q2"]);
    // Payee adjustments: contest prizes as spiffCsv writes them, and a JSON correction.
    let spiffs = "payeeId,date,amount,currency,reason\nr001,2026-03-31,500.00,USD,\"December dash, 1st place\"\nr002,2026-03-31,150.00,USD,\"'=2nd place\"\n";
    o.put("ledger", "spiffs", &[&ev, &sample.rates_csv, "", spiffs]);
    o.put(
        "ledger",
        "adjustment_json",
        &[
            "",
            "",
            "",
            r#"[{"payeeId":"r001","date":"2026-02-10","amount":"-120.50","kind":"adjustment","reason":"fix"}]"#,
        ],
    );
    o.put(
        "ledger",
        "json",
        &[
            r#"[{"transactionId":"t1","kind":"cancel","date":"2026-02-01"}]"#,
            r#"[{"from":"USD","to":"EUR","date":"2026-01-01","rate":"0.9"}]"#,
        ],
    );

    // Estimates for a payee of the fixture.
    o.put("estimate", "for_payee", &["", r#"[{"amount":"20000.00","probability":"0.5"}]"#, "r1", "2026-06-30"]);
    o.put("estimate", "one_deal", &["", r#"{"amount":"1000","date":"2026-02-01"}"#]);

    // Design and simulation options.
    o.put("design", "quota", &[r#"{"quota":"100000","targetIncentive":"20000"}"#]);
    o.put("simulate", "default", &["{}"]);
    o.put("simulate", "seeded", &[r#"{"schemaVersion":1,"seed":7,"trials":20}"#, "{}"]);

    // Planning: quotas and capacity, and territories.
    for (area, prefix) in [("quota", ""), ("capacity", "c")] {
        for (name, v) in golden(root.as_path(), area) {
            o.put("quota", &format!("{area}_{name}"), &[&format!("{prefix}{}", s(&v["input"]))]);
        }
    }
    o.put("quota", "sample", &[&spm_planning::quota::sample_input()]);
    let t = serde_json::to_string(&spm_planning::territory::sample(24, 4, 1)).expect("territory");
    o.put("territory", "sample", &[&t, "{}", "a1", "t1"]);
    o.put("territory", "small", &[&serde_json::to_string(&spm_planning::territory::sample(6, 2, 2)).expect("t")]);

    // Forecasts: the golden inputs.
    for (area, prefix) in [("forecast", ""), ("forecast_pipeline", "p")] {
        for (name, v) in golden(root.as_path(), area) {
            o.put("forecast", &format!("{area}_{name}"), &[&format!("{prefix}{}", s(&v["input"]))]);
        }
    }

    // Insights: the first deals of the sample opportunity set.
    let mut set: Value = serde_json::from_str(&spm_analytics::insight::sample_json(1)).expect("insight sample");
    if let Some(d) = set.get_mut("deals").and_then(Value::as_array_mut) {
        d.truncate(30);
    }
    o.put("insight", "sample", &[&s(&set)]);
    o.put("insight", "sample_opts", &[&s(&set), "{}"]);

    // Scoring: the golden definitions and the sample generator.
    for (name, v) in golden(root.as_path(), "scoring") {
        let input = &v["input"];
        o.put("scoring", &name, &[&s(&input["defs"]), &s(&input["events"]), &s(&input["roster"])]);
    }
    let sc = spm_scoring::sample_csv(6, 60, 1);
    o.put("scoring", "sample", &[&spm_scoring::sample_defs(), &sc, &spm_scoring::sample_roster(6, 1)]);
    println!("wrote {} seeds under {}", o.count, o.dir.display());
}
