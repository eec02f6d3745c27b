//! The payout ledger: properties on generated cases (every period balances; everything earned is
//! paid, held, recovered, carried or clawed back, to the cent; the net earnings equal a plain run
//! on the data as finally known), and its errors (a missing exchange rate names the pair and the
//! date; an event for an unknown deal; malformed events), and the exports.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use spm_wire::api;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn dv(v: &Value) -> Decimal {
    d(v.as_str().unwrap())
}

#[derive(Debug, Clone)]
struct Case {
    plan: Value,
    payees: Value,
    /// (id, date, payee, amount in cents)
    deals: Vec<(String, String, String, u64)>,
    /// (deal index, kind, day offset after the deal, share in percent)
    events: Vec<(usize, &'static str, u32, u32)>,
}

fn arb_case() -> impl Strategy<Value = Case> {
    (
        prop::sample::select(vec!["marginal", "flat", "retroactive"]),
        prop::sample::select(vec!["booking", "invoice", "cash"]),
        prop::option::of((any::<bool>(), 1u32..5000, 0u32..4, 0u32..=100, 0u32..3000)),
        prop::collection::vec((0u32..180, 0usize..3, 1u64..5_000_000), 1..25),
        prop::collection::vec((0usize..25, 0usize..6, 0u32..120, 1u32..=100), 0..12),
        any::<bool>(),
    )
        .prop_map(|(mode, pay_on, draw, deals, events, terminate)| {
            let retro = mode == "retroactive";
            let mut t2 = json!({"from": "0.5", "to": null, "rate": "0.08"});
            if retro {
                t2["retroactive"] = json!(true);
            }
            let mut payout = json!({"payOn": pay_on, "clawback": {"windowDays": 10000}});
            if let Some((recoverable, amount, start, pct, min)) = draw {
                payout["draw"] = json!({
                    "kind": if recoverable { "recoverable" } else { "nonRecoverable" },
                    "amount": format!("{amount}.00"),
                    "from": "2026-01", "to": format!("2026-0{}", 1 + start % 3),
                    "recovery": {"percent": format!("{}", Decimal::new(i64::from(pct), 2)), "minimumPayment": format!("{min}.00")},
                    "onTermination": "collect"
                });
            }
            let plan = json!({
                "schemaVersion": 1, "id": "p", "name": "P", "currency": "USD", "period": "month",
                "rounding": {"mode": "halfUp", "at": "component"},
                "components": [{"id": "c", "name": "C", "kind": "commission", "quota": "50000.00",
                    "rateTable": {"mode": mode, "base": "attainment", "evaluation": "running",
                        "tiers": [{"from": "0", "to": "0.5", "rate": "0.03"}, t2]}}],
                "payout": payout
            });
            let payees = json!([
                {"id": "a", "name": "A"},
                {"id": "b", "name": "B", "terminationDate": if terminate { "2026-04-20" } else { "2026-12-31" }},
                {"id": "m", "name": "M"}
            ]);
            let deals: Vec<(String, String, String, u64)> = deals
                .into_iter()
                .enumerate()
                .map(|(i, (day, p, cents))| {
                    let date = chrono_like(day);
                    (format!("t{i:02}"), date, ["a", "b", "m"][p].to_string(), cents)
                })
                .collect();
            let kinds = ["cancel", "refund", "invoice", "payment", "enter", "correct"];
            let events = events.into_iter().map(|(i, k, off, share)| (i, kinds[k], off, share)).collect();
            Case { plan, payees, deals, events }
        })
}

/// Day `n` of 2026 (0-based, up to 179) as YYYY-MM-DD.
fn chrono_like(n: u32) -> String {
    let months = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let mut day = n;
    for (m, len) in months.iter().enumerate() {
        if day < *len {
            return format!("2026-{:02}-{:02}", m + 1, day + 1);
        }
        day -= len;
    }
    "2026-12-31".into()
}

fn cents(c: u64) -> String {
    format!("{}.{:02}", c / 100, c % 100)
}

/// The events as JSON, and per deal: cancelled, and its amount once every event is known.
fn events_json(c: &Case) -> (Value, Vec<bool>, Vec<u64>) {
    let mut out = Vec::new();
    let mut cancelled = vec![false; c.deals.len()];
    let mut refunded = vec![0u64; c.deals.len()];
    let mut corrected: Vec<Option<(u32, u64)>> = vec![None; c.deals.len()];
    let has_correction = |i: usize| c.events.iter().any(|e| e.0 == i && e.1 == "correct");
    for &(i, kind, off, share) in &c.events {
        let Some((id, date, _, amount)) = c.deals.get(i) else { continue };
        let day = date_day(date) + off;
        if day > 364 || (kind == "refund" && has_correction(i)) {
            continue;
        }
        let part = amount * u64::from(share) / 100;
        let mut e = json!({"transactionId": id, "kind": kind, "date": chrono_like(day)});
        match kind {
            "cancel" => cancelled[i] = true,
            "refund" => {
                if refunded[i] + part > *amount || part == 0 {
                    continue;
                }
                refunded[i] += part;
                e["amount"] = json!(cents(part));
            }
            "correct" => {
                let to = (amount * u64::from(share) / 50).max(1);
                if corrected[i].is_none_or(|(d, _)| d <= day) {
                    corrected[i] = Some((day, to));
                }
                e["amount"] = json!(cents(to));
            }
            "enter" => {}
            _ => e["amount"] = json!(cents(part.max(1))),
        }
        out.push(e);
    }
    // The amount once everything is known: the last correction, less the refunds.
    let finals = c
        .deals
        .iter()
        .enumerate()
        .map(|(i, (_, _, _, a))| corrected[i].map_or(*a, |(_, to)| to) - refunded[i])
        .collect();
    (Value::Array(out), cancelled, finals)
}

fn date_day(date: &str) -> u32 {
    let m: u32 = date[5..7].parse().unwrap();
    let dd: u32 = date[8..10].parse().unwrap();
    let months = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    months[..(m - 1) as usize].iter().sum::<u32>() + dd - 1
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn the_ledger_balances_to_the_cent(c in arb_case()) {
        let txns: Vec<Value> = c.deals.iter().map(|(id, date, p, a)| json!({"id": id, "date": date, "payeeId": p, "amount": cents(*a)})).collect();
        let (events, cancelled, finals) = events_json(&c);
        let plan = api::compile_plan(&c.plan.to_string()).unwrap();
        let data = api::load_json(&Value::Array(txns).to_string(), &c.payees.to_string()).unwrap();
        let ledger = serde_json::to_value(api::ledger(&plan, &data, &events.to_string(), None).unwrap()).unwrap();

        // What the data says once every event is known (the window covers them all).
        let final_txns: Vec<Value> = c.deals.iter().enumerate().filter(|(i, _)| !cancelled[*i])
            .map(|(i, (id, date, p, _))| json!({"id": id, "date": date, "payeeId": p, "amount": cents(finals[i])})).collect();
        let final_data = api::load_json(&Value::Array(final_txns).to_string(), &c.payees.to_string()).unwrap();
        let report = serde_json::to_value(api::run(&plan, &final_data).unwrap()).unwrap();

        for p in ledger["payees"].as_array().unwrap() {
            let id = p["payeeId"].as_str().unwrap();
            let mut prev_closing = Decimal::ZERO;
            let (mut net, mut paid, mut draw, mut recovered, mut collected) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
            for s in p["periods"].as_array().unwrap() {
                let f = |k: &str| dv(&s[k]);
                prop_assert_eq!(f("opening"), prev_closing, "{} {}: opening", id, s["period"]);
                let end = f("opening") + f("earned") + f("adjustments") + f("clawbacks") - f("held") + f("released")
                    + f("draw") - f("recovered") - f("collected") - f("paid");
                prop_assert_eq!(end, f("closing"), "{} {}: the period does not balance", id, s["period"]);
                prop_assert!(f("paid") >= Decimal::ZERO && f("closing") <= Decimal::ZERO);
                prop_assert!(f("drawBalance") >= Decimal::ZERO && f("heldBalance") >= Decimal::ZERO);
                prev_closing = f("closing");
                net += f("earned") + f("adjustments") + f("clawbacks");
                paid += f("paid");
                draw += f("draw");
                recovered += f("recovered");
                collected += f("collected");
            }
            // Entries add up to their running balance.
            let mut bal = Decimal::ZERO;
            for e in p["entries"].as_array().unwrap() {
                bal += dv(&e["amount"]);
                prop_assert_eq!(bal, dv(&e["balance"]));
            }
            let t = &p["totals"];
            prop_assert_eq!(paid, net - dv(&t["held"]) + draw - recovered - collected - dv(&t["carried"]));
            // Everything earned, as finally known, went through the ledger exactly once.
            let statements: Decimal = report["statements"].as_array().unwrap().iter()
                .filter(|s| s["payeeId"] == id).map(|s| dv(&s["total"])).sum();
            prop_assert_eq!(net, statements, "{}: net earnings against a plain run on the final data", id);
        }
    }
}

const PLAN: &str = r#"{"schemaVersion":1,"id":"p","name":"P","currency":"USD","period":"month",
  "rounding":{"mode":"halfUp","at":"component"},
  "components":[{"id":"c","name":"C","kind":"commission","rateTable":{"mode":"flat","base":"amount","evaluation":"perTransaction","tiers":[{"from":"0","to":null,"rate":"0.1"}]}}]}"#;

#[test]
fn a_missing_rate_names_the_pair_and_the_date() {
    let plan = api::compile_plan(PLAN).unwrap();
    let data = api::load_json(
        r#"[{"id":"x","date":"2026-03-14","payeeId":"a","amount":"100.00","currency":"EUR"}]"#,
        r#"[{"id":"a","name":"A"}]"#,
    )
    .unwrap();
    let e = api::run(&plan, &data).unwrap_err();
    assert_eq!(e.code.as_str(), "RATE_MISSING");
    assert!(e.diagnostics[0].message.contains("no EUR→USD exchange rate on or before 2026-03-14"), "{e}");
    // A rate after the date does not help; the reverse pair is mentioned in the hint.
    let mut data = data;
    api::set_rates(&mut data, "from,to,date,rate\nUSD,EUR,2026-01-01,0.9\nEUR,USD,2026-04-01,1.1\n").unwrap();
    let e = api::ledger(&plan, &data, "", None).unwrap_err();
    assert_eq!(e.code.as_str(), "RATE_MISSING");
    assert!(e.diagnostics[0].hint.contains("USD→EUR rate exists"), "{:?}", e.diagnostics[0]);
}

#[test]
fn a_payee_paid_in_another_currency_needs_the_period_end_rate() {
    let plan = api::compile_plan(PLAN).unwrap();
    let mut data = api::load_json(
        r#"[{"id":"x","date":"2026-03-14","payeeId":"a","amount":"100.00"}]"#,
        r#"[{"id":"a","name":"A","currency":"GBP"}]"#,
    )
    .unwrap();
    let e = api::ledger(&plan, &data, "", None).unwrap_err();
    assert!(e.diagnostics[0].message.contains("no USD→GBP exchange rate on or before 2026-03-31"), "{e}");
    api::set_rates(&mut data, r#"[{"from":"USD","to":"GBP","date":"2026-03-31","rate":"0.8"}]"#).unwrap();
    let l = serde_json::to_value(api::ledger(&plan, &data, "", None).unwrap()).unwrap();
    assert_eq!(l["payees"][0]["entries"][0]["amount"], "8.00");
    assert_eq!(l["payees"][0]["entries"][0]["planAmount"], "10.00");
}

#[test]
fn period_end_conversion_uses_the_rate_of_the_periods_last_day() {
    let plan = PLAN.replace(r#""components""#, r#""payout":{"conversion":"periodEnd"},"components""#);
    let plan = api::compile_plan(&plan).unwrap();
    let mut data = api::load_json(
        r#"[{"id":"x","date":"2026-03-14","payeeId":"a","amount":"1000.00","currency":"EUR"}]"#,
        r#"[{"id":"a","name":"A"}]"#,
    )
    .unwrap();
    api::set_rates(&mut data, "from,to,date,rate\nEUR,USD,2026-03-01,1.10\nEUR,USD,2026-03-31,1.20\n").unwrap();
    // 1,000 EUR at the 2026-03-31 rate 1.20 = 1,200.00 USD; 10% = 120.00.
    let l = serde_json::to_value(api::ledger(&plan, &data, "", None).unwrap()).unwrap();
    assert_eq!(l["conversions"][0]["converted"], "1200.00");
    assert_eq!(l["conversions"][0]["on"], "2026-03-31");
    assert_eq!(l["payees"][0]["entries"][0]["amount"], "120.00");
}

#[test]
fn bad_events_are_reported_with_their_place() {
    let plan = api::compile_plan(PLAN).unwrap();
    let data = api::load_json(
        r#"[{"id":"x","date":"2026-03-14","payeeId":"a","amount":"100.00"}]"#,
        r#"[{"id":"a","name":"A"}]"#,
    )
    .unwrap();
    let e = api::ledger(&plan, &data, r#"[{"transactionId":"nope","kind":"cancel","date":"2026-04-01"}]"#, None)
        .unwrap_err();
    assert_eq!(e.code.as_str(), "UNKNOWN_REFERENCE");
    assert_eq!(e.diagnostics[0].path, "events[0].transactionId");
    let e = api::ledger(
        &plan,
        &data,
        "transactionId,kind,date,amount\nx,payment,2026-02-30,1\nx,refund,2026-04-01,-5\n",
        None,
    )
    .unwrap_err();
    let paths: Vec<&str> = e.diagnostics.iter().map(|d| d.path.as_str()).collect();
    assert_eq!(paths, ["line 2, column date", "line 3, column amount"]);
    let e = api::ledger(&plan, &data, "transactionId,kind,date\nx,lost,2026-04-01\n", None).unwrap_err();
    assert_eq!(e.diagnostics[0].path, "line 2");
    assert!(e.diagnostics[0].message.contains("lost"), "{e}");
    let e = api::ledger(&plan, &data, "", Some("2027-01")).unwrap_err();
    assert_eq!(e.code.as_str(), "UNKNOWN_REFERENCE");
}

#[test]
fn exports_have_one_payroll_row_per_paid_period_and_every_entry() {
    let plan = api::compile_plan(PLAN).unwrap();
    let data = api::load_json(
        r#"[{"id":"x","date":"2026-03-14","payeeId":"a","amount":"100.00"},{"id":"y","date":"2026-04-02","payeeId":"a","amount":"50.00"}]"#,
        r#"[{"id":"a","name":"=cmd|' /C calc'!A0"}]"#,
    )
    .unwrap();
    let l = api::ledger(&plan, &data, "", None).unwrap();
    let payroll = spm_wire::spec::ledger_export::payroll_csv(&l);
    let lines: Vec<&str> = payroll.lines().collect();
    assert_eq!(lines.len(), 3, "{payroll}");
    assert!(lines[1].starts_with("a,'=cmd|' /C calc'!A0,2026-03,2026-03-31,USD,10.00,10.00,"), "{payroll}");
    assert!(lines[2].contains(",2026-04,2026-04-30,USD,5.00,5.00,"), "{payroll}");
    let statements = spm_wire::spec::ledger_export::statements_csv(&l);
    assert_eq!(statements.lines().count(), 1 + 4, "{statements}");
}
