//! The second half of checking the definitions: KPIs into metrics, points rules, multipliers,
//! limits and levels, badges, leaderboards, contests and goals (goal weights per owner sum to 1).

use super::defs::{date, kind_of, window, Badge, Board, Ck, Contest, Defs, Goal, Limit, Mult, Types};
use super::Metric;
use crate::dto::{BadgeKindDto, KpiDto, KpiKindDto, ScoringDefsDto};
use rust_decimal::Decimal;
use spm_base::dec::Dec;
use spm_base::error::{Code, Diagnostic};
use std::collections::BTreeMap;

fn need<T: Clone>(v: &Option<T>, path: &str, what: &str, d: &mut Vec<Diagnostic>) -> Option<T> {
    if v.is_none() {
        d.push(Diagnostic::error(path, Code::MissingField, format!("{what} is required here"), format!("add {what}")));
    }
    v.clone()
}

fn amount(v: &Dec, path: &str, d: &mut Vec<Diagnostic>) -> Option<Decimal> {
    let x = v.get(path, d)?;
    if x.is_sign_negative() && !x.is_zero() {
        d.push(Diagnostic::error(path, Code::NegativeValue, format!("{x} is negative"), "give 0 or more"));
        return None;
    }
    Some(x)
}

/// A KPI as a metric.
pub(crate) fn kpi(
    k: &KpiDto,
    p: &str,
    types: &mut Types,
    comps: &mut Vec<String>,
    d: &mut Vec<Diagnostic>,
) -> Option<Metric> {
    let ty = |types: &mut Types, d: &mut Vec<Diagnostic>| {
        need(&k.event_type, &format!("{p}.eventType"), "eventType", d).map(|t| types.intern(&t))
    };
    let comp = |comps: &mut Vec<String>, d: &mut Vec<Diagnostic>| {
        need(&k.component, &format!("{p}.component"), "component", d).map(|c| {
            let i = comps.iter().position(|x| *x == c).unwrap_or_else(|| {
                comps.push(c.clone());
                comps.len() - 1
            });
            u16::try_from(i).unwrap_or(u16::MAX)
        })
    };
    match k.kind {
        KpiKindDto::Count => ty(types, d).map(Metric::Count),
        KpiKindDto::Sum => ty(types, d).map(Metric::Amount),
        KpiKindDto::Points => Some(Metric::Points),
        KpiKindDto::Ratio => {
            let num = ty(types, d);
            let den = need(&k.denominator_type, &format!("{p}.denominatorType"), "denominatorType", d)
                .map(|t| types.intern(&t));
            Some(Metric::Ratio(num?, den?))
        }
        KpiKindDto::PlanAttainment => comp(comps, d).map(Metric::PlanAttainment),
        KpiKindDto::PlanCredit => comp(comps, d).map(Metric::PlanCredit),
    }
}

/// Points rules, multipliers, limits and levels.
pub(crate) fn points(dto: &ScoringDefsDto, ck: &mut Ck<'_>, out: &mut Defs) {
    let mut seen = BTreeMap::new();
    for (i, r) in dto.points.rules.iter().enumerate() {
        let p = format!("points.rules[{i}]");
        if seen.insert(r.event_type.clone(), i).is_some() {
            ck.d.push(Diagnostic::error(
                format!("{p}.eventType"),
                Code::IdInvalid,
                format!("a second rule for {:?}", r.event_type),
                "give one rule per event type",
            ));
        }
        let base = r.points.as_ref().map_or(Some(Decimal::ZERO), |x| x.get(&format!("{p}.points"), ck.d));
        let per = match &r.per_amount {
            None => Some(None),
            Some(pa) => {
                let pts = pa.points.get(&format!("{p}.perAmount.points"), ck.d);
                let step = amount(&pa.per, &format!("{p}.perAmount.per"), ck.d);
                if step.is_some_and(|s| s.is_zero()) {
                    ck.d.push(Diagnostic::error(
                        format!("{p}.perAmount.per"),
                        Code::OutOfRange,
                        "a step of 0",
                        "give the amount one step of points takes, e.g. \"1000\"",
                    ));
                }
                match (pts, step) {
                    (Some(a), Some(b)) if !b.is_zero() => Some(Some((a, b))),
                    _ => None,
                }
            }
        };
        if let (Some(base), Some(per)) = (base, per) {
            out.rules.push((ck.types.intern(&r.event_type), base, per));
        }
    }
    for (i, m) in dto.points.multipliers.iter().enumerate() {
        let p = format!("points.multipliers[{i}]");
        let factor = amount(&m.factor, &format!("{p}.factor"), ck.d);
        let w = match &m.window {
            Some(w) => window(w, &format!("{p}.window"), ck.d),
            None => Some(None),
        };
        if m.last_days_of_quarter.is_some_and(|n| n == 0 || n > 92) {
            ck.d.push(Diagnostic::error(
                format!("{p}.lastDaysOfQuarter"),
                Code::OutOfRange,
                "a quarter has 90 to 92 days",
                "give 1 to 92, e.g. 7 for the last week",
            ));
        }
        if let (Some(factor), Some(window)) = (factor, w) {
            out.mults.push(Mult {
                factor,
                kind: m.event_type.as_ref().map(|t| ck.types.intern(t)),
                attribute: m.attribute.as_ref().map(|a| (a.key.clone(), a.value.clone())),
                window,
                last_days: m.last_days_of_quarter,
            });
        }
    }
    for (i, l) in dto.points.limits.iter().enumerate() {
        if let Some(max) = amount(&l.max, &format!("points.limits[{i}].max"), ck.d) {
            out.limits.push(Limit { kind: l.event_type.as_ref().map(|t| ck.types.intern(t)), per: l.per, max });
        }
    }
    let mut last: Option<Decimal> = None;
    for (i, l) in dto.levels.iter().enumerate() {
        let p = format!("levels[{i}].threshold");
        if let Some(t) = amount(&l.threshold, &p, ck.d) {
            if last.is_some_and(|x| t <= x) {
                ck.d.push(Diagnostic::error(
                    p,
                    Code::OutOfRange,
                    format!("threshold {t} is not above the level before"),
                    "list levels lowest first, each threshold higher",
                ));
            }
            last = Some(t);
            out.levels.push((l.name.clone(), t));
        }
    }
}

/// Badges, leaderboards, contests and goals.
pub(crate) fn rest(dto: &ScoringDefsDto, ck: &mut Ck<'_>, out: &mut Defs) {
    for (i, b) in dto.badges.iter().enumerate() {
        let p = format!("badges[{i}]");
        let wants_metric = matches!(b.kind, BadgeKindDto::Threshold | BadgeKindDto::Streak | BadgeKindDto::TeamTotal);
        let metric = if wants_metric {
            need(&b.metric, &format!("{p}.metric"), "metric", ck.d)
                .and_then(|m| ck.metric(&m, &format!("{p}.metric")).map(|x| (m, x)))
        } else {
            None
        };
        let threshold = match (&b.threshold, b.kind) {
            (Some(t), _) => amount(t, &format!("{p}.threshold"), ck.d),
            (None, BadgeKindDto::First | BadgeKindDto::TeamAll) => Some(Decimal::ZERO),
            (None, _) => need(&None::<Decimal>, &format!("{p}.threshold"), "threshold", ck.d),
        };
        let length = if b.kind == BadgeKindDto::Streak {
            match b.length {
                Some(n) if n >= 1 => n,
                _ => {
                    ck.d.push(Diagnostic::error(
                        format!("{p}.length"),
                        Code::MissingField,
                        "a streak needs its length (1 or more periods)",
                        "add length, e.g. 3",
                    ));
                    0
                }
            }
        } else {
            1
        };
        let event_type = if b.kind == BadgeKindDto::First {
            need(&b.event_type, &format!("{p}.eventType"), "eventType", ck.d).map(|t| ck.types.intern(&t))
        } else {
            None
        };
        let badge = if b.kind == BadgeKindDto::TeamAll {
            let want = need(&b.badge, &format!("{p}.badge"), "badge", ck.d);
            let found = want.as_ref().and_then(|w| dto.badges.iter().position(|x| x.id == *w));
            let ok = found.is_some_and(|j| dto.badges.get(j).is_some_and(|x| x.kind != BadgeKindDto::TeamAll));
            if want.is_some() && !ok {
                ck.d.push(Diagnostic::error(
                    format!("{p}.badge"),
                    Code::UnknownReference,
                    format!("no individual badge {:?}", want.unwrap_or_default()),
                    "name a badge of reps declared in badges",
                ));
            }
            found
        } else {
            None
        };
        if (wants_metric && metric.is_none()) || threshold.is_none() || length == 0 {
            continue;
        }
        out.badges.push(Badge {
            id: b.id.clone(),
            name: b.name.clone(),
            kind: b.kind,
            metric,
            threshold: threshold.unwrap_or_default(),
            period: kind_of(b.period),
            length,
            event_type,
            badge,
        });
    }
    for (i, l) in dto.leaderboards.iter().enumerate() {
        let p = format!("leaderboards[{i}]");
        if let Some(b) = board(l, &p, ck) {
            out.boards.push(b);
        }
    }
    for (i, c) in dto.contests.iter().enumerate() {
        let p = format!("contests[{i}]");
        if let Some(c) = contest(c, &p, ck) {
            out.contests.push(c);
        }
    }
    let mut weights: BTreeMap<(bool, &str), (Decimal, usize)> = BTreeMap::new();
    for (i, g) in dto.goals.iter().enumerate() {
        let p = format!("goals[{i}]");
        let metric = ck.metric(&g.metric, &format!("{p}.metric"));
        let target = amount(&g.target, &format!("{p}.target"), ck.d);
        if target.is_some_and(|t| t.is_zero()) {
            ck.d.push(Diagnostic::error(
                format!("{p}.target"),
                Code::OutOfRange,
                "a target of 0",
                "give a target above 0",
            ));
        }
        let from = date(&g.from, &format!("{p}.from"), ck.d);
        let due = date(&g.due, &format!("{p}.due"), ck.d);
        if let (Some(f), Some(t)) = (from, due) {
            if t < f {
                ck.d.push(Diagnostic::error(
                    format!("{p}.due"),
                    Code::OutOfRange,
                    format!("due {t} is before from {f}"),
                    "give a due day on or after the first day",
                ));
            }
        }
        let weight = amount(&g.weight, &format!("{p}.weight"), ck.d);
        let e = weights.entry((g.owner_kind == crate::dto::OwnerKindDto::Team, g.owner.as_str())).or_default();
        // Saturating: weights past the decimal range cannot sum to 1, which WEIGHT_SUM reports.
        e.0 = e.0.saturating_add(weight.unwrap_or_default());
        e.1 = i;
        let tolerance =
            g.tolerance.as_ref().map_or(Some(Decimal::ZERO), |t| amount(t, &format!("{p}.tolerance"), ck.d));
        if let (Some(m), Some(target), Some(from), Some(to), Some(weight), Some(tolerance)) =
            (metric, target, from, due, weight, tolerance)
        {
            out.goals.push(Goal {
                id: g.id.clone(),
                name: g.name.clone(),
                owner: g.owner.clone(),
                team: g.owner_kind == crate::dto::OwnerKindDto::Team,
                metric: (g.metric.clone(), m),
                target,
                window: super::Window { from, to },
                weight,
                tolerance,
            });
        }
    }
    for ((_, owner), (total, last)) in weights {
        if total != Decimal::ONE {
            ck.d.push(Diagnostic::error(
                format!("goals[{last}].weight"),
                Code::WeightSum,
                format!("the weights of {owner}'s goals sum to {total}, not 1"),
                "make each owner's goal weights add up to exactly 1",
            ));
        }
    }
}

/// A leaderboard.
pub(crate) fn board(l: &crate::dto::LeaderboardDto, p: &str, ck: &mut Ck<'_>) -> Option<Board> {
    let metric = ck.metric(&l.metric, &format!("{p}.metric"));
    let secondary = match &l.secondary {
        Some(s) => Some(ck.metric(s, &format!("{p}.secondary"))?),
        None => None,
    };
    let w = window(&l.window, &format!("{p}.window"), ck.d);
    let elig = ck.elig(&l.eligibility, &format!("{p}.eligibility"));
    Some(Board {
        id: l.id.clone(),
        label: l.metric.clone(),
        metric: metric?,
        window: w?,
        scope: l.scope,
        ties: l.ties,
        secondary,
        elig,
    })
}

fn contest(c: &crate::dto::ContestDto, p: &str, ck: &mut Ck<'_>) -> Option<Contest> {
    let currency = match spm_base::money::Currency::from_code(&c.currency) {
        Ok(x) => Some(x),
        Err(_) => {
            ck.d.push(Diagnostic::error(
                format!("{p}.currency"),
                Code::CurrencyUnknown,
                format!("{:?} is not an ISO 4217 code", c.currency),
                "write a code such as USD or EUR",
            ));
            None
        }
    };
    let metric = ck.metric(&c.metric, &format!("{p}.metric"));
    let from = date(&c.from, &format!("{p}.from"), ck.d);
    let to = date(&c.to, &format!("{p}.to"), ck.d);
    let elig = ck.elig(&c.eligibility, &format!("{p}.eligibility"));
    let mut prizes: Vec<(u32, i128)> = Vec::new();
    let mut places = std::collections::BTreeSet::new();
    for (i, z) in c.prizes.iter().enumerate() {
        let q = format!("{p}.prizes[{i}]");
        if z.place == 0 || !places.insert(z.place) {
            ck.d.push(Diagnostic::error(
                format!("{q}.place"),
                Code::IdInvalid,
                format!("place {} is 0 or listed twice", z.place),
                "number places from 1, each once",
            ));
        }
        let (Some(a), Some(cur)) = (amount(&z.amount, &format!("{q}.amount"), ck.d), currency) else { continue };
        let scaled =
            a.checked_mul(Decimal::from(10_i64.pow(cur.minor_units()))).filter(|x| *x <= super::events::MAX_AMOUNT);
        let Some(scaled) = scaled else {
            ck.d.push(Diagnostic::error(
                format!("{q}.amount"),
                Code::OutOfRange,
                format!("{a} is above 10^15 minor units"),
                "give a smaller prize",
            ));
            continue;
        };
        if scaled.fract() != Decimal::ZERO {
            ck.d.push(Diagnostic::error(
                format!("{q}.amount"),
                Code::DecimalInvalid,
                format!("{a} has more decimals than {} has", cur.code()),
                "round the prize to the currency's minor unit",
            ));
            continue;
        }
        prizes.push((z.place, scaled.mantissa() / 10_i128.pow(scaled.scale())));
    }
    prizes.sort_unstable();
    let (Some(from), Some(to)) = (from, to) else { return None };
    if to < from {
        ck.d.push(Diagnostic::error(
            format!("{p}.to"),
            Code::OutOfRange,
            format!("to {to} is before from {from}"),
            "give a last day on or after the first",
        ));
        return None;
    }
    let board = Board {
        id: c.id.clone(),
        label: c.metric.clone(),
        metric: metric?,
        window: Some(super::Window { from, to }),
        scope: crate::dto::ScopeDto::Individual,
        ties: crate::dto::TiesDto::Competition,
        secondary: None,
        elig,
    };
    Some(Contest { id: c.id.clone(), name: c.name.clone(), board, currency: currency?, prizes })
}
