//! From the definitions document to checked rules: metrics resolved (`kpi:ID`, `points`,
//! `count:TYPE`, `amount:TYPE`, `score:ID`), windows and dates parsed, weights summing to 1,
//! every problem collected with its JSON path (`scorecards[0].kpis[1].weight`) and a fix hint.

use super::{Metric, Window};
use crate::dto::{
    BadgeKindDto, EligibilityDto, LimitPeriodDto, NormalizeDto, PeriodDto, ScopeDto, ScoringDefsDto, TeamAggDto,
    TiesDto, WindowDto,
};
use rust_decimal::Decimal;
use spm_base::dec::Dec;
use spm_base::error::{Code, Diagnostic};
use spm_base::period::{Date, PeriodKind};
use std::collections::BTreeSet;

/// Event types by name, shared by the definitions and the events.
#[derive(Debug, Clone, Default)]
pub(crate) struct Types(pub Vec<String>);

impl Types {
    /// The index of a type, added when new.
    pub fn intern(&mut self, s: &str) -> u16 {
        match self.0.iter().position(|t| t == s) {
            Some(i) => u16::try_from(i).unwrap_or(u16::MAX),
            None => {
                self.0.push(s.to_string());
                u16::try_from(self.0.len() - 1).unwrap_or(u16::MAX)
            }
        }
    }
}

/// A scorecard KPI, checked.
#[derive(Debug, Clone)]
pub(crate) struct CardKpi {
    pub label: String,
    pub metric: Metric,
    pub weight: Decimal,
    pub normalize: NormalizeDto,
    pub target: Decimal,
    pub cap: Option<Decimal>,
}

/// A scorecard, checked.
#[derive(Debug, Clone)]
pub(crate) struct Card {
    pub id: String,
    pub window: Option<Window>,
    pub kpis: Vec<CardKpi>,
    pub team: TeamAggDto,
}

/// A multiplier, checked.
#[derive(Debug, Clone)]
pub(crate) struct Mult {
    pub factor: Decimal,
    pub kind: Option<u16>,
    pub attribute: Option<(String, String)>,
    pub window: Option<Window>,
    pub last_days: Option<u32>,
}

/// A limit, checked.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limit {
    pub kind: Option<u16>,
    pub per: LimitPeriodDto,
    pub max: Decimal,
}

/// Eligibility, checked.
#[derive(Debug, Clone, Default)]
pub(crate) struct Elig {
    pub roles: Option<Vec<String>>,
    pub hired_by: Option<Date>,
    pub min_events: Option<u32>,
    pub exclude: BTreeSet<String>,
}

/// A leaderboard, checked.
#[derive(Debug, Clone)]
pub(crate) struct Board {
    pub id: String,
    pub label: String,
    pub metric: Metric,
    pub window: Option<Window>,
    pub scope: ScopeDto,
    pub ties: TiesDto,
    pub secondary: Option<Metric>,
    pub elig: Elig,
}

/// A contest, checked.
#[derive(Debug, Clone)]
pub(crate) struct Contest {
    pub id: String,
    pub name: String,
    pub board: Board,
    pub currency: spm_base::money::Currency,
    /// (place, amount in minor units), by place.
    pub prizes: Vec<(u32, i128)>,
}

/// A badge, checked.
#[derive(Debug, Clone)]
pub(crate) struct Badge {
    pub id: String,
    pub name: String,
    pub kind: BadgeKindDto,
    pub metric: Option<(String, Metric)>,
    pub threshold: Decimal,
    pub period: PeriodKind,
    pub length: u32,
    pub event_type: Option<u16>,
    /// The member badge of `teamAll` (its index).
    pub badge: Option<usize>,
}

/// A goal, checked.
#[derive(Debug, Clone)]
pub(crate) struct Goal {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub team: bool,
    pub metric: (String, Metric),
    pub target: Decimal,
    pub window: Window,
    pub weight: Decimal,
    pub tolerance: Decimal,
}

/// A points rule: (event type, points per event, per-amount (points, step)).
pub(crate) type Rule = (u16, Decimal, Option<(Decimal, Decimal)>);

/// Every definition, checked.
#[derive(Debug, Clone, Default)]
pub(crate) struct Defs {
    pub as_of: Option<Date>,
    /// The KPIs as metrics.
    pub kpi_ids: Vec<(String, Metric)>,
    pub components: Vec<String>,
    pub cards: Vec<Card>,
    /// Per event type: (points per event, per-amount (points, step)).
    pub rules: Vec<Rule>,
    pub mults: Vec<Mult>,
    pub limits: Vec<Limit>,
    pub levels: Vec<(String, Decimal)>,
    pub badges: Vec<Badge>,
    pub boards: Vec<Board>,
    pub contests: Vec<Contest>,
    pub goals: Vec<Goal>,
}

/// The state of checking.
pub(crate) struct Ck<'a> {
    pub d: &'a mut Vec<Diagnostic>,
    pub types: &'a mut Types,
    pub kpis: &'a [(String, Metric)],
    pub cards: &'a [String],
}

/// A date, or a located error.
pub(crate) fn date(s: &str, path: &str, d: &mut Vec<Diagnostic>) -> Option<Date> {
    let v = Date::parse(s);
    if v.is_none() {
        d.push(Diagnostic::error(
            path,
            Code::DateInvalid,
            format!("{s:?} is not a date"),
            "write a real calendar date as YYYY-MM-DD",
        ));
    }
    v
}

fn dec(v: &Dec, path: &str, d: &mut Vec<Diagnostic>) -> Option<Decimal> {
    v.get(path, d)
}

fn non_negative(v: &Dec, path: &str, d: &mut Vec<Diagnostic>) -> Option<Decimal> {
    let x = dec(v, path, d)?;
    if x.is_sign_negative() && !x.is_zero() {
        d.push(Diagnostic::error(path, Code::NegativeValue, format!("{x} is negative"), "give 0 or more"));
        return None;
    }
    Some(x)
}

/// A period label (`2026-03`, `2026-Q1`, `2026-H1`, `2026`) as a window.
pub(crate) fn label_window(s: &str) -> Option<Window> {
    let (year, rest) = match s.split_once('-') {
        Some((y, r)) => (y, Some(r)),
        None => (s, None),
    };
    if year.len() != 4 {
        return None;
    }
    let y: i32 = year.parse().ok()?;
    let (kind, index) = match rest {
        None => (PeriodKind::Year, 0),
        Some(r) if r.starts_with('Q') => (PeriodKind::Quarter, r.get(1..)?.parse::<u8>().ok()?.checked_sub(1)?),
        Some(r) if r.starts_with('H') => (PeriodKind::Half, r.get(1..)?.parse::<u8>().ok()?.checked_sub(1)?),
        Some(r) if r.len() == 2 => (PeriodKind::Month, r.parse::<u8>().ok()?.checked_sub(1)?),
        Some(_) => return None,
    };
    if index >= kind.per_year() {
        return None;
    }
    let p = spm_base::period::Period::containing(kind, Date::new(y, 1, 1)?).with_index(index);
    Some(Window { from: p.start(), to: p.end() })
}

/// A window: a label, or from and to.
pub(crate) fn window(w: &WindowDto, path: &str, d: &mut Vec<Diagnostic>) -> Option<Option<Window>> {
    match (&w.period, &w.from, &w.to) {
        (None, None, None) => Some(None),
        (Some(p), None, None) => match label_window(p) {
            Some(x) => Some(Some(x)),
            None => {
                d.push(Diagnostic::error(
                    format!("{path}.period"),
                    Code::DateInvalid,
                    format!("{p:?} is not a period label"),
                    "write 2026-03, 2026-Q1, 2026-H1 or 2026",
                ));
                None
            }
        },
        (None, Some(f), Some(t)) => {
            let from = date(f, &format!("{path}.from"), d)?;
            let to = date(t, &format!("{path}.to"), d)?;
            if to < from {
                d.push(Diagnostic::error(
                    format!("{path}.to"),
                    Code::OutOfRange,
                    format!("to {to} is before from {from}"),
                    "give a last day on or after the first",
                ));
                return None;
            }
            Some(Some(Window { from, to }))
        }
        _ => {
            d.push(Diagnostic::error(
                path,
                Code::WrongType,
                "a window is a period label, or both from and to",
                "give {\"period\": \"2026-Q1\"} or {\"from\": …, \"to\": …}",
            ));
            None
        }
    }
}

impl Ck<'_> {
    /// A metric: `points`, `count:TYPE`, `amount:TYPE`, `kpi:ID`, `score:ID`.
    pub fn metric(&mut self, s: &str, path: &str) -> Option<Metric> {
        let m = match s.split_once(':') {
            None if s == "points" => Some(Metric::Points),
            Some(("count", t)) if !t.is_empty() => Some(Metric::Count(self.types.intern(t))),
            Some(("amount", t)) if !t.is_empty() => Some(Metric::Amount(self.types.intern(t))),
            Some(("kpi", k)) => {
                let found = self.kpis.iter().find(|x| x.0 == k).map(|x| x.1);
                if found.is_none() {
                    self.d.push(Diagnostic::error(
                        path,
                        Code::UnknownReference,
                        format!("no KPI {k:?}"),
                        "declare it under kpis, or correct the id",
                    ));
                    return None;
                }
                found
            }
            Some(("score", c)) => match self.cards.iter().position(|x| x == c) {
                Some(i) => Some(Metric::Score(i)),
                None => {
                    self.d.push(Diagnostic::error(
                        path,
                        Code::UnknownReference,
                        format!("no scorecard {c:?}"),
                        "declare it under scorecards, or correct the id",
                    ));
                    return None;
                }
            },
            _ => None,
        };
        if m.is_none() {
            self.d.push(Diagnostic::error(
                path,
                Code::WrongType,
                format!("{s:?} is not a metric"),
                "write points, count:TYPE, amount:TYPE, kpi:ID or score:ID",
            ));
        }
        m
    }

    /// Eligibility rules.
    pub fn elig(&mut self, e: &EligibilityDto, path: &str) -> Elig {
        Elig {
            roles: e.roles.clone(),
            hired_by: e.hired_on_or_before.as_ref().and_then(|s| date(s, &format!("{path}.hiredOnOrBefore"), self.d)),
            min_events: e.min_events,
            exclude: e.exclude.iter().cloned().collect(),
        }
    }
}

fn ids<'a>(items: impl Iterator<Item = &'a str>, what: &str, d: &mut Vec<Diagnostic>) {
    let mut seen = BTreeSet::new();
    for (i, id) in items.enumerate() {
        if id.is_empty() || !seen.insert(id) {
            d.push(Diagnostic::error(
                format!("{what}[{i}].id"),
                Code::IdInvalid,
                format!("id {id:?} is empty or used by an earlier one"),
                "give each its own id",
            ));
        }
    }
}

/// Checks the definitions; `types` receives every event type they name.
pub(crate) fn check(dto: &ScoringDefsDto, types: &mut Types, d: &mut Vec<Diagnostic>) -> Defs {
    if dto.schema_version != 1 {
        d.push(Diagnostic::error(
            "schemaVersion",
            Code::SchemaVersion,
            format!("schema version {} is not one this engine reads", dto.schema_version),
            "write schemaVersion 1",
        ));
    }
    ids(dto.kpis.iter().map(|k| k.id.as_str()), "kpis", d);
    ids(dto.scorecards.iter().map(|k| k.id.as_str()), "scorecards", d);
    ids(dto.badges.iter().map(|k| k.id.as_str()), "badges", d);
    ids(dto.leaderboards.iter().map(|k| k.id.as_str()), "leaderboards", d);
    ids(dto.contests.iter().map(|k| k.id.as_str()), "contests", d);
    ids(dto.goals.iter().map(|k| k.id.as_str()), "goals", d);
    ids(dto.points.multipliers.iter().map(|k| k.id.as_str()), "points.multipliers", d);
    let mut out = Defs { as_of: dto.as_of.as_ref().and_then(|s| date(s, "asOf", d)), ..Defs::default() };
    let mut components = Vec::new();
    let mut kpis = Vec::new();
    for (i, k) in dto.kpis.iter().enumerate() {
        let p = format!("kpis[{i}]");
        if let Some(m) = super::metrics::kpi(k, &p, types, &mut components, d) {
            kpis.push((k.id.clone(), m));
        }
    }
    let cards: Vec<String> = dto.scorecards.iter().map(|c| c.id.clone()).collect();
    let mut ck = Ck { d, types, kpis: &kpis, cards: &cards };
    for (i, c) in dto.scorecards.iter().enumerate() {
        let p = format!("scorecards[{i}]");
        let w = window(&c.window, &format!("{p}.window"), ck.d).flatten();
        let mut list = Vec::new();
        let mut total = Decimal::ZERO;
        for (j, k) in c.kpis.iter().enumerate() {
            let q = format!("{p}.kpis[{j}]");
            let metric = ck.metric(&k.metric, &format!("{q}.metric"));
            if matches!(metric, Some(Metric::Score(_))) {
                ck.d.push(Diagnostic::error(
                    format!("{q}.metric"),
                    Code::WrongType,
                    "a scorecard cannot hold a score",
                    "use a KPI or an event metric",
                ));
            }
            let weight = non_negative(&k.weight, &format!("{q}.weight"), ck.d);
            // Saturating: weights past the decimal range cannot sum to 1, which WEIGHT_SUM reports.
            total = total.saturating_add(weight.unwrap_or_default());
            let target = match (k.normalize, &k.target) {
                (NormalizeDto::Target, Some(t)) => match dec(t, &format!("{q}.target"), ck.d) {
                    Some(t) if t > Decimal::ZERO => Some(t),
                    Some(t) => {
                        ck.d.push(Diagnostic::error(
                            format!("{q}.target"),
                            Code::OutOfRange,
                            format!("a target of {t}"),
                            "give a target above 0",
                        ));
                        None
                    }
                    None => None,
                },
                (NormalizeDto::Target, None) => {
                    ck.d.push(Diagnostic::error(
                        format!("{q}.target"),
                        Code::MissingField,
                        "normalize \"target\" needs a target",
                        "add target, e.g. \"1\" for attainment",
                    ));
                    None
                }
                (_, _) => Some(Decimal::ONE),
            };
            let cap = k.cap.as_ref().and_then(|x| non_negative(x, &format!("{q}.cap"), ck.d));
            if let (Some(metric), Some(weight), Some(target)) = (metric, weight, target) {
                list.push(CardKpi { label: k.metric.clone(), metric, weight, normalize: k.normalize, target, cap });
            }
        }
        if total != Decimal::ONE {
            ck.d.push(Diagnostic::error(
                format!("{p}.kpis"),
                Code::WeightSum,
                format!("the weights sum to {total}, not 1"),
                "make the weights add up to exactly 1 (e.g. 0.5, 0.3, 0.2)",
            ));
        }
        out.cards.push(Card { id: c.id.clone(), window: w, kpis: list, team: c.team });
    }
    super::metrics::points(dto, &mut ck, &mut out);
    super::metrics::rest(dto, &mut ck, &mut out);
    out.components = components;
    out.kpi_ids = kpis;
    out
}

/// A limit's window key of a day: the day, its Monday, its month or its quarter.
pub(crate) fn limit_key(per: LimitPeriodDto, day: Date) -> i64 {
    match per {
        LimitPeriodDto::Day => day.day_number(),
        // Day number 0 is 1970-01-01, a Thursday: shift so weeks start on Monday.
        LimitPeriodDto::Week => (day.day_number() + 3).div_euclid(7),
        LimitPeriodDto::Month => i64::from(day.year()) * 12 + i64::from(day.month()),
        LimitPeriodDto::Quarter => i64::from(day.year()) * 4 + i64::from((day.month() - 1) / 3),
    }
}

/// The period kind of a badge.
pub(crate) fn kind_of(p: PeriodDto) -> PeriodKind {
    match p {
        PeriodDto::Month => PeriodKind::Month,
        PeriodDto::Quarter => PeriodKind::Quarter,
    }
}
