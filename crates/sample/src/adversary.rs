//! A structure-aware adversarial generator (issue 19, item 7): documents that are valid in shape
//! (a plan, payees, transactions, events, payee adjustments, exchange rates and an estimator's
//! state and deals, each in its wire format) with the values a hostile user would try: the
//! largest decimal and its negative, the smallest step, 28 and 29 decimal places, digits past
//! the range; deep manager chains and wide orgs with dated, overlapping and reversed spans;
//! long strings; dates spread over centuries; every event kind; duplicate ids. Each seed gives
//! the same case on every platform, so a failure found in CI (native, or through the JS API in
//! wasm) is replayed from its seed.
//!
//! The runners (`tests/adversarial.rs` natively, `crates/cli/tests/adversarial.rs` through the
//! CLI, `tests/js/adversarial.test.mjs` through the JS API) check that nothing panics or traps,
//! every error has a code and a path, each input finishes in bounded time, and accepted reports
//! add up.

use super::random;
use spm_base::rng::Rng;

/// The largest decimal.
pub const MAX: &str = "79228162514264337593543950335";

/// Values at and around the edges of the decimal range, and a few that are not decimals at all.
pub const EDGES: [&str; 14] = [
    MAX,
    "-79228162514264337593543950335",
    "39614081257132168796771975168",
    "7922816251426433759354395033.5",
    "0.0000000000000000000000000001",
    "-0.0000000000000000000000000001",
    "0.00000000000000000000000000001",
    "1.2345678901234567890123456789",
    "123456789012345678901234567890123",
    "1000000000000000",
    "0",
    "-0",
    "0.005",
    "-1500000.00",
];

/// The families of attack, one per class of hostile input.
pub const FAMILIES: [&str; 14] = [
    "amounts",
    "plan numbers",
    "quotas",
    "deep chain",
    "dated spans",
    "long strings",
    "many periods",
    "events",
    "adjustments",
    "rates",
    "draws",
    "estimator",
    "duplicates",
    "combined",
];

/// One adversarial case: every document as the text a user would load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attack {
    /// The seed it came from.
    pub seed: u64,
    /// The families applied (one, or several for `combined`).
    pub families: Vec<&'static str>,
    /// Plan JSON.
    pub plan: String,
    /// Payees JSON.
    pub payees: String,
    /// Transactions JSON.
    pub transactions: String,
    /// Ledger events JSON (`[]` for none).
    pub events: String,
    /// Payee adjustments JSON (`[]` for none).
    pub adjustments: String,
    /// Exchange rates CSV (the header only for none).
    pub rates: String,
    /// An estimator state JSON.
    pub state: String,
    /// Hypothetical deals for the estimator, JSON.
    pub deals: String,
}

fn pick<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items.get(usize::try_from(rng.below(items.len() as u64)).unwrap_or(0)).copied().unwrap_or("")
}

fn edge(rng: &mut Rng) -> &'static str {
    pick(rng, &EDGES)
}

/// Replaces the string value of every `"key":"…"` in `text` for which `f` gives a new value
/// (the structure-aware fuzz target edits documents with it too).
pub fn replace_values(text: &str, key: &str, mut f: impl FnMut() -> Option<String>) -> String {
    let pat = format!("\"{key}\":\"");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(&pat) {
        let start = at + pat.len();
        out.push_str(rest.get(..start).unwrap_or(""));
        let tail = rest.get(start..).unwrap_or("");
        let end = tail.find('"').unwrap_or(tail.len());
        match f() {
            Some(v) => out.push_str(&v),
            None => out.push_str(tail.get(..end).unwrap_or("")),
        }
        rest = tail.get(end..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// A date `days` after 1900-01-01 (any day up to 9999), as `YYYY-MM-DD`.
fn date(rng: &mut Rng, from_year: u64, years: u64) -> String {
    let y = from_year + rng.below(years.max(1));
    format!("{y:04}-{:02}-{:02}", rng.below(12) + 1, rng.below(28) + 1)
}

/// The case for `seed`.
pub fn attack(seed: u64) -> Attack {
    let mut rng = Rng(seed.wrapping_mul(0xA24B_AED4_963E_E407) ^ 0x0BAD_5EED);
    let base = random::case(seed);
    let mut a = Attack {
        seed,
        families: Vec::new(),
        plan: base.plan,
        payees: base.payees,
        transactions: base.transactions,
        events: "[]".into(),
        adjustments: "[]".into(),
        rates: "from,to,date,rate\n".into(),
        state: r#"{"payee":{"id":"me","name":"Me","quotas":[{"component":"m","amount":"100000"}]},"deals":[{"id":"d1","date":"2026-03-10","amount":"25000.00","product":"A"}],"asOf":"2026-06-30"}"#.into(),
        deals: r#"[{"amount":"25000.00","date":"2026-05-20","product":"A"}]"#.into(),
    };
    let family = usize::try_from(seed % FAMILIES.len() as u64).unwrap_or(0);
    let chosen: Vec<usize> = if FAMILIES.get(family) == Some(&"combined") {
        let n = 2 + rng.below(3);
        (0..n).map(|_| usize::try_from(rng.below(FAMILIES.len() as u64 - 1)).unwrap_or(0)).collect()
    } else {
        vec![family]
    };
    for f in chosen {
        if let Some(name) = FAMILIES.get(f) {
            a.families.push(name);
            apply(&mut a, name, &mut rng);
        }
    }
    a
}

fn apply(a: &mut Attack, family: &str, rng: &mut Rng) {
    match family {
        "amounts" => {
            a.transactions =
                replace_values(&a.transactions, "amount", || (rng.below(3) == 0).then(|| edge(rng).to_string()));
        }
        "plan numbers" => {
            for key in ["rate", "amount", "quota", "perDeal", "payout", "attainment", "from", "to", "weight"] {
                a.plan = replace_values(&a.plan, key, || (rng.below(4) == 0).then(|| edge(rng).to_string()));
            }
        }
        "quotas" => {
            a.payees = replace_values(&a.payees, "amount", || (rng.below(2) == 0).then(|| edge(rng).to_string()));
        }
        "deep chain" => {
            let n = 200 + rng.below(2800);
            let mut p = Vec::with_capacity(usize::try_from(n).unwrap_or(0));
            for i in 0..n {
                let manager = if i == 0 { String::new() } else { format!(r#","managerId":"e{}""#, i - 1) };
                p.push(format!(
                    r#"{{"id":"e{i}","name":"E{i}"{manager},"quotas":[{{"component":"m","amount":"{}"}}]}}"#,
                    1000 + i
                ));
            }
            a.payees = format!("[{}]", p.join(","));
            let levels = pick(rng, &["1", "10", "1000", "100000"]);
            a.plan = a.plan.replace(r#""rollup":{"levels":1}"#, &format!(r#""rollup":{{"levels":{levels}}}"#));
            let last = n - 1;
            a.transactions =
                replace_values(&a.transactions, "payeeId", || Some(format!("e{}", rng.below(n).min(last))));
        }
        "dated spans" => {
            let people = 20 + rng.below(400);
            let spans = 1 + rng.below(25);
            let mut p = Vec::new();
            for i in 0..people {
                let mut s = Vec::new();
                for k in 0..spans {
                    let m = rng.below(people);
                    let (f, t) = (date(rng, 2025, 3), date(rng, 2025, 3));
                    // Mostly ordered spans; some reversed, some open-ended, some pointing at
                    // themselves or at nobody.
                    let to = if k % 7 == 3 { "null".to_string() } else { format!("\"{t}\"") };
                    let who = if k % 11 == 5 { format!("x{m}") } else { format!("s{m}") };
                    s.push(format!(r#"{{"managerId":"{who}","from":"{f}","to":{to}}}"#));
                }
                let hire =
                    if rng.below(5) == 0 { format!(r#","hireDate":"{}""#, date(rng, 2026, 2)) } else { String::new() };
                let term = if rng.below(5) == 0 {
                    format!(r#","terminationDate":"{}""#, date(rng, 2025, 2))
                } else {
                    String::new()
                };
                let leave = if rng.below(6) == 0 {
                    format!(r#","leaves":[{{"from":"{}","to":"{}"}}]"#, date(rng, 2026, 1), date(rng, 2026, 1))
                } else {
                    String::new()
                };
                p.push(format!(
                    r#"{{"id":"s{i}","name":"S{i}","managers":[{}]{hire}{term}{leave},"quotas":[{{"component":"m","amount":"50000"}}]}}"#,
                    s.join(",")
                ));
            }
            a.payees = format!("[{}]", p.join(","));
            a.transactions = replace_values(&a.transactions, "payeeId", || Some(format!("s{}", rng.below(people))));
        }
        "long strings" => {
            let n = usize::try_from(1000 + rng.below(200_000)).unwrap_or(1000);
            let long = "é\u{1F600}x\\\"".repeat(n / 4);
            let big = "y".repeat(n);
            a.payees = a.payees.replacen(r#""name":"P1""#, &format!(r#""name":"{long}""#), 1);
            a.plan = a.plan.replacen(r#""name":"Random"#, &format!(r#""name":"{big}"#), 1);
            a.transactions = replace_values(&a.transactions, "id", || (rng.below(2) == 0).then(|| big.clone()));
            a.adjustments = format!(r#"[{{"payeeId":"p1","date":"2026-03-31","amount":"10.00","reason":"{long}"}}]"#);
        }
        "many periods" => {
            let (from, years) = match rng.below(3) {
                0 => (1990, 100),
                1 => (2000, 49),
                _ => (1, 9998),
            };
            a.transactions =
                replace_values(&a.transactions, "date", || (rng.below(2) == 0).then(|| date(rng, from, years)));
        }
        "events" => {
            let ids: Vec<String> = (0..60).map(|i| format!("t{i}")).collect();
            let mut ev = Vec::new();
            for _ in 0..(1 + rng.below(40)) {
                let kind = pick(rng, &["cancel", "refund", "enter", "correct", "invoice", "payment", "terminate"]);
                let id =
                    ids.get(usize::try_from(rng.below(ids.len() as u64)).unwrap_or(0)).cloned().unwrap_or_default();
                let amount = match rng.below(3) {
                    0 => String::new(),
                    1 => format!(r#","amount":"{}""#, edge(rng)),
                    _ => format!(r#","amount":"{}.{:02}""#, rng.below(50_000), rng.below(100)),
                };
                let when = if rng.below(4) == 0 { date(rng, 1900, 8000) } else { date(rng, 2026, 2) };
                ev.push(format!(r#"{{"transactionId":"{id}","kind":"{kind}","date":"{when}"{amount}}}"#));
            }
            a.events = format!("[{}]", ev.join(","));
            a.plan = a.plan.replacen(
                r#""components":"#,
                &format!(
                    r#""payout":{{"clawback":{{"windowDays":{}}},"payOn":"{}"}},"components":"#,
                    rng.below(100_000),
                    pick(rng, &["booking", "invoice", "cash"])
                ),
                1,
            );
        }
        "adjustments" => {
            let mut adj = Vec::new();
            for _ in 0..(1 + rng.below(10)) {
                let when = if rng.below(3) == 0 { date(rng, 2026, 400) } else { date(rng, 2026, 1) };
                let kind = pick(rng, &["spiff", "adjustment"]);
                adj.push(format!(
                    r#"{{"payeeId":"{}","date":"{when}","amount":"{}","kind":"{kind}","reason":"r"}}"#,
                    pick(rng, &["p1", "p2", "p3", "boss", "nobody"]),
                    edge(rng)
                ));
            }
            a.adjustments = format!("[{}]", adj.join(","));
        }
        "rates" => {
            let mut r = String::from("from,to,date,rate\n");
            for _ in 0..(1 + rng.below(8)) {
                r.push_str(&format!("EUR,USD,{},{}\n", date(rng, 2025, 3), edge(rng)));
                r.push_str(&format!("USD,EUR,{},{}\n", date(rng, 2025, 3), edge(rng)));
            }
            a.rates = r;
            a.payees = a.payees.replacen(r#""name":"P1""#, r#""name":"P1","currency":"EUR""#, 1);
            a.transactions = a.transactions.replacen(r#""payeeId":"p2""#, r#""payeeId":"p2","currency":"EUR""#, 3);
        }
        "draws" => {
            let draw = format!(
                r#""payout":{{"draw":{{"kind":"{}","amount":"{}","from":"2026-01","to":"{}","recovery":{{"percent":"{}","minimumPayment":"{}"}},"onTermination":"{}"}}}},"components":"#,
                pick(rng, &["recoverable", "nonRecoverable"]),
                edge(rng),
                pick(rng, &["2026-03", "2026-Q2", "2099-12", "2026-01"]),
                pick(rng, &["0.5", "1", "0", MAX, "0.0000000000000000000000000001"]),
                edge(rng),
                pick(rng, &["forgive", "writeOff", "collect"])
            );
            a.plan = a.plan.replacen(r#""components":"#, &draw, 1);
            a.payees = a.payees.replacen(r#""name":"P3""#, r#""name":"P3","terminationDate":"2026-05-15""#, 1);
        }
        "estimator" => {
            let mut deals = Vec::new();
            for _ in 0..(1 + rng.below(6)) {
                deals.push(format!(
                    r#"{{"id":"d{}","date":"{}","amount":"{}","product":"{}"}}"#,
                    rng.below(1000),
                    date(rng, 2026, 1),
                    edge(rng),
                    pick(rng, &["A", "B", "C", "Z"])
                ));
            }
            a.state = format!(
                r#"{{"payee":{{"id":"me","name":"Me","quotas":[{{"component":"m","amount":"{}"}}]}},"deals":[{}],"asOf":"2026-06-30"}}"#,
                edge(rng),
                deals.join(",")
            );
            let mut probes = Vec::new();
            for _ in 0..(1 + rng.below(5)) {
                probes.push(format!(
                    r#"{{"amount":"{}","date":"{}","share":"{}","probability":"{}"}}"#,
                    edge(rng),
                    date(rng, 2026, 1),
                    pick(rng, &["1", "0.5", "0", MAX, "0.0000000000000000000000000001"]),
                    pick(rng, &["1", "0.5", "0"])
                ));
            }
            a.deals = format!("[{}]", probes.join(","));
        }
        "duplicates" => {
            a.transactions = replace_values(&a.transactions, "id", || (rng.below(2) == 0).then(|| "t0".to_string()));
            a.payees = a.payees.replacen(r#""id":"p3""#, r#""id":"p1""#, 1);
            a.events = r#"[{"transactionId":"t0","kind":"cancel","date":"2026-12-01"}]"#.into();
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_case_and_every_family_comes_up() {
        assert_eq!(attack(7), attack(7));
        let mut seen = std::collections::BTreeSet::new();
        for s in 0..FAMILIES.len() as u64 {
            seen.extend(attack(s).families);
        }
        assert_eq!(seen.len(), FAMILIES.len() - 1, "every family but `combined` itself: {seen:?}");
    }

    #[test]
    fn values_are_replaced_in_place() {
        let t = r#"[{"id":"a","amount":"1"},{"id":"b","amount":"2"}]"#;
        let mut k = 0;
        let out = replace_values(t, "amount", || {
            k += 1;
            (k == 2).then(|| "9".to_string())
        });
        assert_eq!(out, r#"[{"id":"a","amount":"1"},{"id":"b","amount":"9"}]"#);
    }
}
