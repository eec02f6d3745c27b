//! Tests of the hierarchy, compiled only under #[cfg(test)]: timelines against reading the spans
//! day by day, and the loop check against the check it replaced (every chain walked on every
//! date), kept here as the reference, on seeded random hierarchies with dated spans.

use super::*;
use crate::data::{ManagerSpan, Payee};
use spm_base::rng::Rng;

fn date(n: u64) -> Option<Date> {
    Date::new(2026, 1, 1).and_then(|d| d.add_days(i64::try_from(n).ok()?))
}

/// Random payees: each with up to `max_spans` spans to random managers over about 60 days; a
/// span open at its start is open at its end too (see `old_check`).
fn random_payees(rng: &mut Rng, n: usize, max_spans: u64) -> (Vec<Payee>, Vec<Spans>) {
    let mut payees = Vec::new();
    let mut resolved = Vec::new();
    for i in 0..n {
        let mut managers = Vec::new();
        let mut spans = Vec::new();
        for _ in 0..rng.below(max_spans + 1) {
            let m = rng.below(n as u64) as usize;
            let (from, to) = match rng.below(4) {
                0 => (None, None),
                _ => {
                    let f = rng.below(60);
                    (date(f), date(f + rng.below(30)).filter(|_| rng.below(3) > 0))
                }
            };
            managers.push(ManagerSpan { manager: format!("p{m}"), from, to });
            spans.push((from, to, m));
        }
        payees.push(Payee { id: format!("p{i}"), managers, ..Payee::default() });
        resolved.push(spans);
    }
    (payees, resolved)
}

/// The check before this module: every payee's chain walked on every day a span starts or ends,
/// with a linear scan of the chain so far. It only treats spans open at both ends as in effect
/// "since always", hence `random_payees` never leaves only one end open.
fn old_check(payees: &[Payee], managers: &[Spans], diags: &mut Vec<Diagnostic>) {
    let mut days: Vec<Option<Date>> = vec![None];
    for spans in managers {
        for (f, t, _) in spans {
            days.push(*f);
            days.push(t.and_then(|t| t.add_days(1)));
        }
    }
    days.sort();
    days.dedup();
    let on = |p: usize, day: Option<Date>| -> Option<(usize, usize)> {
        managers.get(p)?.iter().enumerate().find_map(|(j, (f, t, m))| {
            let ok = match day {
                None => f.is_none() && t.is_none(),
                Some(d) => f.is_none_or(|f| f <= d) && t.is_none_or(|t| d <= t),
            };
            ok.then_some((j, *m))
        })
    };
    let mut flagged = vec![false; payees.len()];
    for day in days {
        for (i, p) in payees.iter().enumerate() {
            if flagged[i] {
                continue;
            }
            let mut seen = vec![i];
            let Some((j0, first)) = on(i, day) else { continue };
            let mut cur = Some(first);
            while let Some(c) = cur {
                if c == i {
                    let chain: Vec<&str> = seen.iter().map(|s| payees[*s].id.as_str()).collect();
                    let dated = seen.iter().find_map(|&s| {
                        let (j, _) = on(s, day)?;
                        let (f, t, _) = managers.get(s)?.get(j)?;
                        (f.is_some() || t.is_some()).then_some((s, j))
                    });
                    let (who, j) = dated.unwrap_or((i, j0));
                    let path = if payees[who].managers.len() > 1 {
                        format!("payees[{who}].managers[{j}].managerId")
                    } else {
                        format!("payees[{who}].managerId")
                    };
                    let when = day.map_or(String::new(), |d| format!(" from {d}"));
                    diags.push(Diagnostic::error(
                        path,
                        Code::HierarchyCycle,
                        format!("{} manages themselves{when} through the chain {} → {}", p.id, chain.join(" → "), p.id),
                        "break the loop: someone in the chain needs another manager",
                    ));
                    for s in &seen {
                        flagged[*s] = true;
                    }
                    break;
                }
                if seen.contains(&c) || seen.len() > payees.len() {
                    break;
                }
                seen.push(c);
                cur = on(c, day).map(|(_, m)| m);
            }
        }
    }
}

fn new_check(payees: &[Payee], managers: &[Spans]) -> Vec<Diagnostic> {
    let timelines: Vec<_> = managers.iter().map(|m| timeline(m)).collect();
    let mut out = Vec::new();
    check(payees, managers, &timelines, &mut out);
    out
}

#[test]
fn the_timeline_gives_the_first_span_in_effect_on_every_day() {
    let mut rng = Rng(7);
    for _ in 0..300 {
        let (payees, managers) = random_payees(&mut rng, 1, 6);
        let t = timeline(&managers[0]);
        for day in 0..100 {
            let d = date(day).unwrap();
            let expected = payees[0].manager_on(d).map(|m| m.to_string());
            assert_eq!(on(&t, d).map(|(_, m)| format!("p{m}")), expected, "day {day}: {:?}", managers[0]);
        }
    }
}

#[test]
fn loops_and_their_diagnostics_are_those_of_the_check_it_replaced() {
    let mut rng = Rng(19);
    let mut loops = 0;
    for round in 0..2_000 {
        let n = 1 + (round % 12);
        let (payees, managers) = random_payees(&mut rng, n, 1 + (round as u64 % 5));
        let mut old = Vec::new();
        old_check(&payees, &managers, &mut old);
        assert_eq!(new_check(&payees, &managers), old, "{payees:?}");
        loops += old.len();
    }
    assert!(loops > 500, "the random hierarchies have loops to find: {loops}");
}

#[test]
fn a_loop_open_only_at_its_start_is_found_since_always() {
    // b reports to a until March; a always reports to b: a loop from the start until March,
    // which the day-by-day check missed (it read "since always" as open at both ends).
    let spans = vec![vec![(None, None, 1)], vec![(None, date(60), 0)]];
    let payees: Vec<Payee> = ["a", "b"]
        .iter()
        .zip(&spans)
        .map(|(id, s)| Payee {
            id: id.to_string(),
            managers: s.iter().map(|(f, t, m)| ManagerSpan { manager: format!("{m}"), from: *f, to: *t }).collect(),
            ..Payee::default()
        })
        .collect();
    let d = new_check(&payees, &spans);
    assert_eq!(d.len(), 1);
    assert_eq!(d[0].path, "payees[1].managerId");
    assert_eq!(d[0].message, "a manages themselves through the chain a → b → a");
}

#[test]
fn a_long_loop_is_named_by_its_ends() {
    let n = 1_000;
    let spans: Vec<Spans> = (0..n).map(|i| vec![(None, None, (i + 1) % n)]).collect();
    let payees: Vec<Payee> = (0..n).map(|i| Payee { id: format!("p{i}"), ..Payee::default() }).collect();
    let d = new_check(&payees, &spans);
    assert_eq!(d.len(), 1);
    assert_eq!(
        d[0].message,
        "p0 manages themselves through the chain p0 → p1 → p2 → p3 → p4 → p5 → … 989 more … → p995 → p996 → p997 → p998 → p999 → p0"
    );
}
