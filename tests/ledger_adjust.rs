//! Payee adjustments in the payout ledger (SPIFF prizes, manual corrections), with hand-worked
//! numbers: a SPIFF paid with the month's earnings; one in another currency at the period-end
//! rate; SPIFFs and a negative adjustment during a recoverable draw (they count towards the
//! guarantee and are recovered from like earned pay); a contest's prizes (a tie across a prize
//! boundary) from the scoring engine's SPIFF export into the ledger; expensed in the journal;
//! every bad input located.
#![cfg(not(target_arch = "wasm32"))]

use rust_decimal::Decimal;
use serde_json::Value;
use spm_scoring::Scoreboard;
use spm_wire::api;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A monthly USD plan paying 10% of every deal, with `payout` as its payout section.
fn plan(payout: &str) -> api::CompiledPlan {
    let text = format!(
        r#"{{"schemaVersion":1,"id":"p","name":"P","currency":"USD","period":"month",
        "rounding":{{"mode":"halfUp","at":"component"}},{payout}
        "components":[{{"id":"c","name":"Commission","kind":"commission","rateTable":{{"mode":"flat","base":"amount","evaluation":"perTransaction","tiers":[{{"from":"0","to":null,"rate":"0.1"}}]}}}}]}}"#
    );
    api::compile_plan(&text).unwrap()
}

fn run(plan: &api::CompiledPlan, data: &spm_core::data::Dataset, adj: &str, through: Option<&str>) -> Value {
    serde_json::to_value(api::ledger_with(plan, data, "", through, adj).unwrap()).unwrap()
}

fn payee<'a>(l: &'a Value, id: &str) -> &'a Value {
    l["payees"].as_array().unwrap().iter().find(|p| p["payeeId"] == id).unwrap()
}

fn period<'a>(p: &'a Value, label: &str) -> &'a Value {
    p["periods"].as_array().unwrap().iter().find(|s| s["period"] == label).unwrap()
}

/// (kind, amount, balance) of a payee's entries in a period.
fn entries(p: &Value, label: &str) -> Vec<(String, String, String)> {
    p["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["period"] == label)
        .map(|e| {
            (
                e["kind"].as_str().unwrap().into(),
                e["amount"].as_str().unwrap().into(),
                e["balance"].as_str().unwrap().into(),
            )
        })
        .collect()
}

fn texts(p: &Value, kind: &str) -> Vec<String> {
    p["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == kind)
        .map(|e| e["text"].as_str().unwrap().into())
        .collect()
}

/// Every period balances with the payee adjustments in it, entries add up to their running
/// balance, and the totals agree with the periods.
fn balances(l: &Value) {
    for p in l["payees"].as_array().unwrap() {
        let mut prev = Decimal::ZERO;
        let (mut paid, mut spiffs, mut adj) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        for s in p["periods"].as_array().unwrap() {
            let f = |k: &str| d(s[k].as_str().unwrap());
            assert_eq!(f("opening"), prev, "{} {}", p["payeeId"], s["period"]);
            let end =
                f("opening") + f("earned") + f("adjustments") + f("clawbacks") + f("spiffs") + f("payeeAdjustments")
                    - f("held")
                    + f("released")
                    + f("draw")
                    - f("recovered")
                    - f("collected")
                    - f("paid");
            assert_eq!(end, f("closing"), "{} {}: the period does not balance", p["payeeId"], s["period"]);
            prev = f("closing");
            paid += f("paid");
            spiffs += f("spiffs");
            adj += f("payeeAdjustments");
        }
        let mut bal = Decimal::ZERO;
        for e in p["entries"].as_array().unwrap() {
            bal += d(e["amount"].as_str().unwrap());
            assert_eq!(bal, d(e["balance"].as_str().unwrap()));
        }
        let t = &p["totals"];
        assert_eq!(d(t["paid"].as_str().unwrap()), paid);
        assert_eq!(d(t["spiffs"].as_str().unwrap()), spiffs);
        assert_eq!(d(t["payeeAdjustments"].as_str().unwrap()), adj);
    }
}

#[test]
fn a_spiff_is_paid_with_the_months_earnings() {
    let plan = plan("");
    let data = api::load_json(
        r#"[{"id":"x","date":"2026-01-15","payeeId":"a","amount":"10000.00"}]"#,
        r#"[{"id":"a","name":"A"}]"#,
    )
    .unwrap();
    let l = run(
        &plan,
        &data,
        "payeeId,date,amount,currency,reason\na,2026-01-31,500.00,USD,\"December dash, 1st place\"\n",
        None,
    );
    // January: 10% of 10,000.00 = 1,000.00 earned; the SPIFF 500.00; paid 1,000.00 + 500.00 = 1,500.00.
    let a = payee(&l, "a");
    assert_eq!(
        entries(a, "2026-01"),
        [
            ("earned".into(), "1000.00".into(), "1000.00".into()),
            ("spiff".into(), "500.00".into(), "1500.00".into()),
            ("payment".into(), "-1500.00".into(), "0.00".into())
        ]
    );
    assert_eq!(texts(a, "spiff"), ["SPIFF: December dash, 1st place: USD 500.00."]);
    let jan = period(a, "2026-01");
    assert_eq!(
        (jan["earned"].as_str(), jan["spiffs"].as_str(), jan["paid"].as_str()),
        (Some("1000.00"), Some("500.00"), Some("1500.00"))
    );
    assert_eq!(a["totals"]["earned"], "1000.00");
    assert_eq!(a["totals"]["spiffs"], "500.00");
    assert_eq!(a["totals"]["paid"], "1500.00");
    balances(&l);
    // The exports: payroll pays 1,500.00 with the SPIFF in its own (appended) column; the
    // statement has the SPIFF line with its sentence.
    let dto = api::ledger_with(&plan, &data, "", None, "payeeId,date,amount\na,2026-01-31,500.00\n").unwrap();
    let payroll = spm_wire::spec::ledger_export::payroll_csv(&dto);
    let lines: Vec<&str> = payroll.lines().collect();
    assert!(lines[0].ends_with(",carried,spiffs,payeeAdjustments"), "{payroll}");
    assert_eq!(
        lines[1],
        "a,A,2026-01,2026-01-31,USD,1500.00,1000.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,500.00,0.00"
    );
    let statements = spm_wire::spec::ledger_export::statements_csv(&dto);
    assert!(
        statements.contains("a,A,2026-01,spiff,2026-01,,,USD,500.00,1500.00,,SPIFF: dated 2026-01-31: USD 500.00.\n"),
        "{statements}"
    );
}

#[test]
fn a_spiff_in_another_currency_converts_at_the_period_end_rate() {
    let plan = plan("");
    let mut data = api::load_json(
        r#"[{"id":"x","date":"2026-01-15","payeeId":"a","amount":"10000.00"},{"id":"y","date":"2026-01-15","payeeId":"g","amount":"1000.00"}]"#,
        r#"[{"id":"a","name":"A"},{"id":"g","name":"G","currency":"GBP"}]"#,
    )
    .unwrap();
    api::set_rates(
        &mut data,
        "from,to,date,rate\nEUR,USD,2026-01-01,1.10\nEUR,USD,2026-01-31,1.0857\nUSD,GBP,2026-01-01,0.8\n",
    )
    .unwrap();
    let adj = r#"[{"payeeId":"a","date":"2026-01-10","amount":"500.00","currency":"EUR","reason":"Kick-off"},
                  {"payeeId":"a","date":"2026-01-20","amount":"333.33","currency":"EUR","reason":"Runner-up"},
                  {"payeeId":"g","date":"2026-01-20","amount":"250.00","currency":"USD","reason":"Kick-off"}]"#;
    let l = run(&plan, &data, adj, None);
    let a = payee(&l, "a");
    // Dated 01-10, converted at the rate in effect on the period's last day (1.0857 from 01-31,
    // not the 1.10 of the 10th): 500.00 × 1.0857 = 542.85; 333.33 × 1.0857 = 361.896381 → 361.90
    // (half up). January pays 1,000.00 + 542.85 + 361.90 = 1,904.75.
    assert_eq!(
        entries(a, "2026-01"),
        [
            ("earned".into(), "1000.00".into(), "1000.00".into()),
            ("spiff".into(), "542.85".into(), "1542.85".into()),
            ("spiff".into(), "361.90".into(), "1904.75".into()),
            ("payment".into(), "-1904.75".into(), "0.00".into())
        ]
    );
    assert_eq!(
        texts(a, "spiff")[0],
        "SPIFF: Kick-off: USD 542.85 (EUR 500.00 at 1.0857 EUR→USD, the rate of 2026-01-31)."
    );
    // g is paid in GBP: earned 10% of 1,000.00 = 100.00 USD × 0.8 = 80.00 GBP; the USD SPIFF
    // 250.00 × 0.8 = 200.00 GBP, its plan-currency amount 250.00. Paid 280.00 GBP.
    let g = payee(&l, "g");
    let spiff = g["entries"].as_array().unwrap().iter().find(|e| e["kind"] == "spiff").unwrap();
    assert_eq!((spiff["amount"].as_str(), spiff["planAmount"].as_str()), (Some("200.00"), Some("250.00")));
    assert_eq!(period(g, "2026-01")["paid"], "280.00");
    balances(&l);
}

#[test]
fn spiffs_during_a_recoverable_draw_count_like_earned_pay() {
    let plan = plan(
        r#""payout":{"draw":{"kind":"recoverable","amount":"3000.00","from":"2026-01","to":"2026-02",
            "recovery":{"from":"2026-03","percent":"0.5","minimumPayment":"0.00"}}},"#,
    );
    let data = api::load_json(
        r#"[{"id":"j","date":"2026-01-15","payeeId":"a","amount":"10000.00"},
            {"id":"m","date":"2026-03-15","payeeId":"a","amount":"20000.00"},
            {"id":"y","date":"2026-05-15","payeeId":"a","amount":"30000.00"}]"#,
        r#"[{"id":"a","name":"A"}]"#,
    )
    .unwrap();
    let adj = "payeeId,date,amount,reason,kind\n\
               a,2026-02-20,500.00,February dash,\n\
               a,2026-03-31,1000.00,Q1 cup,spiff\n\
               a,2026-04-10,-2000.00,SPIFF paid twice,adjustment\n";
    let l = run(&plan, &data, adj, None);
    let a = payee(&l, "a");
    // Jan: earned 1,000.00 < draw 3,000.00: advance 2,000.00 (draw balance 2,000.00); paid 3,000.00.
    assert_eq!(
        entries(a, "2026-01"),
        [
            ("earned".into(), "1000.00".into(), "1000.00".into()),
            ("advance".into(), "2000.00".into(), "3000.00".into()),
            ("payment".into(), "-3000.00".into(), "0.00".into())
        ]
    );
    // Feb: only the SPIFF, 500.00: the advance tops it up by 2,500.00 (not 3,000.00): draw
    // balance 2,000.00 + 2,500.00 = 4,500.00; paid 3,000.00.
    assert_eq!(
        entries(a, "2026-02"),
        [
            ("spiff".into(), "500.00".into(), "500.00".into()),
            ("advance".into(), "2500.00".into(), "3000.00".into()),
            ("payment".into(), "-3000.00".into(), "0.00".into())
        ]
    );
    // Mar: earned 10% of 20,000.00 = 2,000.00 and the SPIFF 1,000.00: payable 3,000.00; the draw
    // has ended, recovery from 2026-03 at 50%: min(4,500.00, 0.5 × 3,000.00 = 1,500.00,
    // 3,000.00 − 0.00) = 1,500.00; paid 1,500.00; draw balance 3,000.00.
    assert_eq!(
        entries(a, "2026-03"),
        [
            ("earned".into(), "2000.00".into(), "2000.00".into()),
            ("spiff".into(), "1000.00".into(), "3000.00".into()),
            ("recovery".into(), "-1500.00".into(), "1500.00".into()),
            ("payment".into(), "-1500.00".into(), "0.00".into())
        ]
    );
    // Apr: the adjustment −2,000.00 and nothing earned: −2,000.00 carried, nothing recovered.
    assert_eq!(
        entries(a, "2026-04"),
        [
            ("payeeAdjustment".into(), "-2000.00".into(), "-2000.00".into()),
            ("carried".into(), "0.00".into(), "-2000.00".into())
        ]
    );
    assert_eq!(texts(a, "payeeAdjustment"), ["Adjustment: SPIFF paid twice: USD -2,000.00."]);
    // May: opening −2,000.00 + earned 3,000.00 = 1,000.00; recovery min(3,000.00, 0.5 × 1,000.00
    // = 500.00, 1,000.00) = 500.00; paid 500.00; draw balance 2,500.00.
    let may = period(a, "2026-05");
    assert_eq!(may["opening"], "-2000.00");
    assert_eq!(may["recovered"], "500.00");
    assert_eq!(may["paid"], "500.00");
    assert_eq!(may["drawBalance"], "2500.00");
    // Totals: SPIFFs 500.00 + 1,000.00 = 1,500.00; adjustments −2,000.00; paid 3,000.00 +
    // 3,000.00 + 1,500.00 + 0.00 + 500.00 = 8,000.00 = earned 6,000.00 + SPIFFs 1,500.00 −
    // 2,000.00 + advanced 4,500.00 − recovered 2,000.00.
    assert_eq!(a["totals"]["spiffs"], "1500.00");
    assert_eq!(a["totals"]["payeeAdjustments"], "-2000.00");
    assert_eq!(a["totals"]["paid"], "8000.00");
    assert_eq!(a["totals"]["recovered"], "2000.00");
    balances(&l);
}

/// A January contest: c1 3 deals, c2 and c3 2 each, c4 1 (ranks 1, 2, 2, 4).
const DEFS: &str = r#"{"schemaVersion":1,"asOf":"2026-01-31","contests":[{"id":"jan","name":"January dash",
  "metric":"count:deal","from":"2026-01-01","to":"2026-01-31","currency":"USD",
  "prizes":[{"place":1,"amount":"300.00"},{"place":2,"amount":"200.00"},{"place":3,"amount":"100.00"}]}]}"#;

#[test]
fn a_contests_prizes_flow_into_the_ledger() {
    let roster = r#"[{"id":"c1"},{"id":"c2"},{"id":"c3"},{"id":"c4"}]"#;
    let mut events = Vec::new();
    for (rep, n) in [("c1", 3), ("c2", 2), ("c3", 2), ("c4", 1)] {
        for i in 0..n {
            events.push(format!(
                r#"{{"id":"{rep}-{i}","payeeId":"{rep}","type":"deal","date":"2026-01-1{i}","amount":"100"}}"#
            ));
        }
    }
    let sb = Scoreboard::from_text(DEFS, Some(roster), &format!("[{}]", events.join(","))).unwrap();
    let csv = sb.spiff_csv().unwrap();
    // Place 1: 300.00 to c1; c2 and c3 tie for 2nd and share places 2 and 3: (200.00 + 100.00)
    // / 2 = 150.00 each; c4 (4th) nothing. 300 + 150 + 150 = 600.00, the whole table.
    assert_eq!(csv.lines().count(), 4, "{csv}");
    let plan = plan("");
    let data = api::load_json(
        r#"[{"id":"d1","date":"2026-01-12","payeeId":"c1","amount":"10000.00"},
            {"id":"d2","date":"2026-01-12","payeeId":"c2","amount":"5000.00"},
            {"id":"d4","date":"2026-01-12","payeeId":"c4","amount":"2000.00"}]"#,
        r#"[{"id":"c1","name":"One"},{"id":"c2","name":"Two"},{"id":"c3","name":"Three"},{"id":"c4","name":"Four"}]"#,
    )
    .unwrap();
    let l = run(&plan, &data, &csv, None);
    // c1: 1,000.00 earned + 300.00 = 1,300.00; c2: 500.00 + 150.00 = 650.00; c3: only the
    // prize, 150.00; c4: 200.00 earned, no prize.
    let paid = |id: &str| payee(&l, id)["totals"]["paid"].as_str().unwrap().to_string();
    let spiffs = |id: &str| payee(&l, id)["totals"]["spiffs"].as_str().unwrap().to_string();
    assert_eq!([paid("c1"), paid("c2"), paid("c3"), paid("c4")], ["1300.00", "650.00", "150.00", "200.00"]);
    assert_eq!([spiffs("c1"), spiffs("c2"), spiffs("c3"), spiffs("c4")], ["300.00", "150.00", "150.00", "0.00"]);
    assert_eq!(texts(payee(&l, "c1"), "spiff"), ["SPIFF: January dash: place 1: USD 300.00."]);
    assert_eq!(
        texts(payee(&l, "c2"), "spiff"),
        ["SPIFF: January dash: place 2, tied with 1 other, sharing places 2–3: USD 150.00."]
    );
    assert_eq!(
        entries(payee(&l, "c3"), "2026-01"),
        [("spiff".into(), "150.00".into(), "150.00".into()), ("payment".into(), "-150.00".into(), "0.00".into())]
    );
    balances(&l);
    // The JSON rows (what `spiffRows()` gives JS) book the same.
    let rows = serde_json::to_string(&sb.spiff_rows().unwrap()).unwrap();
    assert_eq!(run(&plan, &data, &rows, None)["payees"], l["payees"]);
}

#[test]
fn a_spiff_is_expensed_in_the_journal() {
    let plan = plan(r#""payout":{"accounting":{"capitalize":["c"],"defaultTermMonths":24}},"#);
    let data = api::load_json(
        r#"[{"id":"x","date":"2026-01-15","payeeId":"a","amount":"10000.00"}]"#,
        r#"[{"id":"a","name":"A"}]"#,
    )
    .unwrap();
    let l = run(&plan, &data, "payeeId,date,amount\na,2026-01-31,500.00\n", None);
    let book = &l["accounting"][0];
    let spiff = book["costs"].as_array().unwrap().iter().find(|c| c["componentId"] == "spiff").unwrap();
    assert_eq!((spiff["amount"].as_str(), spiff["treatment"].as_str()), (Some("500.00"), Some("expense")));
    // The commission (1,000.00) is capitalized over 24 months; the SPIFF is January's expense:
    // Dr Commission expense 500.00 / Cr Commissions payable 500.00.
    assert_eq!(book["months"][0]["capitalized"], "1000.00");
    assert_eq!(book["months"][0]["expensed"], "500.00");
    let journal = book["journal"].as_array().unwrap();
    let expense = journal.iter().find(|j| j["account"] == "Commission expense").unwrap();
    assert_eq!((expense["debit"].as_str(), expense["date"].as_str()), (Some("500.00"), Some("2026-01-31")));
}

#[test]
fn adjustments_after_through_are_left_out_and_later_ones_extend_the_ledger() {
    let plan = plan("");
    let data = api::load_json(
        r#"[{"id":"x","date":"2026-01-15","payeeId":"a","amount":"10000.00"}]"#,
        r#"[{"id":"a","name":"A"}]"#,
    )
    .unwrap();
    let adj = "payeeId,date,amount\na,2026-01-31,500.00\na,2026-03-02,70.00\n";
    // Through January: the March SPIFF is not booked, and a note says so.
    let l = run(&plan, &data, adj, Some("2026-01"));
    assert_eq!(l["periods"], serde_json::json!(["2026-01"]));
    assert_eq!(payee(&l, "a")["totals"]["spiffs"], "500.00");
    assert!(
        l["notes"][0].as_str().unwrap().contains("1 payee adjustment dated after 2026-01-31 is not booked"),
        "{}",
        l["notes"]
    );
    // Without `through` the ledger closes through March for it.
    let l = run(&plan, &data, adj, None);
    assert_eq!(l["periods"], serde_json::json!(["2026-01", "2026-02", "2026-03"]));
    assert_eq!(period(payee(&l, "a"), "2026-03")["paid"], "70.00");
    balances(&l);
}

/// The code and path of each diagnostic.
fn problems(adj: &str) -> Vec<(String, String)> {
    let plan = plan("");
    let data = api::load_json(
        r#"[{"id":"x","date":"2026-01-15","payeeId":"a","amount":"10000.00"}]"#,
        r#"[{"id":"a","name":"A"}]"#,
    )
    .unwrap();
    let e = api::ledger_with(&plan, &data, "", None, adj).unwrap_err();
    e.diagnostics.iter().map(|d| (d.code.as_str().to_string(), d.path.clone())).collect()
}

fn one(code: &str, path: &str) -> Vec<(String, String)> {
    vec![(code.to_string(), path.to_string())]
}

#[test]
fn bad_adjustments_are_reported_with_their_place() {
    assert_eq!(
        problems("payeeId,date,amount\nzz,2026-01-31,5.00\n"),
        one("UNKNOWN_REFERENCE", "line 2, column payeeId")
    );
    assert_eq!(
        problems(r#"[{"payeeId":"zz","date":"2026-01-31","amount":"5"}]"#),
        one("UNKNOWN_REFERENCE", "adjustments[0].payeeId")
    );
    assert_eq!(
        problems(r#"[{"payeeId":"a","date":"2026-01-31","amount":500}]"#),
        one("DECIMAL_NOT_STRING", "adjustments[0].amount")
    );
    assert_eq!(
        problems(r#"[{"payeeId":"a","date":"2026-01-31","amount":"5","bonus":"x"}]"#),
        one("UNKNOWN_FIELD", "adjustments[0].bonus")
    );
    assert_eq!(problems(r#"[{"payeeId":"a","date":"2026-01-31"}]"#), one("MISSING_FIELD", "adjustments[0].amount"));
    assert_eq!(
        problems(r#"[{"payeeId":"a","date":"2026-01-31","amount":"5","kind":"bonus"}]"#),
        one("WRONG_TYPE", "adjustments[0].kind")
    );
    assert_eq!(problems(r#"{"payeeId":"a"}"#)[0].0, "WRONG_TYPE");
    assert_eq!(problems("[{\"payeeId\":"), one("JSON_SYNTAX", "line 1, column 12"));
    assert_eq!(
        problems("payeeId,date,amount,note\na,2026-01-31,5.00,x\n"),
        one("UNKNOWN_FIELD", "line 1, column note")
    );
    assert_eq!(problems("payeeId,date\na,2026-01-31\n"), one("MISSING_FIELD", "line 1"));
    assert_eq!(
        problems("payeeId,date,amount,date\na,2026-01-31,5,2026-01-31\n"),
        one("CSV_INVALID", "line 1, column date")
    );
    assert_eq!(problems("payeeId,date,amount\na,2026-01-31\n"), one("CSV_INVALID", "line 2"));
    assert_eq!(
        problems("payeeId,date,amount,currency,kind\na,2026-02-30,5.00,,\na,2026-01-31,\"5,00\",,\na,2026-01-31,-5.00,,\na,2026-01-31,0,,adjustment\na,2026-01-31,5.00,EURO,\n"),
        vec![
            ("DATE_INVALID".into(), "line 2, column date".into()),
            ("DECIMAL_INVALID".into(), "line 3, column amount".into()),
            ("NEGATIVE_VALUE".into(), "line 4, column amount".into()),
            ("OUT_OF_RANGE".into(), "line 5, column amount".into()),
            ("CURRENCY_UNKNOWN".into(), "line 6, column currency".into()),
        ]
    );
    assert_eq!(
        problems("payeeId,date,amount,kind\na,2026-01-31,5.00,bonus\n"),
        one("WRONG_TYPE", "line 2, column kind")
    );
    assert_eq!(problems("payeeId,date,amount\n,2026-01-31,5.00\n"), one("MISSING_FIELD", "line 2, column payeeId"));
    // More decimals than the currency pays; dated before the ledger's first period (2026-01).
    assert_eq!(problems("payeeId,date,amount\na,2026-01-31,5.005\n"), one("DECIMAL_INVALID", "line 2, column amount"));
    assert_eq!(problems("payeeId,date,amount\na,2025-12-31,5.00\n"), one("OUT_OF_RANGE", "line 2, column date"));
    // A rate the conversion needs, located at the line that needs it, naming the pair and day.
    let plan = plan("");
    let data = api::load_json(
        r#"[{"id":"x","date":"2026-01-15","payeeId":"a","amount":"10000.00"}]"#,
        r#"[{"id":"a","name":"A"}]"#,
    )
    .unwrap();
    let e =
        api::ledger_with(&plan, &data, "", None, "payeeId,date,amount,currency\na,2026-01-05,5.00,EUR\n").unwrap_err();
    assert_eq!((e.code.as_str(), e.diagnostics[0].path.as_str()), ("RATE_MISSING", "line 2, column currency"));
    assert!(e.diagnostics[0].message.contains("no EUR→USD exchange rate on or before 2026-01-31"), "{e}");
    // The unknown payee is named.
    let e = api::ledger_with(&plan, &data, "", None, "payeeId,date,amount\nzz,2026-01-31,5.00\n").unwrap_err();
    assert!(e.diagnostics[0].message.contains("\"zz\""), "{e}");
    // Empty input is no adjustments; columns in any order, BOM and blank lines tolerated.
    assert!(api::ledger_with(&plan, &data, "", None, "  \n").is_ok());
    let l = serde_json::to_value(
        api::ledger_with(&plan, &data, "", None, "\u{feff}reason,amount,payeeId,date\nWelcome,25.00,a,2026-01-02\n\n")
            .unwrap(),
    )
    .unwrap();
    assert_eq!(payee(&l, "a")["totals"]["spiffs"], "25.00");
}

#[test]
fn adjustments_whose_sum_leaves_the_decimal_range_are_an_overflow_error_at_the_payee_and_period() {
    // Two adjustments of 50,000,000,000,000,000,000,000,000,000.00 in January: each is within
    // the decimal range (about 7.9e28), their sum is not. The ledger must say OVERFLOW, located
    // at the payee and period, instead of panicking (a panic kills the wasm module).
    let plan = plan("");
    let data = api::load_json(
        r#"[{"id":"x","date":"2026-01-15","payeeId":"a","amount":"100.00"}]"#,
        r#"[{"id":"a","name":"A"}]"#,
    )
    .unwrap();
    let huge = "50000000000000000000000000000.00";
    let adj = format!("payeeId,date,amount\na,2026-01-20,{huge}\na,2026-01-31,{huge}\n");
    let e = api::ledger_with(&plan, &data, "", None, &adj).unwrap_err();
    assert_eq!(e.code, spm_base::Code::Overflow, "{e:?}");
    assert_eq!(e.diagnostics[0].path, "payee a, 2026-01", "{e:?}");
}
