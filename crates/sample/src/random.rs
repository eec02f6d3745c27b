//! Random but reproducible cases (plan, payees, transactions) for determinism checks: the same
//! seed gives the same case on every platform, so native and wasm results can be compared.

use super::Rng;

/// A generated case in the wire formats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// Plan JSON.
    pub plan: String,
    /// Payees JSON.
    pub payees: String,
    /// Transactions JSON.
    pub transactions: String,
}

fn pick<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items.get(usize::try_from(rng.below(items.len() as u64)).unwrap_or(0)).copied().unwrap_or("")
}

fn tiers(rng: &mut Rng, mode: &str, amount: bool) -> String {
    let n = rng.below(4) + 1;
    let mut from = 0u64;
    let mut out = Vec::new();
    let mut rate = rng.below(500);
    for i in 0..n {
        let last = i + 1 == n;
        let to = from + 1 + rng.below(80);
        let bound =
            |v: u64| if amount { format!("\"{}\"", v * 1000) } else { format!("\"{}.{:02}\"", v / 100, v % 100) };
        let mut t = format!(
            r#"{{"from":{},"to":{},"rate":"0.{:04}""#,
            bound(from),
            if last { "null".to_string() } else { bound(to) },
            rate
        );
        if mode == "interpolated" && !last {
            t.push_str(&format!(r#","rateTo":"0.{:04}""#, rate + rng.below(300)));
        }
        if mode == "retroactive" && rng.below(2) == 0 {
            t.push_str(r#","retroactive":true"#);
        }
        t.push('}');
        out.push(t);
        from = to;
        rate += rng.below(400);
        rate = rate.min(9999);
    }
    format!("[{}]", out.join(","))
}

/// The case for `seed`.
pub fn case(seed: u64) -> Case {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x5EED);
    let period = pick(&mut rng, &["month", "quarter", "half", "year"]);
    let rounding = format!(
        r#"{{"mode":"{}","at":"{}"}}"#,
        pick(&mut rng, &["halfUp", "halfEven", "down", "up"]),
        pick(&mut rng, &["line", "component", "statement"])
    );
    let mut comps = Vec::new();
    for (i, product) in ["A", "B", "C"].iter().enumerate() {
        let id = format!("c{i}");
        let cap = if rng.below(3) == 0 {
            format!(
                r#","cap":{{"amount":"{}","per":"{}","excess":"{}"}}"#,
                100 + rng.below(5000),
                pick(&mut rng, &["period", "year"]),
                pick(&mut rng, &["forfeit", "carryForward"])
            )
        } else {
            String::new()
        };
        let comp = match rng.below(4) {
            0 => format!(
                r#"{{"id":"{id}","name":"Bonus {i}","kind":"bonus","attainment":[{{"measure":"m","weight":"1"}}],"style":"{}","thresholds":[{{"attainment":"0.5","payout":"0.25"}},{{"attainment":"1","payout":"1"}},{{"attainment":"1.5","payout":"2"}}],"target":{{"amount":"{}"}}{cap}}}"#,
                pick(&mut rng, &["step", "linear"]),
                500 + rng.below(2000)
            ),
            1 => format!(
                r#"{{"id":"{id}","name":"SPIFF {i}","kind":"spiff","window":{{"from":"2026-02-01","to":"2026-09-30"}},"filter":{{"products":["{product}"]}},"pay":{{"perDeal":"{}"}}{cap}}}"#,
                10 + rng.below(200)
            ),
            _ => {
                let mode = pick(&mut rng, &["flat", "marginal", "interpolated", "retroactive"]);
                let amount = rng.below(3) == 0;
                format!(
                    r#"{{"id":"{id}","name":"Commission {i}","kind":"commission","filter":{{"products":["{product}"]}},"quota":"{}","scope":"{}","rateTable":{{"mode":"{mode}","base":"{}","evaluation":"{}","tiers":{}}}{cap}}}"#,
                    20_000 + rng.below(80_000),
                    pick(&mut rng, &["period", "yearToDate"]),
                    if amount { "amount" } else { "attainment" },
                    pick(&mut rng, &["running", "perTransaction"]),
                    tiers(&mut rng, mode, amount)
                )
            }
        };
        comps.push(comp);
    }
    let plan = format!(
        r#"{{"schemaVersion":1,"id":"random-{seed}","name":"Random {seed}","currency":"USD","period":"{period}","rounding":{rounding},"measures":[{{"id":"m","kind":"amount"}}],"crediting":{{"rollup":{{"levels":1}}}},"components":[{}]}}"#,
        comps.join(",")
    );
    let payees = r#"[{"id":"boss","name":"Boss","quotas":[{"component":"m","amount":"150000"}]},{"id":"p1","name":"P1","managerId":"boss","quotas":[{"component":"m","amount":"60000"}]},{"id":"p2","name":"P2","managerId":"boss","hireDate":"2026-03-10","quotas":[{"component":"m","amount":"45000.50"}]},{"id":"p3","name":"P3","managerId":"boss","quotas":[{"component":"m","amount":"30000"}]}]"#.to_string();
    let n = rng.below(60) + 1;
    let mut txns = Vec::new();
    for t in 0..n {
        let month = rng.below(12) + 1;
        let day = rng.below(28) + 1;
        let cents = i64::try_from(rng.below(4_000_000)).unwrap_or(0) - if rng.below(10) == 0 { 1_500_000 } else { 0 };
        let amount = format!(
            "{}{}.{:02}",
            if cents < 0 { "-" } else { "" },
            cents.unsigned_abs() / 100,
            cents.unsigned_abs() % 100
        );
        let product = pick(&mut rng, &["A", "B", "C"]);
        let credit = match rng.below(4) {
            0 => r#""splits":[{"payeeId":"p1","share":"0.6"},{"payeeId":"p2","share":"0.4"},{"payeeId":"p3","share":"0.25","overlay":true}]"#.to_string(),
            1 => r#""splits":[{"payeeId":"p1","share":"0.3333"},{"payeeId":"p3","share":"0.6667"}]"#.to_string(),
            _ => format!(r#""payeeId":"{}""#, pick(&mut rng, &["p1", "p2", "p3"])),
        };
        txns.push(format!(r#"{{"id":"t{t:03}","date":"2026-{month:02}-{day:02}","amount":"{amount}","units":"{}","product":"{product}",{credit}}}"#, rng.below(5) + 1));
    }
    Case { plan, payees, transactions: format!("[{}]", txns.join(",")) }
}
