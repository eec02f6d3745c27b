//! What payee data a plan needs: per component, the quotas it reads (and for which periods),
//! whether it pays a share of the target incentive, the formula inputs its gates, multipliers
//! and formula measures read, the MBO results it scores, and the exchange rates a payee paid in
//! another currency needs. [`requirements`] lists them for a plan; [`missing`] checks payees
//! against the same list and says what each one lacks in a sentence (docs/needs.md).
//!
//! The rules mirror where the run stops: a commission on attainment tiers and every bonus read a
//! quota (the component's id, else its measure's, else the plan's default), a target given as a
//! share of the target incentive reads the payee's, a formula name that is not a measure reads a
//! payee input, and an MBO goal without a result pays nothing.

mod gaps;

pub use gaps::{missing, Gap, PayeeGap};

use spm_base::money::Currency;
use spm_base::period::{Calendar, Date, Period};
use spm_plan::formula::{Formula, ReferenceKind};
use spm_plan::rate_table::TierBase;
use spm_plan::{CompiledPlan, Component, ComponentKind, MeasureKind, Plan, PlanSet, Scope, Target};

/// What kind of payee data a need is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NeedKind {
    /// A quota (per period) for a component or measure.
    Quota,
    /// The payee's annual target incentive.
    TargetIncentive,
    /// A named formula input.
    Input,
    /// A manager's score for an MBO goal.
    Mbo,
    /// An exchange rate from the plan currency into the payee's.
    Rate,
}

impl NeedKind {
    /// The wire spelling: `quota`, `targetIncentive`, `input`, `mbo`, `rate`.
    pub fn as_str(self) -> &'static str {
        match self {
            NeedKind::Quota => "quota",
            NeedKind::TargetIncentive => "targetIncentive",
            NeedKind::Input => "input",
            NeedKind::Mbo => "mbo",
            NeedKind::Rate => "rate",
        }
    }

    /// Whether a payout run stops without it (a missing MBO result pays nothing; a missing rate
    /// stops the ledger's conversion into the payee's currency, not the payout run).
    pub fn stops_payout(self) -> bool {
        matches!(self, NeedKind::Quota | NeedKind::TargetIncentive | NeedKind::Input)
    }
}

/// One piece of payee data a component needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Need {
    /// What kind.
    pub kind: NeedKind,
    /// The component's id.
    pub component: String,
    /// The component's display name.
    pub component_name: String,
    /// What the payee gives: the quota keys accepted, in the order the engine tries them
    /// (component id, then measure id); the input's name; the goal's id; empty for a target
    /// incentive.
    pub keys: Vec<String>,
    /// The periods it is read in.
    pub periods: Vec<Period>,
    /// Roles it applies to (`None`: every role the plan takes).
    pub roles: Option<Vec<String>>,
    /// Payees it applies to by id (`None`: every payee of those roles).
    pub payees: Option<Vec<String>>,
    /// A goal's due date (MBO needs only).
    pub due: Option<Date>,
    /// A phrase saying what is needed, such as `a quota ("new-business") for each period`.
    pub what: String,
}

/// What a plan needs of its payees over some periods.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirements {
    /// The plan currency: a payee paid in another currency needs rates from it.
    pub currency: Currency,
    /// The periods looked at, in order.
    pub periods: Vec<Period>,
    /// Each need, by component in plan order, then kind and key.
    pub needs: Vec<Need>,
}

/// A need of one component in one version, before periods are attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Raw {
    pub kind: NeedKind,
    pub keys: Vec<String>,
    /// The quota window: a quota in any of these periods satisfies the period (`Period` scope:
    /// the period alone; quarter to date; the whole year).
    pub window: Window,
    /// An MBO goal's due date.
    pub due: Option<Date>,
}

/// Which periods' quotas a period's attainment sums.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Window {
    Period,
    QuarterToDate,
    Year,
}

/// The periods of `year` in the plan's calendar and period kind (empty for a plan without
/// versions).
pub fn year_periods(set: &PlanSet, year: i32) -> Vec<Period> {
    let Some(head) = set.head() else { return Vec::new() };
    let Some(jan) = Date::new(year, 1, 1) else { return Vec::new() };
    let first = match head.calendar {
        Calendar::Gregorian => head.calendar.period_of(head.period, jan),
        Calendar::Fiscal { year_start, .. } => {
            let shift = i64::from(year.saturating_sub(year_start.year())).saturating_mul(364);
            let day = year_start.add_days(shift).unwrap_or(year_start);
            head.calendar.period_of(head.period, day)
        }
    }
    .with_index(0);
    (0..head.period.per_year()).map(|i| first.with_index(i)).collect()
}

/// The year a plan is written for: its first version's first day's year, if it has one.
pub fn plan_year(set: &PlanSet) -> Option<i32> {
    set.versions.iter().find_map(|v| v.effective_from).map(|d| d.year())
}

/// What `plan` needs of its payees in `periods` (each version in the periods it covers).
pub fn requirements(plan: &CompiledPlan, periods: &[Period]) -> Requirements {
    let set = &plan.plan;
    let currency = set.head().map_or(Currency::USD, |h| h.currency);
    let calendar = set.head().map_or(Calendar::Gregorian, |h| h.calendar);
    let mut needs: Vec<(usize, Need)> = Vec::new();
    for v in &set.versions {
        for &p in periods {
            let (start, end) = calendar.bounds(p);
            let Some((from, to)) = overlap(v, start, end) else { continue };
            for (ci, comp) in v.components.iter().enumerate() {
                for raw in component_needs(v, comp, from, to) {
                    let slot = needs.iter_mut().find(|(_, n)| {
                        n.kind == raw.kind && n.component == comp.id && n.keys == raw.keys && n.due == raw.due
                    });
                    match slot {
                        Some((_, n)) => {
                            if !n.periods.contains(&p) {
                                n.periods.push(p);
                            }
                        }
                        None => needs.push((ci, need(v, comp, raw, p))),
                    }
                }
            }
        }
    }
    needs.sort_by(|(a, x), (b, y)| a.cmp(b).then(x.kind.cmp(&y.kind)).then(x.keys.cmp(&y.keys)));
    let mut needs: Vec<Need> = needs.into_iter().map(|(_, n)| n).collect();
    for n in &mut needs {
        n.periods.sort();
    }
    Requirements { currency, periods: periods.to_vec(), needs }
}

fn need(v: &Plan, comp: &Component, raw: Raw, p: Period) -> Need {
    let roles = match (&v.eligibility.roles, &comp.roles) {
        (None, None) => None,
        (Some(r), None) | (None, Some(r)) => Some(r.clone()),
        (Some(a), Some(b)) => Some(a.iter().filter(|x| b.contains(x)).cloned().collect()),
    };
    let what = match raw.kind {
        NeedKind::Quota => {
            let keys: Vec<String> = raw.keys.iter().map(|k| format!("{k:?}")).collect();
            let window = match raw.window {
                Window::Period => "for each period",
                Window::QuarterToDate => "for the periods of each quarter",
                Window::Year => "for the year (one for every period, or one per period)",
            };
            format!("a quota ({}) {window}", keys.join(" or "))
        }
        NeedKind::TargetIncentive => "the annual target incentive".to_string(),
        NeedKind::Input => format!("the input {:?} for each period", raw.keys.first().map_or("", String::as_str)),
        NeedKind::Mbo => format!(
            "a score for goal {:?}{}",
            raw.keys.first().map_or("", String::as_str),
            raw.due.map_or(String::new(), |d| format!(", due {d}"))
        ),
        NeedKind::Rate => String::new(),
    };
    Need {
        kind: raw.kind,
        component: comp.id.clone(),
        component_name: comp.name.clone(),
        keys: raw.keys,
        periods: vec![p],
        roles,
        payees: v.eligibility.payees.clone(),
        due: raw.due,
        what,
    }
}

/// The days of `start..=end` version `v` is in effect.
pub(crate) fn overlap(v: &Plan, start: Date, end: Date) -> Option<(Date, Date)> {
    let from = v.effective_from.map_or(start, |f| f.max(start));
    let to = v.effective_to.map_or(end, |t| t.min(end));
    (from <= to).then_some((from, to))
}

/// What one component of version `v` reads of a payee in a period whose days in the version
/// are `from..=to`.
pub(crate) fn component_needs(v: &Plan, comp: &Component, from: Date, to: Date) -> Vec<Raw> {
    let mut out: Vec<Raw> = Vec::new();
    let mut formulas: Vec<&Formula> = Vec::new();
    if let Some(g) = &comp.gate {
        formulas.push(&g.when);
    }
    formulas.extend(comp.modifiers.iter().map(|m| &m.when));
    let mut measures: Vec<usize> = Vec::new();
    let quota = |keys: Vec<String>, window: Window| Raw { kind: NeedKind::Quota, keys, window, due: None };
    match &comp.kind {
        ComponentKind::Commission { measure, scope, quota: default, table, .. } => {
            measures.push(*measure);
            if table.base == TierBase::Attainment && default.is_none() {
                let window = match scope {
                    Scope::Period => Window::Period,
                    Scope::QuarterToDate => Window::QuarterToDate,
                    Scope::YearToDate => Window::Year,
                };
                out.push(quota(keys(v, Some(comp), *measure), window));
            }
        }
        ComponentKind::Bonus { attainment, target, quota: default, .. } => {
            let single = attainment.len() == 1;
            for (m, _) in attainment {
                measures.push(*m);
                // The engine passes the component only for a single measure: its id and default
                // quota count then, and only the measure's id otherwise.
                if !(single && default.is_some()) {
                    out.push(quota(keys(v, Some(comp).filter(|_| single), *m), Window::Period));
                }
            }
            if matches!(target, Target::ShareOfTargetIncentive(_)) {
                out.push(Raw { kind: NeedKind::TargetIncentive, keys: Vec::new(), window: Window::Period, due: None });
            }
        }
        ComponentKind::Mbo { goals, target } => {
            let due: Vec<_> = goals.iter().filter(|g| from <= g.due && g.due <= to).collect();
            if !due.is_empty() && matches!(target, Target::ShareOfTargetIncentive(_)) {
                out.push(Raw { kind: NeedKind::TargetIncentive, keys: Vec::new(), window: Window::Period, due: None });
            }
            for g in due {
                out.push(Raw {
                    kind: NeedKind::Mbo,
                    keys: vec![g.id.clone()],
                    window: Window::Period,
                    due: Some(g.due),
                });
            }
        }
        ComponentKind::Spiff { .. } => {}
    }
    // Formula measures and the names formulas read, followed through the measures they name.
    let mut seen = vec![false; v.measures.len()];
    let mut inputs: Vec<String> = Vec::new();
    let mut calls: Vec<String> = Vec::new();
    let mut stack = measures;
    let read = |f: &Formula, stack: &mut Vec<usize>, inputs: &mut Vec<String>, calls: &mut Vec<String>| {
        for r in f.references() {
            match (r.kind, v.measure_index(&r.name)) {
                (ReferenceKind::Variable, Some(m)) => stack.push(m),
                (ReferenceKind::Variable, None) => {
                    if !inputs.contains(&r.name) {
                        inputs.push(r.name);
                    }
                }
                (ReferenceKind::Call, _) => {
                    if let Some(m) = r.first_arg.as_deref().and_then(|a| v.measure_index(a)) {
                        stack.push(m);
                    }
                    if matches!(r.name.as_str(), "quota" | "attainment") {
                        if let Some(a) = r.first_arg {
                            if !calls.contains(&a) {
                                calls.push(a);
                            }
                        }
                    }
                }
            }
        }
    };
    for f in formulas {
        read(f, &mut stack, &mut inputs, &mut calls);
    }
    while let Some(m) = stack.pop() {
        let Some(slot) = seen.get_mut(m) else { continue };
        if *slot {
            continue;
        }
        *slot = true;
        match v.measures.get(m).map(|x| &x.kind) {
            Some(MeasureKind::Formula(f)) => read(f, &mut stack, &mut inputs, &mut calls),
            Some(MeasureKind::Weighted(parts)) => stack.extend(parts.iter().map(|(i, _)| *i)),
            _ => {}
        }
    }
    // `quota("x")` and `attainment("x")` read the quota of component or measure x.
    for name in calls {
        let target = v.components.iter().find(|c| c.id == name);
        let default = target.is_some_and(|c| match &c.kind {
            ComponentKind::Commission { quota, .. } | ComponentKind::Bonus { quota, .. } => quota.is_some(),
            _ => false,
        });
        if !default && !out.iter().any(|r| r.kind == NeedKind::Quota && r.keys.first() == Some(&name)) {
            out.push(quota(vec![name], Window::Period));
        }
    }
    inputs.sort();
    for name in inputs {
        out.push(Raw { kind: NeedKind::Input, keys: vec![name], window: Window::Period, due: None });
    }
    out
}

/// The quota keys the engine tries for a component's measure: the component's id (when it is
/// passed), then the measure's id.
fn keys(v: &Plan, comp: Option<&Component>, measure: usize) -> Vec<String> {
    let mut out: Vec<String> = comp.map(|c| vec![c.id.clone()]).unwrap_or_default();
    if let Some(m) = v.measures.get(measure) {
        if !out.contains(&m.id) {
            out.push(m.id.clone());
        }
    }
    out
}
