//! The built-in sample company: 50 people in a rep → manager → director hierarchy, a year of
//! 20,000 deals, and two plans. Generated from a fixed seed, so every build shows the same data.
//!
//! Rep `r001` (Avery Quinn) is hand-placed for tests and docs: in 2026-Q1 she has exactly three
//! new-business deals, 30,000 + 40,000 + 50,000 = 120,000 against a 100,000 quarterly quota
//! (120% attainment). Under the marginal plan the commission is 50,000 × 2% + 50,000 × 5% +
//! 20,000 × 8% = 5,100.00 and the quarterly bonus, at the top threshold (120% → 150% of target),
//! is 150% × (20,000 × 20% / 4 = 1,000.00) = 1,500.00 (her NPS of 45 keeps the 0.75 multiplier
//! off): 6,600.00 in all. Under the retroactive plan: 100,000 × 4% + 20,000 × 7% = 5,400.00.

pub mod activity;
pub mod adversary;
pub mod ledger;
pub mod random;

use spm_base::rng::Rng;

use spm_base::period::{days_in_month, Date};

/// Number of deals in the sample year.
pub const DEALS: usize = 20_000;

/// The sample as text in the wire formats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sample {
    /// Company name.
    pub company: String,
    /// Plan JSON documents.
    pub plans: Vec<String>,
    /// Payees JSON array.
    pub payees: String,
    /// Transactions CSV.
    pub transactions_csv: String,
    /// Ledger events CSV (`transactionId,kind,date,amount`): cancellations, refunds, payments,
    /// contract terminations.
    pub events_csv: String,
    /// Exchange rates CSV (`from,to,date,rate`).
    pub rates_csv: String,
}

const FIRST: [&str; 25] = [
    "Avery", "Blake", "Casey", "Devon", "Emery", "Finley", "Gray", "Harper", "Indra", "Jordan", "Kai", "Logan",
    "Morgan", "Noor", "Oakley", "Parker", "Quinn", "Riley", "Sasha", "Taylor", "Uma", "Val", "Wren", "Yusuf", "Zoe",
];
const LAST: [&str; 20] = [
    "Quinn",
    "Nakamura",
    "Okafor",
    "Silva",
    "Lindqvist",
    "Moreau",
    "Patel",
    "Kowalski",
    "Haddad",
    "Novak",
    "Brennan",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fontaine",
    "Garcia",
    "Huang",
    "Ivanova",
    "Jensen",
    "Kim",
];

/// The name of the sample company's person number `i` (0 is Avery Quinn, rep r001): the quota
/// and other planning samples name the same people by the same rule.
pub fn person_name(i: usize) -> String {
    if i == 0 {
        return "Avery Quinn".to_string();
    }
    let f = FIRST.get(i % FIRST.len()).copied().unwrap_or("Alex");
    let l = LAST.get((i * 7 + i / FIRST.len()) % LAST.len()).copied().unwrap_or("Smith");
    format!("{f} {l}")
}

/// Generates the sample company.
pub fn generate() -> Sample {
    let mut rng = Rng(20_260_101);
    let mut payees = Vec::new();
    let name = person_name;
    // 2 directors, 6 managers (3 each), 42 reps (7 each).
    for d in 0..2 {
        payees.push(format!(r#"{{"id":"d{:02}","name":"{}","role":"director"}}"#, d + 1, name(44 + d)));
    }
    for m in 0..6 {
        payees.push(format!(
            r#"{{"id":"m{:02}","name":"{}","role":"manager","managerId":"d{:02}"}}"#,
            m + 1,
            name(46 + m),
            m / 3 + 1
        ));
    }
    let reps: usize = 42;
    for r in 0..reps {
        // Quarterly new-business quota: 400,000 to 600,000 in steps of 25,000; r001 has 100,000.
        let quota = if r == 0 { 100_000 } else { 400_000 + 25_000 * rng.below(9) };
        // Target incentive 16,000 to 24,000 a year; NPS 10 to 90; r001 has 20,000 and NPS 45.
        let ti = if r == 0 { 20_000 } else { 16_000 + 1_000 * rng.below(9) };
        let nps = if r == 0 { 45 } else { 10 + rng.below(81) };
        // Two reps show proration: r041 was hired on 2026-04-16, r042 took a leave in August.
        let mut extra = match r {
            40 => r#","hireDate":"2026-04-16","draw":{"kind":"recoverable","amount":"20000.00","from":"2026-Q2","to":"2026-Q3","recovery":{"from":"2026-Q4","percent":"0.5","minimumPayment":"15000.00"},"onTermination":"forgive"}"#.to_string(),
            41 => r#","leaves":[{"from":"2026-08-01","to":"2026-08-31"}]"#.to_string(),
            _ => String::new(),
        };
        // The sixth team works from Europe and is paid in euros.
        if r / 7 == 5 {
            extra.push_str(r#","currency":"EUR""#);
        }
        payees.push(format!(
            r#"{{"id":"r{:03}","name":"{}","role":"rep","managerId":"m{:02}","targetIncentive":"{ti}","inputs":[{{"name":"nps","value":"{nps}"}}],"quotas":[{{"component":"new-business","amount":"{quota}.00"}}]{extra}}}"#,
            r + 1,
            name(r),
            r / 7 + 1
        ));
    }
    let mut csv = String::with_capacity(DEALS * 64);
    csv.push_str("id,date,payeeId,amount,product,type,customer,attr.termMonths\n");
    let showcase = [("2026-01-20", "30000.00"), ("2026-02-10", "40000.00"), ("2026-03-05", "50000.00")];
    let mut n = 0;
    for (date, amount) in showcase {
        n += 1;
        csv.push_str(&format!("T{n:06},{date},r001,{amount},Platform,new,C0001,36\n"));
    }
    let products = ["Platform", "Analytics", "Services"];
    while n < DEALS {
        let rep = rng.below(reps as u64) + 1;
        let month = u8::try_from(rng.below(12) + 1).unwrap_or(1);
        let day = u8::try_from(rng.below(u64::from(days_in_month(2026, month))) + 1).unwrap_or(1);
        // r001 has a small quota: keep her hand-placed Q1 alone and her other quarters light.
        if rep == 1 && (month <= 3 || rng.below(4) != 0) {
            continue;
        }
        let Some(date) = Date::new(2026, month, day) else {
            continue;
        };
        // r041 joins on 2026-04-16 and r042 is on leave in August: no deals then.
        if (rep == 41 && date < Date::new(2026, 4, 16).unwrap_or(date)) || (rep == 42 && month == 8) {
            continue;
        }
        let product = products.get(usize::try_from(rng.below(3)).unwrap_or(0)).copied().unwrap_or("Platform");
        let kind = match rng.below(20) {
            0..=10 => "new",
            11..=14 => "expansion",
            _ => "renewal",
        };
        // Sum of three uniforms: a hump around 5,500 between 1,000 and 10,000, in cents.
        let cents = 100_000 + rng.below(300_000) + rng.below(300_000) + rng.below(300_000);
        let customer = rng.below(900) + 1;
        n += 1;
        // Contract term for commission accounting: renewals run a year, new business 1–3 years
        // (from the deal number, so the random stream, and every amount, stays as it was).
        let term = if kind == "renewal" { 12 } else { 12 * (n % 3 + 1) };
        csv.push_str(&format!(
            "T{n:06},{date},r{rep:03},{}.{:02},{product},{kind},C{customer:04},{term}\n",
            cents / 100,
            cents % 100
        ));
    }
    let events_csv = ledger::events(&csv);
    Sample {
        company: "Northwind Analytics (sample)".to_string(),
        plans: vec![PLAN_MARGINAL.to_string(), PLAN_RETROACTIVE.to_string()],
        payees: format!("[{}]", payees.join(",")),
        transactions_csv: csv,
        events_csv,
        rates_csv: ledger::rates(),
    }
}

const PLAN_MARGINAL: &str = r#"{
  "schemaVersion": 1,
  "id": "ae-2026-marginal",
  "name": "Account Executive 2026 (marginal)",
  "currency": "USD",
  "period": "quarter",
  "rounding": { "mode": "halfUp", "at": "component" },
  "eligibility": { "roles": ["rep"] },
  "inputs": ["nps"],
  "components": [
    {
      "id": "new-business",
      "name": "New business commission",
      "kind": "commission",
      "filter": { "types": ["new", "expansion"] },
      "rateTable": {
        "mode": "marginal",
        "base": "attainment",
        "evaluation": "running",
        "tiers": [
          { "from": "0", "to": "0.5", "rate": "0.02" },
          { "from": "0.5", "to": "1.0", "rate": "0.05" },
          { "from": "1.0", "to": null, "rate": "0.08" }
        ]
      }
    },
    {
      "id": "renewals",
      "name": "Renewal commission",
      "kind": "commission",
      "filter": { "types": ["renewal"] },
      "rateTable": {
        "mode": "flat",
        "base": "amount",
        "evaluation": "perTransaction",
        "tiers": [
          { "from": "0", "to": "50000", "rate": "0.01" },
          { "from": "50000", "to": null, "rate": "0.015" }
        ]
      }
    },
    {
      "id": "quarterly-bonus",
      "name": "Quarterly attainment bonus",
      "kind": "bonus",
      "attainment": [{ "measure": "new-business", "weight": "1" }],
      "style": "linear",
      "thresholds": [
        { "attainment": "0.8", "payout": "0.5" },
        { "attainment": "1.0", "payout": "1.0" },
        { "attainment": "1.2", "payout": "1.5" }
      ],
      "target": { "shareOfTargetIncentive": "0.2" },
      "modifiers": [{ "label": "Customer-satisfaction multiplier", "when": "nps < 30", "multiply": "0.75" }],
      "cap": { "amount": "2000", "per": "period", "excess": "forfeit" }
    },
    {
      "id": "analytics-spiff",
      "name": "Analytics launch SPIFF",
      "kind": "spiff",
      "window": { "from": "2026-06-01", "to": "2026-06-30" },
      "filter": { "products": ["Analytics"], "types": ["new"] },
      "pay": { "perDeal": "250" }
    }
  ],
  "payout": {
    "clawback": { "windowDays": 90 },
    "payOn": "cash",
    "payOnExempt": ["new-business", "renewals", "quarterly-bonus"],
    "accounting": {
      "capitalize": ["new-business", "renewals"],
      "termAttribute": "termMonths",
      "practicalExpedient": true
    }
  }
}"#;

const PLAN_RETROACTIVE: &str = r#"{
  "schemaVersion": 1,
  "id": "ae-2026-retro",
  "name": "Account Executive 2026 (retroactive accelerator)",
  "currency": "USD",
  "period": "quarter",
  "rounding": { "mode": "halfEven", "at": "line" },
  "eligibility": { "roles": ["rep"] },
  "components": [
    {
      "id": "new-business",
      "name": "New business commission",
      "kind": "commission",
      "filter": { "types": ["new", "expansion"] },
      "rateTable": {
        "mode": "retroactive",
        "base": "attainment",
        "evaluation": "running",
        "tiers": [
          { "from": "0", "to": "0.5", "rate": "0.01" },
          { "from": "0.5", "to": "1.0", "rate": "0.04", "retroactive": true },
          { "from": "1.0", "to": "1.5", "rate": "0.07" },
          { "from": "1.5", "to": null, "rate": "0.10" }
        ]
      }
    },
    {
      "id": "renewals",
      "name": "Renewal commission",
      "kind": "commission",
      "filter": { "types": ["renewal"] },
      "rateTable": {
        "mode": "flat",
        "base": "amount",
        "evaluation": "perTransaction",
        "tiers": [
          { "from": "0", "to": "50000", "rate": "0.01" },
          { "from": "50000", "to": null, "rate": "0.015" }
        ]
      }
    }
  ],
  "payout": { "clawback": { "windowDays": 90 } }
}"#;

/// The benchmark company: `reps` reps under managers (one per 10 reps) under directors (one per
/// 10 managers), `deals` deals over 2026, and a three-component quarterly plan (marginal
/// commission on YTD attainment, a quarterly bonus, a SPIFF) with a two-level roll-up, so each
/// deal is credited three times.
pub fn large(reps: usize, deals: usize, seed: u64) -> Sample {
    let mut rng = Rng(seed);
    let managers = reps.div_ceil(10).max(1);
    let directors = managers.div_ceil(10).max(1);
    let mut payees = Vec::with_capacity(reps + managers + directors);
    for d in 0..directors {
        payees.push(format!(
            r#"{{"id":"d{d}","name":"Director {d}","role":"director","quotas":[{{"component":"revenue","amount":"{}.00"}}]}}"#,
            6_000_000 * 10 * 10 * deals / 1_000_000 / 10
        ));
    }
    for m in 0..managers {
        payees.push(format!(
            r#"{{"id":"m{m}","name":"Manager {m}","role":"manager","managerId":"d{}","quotas":[{{"component":"revenue","amount":"{}.00"}}]}}"#,
            m / 10,
            600_000 * deals / 100_000
        ));
    }
    for r in 0..reps {
        let quota = (40_000 + 2_500 * rng.below(9) as usize) * deals / 1_000_000 * 10;
        payees.push(format!(
            r#"{{"id":"r{r}","name":"Rep {r}","role":"rep","managerId":"m{}","targetIncentive":"40000","quotas":[{{"component":"revenue","amount":"{}.00"}}]}}"#,
            r / 10,
            quota.max(1000)
        ));
    }
    let mut csv = String::with_capacity(deals * 60);
    csv.push_str("id,date,payeeId,amount,product,type\n");
    let products = ["Platform", "Analytics", "Services"];
    for n in 0..deals {
        let rep = rng.below(reps as u64);
        let month = u8::try_from(rng.below(12) + 1).unwrap_or(1);
        let day = rng.below(u64::from(days_in_month(2026, month))) + 1;
        let cents = 100_000 + rng.below(300_000) + rng.below(300_000) + rng.below(300_000);
        let product = products.get(usize::try_from(rng.below(3)).unwrap_or(0)).copied().unwrap_or("Platform");
        let kind = if rng.below(4) == 0 { "renewal" } else { "new" };
        csv.push_str(&format!(
            "T{n},2026-{month:02}-{day:02},r{rep},{}.{:02},{product},{kind}\n",
            cents / 100,
            cents % 100
        ));
    }
    Sample {
        company: format!("Benchmark company ({reps} reps, {deals} deals)"),
        plans: vec![PLAN_LARGE.to_string()],
        payees: format!("[{}]", payees.join(",")),
        transactions_csv: csv,
        events_csv: String::new(),
        rates_csv: String::new(),
    }
}

const PLAN_LARGE: &str = r#"{
  "schemaVersion": 1,
  "id": "bench-2026",
  "name": "Benchmark plan 2026",
  "currency": "USD",
  "period": "quarter",
  "rounding": { "mode": "halfUp", "at": "component" },
  "measures": [ { "id": "revenue", "kind": "amount" } ],
  "crediting": { "rollup": { "levels": 2 } },
  "components": [
    {
      "id": "commission", "name": "Commission", "kind": "commission", "measure": "revenue", "scope": "yearToDate",
      "rateTable": { "mode": "marginal", "base": "attainment", "evaluation": "running", "tiers": [
        { "from": "0", "to": "0.5", "rate": "0.02" },
        { "from": "0.5", "to": "1.0", "rate": "0.05" },
        { "from": "1.0", "to": null, "rate": "0.08" } ] }
    },
    {
      "id": "quarterly-bonus", "name": "Quarterly bonus", "kind": "bonus", "roles": ["rep"],
      "attainment": [ { "measure": "revenue", "weight": "1" } ], "style": "linear",
      "thresholds": [ { "attainment": "0.8", "payout": "0.5" }, { "attainment": "1.2", "payout": "1.5" } ],
      "target": { "shareOfTargetIncentive": "0.25" }
    },
    {
      "id": "analytics-spiff", "name": "Analytics SPIFF", "kind": "spiff", "roles": ["rep"],
      "window": { "from": "2026-03-01", "to": "2026-05-31" }, "filter": { "products": ["Analytics"] },
      "pay": { "perDeal": "50" }
    }
  ]
}"#;
