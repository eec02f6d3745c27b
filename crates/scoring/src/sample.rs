//! A seeded scoring sample for the bench and the page: `reps` reps in teams of 7 (ids `r00001`…,
//! teams `m0001`…), `events` events over 2026 (deals with amounts, activities, meetings) as CSV
//! text, and a definitions document that uses every rule. The same seed gives the same text
//! natively and in wasm.

use spm_base::rng::Rng;
use std::fmt::Write;

const TYPES: [&str; 4] = ["activity", "meeting", "opportunity", "deal"];
const REGIONS: [&str; 3] = ["north", "south", "west"];

/// Events as CSV: `id,payeeId,type,date,amount,attr.region`, in date order.
pub fn sample_csv(reps: usize, events: usize, seed: u64) -> String {
    let mut rng = Rng(seed ^ 0x5C0E_0000_0000_0009);
    let reps = reps.max(1) as u64;
    // Days of 2026 as day numbers: 2026-01-01 is day 20454.
    let per_day = (events / 365).max(1);
    let mut out = String::with_capacity(events * 44 + 64);
    out.push_str("id,payeeId,type,date,amount,attr.region\n");
    for i in 0..events {
        let day = (i / per_day).min(364) as i64;
        let date = spm_base::period::Date::from_day_number(20_454 + day).map(|d| d.to_string()).unwrap_or_default();
        // Skewed reps: a few are busier, like a real floor.
        let a = rng.below(reps);
        let b = rng.below(reps);
        let rep = a.min(b) + 1;
        let roll = rng.below(100);
        let kind = match roll {
            0..=54 => 0,
            55..=79 => 1,
            80..=91 => 2,
            _ => 3,
        };
        let region = REGIONS.get(rng.below(3) as usize).copied().unwrap_or("north");
        let _ = if kind == 3 {
            let amount = 1_000 + rng.below(49_000);
            let cents = rng.below(100);
            writeln!(out, "e{i:07},r{rep:05},deal,{date},{amount}.{cents:02},{region}")
        } else {
            writeln!(out, "e{i:07},r{rep:05},{},{date},,{region}", TYPES.get(kind).copied().unwrap_or("activity"))
        };
    }
    out
}

/// The roster of [`sample_csv`] as JSON: teams of 7, roles `AE` (and `SDR` for every fifth),
/// hire dates spread over 2024–2026.
pub fn sample_roster(reps: usize, seed: u64) -> String {
    let mut rng = Rng(seed ^ 0x0705_7E50);
    let mut out = String::from("[");
    for r in 1..=reps.max(1) {
        let team = (r - 1) / 7 + 1;
        let role = if r % 5 == 0 { "SDR" } else { "AE" };
        let hire = spm_base::period::Date::from_day_number(19_723 + rng.below(800) as i64)
            .map(|d| d.to_string())
            .unwrap_or_default();
        if r > 1 {
            out.push(',');
        }
        let _ =
            write!(out, r#"{{"id":"r{r:05}","name":"Rep {r}","team":"m{team:04}","role":"{role}","hire":"{hire}"}}"#);
    }
    out.push(']');
    out
}

/// A definitions document over the sample's event types that uses every rule.
pub fn sample_defs() -> String {
    r#"{"schemaVersion":1,"asOf":"2026-12-31",
"kpis":[{"id":"deals","kind":"count","eventType":"deal"},{"id":"revenue","kind":"sum","eventType":"deal"},
{"id":"conversion","kind":"ratio","eventType":"deal","denominatorType":"opportunity"},
{"id":"activities","kind":"count","eventType":"activity"}],
"scorecards":[{"id":"main","window":{"period":"2026-Q4"},"team":"mean","kpis":[
{"metric":"kpi:revenue","weight":"0.4","normalize":"percentile"},
{"metric":"kpi:conversion","weight":"0.3","normalize":"target","target":"0.5","cap":"1.5"},
{"metric":"kpi:activities","weight":"0.3","normalize":"minMax"}]}],
"points":{"rules":[{"eventType":"deal","points":"10","perAmount":{"points":"1","per":"1000"}},
{"eventType":"activity","points":"1"},{"eventType":"meeting","points":"3"},{"eventType":"opportunity","points":"2"}],
"multipliers":[{"id":"quarter-end","factor":"2","eventType":"deal","lastDaysOfQuarter":7}],
"limits":[{"eventType":"activity","per":"day","max":"20"}]},
"levels":[{"name":"Bronze","threshold":"0"},{"name":"Silver","threshold":"500"},{"name":"Gold","threshold":"2000"}],
"badges":[{"id":"first-deal","name":"First deal","kind":"first","eventType":"deal"},
{"id":"big-deal","name":"Big deal","kind":"first","eventType":"deal","threshold":"40000"},
{"id":"k1","name":"1,000 points","kind":"points","threshold":"1000"}],
"leaderboards":[{"id":"points-q4","metric":"points","window":{"period":"2026-Q4"}},
{"id":"teams-q4","metric":"amount:deal","window":{"period":"2026-Q4"},"scope":"team"}],
"contests":[{"id":"december","name":"December dash","metric":"count:deal","from":"2026-12-01","to":"2026-12-31",
"currency":"USD","prizes":[{"place":1,"amount":"500.00"},{"place":2,"amount":"300.00"},{"place":3,"amount":"200.00"}]}]}"#
        .to_string()
}
