//! Native timing of gamified scoring at the issue's scale: 10,000 reps and 1,000,000 events
//! (the seeded sample), parsed once; then leaderboards recomputed for several metrics and
//! windows (whole months read the per-rep monthly totals; an odd window reads the events),
//! and the whole report. `cargo run --release --example scoring_timing [reps] [events]`.

use spm_scoring::{sample_csv, sample_defs, sample_roster, Scoreboard};
use std::time::Instant;

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let reps = args.first().copied().unwrap_or(10_000);
    let events = args.get(1).copied().unwrap_or(1_000_000);
    let t = Instant::now();
    let csv = sample_csv(reps, events, 42);
    let roster = sample_roster(reps, 42);
    println!("generate {reps} reps, {events} events: {:.1} ms ({} MB of CSV)", ms(t), csv.len() / 1_000_000);
    let t = Instant::now();
    let sb = match Scoreboard::from_text(&sample_defs(), Some(&roster), &csv) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    println!("load (parse, points, sort, limits, monthly totals): {:.1} ms", ms(t));
    let requests = [
        r#"{"id":"a","metric":"points","window":{"period":"2026-Q4"}}"#,
        r#"{"id":"b","metric":"amount:deal","window":{"period":"2026"},"ties":"dense"}"#,
        r#"{"id":"c","metric":"count:deal","window":{"period":"2026-06"},"ties":"ordinal","secondary":"points"}"#,
        r#"{"id":"d","metric":"points","window":{"period":"2026-H1"},"scope":"team"}"#,
        r#"{"id":"e","metric":"kpi:conversion","window":{"period":"2026-Q2"},"eligibility":{"minEvents":50,"roles":["AE"]}}"#,
        r#"{"id":"f","metric":"points","window":{"from":"2026-03-10","to":"2026-09-20"}}"#,
    ];
    for r in requests {
        let t = Instant::now();
        let n = 5;
        let mut len = 0;
        for _ in 0..n {
            len = sb.leaderboard_json(r).map(|s| s.len()).unwrap_or(0);
        }
        println!("leaderboard {r}: {:.2} ms ({} KB)", ms(t) / f64::from(n), len / 1000);
    }
    let t = Instant::now();
    let len = sb.report_json().map(|s| s.len()).unwrap_or(0);
    println!(
        "whole report (scorecard, standings, badges, 2 leaderboards, contest): {:.1} ms ({} KB)",
        ms(t),
        len / 1000
    );
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}
