//! Seeded random *valid* plans and data sets covering the plan language broadly, shared by the
//! native (`tests/random_plans.rs`) and wasm (`tests/wasm_random_plans.rs`) property tests so the
//! same seed makes the same case on both: every component kind (commission with the four tier
//! semantics on attainment or amount, running or per transaction, period/QTD/YTD scope and
//! true-up; step and linear bonuses on weighted attainment; MBO goals; SPIFFs paying per deal,
//! per unit or a percent), gates (zero, no accelerators), modifiers, caps (period or year,
//! forfeit or carry forward), floors, roles, the plan cap, measures of every kind with filters
//! and formulas, crediting rules (first or all match, overlay), splits, roll-up through dated
//! hierarchies, ramps, eligibility, proration (hire, termination, leaves), per-period quotas and
//! inputs, effective-dated versions, fiscal calendars, currencies with 0, 2 and 3 minor units and
//! transactions in other currencies converted with dated rates.
//!
//! The generator uses its own SplitMix64 (the same recurrence as the crate's private
//! `sample::Rng`) and writes JSON text by hand, key order fixed, so nothing depends on a
//! platform, a hash seed or serde_json's map feature.
#![allow(dead_code)]

/// SplitMix64: the same numbers on every platform.
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One of `items`.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

/// A JSON value written by hand: objects keep their keys in the order given.
#[derive(Debug, Clone)]
pub enum J {
    /// A string.
    S(String),
    /// An integer.
    N(i64),
    /// A boolean.
    B(bool),
    /// null.
    Null,
    /// An array.
    A(Vec<J>),
    /// An object.
    O(Vec<(&'static str, J)>),
}

/// A JSON string.
pub fn s(v: impl Into<String>) -> J {
    J::S(v.into())
}

impl J {
    /// Compact JSON text.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.write(&mut out);
        out
    }

    fn write(&self, out: &mut String) {
        match self {
            J::S(v) => {
                out.push('"');
                for c in v.chars() {
                    match c {
                        '"' => out.push_str("\\\""),
                        '\\' => out.push_str("\\\\"),
                        c => out.push(c),
                    }
                }
                out.push('"');
            }
            J::N(n) => out.push_str(&n.to_string()),
            J::B(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Null => out.push_str("null"),
            J::A(items) => {
                out.push('[');
                for (i, x) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    x.write(out);
                }
                out.push(']');
            }
            J::O(fields) => {
                out.push('{');
                for (i, (k, v)) in fields.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push('"');
                    out.push_str(k);
                    out.push_str("\":");
                    v.write(out);
                }
                out.push('}');
            }
        }
    }
}

/// `value` / 10^`dp` as a decimal string: `dec(-12345, 2)` is "-123.45".
pub fn dec(value: i64, dp: u32) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let v = value.unsigned_abs();
    if dp == 0 {
        return format!("{sign}{v}");
    }
    let p = 10u64.pow(dp);
    format!("{sign}{}.{:0width$}", v / p, v % p, width = dp as usize)
}

const MONTH_DAYS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// A date `day` days after 2026-01-01 (negative: before), within 2025–2027 (no leap years).
pub fn date(day: i64) -> String {
    let (mut year, mut left) = if day < 0 {
        (2025, day + 365)
    } else if day >= 365 {
        (2027, day - 365)
    } else {
        (2026, day)
    };
    if left < 0 {
        (year, left) = (2025, 0);
    }
    let left = left.min(364) as u32;
    let mut rest = left;
    for (m, len) in MONTH_DAYS.iter().enumerate() {
        if rest < *len {
            return format!("{year}-{:02}-{:02}", m + 1, rest + 1);
        }
        rest -= len;
    }
    unreachable!()
}

/// The civil period label holding 2026 day `day` (only used with the civil calendar).
fn label(period: &str, day: i64) -> String {
    let month = date(day)[5..7].parse::<u32>().unwrap_or(1);
    match period {
        "month" => format!("2026-{month:02}"),
        "quarter" => format!("2026-Q{}", (month - 1) / 3 + 1),
        "half" => format!("2026-H{}", (month - 1) / 6 + 1),
        _ => "2026".to_string(),
    }
}

/// A generated case in the wire formats.
#[derive(Debug, Clone)]
pub struct Case {
    /// The seed.
    pub seed: u64,
    /// Plan JSON.
    pub plan: String,
    /// Payees JSON.
    pub payees: String,
    /// Transactions JSON.
    pub transactions: String,
    /// Exchange rates JSON ("" when every transaction is in the plan currency).
    pub rates: String,
    /// The plan's minor units.
    pub minor: u32,
}

/// A measure of the case, with the size of a typical quota for it.
#[derive(Clone, Copy)]
struct Measure {
    id: &'static str,
    quota: i64,
}

const MEASURES: [Measure; 7] = [
    Measure { id: "rev", quota: 60_000 },
    Measure { id: "units", quota: 120 },
    Measure { id: "gm", quota: 20_000 },
    Measure { id: "deals", quota: 8 },
    Measure { id: "mix", quota: 70_000 },
    Measure { id: "net", quota: 15_000 },
    Measure { id: "ovl", quota: 50_000 },
];

const PRODUCTS: [&str; 3] = ["A", "B", "C"];
const TYPES: [&str; 2] = ["new", "renewal"];
const TERRITORIES: [&str; 3] = ["West", "East", "North"];
const ACCOUNTS: [&str; 4] = ["ACME", "ZED", "INITECH", "UMBRELLA"];
const ROLES: [&str; 3] = ["rep", "senior", "manager"];

/// What the plan decided that the data must agree with.
struct Shape {
    period: &'static str,
    fiscal: bool,
    currency: &'static str,
    minor: u32,
    /// Measure ids quotas are needed for (declared and implicit).
    quota_keys: Vec<(String, i64)>,
    /// MBO goals: (id, points).
    goals: Vec<(String, Vec<String>)>,
    inputs: bool,
    /// Every commission and bonus carries its own quota and no formula reads quotas.
    fallback: bool,
    payees: usize,
    /// The rounding point of the first version; later versions draw their own, so periods that
    /// straddle versions with different rounding points are covered.
    rounding_at: &'static str,
}

fn filter(rng: &mut Rng) -> J {
    let mut f = Vec::new();
    let n = rng.range(1, 2);
    for _ in 0..n {
        match rng.below(6) {
            0 => f.push(("products", J::A(vec![s(rng.pick(&PRODUCTS)), s(rng.pick(&PRODUCTS))]))),
            1 => f.push(("types", J::A(vec![s(rng.pick(&TYPES))]))),
            2 => f.push(("territories", J::A(vec![s(rng.pick(&TERRITORIES))]))),
            3 => f.push(("accounts", J::A(vec![s(rng.pick(&ACCOUNTS)), s(rng.pick(&ACCOUNTS))]))),
            4 => f.push(("customers", J::A(vec![s("c1"), s("c2"), s("c3")]))),
            _ => f.push((
                "attributes",
                J::A(vec![J::O(vec![
                    ("name", s("region")),
                    ("in", J::A(vec![s(rng.pick(&["emea", "amer", "apac"]))])),
                ])]),
            )),
        }
    }
    // A key listed twice would be a duplicate field: keep the first of each.
    let mut seen: Vec<&str> = Vec::new();
    f.retain(|(k, _)| {
        let fresh = !seen.contains(k);
        seen.push(k);
        fresh
    });
    J::O(f)
}

/// A formula that evaluates to a boolean over the plan's measures (and `nps` when declared).
fn condition(rng: &mut Rng, measures: &[&'static str], sh: &Shape) -> String {
    let m = rng.pick(measures);
    let m2 = rng.pick(measures);
    let x = dec(rng.range(20, 150), 2);
    let reads_quota = !sh.fallback;
    // `attainment` of a zero quota (a payee not active in the window, who still has credits)
    // is an evaluation error that stops the run, so every attainment is guarded by its quota
    // (`and` and `if` are lazy), as a plan author has to write it.
    let mut guards: Vec<String> = Vec::new();
    let mut att = |m: &str, scope: &str| {
        let args = if scope.is_empty() { format!("\"{m}\"") } else { format!("\"{m}\", \"{scope}\"") };
        let g = format!("quota({args}) > 0");
        if !guards.contains(&g) {
            guards.push(g);
        }
        format!("attainment({args})")
    };
    let base = match rng.below(if reads_quota { 10 } else { 4 }) {
        0 => format!("{m} > {}", rng.range(0, 50_000)),
        1 => format!("measure(\"{m}\", \"qtd\") >= {}", rng.range(0, 80_000)),
        2 => format!("not ({m} < {m2}) or measure(\"{m2}\", \"ytd\") > {}", rng.range(0, 9000)),
        3 => format!("min({m}, 5000) + abs({m2} - 100) % 7 >= {}", rng.range(0, 3000)),
        4 => format!("{} >= {x}", att(m, "")),
        5 => format!("{} >= {x}", att(m, "ytd")),
        6 => format!("round({}, 2) >= {x}", att(m, "year")),
        7 => format!("clamp({}, 0, 2) * 100 >= {}", att(m, "qtd"), rng.range(20, 150)),
        8 => format!("if(quota(\"{m2}\") > 0, {} < {x}, false)", att(m2, "")),
        _ => format!("max({}, {}) >= {x}", att(m, ""), att(m2, "period")),
    };
    let base = if guards.is_empty() { base } else { format!("{} and ({base})", guards.join(" and ")) };
    if sh.inputs && rng.chance(40) {
        format!("{base} and nps {} {}", rng.pick(&[">=", "<", "!=", "=="]), rng.range(10, 60))
    } else {
        base
    }
}

/// Tiers from 0 with 1–4 bands; amount bounds are percents of `quota` (a typical quota of the
/// measure), so small measures (deal counts, units) get whole-unit bands and rates per unit.
fn tiers(rng: &mut Rng, mode: &str, amount_base: bool, quota: i64) -> (J, usize) {
    let n = rng.range(1, 4) as usize;
    let mut from = 0i64;
    let mut rate = rng.range(0, 600);
    let mut out = Vec::new();
    for i in 0..n {
        let last = i + 1 == n;
        let to = from + rng.range(1, 90);
        // Amount bounds scale with the measure; attainment bounds are ratios with two decimals.
        let bound = |v: i64| if amount_base { dec(v * quota, 2) } else { dec(v, 2) };
        let rate_s = if quota < 1000 { dec(rate, 1) } else { dec(rate, 4) };
        let mut t =
            vec![("from", s(bound(from))), ("to", if last { J::Null } else { s(bound(to)) }), ("rate", s(rate_s))];
        if mode == "interpolated" && !last {
            t.push(("rateTo", s(dec(rate + rng.range(-100, 300).max(-rate), 4))));
        }
        if mode == "retroactive" && rng.chance(50) {
            t.push(("retroactive", J::B(true)));
        }
        out.push(J::O(t));
        from = to;
        // Mostly accelerating, sometimes a decelerator.
        rate = (rate + rng.range(-150, 500)).clamp(0, 9999);
    }
    (J::A(out), n)
}

fn modifiers_gate_cap(
    rng: &mut Rng,
    c: &mut Vec<(&'static str, J)>,
    measures: &[&'static str],
    sh: &Shape,
    tiers: usize,
    commission: bool,
) {
    let cent = 10i64.pow(sh.minor);
    if rng.chance(30) {
        let mut g = vec![("when", s(condition(rng, measures, sh)))];
        if commission && tiers >= 2 && rng.chance(50) {
            g.push(("effect", s("noAccelerators")));
            g.push(("fromTier", J::N(rng.range(2, tiers as i64))));
        } else if rng.chance(50) {
            g.push(("effect", s("zero")));
        }
        c.push(("gate", J::O(g)));
    }
    if rng.chance(35) {
        let n = rng.range(1, 2);
        let mods = (0..n)
            .map(|i| {
                let mut m = Vec::new();
                if rng.chance(60) {
                    m.push(("label", s(format!("Kicker {}", i + 1))));
                }
                m.push(("when", s(condition(rng, measures, sh))));
                m.push(("multiply", s(dec(rng.range(0, 250), 2))));
                J::O(m)
            })
            .collect();
        c.push(("modifiers", J::A(mods)));
    }
    let mut cap_amount = None;
    if rng.chance(30) {
        let amount = rng.range(100, 9000) * cent + rng.below(cent as u64) as i64;
        cap_amount = Some(amount);
        c.push((
            "cap",
            J::O(vec![
                ("amount", s(dec(amount, sh.minor))),
                ("per", s(rng.pick(&["period", "year"]))),
                ("excess", s(rng.pick(&["forfeit", "carryForward"]))),
            ]),
        ));
    }
    if rng.chance(15) {
        let f = rng.range(0, 500) * cent;
        c.push(("floor", s(dec(cap_amount.map_or(f, |a| f.min(a)), sh.minor))));
    }
    if rng.chance(15) {
        c.push(("roles", J::A(vec![s(rng.pick(&ROLES)), s("senior")])));
    }
}

fn component(rng: &mut Rng, i: usize, v: usize, measures: &[&'static str], sh: &mut Shape) -> J {
    let id = format!("c{v}{i}");
    let kind = rng.pick(&["commission", "commission", "commission", "bonus", "mbo", "spiff"]);
    let mut c: Vec<(&'static str, J)> =
        vec![("id", s(id.clone())), ("name", s(format!("Component {i} ({kind})"))), ("kind", s(kind))];
    let own_quota = |rng: &mut Rng, sh: &Shape, q: i64| -> Option<J> {
        (sh.fallback || rng.chance(25)).then(|| s(dec(q * rng.range(50, 150), 2)))
    };
    let mut n_tiers = 0;
    match kind {
        "commission" => {
            let implicit = rng.chance(35);
            let scale = if implicit {
                sh.quota_keys.push((id.clone(), 50_000));
                50_000
            } else {
                let m = rng.pick(measures);
                c.push(("measure", s(m)));
                MEASURES.iter().find(|x| x.id == m).map_or(1000, |x| x.quota)
            };
            if implicit && rng.chance(60) {
                c.push(("filter", filter(rng)));
            }
            let scope = rng.pick(&["period", "quarterToDate", "yearToDate"]);
            let explicit = rng.chance(80);
            if explicit {
                c.push(("scope", s(scope)));
            }
            if explicit && scope == "yearToDate" && rng.chance(50) {
                c.push(("trueUp", J::B(true)));
            }
            if let Some(q) = own_quota(rng, sh, scale) {
                c.push(("quota", q));
            }
            let mode = rng.pick(&["flat", "marginal", "interpolated", "retroactive"]);
            let amount_base = rng.chance(35);
            let (t, n) = tiers(rng, mode, amount_base, scale);
            n_tiers = n;
            c.push((
                "rateTable",
                J::O(vec![
                    ("mode", s(mode)),
                    ("base", s(if amount_base { "amount" } else { "attainment" })),
                    ("evaluation", s(rng.pick(&["running", "running", "perTransaction"]))),
                    ("tiers", t),
                ]),
            ));
        }
        "bonus" => {
            let a = rng.pick(measures);
            let b = rng.pick(measures);
            // A component quota stands in for a single measure's quota only.
            let parts = if a != b && !sh.fallback && rng.chance(50) {
                let w = rng.range(1, 99);
                vec![(a, dec(w, 2)), (b, dec(100 - w, 2))]
            } else {
                vec![(a, "1".to_string())]
            };
            c.push((
                "attainment",
                J::A(parts.into_iter().map(|(m, w)| J::O(vec![("measure", s(m)), ("weight", s(w))])).collect()),
            ));
            let n = rng.range(1, 3);
            let mut at = 0;
            let mut pay = 0;
            let th = (0..n)
                .map(|_| {
                    at += rng.range(10, 80);
                    pay += rng.range(0, 120);
                    J::O(vec![("attainment", s(dec(at, 2))), ("payout", s(dec(pay, 2)))])
                })
                .collect();
            c.push(("thresholds", J::A(th)));
            c.push(("style", s(rng.pick(&["step", "linear"]))));
            c.push(("target", target(rng, sh)));
            if rng.chance(60) {
                c.push(("scope", s(rng.pick(&["period", "quarterToDate", "yearToDate"]))));
            }
            if let Some(q) = own_quota(rng, sh, 60_000) {
                c.push(("quota", q));
            }
        }
        "mbo" => {
            let n = rng.range(1, 3) as usize;
            let weights: Vec<String> = match n {
                1 => vec!["1".into()],
                2 => {
                    let w = rng.range(1, 99);
                    vec![dec(w, 2), dec(100 - w, 2)]
                }
                _ => vec!["0.5".into(), "0.3".into(), "0.2".into()],
            };
            let goals = (0..n)
                .map(|g| {
                    let gid = format!("g{v}{i}{g}");
                    let points: Vec<String> = ["0", "0.5", "1", "1.25", "1.5"].iter().map(|p| p.to_string()).collect();
                    sh.goals.push((gid.clone(), points.clone()));
                    J::O(vec![
                        ("id", s(gid)),
                        ("name", s(format!("Goal {g}"))),
                        ("weight", s(weights[g].clone())),
                        ("due", s(date(rng.range(0, 364)))),
                        ("points", J::A(points.into_iter().map(s).collect())),
                    ])
                })
                .collect();
            c.push(("target", target(rng, sh)));
            c.push(("goals", J::A(goals)));
        }
        _ => {
            let from = rng.range(-20, 300);
            c.push(("window", J::O(vec![("from", s(date(from))), ("to", s(date(from + rng.range(0, 120))))])));
            if rng.chance(50) {
                c.push(("filter", filter(rng)));
            }
            let pay = match rng.below(3) {
                0 => ("perDeal", s(dec(rng.range(0, 50_000), 2))),
                1 => ("perUnit", s(dec(rng.range(0, 5_000), 2))),
                _ => ("percent", s(dec(rng.range(0, 800), 4))),
            };
            c.push(("pay", J::O(vec![pay])));
        }
    }
    modifiers_gate_cap(rng, &mut c, measures, sh, n_tiers, kind == "commission");
    J::O(c)
}

fn target(rng: &mut Rng, sh: &Shape) -> J {
    if rng.chance(50) {
        J::O(vec![("amount", s(dec(rng.range(100, 5000) * 10i64.pow(sh.minor), sh.minor)))])
    } else {
        J::O(vec![("shareOfTargetIncentive", s(dec(rng.range(5, 60), 2)))])
    }
}

fn measures_json(rng: &mut Rng, sh: &mut Shape) -> (J, Vec<&'static str>) {
    let mut ids = vec!["rev"];
    for m in &MEASURES[1..] {
        if rng.chance(45) {
            ids.push(m.id);
        }
    }
    let mut out = Vec::new();
    for id in &ids {
        let mut m = vec![("id", s(*id))];
        match *id {
            "rev" => {
                m.push(("kind", s("amount")));
                if rng.chance(30) {
                    m.push(("filter", filter(rng)));
                }
            }
            "units" => m.push(("kind", s("units"))),
            "gm" => m.push(("kind", s("margin"))),
            "deals" => {
                m.push(("kind", s("count")));
                if rng.chance(50) {
                    m.push(("filter", J::O(vec![("types", J::A(vec![s("new")]))])));
                }
            }
            "mix" => {
                m.push(("kind", s("weighted")));
                m.push((
                    "parts",
                    J::A(vec![
                        J::O(vec![("measure", s("rev")), ("weight", s("1"))]),
                        J::O(vec![("measure", s("rev")), ("weight", s(dec(rng.range(0, 150), 2)))]),
                    ]),
                ));
            }
            "net" => {
                m.push(("kind", s("formula")));
                let f = rng.pick(&[
                    "rev * 0.25 - 100",
                    "max(rev, 0) * 0.1 + abs(rev) % 1000",
                    "if(rev > 50000, rev * 0.3, rev * 0.2)",
                    "round(rev / 3, 2)",
                    "clamp(rev, -10000, 80000) * 0.15",
                ]);
                m.push(("formula", s(f)));
            }
            _ => {
                m.push(("kind", s("amount")));
                m.push(("includeOverlay", J::B(true)));
            }
        }
        out.push(J::O(m));
        let q = MEASURES.iter().find(|x| x.id == *id).map_or(1000, |x| x.quota);
        if !sh.quota_keys.iter().any(|(k, _)| k == id) {
            sh.quota_keys.push((id.to_string(), q));
        }
    }
    (J::A(out), ids)
}

fn version_body(rng: &mut Rng, v: usize, sh: &mut Shape) -> Vec<(&'static str, J)> {
    let mut b = vec![("currency", s(sh.currency)), ("period", s(sh.period))];
    if sh.fiscal {
        b.push(("calendar", J::O(vec![("pattern", s("4-4-5")), ("yearStart", s("2026-01-04"))])));
    }
    b.push((
        "rounding",
        J::O(vec![
            ("mode", s(rng.pick(&["halfUp", "halfEven", "down", "up"]))),
            ("at", s(if v == 0 { sh.rounding_at } else { rng.pick(&["line", "component", "statement"]) })),
        ]),
    ));
    if rng.chance(15) {
        let mut e = vec![("roles", J::A(vec![s("rep"), s("senior")]))];
        if rng.chance(40) {
            e = vec![("payees", J::A((0..sh.payees).filter(|i| i % 3 != 2).map(|i| s(format!("p{i}"))).collect()))];
        }
        b.push(("eligibility", J::O(e)));
    }
    if sh.inputs {
        b.push(("inputs", J::A(vec![s("nps")])));
    }
    let (ms, ids) = measures_json(rng, sh);
    b.push(("measures", ms));
    let n = rng.range(1, 5) as usize;
    let comps = (0..n).map(|i| component(rng, i, v, &ids, sh)).collect();
    b.push(("components", J::A(comps)));
    let cent = 10i64.pow(sh.minor);
    if rng.chance(15) {
        b.push((
            "cap",
            J::O(vec![
                ("amount", s(dec(rng.range(500, 20_000) * cent, sh.minor))),
                ("per", s(rng.pick(&["period", "year"]))),
                ("excess", s(rng.pick(&["forfeit", "carryForward"]))),
            ]),
        ));
    }
    let mut cr = Vec::new();
    if rng.chance(60) {
        let n = rng.range(1, 3);
        let rules = (0..n)
            .map(|r| {
                let overlay = rng.chance(25);
                let k = rng.range(1, 3) as usize;
                let mut who: Vec<usize> = (0..k).map(|_| rng.below(sh.payees as u64) as usize).collect();
                who.sort_unstable();
                who.dedup();
                let shares: Vec<String> = if overlay {
                    who.iter().map(|_| dec(rng.range(1, 100), 2)).collect()
                } else {
                    match who.len() {
                        1 => vec!["1".into()],
                        2 => {
                            let a = rng.range(1, 9999);
                            vec![dec(a, 4), dec(10_000 - a, 4)]
                        }
                        _ => vec!["0.3333".into(), "0.3333".into(), "0.3334".into()],
                    }
                };
                let credit = who
                    .iter()
                    .zip(shares)
                    .map(|(p, sh)| J::O(vec![("payeeId", s(format!("p{p}"))), ("share", s(sh))]))
                    .collect();
                let mut rule = Vec::new();
                if rng.chance(50) {
                    rule.push(("label", s(format!("Rule {r}"))));
                }
                rule.push(("filter", filter(rng)));
                rule.push(("credit", J::A(credit)));
                if overlay {
                    rule.push(("overlay", J::B(true)));
                }
                J::O(rule)
            })
            .collect();
        cr.push(("rules", J::A(rules)));
        if rng.chance(50) {
            cr.push(("ruleMatch", s(rng.pick(&["first", "all"]))));
        }
    }
    if rng.chance(40) {
        cr.push(("rollup", J::O(vec![("levels", J::N(rng.range(0, 2)))])));
    }
    if !cr.is_empty() {
        b.push(("crediting", J::O(cr)));
    }
    if rng.chance(20) {
        let n = rng.range(1, 3);
        let sched = (0..n).map(|k| s(dec(25 * (k + 1) + rng.range(0, 20), 2))).collect();
        let mut r = vec![("schedule", J::A(sched))];
        if rng.chance(50) {
            r.push(("acceleratorsOff", J::B(rng.chance(70))));
        }
        b.push(("ramp", J::O(r)));
    }
    b
}

/// The case for `seed`.
pub fn case(seed: u64) -> Case {
    let mut rng = Rng(seed ^ 0x5EED_CA5E_0000_0000);
    let (currency, minor) = rng.pick(&[("USD", 2), ("USD", 2), ("EUR", 2), ("JPY", 0), ("KWD", 3)]);
    let fiscal = rng.chance(12);
    let period = rng.pick(&["month", "quarter", "quarter", "half", "year"]);
    let mut sh = Shape {
        period,
        fiscal,
        currency,
        minor,
        quota_keys: Vec::new(),
        goals: Vec::new(),
        inputs: rng.chance(40),
        fallback: rng.chance(15),
        payees: rng.range(2, 8) as usize,
        rounding_at: rng.pick(&["line", "component", "statement"]),
    };
    let mut plan = vec![
        ("schemaVersion", J::N(1)),
        ("id", s(format!("random-{seed}"))),
        ("name", s(format!("Random plan {seed}"))),
    ];
    let mut versions = None;
    if rng.chance(20) {
        let cut = rng.range(30, 330);
        let mut v1 = vec![("version", s("v1")), ("effectiveFrom", s(date(-60))), ("effectiveTo", s(date(cut - 1)))];
        v1.extend(version_body(&mut rng, 0, &mut sh));
        let mut v2 = vec![("version", s("v2")), ("effectiveFrom", s(date(cut)))];
        v2.extend(version_body(&mut rng, 1, &mut sh));
        versions = Some((v1, v2));
    } else {
        if rng.chance(30) {
            plan.push(("version", s("2026.1")));
        }
        plan.extend(version_body(&mut rng, 0, &mut sh));
    }
    let foreign = rng.chance(20);
    let payout =
        (foreign && rng.chance(50)).then(|| J::O(vec![("conversion", s(rng.pick(&["transactionDate", "periodEnd"])))]));
    match (versions, payout) {
        // A versioned plan keeps its payout section in each version: beside `versions` it would
        // be ignored (FIELD_IGNORED), as it silently was before issue 19.
        (Some((mut v1, mut v2)), payout) => {
            if let Some(p) = payout {
                v1.push(("payout", p.clone()));
                v2.push(("payout", p));
            }
            plan.push(("versions", J::A(vec![J::O(v1), J::O(v2)])));
        }
        (None, Some(p)) => plan.push(("payout", p)),
        (None, None) => {}
    }
    let payees = payees(&mut rng, &sh);
    let (transactions, rates) = transactions(&mut rng, &sh, foreign);
    Case { seed, plan: J::O(plan).text(), payees: payees.text(), transactions: transactions.text(), rates, minor }
}

fn payees(rng: &mut Rng, sh: &Shape) -> J {
    let cent = 10i64.pow(sh.minor);
    let out = (0..sh.payees)
        .map(|i| {
            let mut p = vec![("id", s(format!("p{i}"))), ("name", s(format!("Payee {i}")))];
            if rng.chance(70) {
                p.push(("role", s(rng.pick(&ROLES))));
            }
            // Managers are earlier payees, so no date has a cycle.
            if i > 0 && rng.chance(60) {
                if rng.chance(25) && i > 1 {
                    let cut = rng.range(20, 340);
                    let (a, b) = (rng.below(i as u64), rng.below(i as u64));
                    p.push((
                        "managers",
                        J::A(vec![
                            J::O(vec![("managerId", s(format!("p{a}"))), ("to", s(date(cut - 1)))]),
                            J::O(vec![("managerId", s(format!("p{b}"))), ("from", s(date(cut)))]),
                        ]),
                    ));
                } else {
                    p.push(("managerId", s(format!("p{}", rng.below(i as u64)))));
                }
            }
            let hire = rng.chance(20).then(|| rng.range(-200, 250));
            let term = rng.chance(10).then(|| rng.range(200, 364));
            // A termination before the hire date is refused (RANGE_REVERSED): swap such a pair.
            let (hire, term) = match (hire, term) {
                (Some(h), Some(t)) if t < h => (Some(t), Some(h)),
                other => other,
            };
            if let Some(h) = hire {
                p.push(("hireDate", s(date(h))));
            }
            if let Some(t) = term {
                p.push(("terminationDate", s(date(t))));
            }
            if rng.chance(10) {
                let f = rng.range(10, 150);
                p.push(("leaves", J::A(vec![J::O(vec![("from", s(date(f))), ("to", s(date(f + rng.range(0, 40))))])])));
            }
            p.push(("targetIncentive", s(dec(rng.range(5_000, 90_000) * cent, sh.minor))));
            let mut quotas = Vec::new();
            if !sh.fallback || rng.chance(30) {
                for (k, q) in &sh.quota_keys {
                    quotas.push(J::O(vec![("component", s(k.clone())), ("amount", s(dec(q * rng.range(50, 200), 2)))]));
                    if !sh.fiscal && rng.chance(15) {
                        let day = rng.range(0, 364);
                        quotas.push(J::O(vec![
                            ("component", s(k.clone())),
                            ("period", s(label(sh.period, day))),
                            ("amount", s(dec(q * rng.range(30, 300) + rng.range(0, 99), 2))),
                        ]));
                    }
                }
            }
            if !quotas.is_empty() {
                p.push(("quotas", J::A(quotas)));
            }
            if sh.inputs {
                let mut inputs = vec![J::O(vec![("name", s("nps")), ("value", s(dec(rng.range(0, 1000), 1)))])];
                if !sh.fiscal && rng.chance(30) {
                    inputs.push(J::O(vec![
                        ("name", s("nps")),
                        ("period", s(label(sh.period, rng.range(0, 364)))),
                        ("value", s(rng.range(0, 100).to_string())),
                    ]));
                }
                p.push(("inputs", J::A(inputs)));
            }
            let mut mbo = Vec::new();
            for (g, points) in &sh.goals {
                if rng.chance(70) {
                    let score = points[rng.below(points.len() as u64) as usize].clone();
                    let mut r = vec![("goal", s(g.clone())), ("score", s(score))];
                    if rng.chance(60) {
                        r.push(("completed", s(date(rng.range(0, 364)))));
                    }
                    mbo.push(J::O(r));
                }
            }
            if !mbo.is_empty() {
                p.push(("mbo", J::A(mbo)));
            }
            J::O(p)
        })
        .collect();
    J::A(out)
}

fn transactions(rng: &mut Rng, sh: &Shape, foreign: bool) -> (J, String) {
    let n = rng.range(0, 70);
    let others: Vec<&str> = ["USD", "EUR", "GBP", "JPY"].into_iter().filter(|c| *c != sh.currency).collect();
    let mut out = Vec::new();
    for t in 0..n {
        let day = if rng.chance(8) { rng.range(-40, 400) } else { rng.range(0, 364) };
        let dp = rng.range(0, 4) as u32;
        let whole = rng.range(0, 60_000);
        let mut value = whole * 10i64.pow(dp) + rng.below(10u64.pow(dp)) as i64;
        if rng.chance(10) {
            value = -value / 3;
        }
        let mut x = vec![("id", s(format!("t{t:03}"))), ("date", s(date(day)))];
        match rng.below(10) {
            0..=5 => x.push(("payeeId", s(format!("p{}", rng.below(sh.payees as u64))))),
            6..=7 => {}
            _ => {
                let k = rng.range(1, 3) as usize;
                let mut who: Vec<usize> = (0..k).map(|_| rng.below(sh.payees as u64) as usize).collect();
                who.sort_unstable();
                who.dedup();
                let shares: Vec<String> = match who.len() {
                    1 => vec!["1".into()],
                    2 => {
                        let d = rng.range(1, 4) as u32;
                        let p = 10i64.pow(d);
                        let a = rng.range(1, p - 1);
                        vec![dec(a, d), dec(p - a, d)]
                    }
                    _ => vec!["0.3333".into(), "0.3333".into(), "0.3334".into()],
                };
                let mut splits: Vec<J> = who
                    .iter()
                    .zip(shares)
                    .map(|(p, share)| J::O(vec![("payeeId", s(format!("p{p}"))), ("share", s(share))]))
                    .collect();
                if rng.chance(30) {
                    splits.push(J::O(vec![
                        ("payeeId", s(format!("p{}", rng.below(sh.payees as u64)))),
                        ("share", s(dec(rng.range(1, 150), 2))),
                        ("overlay", J::B(true)),
                    ]));
                }
                x.push(("splits", J::A(splits)));
            }
        }
        x.push(("amount", s(dec(value, dp))));
        if rng.chance(60) {
            x.push(("units", s(dec(rng.range(1, 400), rng.range(0, 1) as u32))));
        }
        if rng.chance(60) {
            x.push(("margin", s(dec(value.abs() * rng.range(5, 60) / 100, dp))));
        }
        for (k, vals) in [
            ("product", &PRODUCTS[..]),
            ("type", &TYPES[..]),
            ("territory", &TERRITORIES[..]),
            ("account", &ACCOUNTS[..]),
        ] {
            if rng.chance(75) {
                x.push((k, s(rng.pick(vals))));
            }
        }
        if rng.chance(40) {
            x.push(("customer", s(format!("c{}", rng.range(1, 5)))));
        }
        if foreign && rng.chance(40) {
            x.push(("currency", s(if rng.chance(20) { sh.currency } else { rng.pick(&others) })));
        }
        if rng.chance(30) {
            x.push((
                "attributes",
                J::A(vec![J::O(vec![("name", s("region")), ("value", s(rng.pick(&["emea", "amer", "apac"])))])]),
            ));
        }
        out.push(J::O(x));
    }
    let rates = if foreign {
        let mut r = Vec::new();
        for from in &others {
            for day in [-400, rng.range(0, 200), rng.range(200, 364)] {
                r.push(J::O(vec![
                    ("from", s(*from)),
                    ("to", s(sh.currency)),
                    ("date", s(date(day.max(-365)))),
                    ("rate", s(dec(rng.range(1, 2_000_000), 6))),
                ]));
            }
        }
        J::A(r).text()
    } else {
        String::new()
    };
    (J::A(out), rates)
}
