//! Payees checked against what a plan needs: for each payee who lacks something, what is
//! missing, for which periods, in a sentence for the comp admin and one for the rep.

use super::{component_needs, overlap, NeedKind, Raw, Window};
use crate::data::Payee;
use crate::fx::Rates;
use spm_base::money::Currency;
use spm_base::period::{Calendar, Date, Period, PeriodKind};
use spm_plan::{CompiledPlan, ComponentKind};

/// One thing a payee lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gap {
    /// What kind of data.
    pub kind: NeedKind,
    /// The component that reads it (empty for an exchange rate).
    pub component: String,
    /// The component's display name (empty for an exchange rate).
    pub component_name: String,
    /// The quota keys accepted, the input's name, the goal's id, or the rate's two currencies.
    pub keys: Vec<String>,
    /// The periods it is missing in, in order (empty for a target incentive).
    pub periods: Vec<Period>,
    /// What is missing, in a few words: `quota for 2026-Q2`.
    pub what: String,
    /// For the comp admin: `Quarterly bonus needs a quota for 2026-Q2 ("quarterly-bonus" or
    /// "new-business"); none is set for Avery Quinn.`
    pub sentence: String,
    /// For the rep: `Your quarterly bonus needs your quota for 2026-Q2, which your comp admin has
    /// not entered yet.`
    pub rep_sentence: String,
}

/// A payee who lacks something the plan needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayeeGap {
    /// The payee's id.
    pub payee_id: String,
    /// The payee's name.
    pub name: String,
    /// What is missing: by component in plan order, then kind and key; exchange rates last.
    pub items: Vec<Gap>,
}

/// The payees (in the order given) who lack something `plan` needs in `periods`: quotas,
/// target incentive, inputs and MBO scores of the components they are eligible for, in the
/// periods they are employed; and, when paid in another currency than the plan's, a rate from
/// the plan currency on or before each such period's last day.
pub fn missing(plan: &CompiledPlan, payees: &[Payee], rates: &Rates, periods: &[Period]) -> Vec<PayeeGap> {
    let set = &plan.plan;
    let Some(head) = set.head() else { return Vec::new() };
    let (calendar, currency) = (head.calendar, head.currency);
    let mut sorted = periods.to_vec();
    sorted.sort();
    sorted.dedup();
    // What each component of each version reads in each period does not depend on the payee:
    // worked out once, then every payee is checked against it.
    let needs: Vec<Vec<(usize, Vec<Raw>)>> = sorted
        .iter()
        .flat_map(|&period| {
            let (start, end) = calendar.bounds(period);
            set.versions.iter().map(move |v| match overlap(v, start, end) {
                Some((from, to)) => {
                    v.components.iter().enumerate().map(|(ci, c)| (ci, component_needs(v, c, from, to))).collect()
                }
                None => Vec::new(),
            })
        })
        .collect();
    let versions = set.versions.len();
    let mut out = Vec::new();
    for p in payees {
        // (order, gap): order is the component's place in the plan, rates last.
        let mut found: Vec<(usize, Gap)> = Vec::new();
        for (pi, &period) in sorted.iter().enumerate() {
            let (start, end) = calendar.bounds(period);
            if !employed(p, start, end) {
                continue;
            }
            for (vi, v) in set.versions.iter().enumerate() {
                if !v.eligibility.accepts(&p.id, &p.role) {
                    continue;
                }
                let at = pi.saturating_mul(versions).saturating_add(vi);
                for (ci, raws) in needs.get(at).map_or(&[][..], Vec::as_slice) {
                    let Some(comp) = v.components.get(*ci) else { continue };
                    if comp.roles.as_ref().is_some_and(|r| !r.contains(&p.role)) {
                        continue;
                    }
                    for raw in raws {
                        let has = match raw.kind {
                            NeedKind::Quota => window(period, raw.window)
                                .iter()
                                .any(|q| raw.keys.iter().any(|k| p.quota(k, &q.label()).is_some())),
                            NeedKind::TargetIncentive => p.target_incentive.is_some(),
                            NeedKind::Input => raw.keys.first().is_none_or(|k| p.input(k, &period.label()).is_some()),
                            NeedKind::Mbo => raw.keys.first().is_none_or(|k| p.mbo.iter().any(|m| m.goal == *k)),
                            NeedKind::Rate => true,
                        };
                        if has {
                            continue;
                        }
                        let goal = match (&comp.kind, raw.keys.first()) {
                            (ComponentKind::Mbo { goals, .. }, Some(k)) => goals.iter().find(|g| g.id == *k),
                            _ => None,
                        };
                        let label = goal.map(|g| (g.name.clone(), g.due));
                        add(&mut found, *ci, raw.kind, &comp.id, &comp.name, raw.keys.clone(), period, label);
                    }
                }
            }
            if let Some(c) = p.currency.filter(|c| *c != currency) {
                if rates.rate(currency, c, end).is_err() {
                    let keys = vec![currency.code().to_string(), c.code().to_string()];
                    add(&mut found, usize::MAX, NeedKind::Rate, "", "", keys, period, None);
                }
            }
        }
        if found.is_empty() {
            continue;
        }
        found.sort_by(|(a, x), (b, y)| a.cmp(b).then(x.kind.cmp(&y.kind)).then(x.keys.cmp(&y.keys)));
        let items = found
            .into_iter()
            .map(|(_, mut g)| {
                words(&mut g, p, currency, calendar);
                g
            })
            .collect();
        out.push(PayeeGap { payee_id: p.id.clone(), name: p.name.clone(), items });
    }
    out
}

/// Whether the payee works at least one day of `start..=end` (the run skips other periods).
fn employed(p: &Payee, start: Date, end: Date) -> bool {
    let s = p.hire.map_or(start, |h| h.max(start));
    let e = p.termination.map_or(end, |t| t.min(end));
    if e < s {
        return false;
    }
    let mut days = s.days_until(e).saturating_add(1);
    for (lf, lt) in &p.leaves {
        let (a, b) = ((*lf).max(s), (*lt).min(e));
        if a <= b {
            days = days.saturating_sub(a.days_until(b).saturating_add(1));
        }
    }
    days > 0
}

/// The periods whose quotas a period's attainment adds up.
fn window(p: Period, w: Window) -> Vec<Period> {
    let (first, last) = match w {
        Window::Period => (p.index(), p.index()),
        Window::QuarterToDate if p.kind() == PeriodKind::Month => (p.index().saturating_sub(p.index() % 3), p.index()),
        Window::QuarterToDate => (p.index(), p.index()),
        Window::Year => (0, p.kind().per_year().saturating_sub(1)),
    };
    (first..=last).map(|i| p.with_index(i)).collect()
}

#[allow(clippy::too_many_arguments)]
fn add(
    found: &mut Vec<(usize, Gap)>,
    order: usize,
    kind: NeedKind,
    component: &str,
    name: &str,
    keys: Vec<String>,
    period: Period,
    goal: Option<(String, Date)>,
) {
    if let Some((_, g)) = found.iter_mut().find(|(_, g)| g.kind == kind && g.component == component && g.keys == keys) {
        if kind != NeedKind::TargetIncentive && !g.periods.contains(&period) {
            g.periods.push(period);
        }
        return;
    }
    let periods = if kind == NeedKind::TargetIncentive { Vec::new() } else { vec![period] };
    // The goal's name and due date ride in `what` until the sentences are written.
    let what = goal.map_or(String::new(), |(n, d)| format!("{n}\u{0}{d}"));
    let gap = Gap {
        kind,
        component: component.to_string(),
        component_name: name.to_string(),
        keys,
        periods,
        what,
        sentence: String::new(),
        rep_sentence: String::new(),
    };
    found.push((order, gap));
}

/// Writes a gap's short description and its two sentences.
fn words(g: &mut Gap, p: &Payee, currency: Currency, calendar: Calendar) {
    let periods = period_list(&g.periods);
    let comp = if g.component_name.is_empty() { g.component.clone() } else { g.component_name.clone() };
    let your = lower_first(&comp);
    let who = if p.name.is_empty() { p.id.clone() } else { p.name.clone() };
    let quoted: Vec<String> = g.keys.iter().map(|k| format!("{k:?}")).collect();
    match g.kind {
        NeedKind::Quota => {
            g.what = format!("quota for {periods}");
            g.sentence =
                format!("{comp} needs a quota for {periods} ({}); none is set for {who}.", quoted.join(" or "));
            g.rep_sentence =
                format!("Your {your} needs your quota for {periods}, which your comp admin has not entered yet.");
        }
        NeedKind::TargetIncentive => {
            g.what = "target incentive".to_string();
            g.sentence = format!("{comp} pays a share of the annual target incentive; none is set for {who}.");
            g.rep_sentence = format!(
                "Your {your} pays a share of your target incentive, which your comp admin has not entered yet."
            );
        }
        NeedKind::Input => {
            let input = quoted.first().cloned().unwrap_or_default();
            g.what = format!("input {input} for {periods}");
            g.sentence = format!("{comp} reads the input {input} for {periods}; none is set for {who}.");
            g.rep_sentence = format!(
                "Your {your} depends on your {input} for {periods}, which your comp admin has not entered yet."
            );
        }
        NeedKind::Mbo => {
            let (goal, due) = match g.what.split_once('\u{0}') {
                Some((n, d)) => (n.to_string(), d.to_string()),
                None => (g.keys.first().cloned().unwrap_or_default(), String::new()),
            };
            g.what = format!("score for goal {goal:?}");
            g.sentence = format!(
                "{comp}: goal {goal:?} (due {due}) has no score for {who} yet, so it pays nothing until it is scored."
            );
            g.rep_sentence = format!(
                "Your goal {goal:?} (due {due}) has not been scored yet, so it pays nothing until your manager scores it."
            );
        }
        NeedKind::Rate => {
            let to = g.keys.get(1).cloned().unwrap_or_default();
            let from = currency.code();
            let by = g.periods.first().map_or(String::new(), |x| calendar.bounds(*x).1.to_string());
            g.what = format!("{from}→{to} rate for {periods}");
            g.sentence = format!(
                "{who} is paid in {to}: statements for {periods} need a {from}→{to} exchange rate on or before {by}; none is given."
            );
            g.rep_sentence = format!(
                "You are paid in {to}, and the {from}→{to} exchange rate for {periods} has not been entered yet."
            );
        }
    }
}

/// `2026-Q2`, `2026-Q1 and 2026-Q3`, `2026-Q1, 2026-Q2 and 2026-Q4`, or a run of three or more
/// consecutive periods as `2026-Q1 to 2026-Q4`.
fn period_list(ps: &[Period]) -> String {
    let labels: Vec<String> = ps.iter().map(Period::label).collect();
    let consecutive = ps.windows(2).all(|w| matches!(w, [a, b] if a.next() == *b));
    match labels.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [first, .., last] if consecutive && labels.len() >= 3 => format!("{first} to {last}"),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A component's name inside a sentence: "Quarterly bonus" → "quarterly bonus"; a name starting
/// with an acronym ("SPIFF", "MBO goals") stays as it is.
fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && !b.is_uppercase() => {
            let mut s: String = a.to_lowercase().collect();
            s.push_str(name.get(a.len_utf8()..).unwrap_or_default());
            s
        }
        _ => name.to_string(),
    }
}
