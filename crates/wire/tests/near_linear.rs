//! Issue 19, "every check near linear": small inputs that used to take unbounded time (a plan
//! whose weighted measures each weigh the previous one twice, a long manager chain, a flat
//! org with many dated spans), each now answered at once with the same diagnostics; and the
//! readers' silent surprises (a byte-order mark, a 64 MB column name). The timings of these
//! checks at their limits are criterion benchmarks (benches/limits.rs), not assertions here.

use spm_base::error::{Code, Diagnostic, Severity};
use spm_base::limits::{MAX_DIAGNOSTIC_CHARS, MAX_MEASURE_DEPTH};
use spm_wire::api;

/// A plan whose bonus reads measure `top`, with `measures` (JSON objects) declared.
fn plan_with_measures(measures: &[String], top: &str) -> String {
    format!(
        r#"{{"schemaVersion":1,"id":"p","name":"P","currency":"USD","period":"quarter",
        "rounding":{{"mode":"halfUp","at":"component"}},"measures":[{}],
        "components":[{{"id":"b","name":"B","kind":"bonus","attainment":[{{"measure":"{top}","weight":"1"}}],
          "quota":"1000","thresholds":[{{"attainment":"1","payout":"1"}}],"target":{{"amount":"1000"}}}}]}}"#,
        measures.join(",")
    )
}

/// `levels` weighted measures, each weighing the one before it twice (m1 = ½ m0 + ½ m0, …).
fn doubling_weighted(levels: usize) -> String {
    let mut ms = vec![r#"{"id":"m0","kind":"amount"}"#.to_string()];
    for i in 1..=levels {
        ms.push(format!(
            r#"{{"id":"m{i}","kind":"weighted","parts":[{{"measure":"m{0}","weight":"0.5"}},{{"measure":"m{0}","weight":"0.5"}}]}}"#,
            i - 1
        ));
    }
    plan_with_measures(&ms, &format!("m{levels}"))
}

/// `levels` formula measures, each reading the one before it `reads` times.
fn repeating_formulas(levels: usize, reads: usize) -> String {
    let mut ms = vec![r#"{"id":"f0","kind":"amount"}"#.to_string()];
    for i in 1..=levels {
        let body = vec![format!("f{}", i - 1); reads].join(" + ");
        ms.push(format!(r#"{{"id":"f{i}","kind":"formula","formula":"({body}) / {reads}"}}"#));
    }
    plan_with_measures(&ms, &format!("f{levels}"))
}

fn errors(diags: Vec<Diagnostic>) -> Vec<(String, Code)> {
    diags.into_iter().filter(|d| d.severity == Severity::Error).map(|d| (d.path, d.code)).collect()
}

/// The total of a run of `plan` over one deal of 1,200 against a quota of 1,000, on a thread
/// with wasm's 1 MiB stack.
fn run_on_small_stack(plan: &str) -> String {
    let plan = api::compile_plan(plan).unwrap();
    let txns = r#"[{"id":"t1","date":"2026-02-01","payeeId":"r1","amount":"1200"}]"#;
    let data = api::load_json(txns, r#"[{"id":"r1","name":"R"}]"#).unwrap();
    let run = move || {
        let report = spm_core::payout::calculate(&plan.plan, &data, spm_core::payout::Detail::Summary).unwrap();
        report.total.to_string()
    };
    std::thread::Builder::new().stack_size(1 << 20).spawn(run).unwrap().join().unwrap()
}

#[test]
fn forty_levels_of_doubly_weighted_measures_validate_and_run_at_once() {
    // Following every path took 2^40 steps in the check (and in the run); each measure is now
    // checked once and computed once per window and period.
    assert_eq!(errors(api::validate_plan(&doubling_weighted(40))), vec![]);
    // Every level averages the one below: the top reads the deal's 1,200, 120% of the quota.
    assert_eq!(run_on_small_stack(&doubling_weighted(40)), "1000.00");
}

#[test]
fn measures_nested_past_the_limit_are_refused_where_the_nesting_first_passes_it() {
    let diags = api::validate_plan(&doubling_weighted(300));
    let first = MAX_MEASURE_DEPTH + 1;
    assert_eq!(errors(diags.clone()), vec![(format!("measures[{first}].parts"), Code::LimitExceeded)]);
    assert!(diags[0].message.ends_with("129 is above the limit of 128"), "{}", diags[0].message);
    // At the limit the deepest weighted chain runs on wasm's stack, in a debug build.
    assert_eq!(run_on_small_stack(&doubling_weighted(MAX_MEASURE_DEPTH)), "1000.00");
}

#[test]
fn formula_measures_reading_the_previous_one_many_times_are_checked_and_computed_once_each() {
    // `(f + f + … + f) / 50` is 3 levels deep: 30 of them nest 90 levels, 50^30 paths for a
    // walk that does not remember what it has seen.
    assert_eq!(errors(api::validate_plan(&repeating_formulas(30, 50))), vec![]);
    assert_eq!(run_on_small_stack(&repeating_formulas(30, 50)), "1000.00");
    // The 43rd is the first past 128 levels.
    let diags = api::validate_plan(&repeating_formulas(60, 50));
    assert_eq!(errors(diags), vec![("measures[43].formula".to_string(), Code::LimitExceeded)]);
}

#[test]
fn the_deepest_formula_measures_run_on_wasm_stack() {
    // 8 formulas of 15 nested calls each (16 levels): 128 levels in all, the limit.
    let mut ms = vec![r#"{"id":"f0","kind":"amount"}"#.to_string()];
    for i in 1..=8 {
        let body = format!("{}f{}{}", "abs(".repeat(15), i - 1, ")".repeat(15));
        ms.push(format!(r#"{{"id":"f{i}","kind":"formula","formula":"{body}"}}"#));
    }
    assert_eq!(run_on_small_stack(&plan_with_measures(&ms, "f8")), "1000.00");
    ms.push(r#"{"id":"f9","kind":"formula","formula":"f8"}"#.to_string());
    assert_eq!(
        errors(api::validate_plan(&plan_with_measures(&ms, "f9"))),
        vec![("measures[9].formula".to_string(), Code::LimitExceeded)]
    );
}

#[test]
fn a_loop_through_formula_and_weighted_measures_is_reported_on_each_member() {
    let ms = [
        r#"{"id":"a","kind":"amount"}"#.to_string(),
        r#"{"id":"w","kind":"weighted","parts":[{"measure":"a","weight":"0.5"},{"measure":"f","weight":"0.5"}]}"#
            .to_string(),
        r#"{"id":"f","kind":"formula","formula":"measure(\"w\", \"ytd\") * 2"}"#.to_string(),
        r#"{"id":"self","kind":"formula","formula":"self + 1"}"#.to_string(),
        r#"{"id":"reader","kind":"formula","formula":"w + quota(\"a\")"}"#.to_string(),
    ];
    assert_eq!(
        errors(api::validate_plan(&plan_with_measures(&ms, "a"))),
        vec![
            ("measures[1].parts".to_string(), Code::HierarchyCycle),
            ("measures[2].formula".to_string(), Code::HierarchyCycle),
            ("measures[3].formula".to_string(), Code::HierarchyCycle),
        ]
    );
}

#[test]
fn unknown_measure_hints_list_a_bounded_number_of_ids() {
    let mut ms: Vec<String> =
        (0..900).map(|i| format!(r#"{{"id":"{}{i}","kind":"amount"}}"#, "m".repeat(2000))).collect();
    ms.push(r#"{"id":"bad","kind":"formula","formula":"nope + nope2"}"#.to_string());
    let diags = api::validate_plan(&plan_with_measures(&ms, "bad"));
    let unknown: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == Code::UnknownReference).collect();
    assert_eq!(unknown.len(), 2);
    for d in unknown {
        assert!(d.hint.contains("and 891 more") && d.hint.chars().count() <= MAX_DIAGNOSTIC_CHARS + 1, "{}", d.hint);
    }
}

/// Payees as JSON: `chain` people each managed by the one before, the first by nobody.
fn chain_payees(chain: usize) -> String {
    let people: Vec<String> = (0..chain)
        .map(|i| match i {
            0 => r#"{"id":"p0","name":"P0"}"#.to_string(),
            _ => format!(r#"{{"id":"p{i}","name":"P{i}","managerId":"p{}"}}"#, i - 1),
        })
        .collect();
    format!("[{}]", people.join(","))
}

/// `n` payees under 60 managers, each rep with `spans` consecutive dated manager spans starting
/// a week after the previous rep's, so the dates where the hierarchy changes are many (60,000
/// for 3,000 × 20: the day-by-day check walked every payee on each of them).
fn flat_org(n: usize, spans: usize) -> String {
    let day0 = spm_base::period::Date::new(2000, 1, 1).unwrap();
    let people: Vec<String> = (0..n)
        .map(|i| {
            if i < 60 {
                return format!(r#"{{"id":"p{i}","name":"M{i}"}}"#);
            }
            let mut from = day0.add_days(7 * i as i64).unwrap();
            let list: Vec<String> = (0..spans)
                .map(|k| {
                    let to = from.add_days(6 + ((i + k) % 13) as i64).unwrap();
                    let s = format!(r#"{{"managerId":"p{}","from":"{from}","to":"{to}"}}"#, (i * 7 + k) % 60);
                    from = to.add_days(1).unwrap();
                    s
                })
                .collect();
            format!(r#"{{"id":"p{i}","name":"R{i}","managers":[{}]}}"#, list.join(","))
        })
        .collect();
    format!("[{}]", people.join(","))
}

#[test]
fn a_chain_of_twenty_thousand_people_loads_and_rolls_up_at_once() {
    // The chain check walked every chain with a linear scan of the chain so far: minutes.
    let payees = chain_payees(20_000);
    let deals: Vec<String> = (0..50)
        .map(|k| format!(r#"{{"id":"t{k}","date":"2026-02-{:02}","payeeId":"p19999","amount":"100"}}"#, 1 + k % 28))
        .collect();
    let data = api::load_json(&format!("[{}]", deals.join(",")), &payees).unwrap();
    assert_eq!(data.manager_of(19_999, spm_base::period::Date::new(2026, 2, 1).unwrap()), Some(19_998));
    // A roll-up as high as a plan may ask (255 levels) over the chain: 50 × 256 credits.
    let plan = api::compile_plan(
        r#"{"schemaVersion":1,"id":"p","name":"P","currency":"USD","period":"quarter",
        "rounding":{"mode":"halfUp","at":"component"},"crediting":{"rollup":{"levels":255}},
        "components":[{"id":"c","name":"C","kind":"commission","rateTable":{"mode":"flat","base":"amount",
          "evaluation":"running","tiers":[{"from":"0","to":null,"rate":"0.01"}]}}]}"#,
    )
    .unwrap();
    let credits = spm_core::credit::credit(&plan.plan, &data).unwrap();
    assert_eq!(credits.by_payee.iter().map(Vec::len).sum::<usize>(), 50 * 256);
    assert_eq!(credits.by_payee[19_999 - 255].len(), 50);
    assert!(credits.by_payee[19_999 - 256].is_empty());
}

#[test]
fn a_loop_closing_a_chain_of_twenty_thousand_is_one_error_at_its_first_payee() {
    let payees = chain_payees(20_000).replacen(
        r#"{"id":"p0","name":"P0"}"#,
        r#"{"id":"p0","name":"P0","managerId":"p19999"}"#,
        1,
    );
    let e = api::load_json("[]", &payees).unwrap_err();
    assert_eq!(errors(e.diagnostics.clone()), vec![("payees[0].managerId".to_string(), Code::HierarchyCycle)]);
    assert!(
        e.diagnostics[0].message.ends_with(
            "p0 → p19999 → p19998 → p19997 → p19996 → p19995 → … 19989 more … → p5 → p4 → p3 → p2 → p1 → p0"
        ),
        "{}",
        e.diagnostics[0].message
    );
}

#[test]
fn a_flat_org_of_three_thousand_with_twenty_dated_spans_each_loads_at_once() {
    let data = api::load_json("[]", &flat_org(3_000, 20)).unwrap();
    assert_eq!(data.payees.len(), 3_000);
    // Payee 100's third span names manager (700 + 2) % 60; before its first, it has none.
    let day0 = spm_base::period::Date::new(2000, 1, 1).unwrap();
    let p = &data.payees[100];
    let third = p.managers[2].from.unwrap();
    assert_eq!(data.manager_of(100, third), Some((100 * 7 + 2) % 60));
    assert_eq!(data.manager_of(100, day0), None);
}

const BOM: &str = "\u{feff}";

const PLAN: &str = r#"{"schemaVersion":1,"id":"p","name":"P","currency":"USD","period":"quarter",
  "rounding":{"mode":"halfUp","at":"component"},
  "components":[{"id":"c","name":"C","kind":"commission","rateTable":{"mode":"flat","base":"amount",
    "evaluation":"running","tiers":[{"from":"0","to":null,"rate":"0.1"}]}}]}"#;
const PAYEES: &str = r#"[{"id":"r1","name":"R1","currency":"EUR"}]"#;
const TXNS_JSON: &str = r#"[{"id":"t1","date":"2026-02-01","payeeId":"r1","amount":"1000"}]"#;
const TXNS_CSV: &str = "id,date,payeeId,amount\nt1,2026-02-01,r1,1000\n";
const RATES_JSON: &str = r#"[{"from":"USD","to":"EUR","date":"2026-01-01","rate":"0.9"}]"#;
const RATES_CSV: &str = "from,to,date,rate\nUSD,EUR,2026-01-01,0.9\n";
const EVENTS_JSON: &str = r#"[{"transactionId":"t1","kind":"cancel","date":"2026-05-02"}]"#;
const EVENTS_CSV: &str = "transactionId,kind,date,amount\nt1,cancel,2026-05-02,\n";
const ADJUSTMENTS_JSON: &str = r#"[{"payeeId":"r1","date":"2026-03-01","amount":"50","currency":"EUR"}]"#;

#[test]
fn every_json_input_reads_the_same_with_a_byte_order_mark() {
    let marked = |s: &str| format!("{BOM}{s}");
    // Plan.
    assert_eq!(api::validate_plan(&marked(PLAN)), api::validate_plan(PLAN));
    let plan = api::compile_plan(&marked(PLAN)).unwrap();
    // Payees and transactions, JSON and CSV.
    let data = api::load_json(TXNS_JSON, PAYEES).unwrap();
    assert_eq!(api::load_json(&marked(TXNS_JSON), &marked(PAYEES)).unwrap(), data);
    assert_eq!(api::load_csv(&marked(TXNS_CSV), &marked(PAYEES)).unwrap(), data);
    assert_eq!(
        api::implicit_payees(&marked(TXNS_JSON), false).unwrap(),
        api::implicit_payees(TXNS_JSON, false).unwrap()
    );
    // Rates, events and adjustments, JSON and CSV (each reader tells them apart past the mark).
    let mut with_rates = data.clone();
    api::set_rates(&mut with_rates, RATES_JSON).unwrap();
    for rates in [marked(RATES_JSON), marked(RATES_CSV)] {
        let mut d = data.clone();
        api::set_rates(&mut d, &rates).unwrap();
        assert_eq!(d, with_rates);
    }
    let ledger = |events: &str, adjustments: &str| {
        let l = api::ledger_with(&plan, &with_rates, events, None, adjustments).unwrap();
        serde_json::to_string(&l).unwrap()
    };
    let expected = ledger(EVENTS_JSON, ADJUSTMENTS_JSON);
    assert_eq!(ledger(&marked(EVENTS_JSON), &marked(ADJUSTMENTS_JSON)), expected);
    assert_eq!(ledger(&marked(EVENTS_CSV), &marked(ADJUSTMENTS_JSON)), expected);
    assert_eq!(ledger(BOM, BOM), ledger("", ""));
    // The estimator's state and a CRM import's mapping.
    let state = r#"{"payee":{"id":"r1","name":"R1"},"deals":[]}"#;
    let a = spm_wire::spec::estimate::read_state(state).unwrap();
    let b = spm_wire::spec::estimate::read_state(&marked(state)).unwrap();
    assert_eq!((a.payee_id, a.data), (b.payee_id, b.data));
    let mapping = r#"{"columns":{"id":"id","date":"date","amount":"amount","payeeId":"owner"}}"#;
    let csv = "id,date,amount,owner\nd1,2026-01-05,10,r1\n";
    assert_eq!(
        api::import_json("transactions", csv, &marked(mapping), Some(&marked(PAYEES))).unwrap(),
        api::import_json("transactions", csv, mapping, Some(PAYEES)).unwrap()
    );
}

#[test]
fn a_64_mb_column_name_is_quoted_cut_in_paths_and_messages() {
    let name = "n".repeat(64 << 20);
    let bound = |d: &Diagnostic| {
        assert!(d.path.len() < 200 && d.message.len() < 400, "{} / {}", d.path.len(), d.message.len());
    };
    // Transactions CSV: an unknown column.
    let e = api::load_csv(&format!("id,date,payeeId,amount,{name}\nt1,2026-02-01,r1,1,x\n"), PAYEES).unwrap_err();
    assert_eq!(e.code, Code::UnknownField);
    bound(&e.diagnostics[0]);
    assert!(e.diagnostics[0].path.starts_with("line 1, column nnn") && e.diagnostics[0].path.ends_with('…'));
    // Events CSV: the name is not copied into every line's record and message.
    let rows = "t1,cancel,2026-05-02,x\n".repeat(200);
    let e = api::ledger(
        &api::compile_plan(PLAN).unwrap(),
        &api::load_json(TXNS_JSON, PAYEES).unwrap(),
        &format!("transactionId,kind,date,{name}\n{rows}"),
        None,
    )
    .unwrap_err();
    assert_eq!(e.code, Code::UnknownField);
    e.diagnostics.iter().for_each(bound);
    // A JSON key and a payee id, 8 MB each.
    let name = &name[..8 << 20];
    let e = api::load_json(&format!(r#"[{{"id":"t1","{name}":1}}]"#), PAYEES).unwrap_err();
    assert_eq!(e.code, Code::UnknownField);
    bound(&e.diagnostics[0]);
    let payees = format!(r#"[{{"id":"r1","name":"R","managerId":"{name}"}}]"#);
    let e = api::load_json("[]", &payees).unwrap_err();
    bound(&e.diagnostics[0]);
}
