//! Levels (points to date against thresholds), badges (each awarded once, with its date and
//! evidence: the events, periods or members behind it) and goals (progress, pace, status,
//! completion date), all as of the model's `asOf`.

use super::defs::Badge;
use super::{text, Metric, Scoreboard, Window};
use crate::dto::{BadgeAwardDto, BadgeKindDto, GoalResultDto, RepPointsDto};
use rust_decimal::Decimal;
use spm_base::fmt::ratio;
use spm_base::period::{Date, Period, PeriodKind};

/// Every rep's points to date, level, next level and the points it still needs.
// Bounded: an event's amount and points are at most MAX_AMOUNT (10^15) and there are at most
// MAX_EVENTS (5 × 10^6), so every sum of them is below 10^22, far inside the decimal range.
#[allow(clippy::arithmetic_side_effects)]
pub(crate) fn standings(sb: &Scoreboard) -> Vec<RepPointsDto> {
    let mut pts = vec![Decimal::ZERO; sb.reps.len()];
    for i in 0..sb.ev.day.partition_point(|d| *d <= sb.as_of) {
        if let (Some(slot), Some(p)) = (sb.ev.rep.get(i).and_then(|&r| pts.get_mut(r as usize)), sb.ev.points.get(i)) {
            *slot += *p;
        }
    }
    sb.reps
        .iter()
        .zip(&pts)
        .map(|(r, p)| {
            let level = sb.defs.levels.iter().rev().find(|l| l.1 <= *p).map(|l| l.0.clone());
            let next = sb.defs.levels.iter().find(|l| l.1 > *p);
            RepPointsDto {
                id: r.id.clone(),
                points: text(*p),
                level,
                next_level: next.map(|l| l.0.clone()),
                to_next: next.map(|l| text(l.1 - *p)),
            }
        })
        .collect()
}

/// Periods of `kind` from the first event's to the last one ended by `asOf`.
fn periods(sb: &Scoreboard, kind: PeriodKind) -> Vec<Period> {
    let Some(first) = sb.ev.day.first() else { return Vec::new() };
    let mut p = Period::containing(kind, *first);
    let mut out = Vec::new();
    while p.end() <= sb.as_of && out.len() < 1200 {
        out.push(p);
        p = p.next();
    }
    out
}

fn award(b: &Badge, holder: &str, date: Date, sentence: String) -> BadgeAwardDto {
    BadgeAwardDto {
        badge: b.id.clone(),
        holder: holder.to_string(),
        date: date.to_string(),
        sentence,
        events: Vec::new(),
        periods: Vec::new(),
        members: Vec::new(),
    }
}

/// Per holder: the first run of `length` periods at or above the threshold, as (last index, run).
fn first_run(met: &[bool], length: u32) -> Option<(usize, usize)> {
    let mut run = 0usize;
    for (i, m) in met.iter().enumerate() {
        run = if *m { run + 1 } else { 0 };
        if run >= length as usize {
            return Some((i, run));
        }
    }
    None
}

/// A metric as words in a sentence: `count:meeting` → "meeting count", `amount:deal` → "deal
/// amount", `kpi:conversion` → "conversion", `score:main` → "main score", `points` → "points".
fn metric_words(label: &str) -> String {
    match label.split_once(':') {
        Some(("count", t)) => format!("{t} count"),
        Some(("amount", t)) => format!("{t} amount"),
        Some(("score", t)) => format!("{t} score"),
        Some((_, t)) => t.to_string(),
        None => label.to_string(),
    }
}

fn period_badges(sb: &Scoreboard, b: &Badge, out: &mut Vec<BadgeAwardDto>) {
    let Some((label, metric)) = &b.metric else { return };
    let ps = periods(sb, b.period);
    let team = b.kind == BadgeKindDto::TeamTotal;
    let holders: Vec<&str> = if team {
        sb.teams.iter().map(String::as_str).collect()
    } else {
        sb.reps.iter().map(|r| r.id.as_str()).collect()
    };
    let mut met = vec![Vec::with_capacity(ps.len()); holders.len()];
    for p in &ps {
        let w = Window { from: p.start(), to: p.end() };
        let vals = if team { sb.team_values(*metric, w) } else { sb.values(*metric, w) };
        for (h, v) in met.iter_mut().zip(vals.iter().chain(std::iter::repeat(&None))) {
            h.push(v.is_some_and(|v| v >= b.threshold));
        }
    }
    let length = if b.kind == BadgeKindDto::Streak { b.length } else { 1 };
    for (h, m) in holders.iter().zip(&met) {
        let Some((last, _)) = first_run(m, length) else { continue };
        let run: Vec<String> =
            ps.get(last + 1 - length as usize..=last).unwrap_or_default().iter().map(Period::label).collect();
        let end = ps.get(last).map_or(sb.as_of, Period::end);
        let what = metric_words(label);
        let sentence = if length > 1 {
            let unit = if b.period == PeriodKind::Quarter { "quarters" } else { "months" };
            format!(
                "{}: {what} at or above {} for {length} {unit} in a row ({}).",
                b.name,
                text(b.threshold),
                run.join(", ")
            )
        } else {
            format!("{}: {what} at or above {} in {}.", b.name, text(b.threshold), run.join(", "))
        };
        let mut a = award(b, h, end, sentence);
        a.periods = run;
        out.push(a);
    }
}

/// Every badge awarded as of `asOf`, by date, then badge, then holder.
// Bounded: an event's amount and points are at most MAX_AMOUNT (10^15) and there are at most
// MAX_EVENTS (5 × 10^6), so every sum of them is below 10^22, far inside the decimal range.
#[allow(clippy::arithmetic_side_effects)]
pub(crate) fn badges(sb: &Scoreboard) -> Vec<BadgeAwardDto> {
    let mut out = Vec::new();
    let upto = sb.ev.day.partition_point(|d| *d <= sb.as_of);
    for b in &sb.defs.badges {
        match b.kind {
            BadgeKindDto::Points => {
                let mut cum = vec![Decimal::ZERO; sb.reps.len()];
                let mut done = vec![false; sb.reps.len()];
                for i in 0..upto {
                    let (Some(&r), Some(p), Some(d)) = (sb.ev.rep.get(i), sb.ev.points.get(i), sb.ev.day.get(i)) else {
                        continue;
                    };
                    let r = r as usize;
                    let (Some(c), Some(f)) = (cum.get_mut(r), done.get_mut(r)) else { continue };
                    *c += *p;
                    if !*f && *c >= b.threshold {
                        *f = true;
                        let id = sb.ev.id(i);
                        let holder = sb.reps.get(r).map_or("", |x| x.id.as_str());
                        let s = format!("{}: {} points reached on {d} with event {id}.", b.name, text(b.threshold));
                        let mut a = award(b, holder, *d, s);
                        a.events = vec![id.to_string()];
                        out.push(a);
                    }
                }
            }
            BadgeKindDto::First => {
                let mut done = vec![false; sb.reps.len()];
                for i in 0..upto {
                    let (Some(&r), Some(&k), Some(&a), Some(d)) =
                        (sb.ev.rep.get(i), sb.ev.kind.get(i), sb.ev.amount.get(i), sb.ev.day.get(i))
                    else {
                        continue;
                    };
                    if Some(k) != b.event_type || a < b.threshold {
                        continue;
                    }
                    let Some(f) = done.get_mut(r as usize) else { continue };
                    if !*f {
                        *f = true;
                        let id = sb.ev.id(i);
                        let holder = sb.reps.get(r as usize).map_or("", |x| x.id.as_str());
                        let ty = sb.types.0.get(usize::from(k)).map_or("", String::as_str);
                        let s = if b.threshold.is_zero() {
                            format!("{}: the first {ty}, {id} on {d}.", b.name)
                        } else {
                            format!(
                                "{}: the first {ty} of {} or more, {id} ({}) on {d}.",
                                b.name,
                                text(b.threshold),
                                text(a)
                            )
                        };
                        let mut x = award(b, holder, *d, s);
                        x.events = vec![id.to_string()];
                        out.push(x);
                    }
                }
            }
            BadgeKindDto::Threshold | BadgeKindDto::Streak | BadgeKindDto::TeamTotal => period_badges(sb, b, &mut out),
            BadgeKindDto::TeamAll => {}
        }
    }
    for b in sb.defs.badges.iter().filter(|b| b.kind == BadgeKindDto::TeamAll) {
        let Some(of) = b.badge.and_then(|i| sb.defs.badges.get(i)) else { continue };
        for (t, team) in sb.teams.iter().enumerate() {
            let members: Vec<&str> = sb.reps.iter().filter(|r| r.team == Some(t)).map(|r| r.id.as_str()).collect();
            let dates: Vec<Option<&str>> = members
                .iter()
                .map(|m| out.iter().find(|a| a.badge == of.id && a.holder == *m).map(|a| a.date.as_str()))
                .collect();
            if members.is_empty() || dates.iter().any(Option::is_none) {
                continue;
            }
            let last = dates.iter().flatten().max().and_then(|d| Date::parse(d)).unwrap_or(sb.as_of);
            let name = sb.team_names.get(t).map_or(team.as_str(), String::as_str);
            let s = format!("{}: every member of {name} ({}) holds {}.", b.name, members.len(), of.name);
            let mut a = award(b, team, last, s);
            a.members = members.iter().map(|m| m.to_string()).collect();
            out.push(a);
        }
    }
    out.sort_by(|a, b| (&a.date, &a.badge, &a.holder).cmp(&(&b.date, &b.badge, &b.holder)));
    out
}

/// The owner's value of a metric over a window.
fn owner_value(sb: &Scoreboard, team: bool, owner: usize, m: Metric, w: Window) -> Option<Decimal> {
    let v = if team { sb.team_values(m, w) } else { sb.values(m, w) };
    v.get(owner).copied().flatten()
}

/// Every goal's progress as of `asOf`.
// Bounded: sums of event values stay below 10^22 (see `events::MAX_AMOUNT`), and the plan's
// credits and quotas are checked by `with_plan` to add up, in absolute value, to at most
// `PLAN_TOTAL_LIMIT` (10^26), so no partial sum, difference or ratio leaves the decimal range.
#[allow(clippy::arithmetic_side_effects)]
pub(crate) fn goals(sb: &Scoreboard) -> Vec<GoalResultDto> {
    let mut out = Vec::new();
    for g in &sb.defs.goals {
        let owner = if g.team {
            sb.teams.iter().position(|t| *t == g.owner)
        } else {
            sb.reps.iter().position(|r| r.id == g.owner)
        };
        let Some(owner) = owner else { continue };
        let metric = g.metric.1;
        let end = sb.as_of.min(g.window.to);
        let started = end >= g.window.from;
        let value = if started {
            owner_value(sb, g.team, owner, metric, Window { from: g.window.from, to: end }).unwrap_or_default()
        } else {
            Decimal::ZERO
        };
        let progress = super::six(value.checked_div(g.target).unwrap_or_default());
        let span = Decimal::from(g.window.from.days_until(g.window.to) + 1);
        let gone = if started { Decimal::from(g.window.from.days_until(end) + 1) } else { Decimal::ZERO };
        let elapsed = super::six(gone.checked_div(span).unwrap_or(Decimal::ONE).min(Decimal::ONE));
        let completed = if value >= g.target { completion(sb, g, owner, end) } else { None };
        let status = if completed.is_some() {
            "done"
        } else if sb.as_of > g.window.to {
            "missed"
        } else if progress < elapsed - g.tolerance {
            "atRisk"
        } else {
            "onTrack"
        };
        let pct = |x: Decimal| spm_base::money::percent(x, 1);
        let sentence = match status {
            "done" => {
                format!("{}: {} of {} reached on {}.", g.name, text(value), text(g.target), completed.unwrap_or(end))
            }
            "missed" => format!(
                "{}: {} of {} ({}) by the due day {}: missed.",
                g.name,
                text(value),
                text(g.target),
                pct(progress),
                g.window.to
            ),
            "atRisk" => format!(
                "{}: {} of {} ({}) with {} of the time gone: at risk (pace needs {} at least).",
                g.name,
                text(value),
                text(g.target),
                pct(progress),
                pct(elapsed),
                pct((elapsed - g.tolerance).max(Decimal::ZERO))
            ),
            _ => format!(
                "{}: {} of {} ({}) with {} of the time gone: on track.",
                g.name,
                text(value),
                text(g.target),
                pct(progress),
                pct(elapsed)
            ),
        };
        out.push(GoalResultDto {
            id: g.id.clone(),
            owner: g.owner.clone(),
            value: text(value),
            target: text(g.target),
            progress: ratio(progress),
            elapsed: ratio(elapsed),
            status: status.to_string(),
            completed: completed.map(|d| d.to_string()),
            weight: text(g.weight),
            sentence,
        });
    }
    out
}

/// The day a met goal was reached: the event that took an additive total to the target, else
/// the first month end (or the last day) at which the value to date met it.
// Bounded: sums of event values stay below 10^22 (see `events::MAX_AMOUNT`), and the plan's
// credits and quotas are checked by `with_plan` to add up, in absolute value, to at most
// `PLAN_TOTAL_LIMIT` (10^26), so no partial sum, difference or ratio leaves the decimal range.
#[allow(clippy::arithmetic_side_effects)]
fn completion(sb: &Scoreboard, g: &super::defs::Goal, owner: usize, end: Date) -> Option<Date> {
    let m = g.metric.1;
    let mine = |r: u32| -> bool {
        if g.team {
            sb.reps.get(r as usize).and_then(|x| x.team) == Some(owner)
        } else {
            r as usize == owner
        }
    };
    if matches!(m, Metric::Points | Metric::Count(_) | Metric::Amount(_)) {
        let mut cum = Decimal::ZERO;
        for i in sb.ev.range(Window { from: g.window.from, to: end }) {
            let (Some(&r), Some(&k), Some(d)) = (sb.ev.rep.get(i), sb.ev.kind.get(i), sb.ev.day.get(i)) else {
                continue;
            };
            if !mine(r) {
                continue;
            }
            cum += match m {
                Metric::Points => sb.ev.points.get(i).copied().unwrap_or_default(),
                Metric::Count(t) if t == k => Decimal::ONE,
                Metric::Amount(t) if t == k => sb.ev.amount.get(i).copied().unwrap_or_default(),
                _ => Decimal::ZERO,
            };
            if cum >= g.target {
                return Some(*d);
            }
        }
        return None;
    }
    let mut p = Period::containing(PeriodKind::Month, g.window.from);
    loop {
        let day = p.end().min(end);
        let v = owner_value(sb, g.team, owner, m, Window { from: g.window.from, to: day });
        if v.is_some_and(|v| v >= g.target) {
            return Some(day);
        }
        if day >= end {
            return None;
        }
        p = p.next();
    }
}
