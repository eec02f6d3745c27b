//! Building a [`Scoreboard`] (definitions, roster, events, the plan's figures) and reading a
//! metric over a window for every rep or team: from the monthly totals when the window is whole
//! months, else from the events in the window.

use super::defs::{self, Types};
use super::events::{self, Ctx};
use super::{Metric, PlanRow, Rep, Scoreboard, Window};
use crate::dto::{RosterRepDto, ScoringDefsDto, ScoringEventDto};
use rust_decimal::Decimal;
use spm_base::error::{Code, Diagnostic, Error, Result, Severity};
use spm_base::money;
use spm_base::period::Date;
use std::collections::{BTreeSet, HashMap};

/// The roster of a dataset: each payee with its manager on `as_of` as team, role and hire date.
pub fn roster_from_dataset(data: &spm_core::data::Dataset, as_of: Date) -> Vec<RosterRepDto> {
    data.payees
        .iter()
        .map(|p| RosterRepDto {
            id: p.id.clone(),
            name: (!p.name.is_empty()).then(|| p.name.clone()),
            team: p.manager_on(as_of).map(str::to_string),
            role: (!p.role.is_empty()).then(|| p.role.clone()),
            hire: p.hire.map(|d| d.to_string()),
        })
        .collect()
}

pub(super) fn from_text(defs_text: &str, roster: Option<&str>, events_text: &str) -> Result<Scoreboard> {
    let dto: ScoringDefsDto = spm_base::json::from_str(defs_text, "the scoring definitions")?;
    let trimmed = spm_base::json::content(events_text);
    let json_events: Option<Vec<ScoringEventDto>> =
        if trimmed.starts_with('[') { Some(spm_base::json::from_str(events_text, "the events")?) } else { None };
    let roster: Vec<RosterRepDto> = match roster {
        Some(t) => spm_base::json::from_str(t, "the roster")?,
        None => implicit_roster(json_events.as_deref(), events_text),
    };
    let mut d = Vec::new();
    let mut types = Types::default();
    let defs = defs::check(&dto, &mut types, &mut d);
    let (reps, teams, index) = check_roster(&roster, &mut d);
    let mut cx = Ctx { defs: &defs, types: &mut types, index: &index };
    let raw = match &json_events {
        Some(list) => events::from_dtos(list, &mut cx, &mut d),
        None => events::from_csv(events_text, &mut cx, &mut d)?,
    };
    let ev = events::finish(raw, &defs, &reps, types.0.len(), &mut d);
    for (i, g) in defs.goals.iter().enumerate() {
        let known = if g.team { teams.binary_search(&g.owner).is_ok() } else { index.contains_key(&g.owner) };
        if !known {
            d.push(Diagnostic::error(
                format!("goals[{i}].owner"),
                Code::UnknownReference,
                format!("{:?} is not a {} of the roster", g.owner, if g.team { "team" } else { "rep" }),
                "name a rep id (or a team id with ownerKind \"team\")",
            ));
        }
    }
    if d.iter().any(|x| x.severity == Severity::Error) {
        return Err(Error::from_diagnostics(d));
    }
    let Some(as_of) = defs.as_of.or_else(|| ev.day.last().copied()) else {
        return Err(Error::at("asOf", Code::MissingField, "no events and no asOf", "give asOf, or events"));
    };
    let team_names = teams
        .iter()
        .map(|t| match reps.iter().find(|r| r.id == *t) {
            Some(r) => format!("Team {}", r.name),
            None => format!("Team {t}"),
        })
        .collect();
    let plan = vec![Vec::new(); reps.len()];
    Ok(Scoreboard { defs, types, reps, teams, team_names, ev, plan, as_of })
}

fn implicit_roster(json: Option<&[ScoringEventDto]>, csv: &str) -> Vec<RosterRepDto> {
    let mut ids: BTreeSet<String> = BTreeSet::new();
    match json {
        Some(list) => ids.extend(list.iter().map(|e| e.payee_id.clone())),
        None => {
            let mut r = ::csv::ReaderBuilder::new().has_headers(true).from_reader(csv.as_bytes());
            let col = r.byte_headers().ok().and_then(|h| h.iter().position(|x| x.trim_ascii() == b"payeeId"));
            let mut rec = ::csv::ByteRecord::new();
            while let (Some(c), Ok(true)) = (col, r.read_byte_record(&mut rec)) {
                if let Some(v) = rec.get(c).and_then(|v| std::str::from_utf8(v).ok()) {
                    if !ids.contains(v) {
                        ids.insert(v.to_string());
                    }
                }
            }
        }
    }
    ids.into_iter().map(|id| RosterRepDto { id, name: None, team: None, role: None, hire: None }).collect()
}

fn check_roster(roster: &[RosterRepDto], d: &mut Vec<Diagnostic>) -> (Vec<Rep>, Vec<String>, super::Index) {
    let teams: Vec<String> =
        roster.iter().filter_map(|r| r.team.clone()).collect::<BTreeSet<_>>().into_iter().collect();
    let mut index = super::Index::with_capacity_and_hasher(roster.len(), Default::default());
    let mut reps = Vec::with_capacity(roster.len());
    for (i, r) in roster.iter().enumerate() {
        if r.id.is_empty() || index.insert(r.id.clone(), u32::try_from(i).unwrap_or(u32::MAX)).is_some() {
            d.push(Diagnostic::error(
                format!("roster[{i}].id"),
                Code::IdInvalid,
                format!("rep id {:?} is empty or used twice", r.id),
                "give each rep its own id",
            ));
        }
        let hire = r.hire.as_ref().and_then(|h| defs::date(h, &format!("roster[{i}].hire"), d));
        reps.push(Rep {
            id: r.id.clone(),
            name: r.name.clone().unwrap_or_else(|| r.id.clone()),
            team: r.team.as_ref().and_then(|t| teams.binary_search(t).ok()),
            role: r.role.clone().unwrap_or_default(),
            hire,
        });
    }
    (reps, teams, index)
}

/// The largest absolute total of the plan's credits and quotas scoring takes (10^26), so that
/// sums, differences and ratios of them stay inside the decimal range (about 7.9 × 10^28).
pub const PLAN_TOTAL_LIMIT: Decimal = Decimal::from_parts(0xe400_0000, 0xdcc8_0cd2, 0x0052_b7d2, false, 0);

pub(super) fn with_plan(
    sb: &mut Scoreboard,
    plan: &spm_plan::CompiledPlan,
    data: &spm_core::data::Dataset,
) -> Result<()> {
    if sb.defs.components.is_empty() {
        return Ok(());
    }
    let set = &plan.plan;
    for (i, c) in sb.defs.components.iter().enumerate() {
        if !set.versions.iter().any(|v| v.components.iter().any(|x| x.id == *c)) {
            return Err(Error::at(
                format!("component {c}"),
                Code::UnknownReference,
                format!(
                    "the plan {} has no component {c:?} (KPI #{i})",
                    plan.plan.head().map_or("", |h| h.id.as_str())
                ),
                "name a component id of the plan",
            ));
        }
    }
    let report = spm_core::payout::calculate(set, data, spm_core::payout::Detail::Summary)?;
    let index: HashMap<&str, usize> = sb.reps.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
    let mut rows = vec![Vec::new(); sb.reps.len()];
    for s in &report.statements {
        let Some(rep) = data.payees.get(s.payee).and_then(|p| index.get(p.id.as_str())) else { continue };
        // One row per component and period: parts of one period (plan versions) add up.
        let mut here: Vec<PlanRow> = Vec::new();
        for c in &s.components {
            let Some(pc) = s
                .parts
                .get(c.part)
                .and_then(|p| set.versions.get(p.version))
                .and_then(|v| v.components.get(c.component))
            else {
                continue;
            };
            let Some(k) = sb.defs.components.iter().position(|x| *x == pc.id) else { continue };
            let k = u16::try_from(k).unwrap_or(u16::MAX);
            match here.iter_mut().find(|r| r.component == k) {
                Some(r) => {
                    r.credit = money::add(r.credit, c.credit)?;
                    r.quota = match (r.quota, c.quota) {
                        (Some(a), Some(b)) => Some(money::add(a, b)?),
                        (a, b) => a.or(b),
                    };
                }
                None => here.push(PlanRow { component: k, from: s.start, to: s.end, credit: c.credit, quota: c.quota }),
            }
        }
        if let Some(slot) = rows.get_mut(*rep) {
            slot.extend(here);
        }
    }
    // Every later sum of plan figures (a rep's window, a team, a ratio's parts) is at most this
    // absolute total, so bounding it once keeps the metrics' arithmetic in range.
    let mut total = money::Sum::new(Decimal::ZERO);
    for row in rows.iter().flatten() {
        total.add(row.credit.abs())?;
        total.add(row.quota.unwrap_or_default().abs())?;
    }
    if total.total()? > PLAN_TOTAL_LIMIT {
        return Err(Error::at(
            "plan",
            Code::Overflow,
            format!("the plan's credits and quotas add up to more than {PLAN_TOTAL_LIMIT}, too much for exact scoring"),
            "check the transactions' amounts and the payees' quotas for values far above any real deal",
        ));
    }
    sb.plan = rows;
    Ok(())
}

impl Scoreboard {
    /// The window of a definition without one: the first event's month to today.
    pub(crate) fn window_or_default(&self, w: Option<Window>) -> Window {
        w.unwrap_or_else(|| {
            let first = self.ev.day.first().copied().unwrap_or(self.as_of);
            let from = Date::new(first.year(), first.month(), 1).unwrap_or(first);
            Window { from: from.min(self.as_of), to: self.as_of }
        })
    }

    /// Per rep: the numerator and, for ratios, the denominator of a metric over a window.
    // Bounded: sums of event values stay below 10^22 (see `events::MAX_AMOUNT`), and the plan's
    // credits and quotas are checked by `with_plan` to add up, in absolute value, to at most
    // `PLAN_TOTAL_LIMIT` (10^26), so no partial sum, difference or ratio leaves the decimal range.
    #[allow(clippy::arithmetic_side_effects)]
    pub(crate) fn parts(&self, m: Metric, w: Window) -> (Vec<Decimal>, Option<Vec<Decimal>>) {
        let n = self.reps.len();
        let ev = &self.ev;
        let sum_type = |t: u16, amount: bool| -> Vec<Decimal> {
            let mut out = vec![Decimal::ZERO; n];
            if let Some(ms) = ev.months_of(w) {
                for (r, slot) in out.iter_mut().enumerate() {
                    let base = (t as usize * n + r) * ev.months;
                    let range = base + ms.start..base + ms.end;
                    *slot = if amount {
                        ev.m_amount.get(range).map_or(Decimal::ZERO, |x| x.iter().fold(Decimal::ZERO, |a, b| a + b))
                    } else {
                        Decimal::from(
                            ev.m_count.get(range).map_or(0u64, |x| x.iter().map(|&c| u64::from(c)).sum::<u64>()),
                        )
                    };
                }
            } else {
                for i in ev.range(w) {
                    if ev.kind.get(i) == Some(&t) {
                        if let Some(slot) = ev.rep.get(i).and_then(|&r| out.get_mut(r as usize)) {
                            *slot += if amount { ev.amount.get(i).copied().unwrap_or_default() } else { Decimal::ONE };
                        }
                    }
                }
            }
            out
        };
        match m {
            Metric::Points => {
                let mut out = vec![Decimal::ZERO; n];
                if let Some(ms) = ev.months_of(w) {
                    for (r, slot) in out.iter_mut().enumerate() {
                        let base = r * ev.months;
                        *slot = ev
                            .m_points
                            .get(base + ms.start..base + ms.end)
                            .map_or(Decimal::ZERO, |x| x.iter().fold(Decimal::ZERO, |a, b| a + b));
                    }
                } else {
                    for i in ev.range(w) {
                        if let Some(slot) = ev.rep.get(i).and_then(|&r| out.get_mut(r as usize)) {
                            *slot += ev.points.get(i).copied().unwrap_or_default();
                        }
                    }
                }
                (out, None)
            }
            Metric::Count(t) => (sum_type(t, false), None),
            Metric::Amount(t) => (sum_type(t, true), None),
            Metric::Ratio(a, b) => (sum_type(a, false), Some(sum_type(b, false))),
            Metric::PlanAttainment(c) | Metric::PlanCredit(c) => {
                let mut num = vec![Decimal::ZERO; n];
                let mut den = vec![Decimal::ZERO; n];
                for (r, rows) in self.plan.iter().enumerate() {
                    for row in rows.iter().filter(|x| x.component == c && w.from <= x.from && x.to <= w.to) {
                        if let (Some(a), Some(b)) = (num.get_mut(r), den.get_mut(r)) {
                            *a += row.credit;
                            *b += row.quota.unwrap_or_default();
                        }
                    }
                }
                (num, matches!(m, Metric::PlanAttainment(_)).then_some(den))
            }
            Metric::Score(_) => (vec![Decimal::ZERO; n], None),
        }
    }

    /// Per rep: the metric's value over the window (absent: undefined, such as a ratio over 0).
    pub(crate) fn values(&self, m: Metric, w: Window) -> Vec<Option<Decimal>> {
        if let Metric::Score(c) = m {
            return super::board::card_scores(self, c, w).0.into_iter().map(Some).collect();
        }
        let (num, den) = self.parts(m, w);
        combine(&num, den.as_deref())
    }

    /// Per team: members' numerators and denominators added (scores: the scorecard's rule).
    // Bounded: sums of event values stay below 10^22 (see `events::MAX_AMOUNT`), and the plan's
    // credits and quotas are checked by `with_plan` to add up, in absolute value, to at most
    // `PLAN_TOTAL_LIMIT` (10^26), so no partial sum, difference or ratio leaves the decimal range.
    #[allow(clippy::arithmetic_side_effects)]
    pub(crate) fn team_values(&self, m: Metric, w: Window) -> Vec<Option<Decimal>> {
        if let Metric::Score(c) = m {
            return super::board::card_scores(self, c, w).1.into_iter().map(Some).collect();
        }
        let (num, den) = self.parts(m, w);
        let t = self.teams.len();
        let mut tn = vec![Decimal::ZERO; t];
        let mut td = den.as_ref().map(|_| vec![Decimal::ZERO; t]);
        for (r, rep) in self.reps.iter().enumerate() {
            let Some(team) = rep.team else { continue };
            if let (Some(slot), Some(v)) = (tn.get_mut(team), num.get(r)) {
                *slot += *v;
            }
            if let (Some(td), Some(den)) = (td.as_mut(), den.as_ref()) {
                if let (Some(slot), Some(v)) = (td.get_mut(team), den.get(r)) {
                    *slot += *v;
                }
            }
        }
        combine(&tn, td.as_deref())
    }

    /// Per rep: events in the window.
    pub(crate) fn event_counts(&self, w: Window) -> Vec<u64> {
        let mut out = vec![0u64; self.reps.len()];
        let ev = &self.ev;
        if let Some(ms) = ev.months_of(w) {
            for (r, slot) in out.iter_mut().enumerate() {
                let base = r * ev.months;
                *slot = ev
                    .m_events
                    .get(base + ms.start..base + ms.end)
                    .map_or(0, |x| x.iter().map(|&c| u64::from(c)).sum::<u64>());
            }
        } else {
            for i in ev.range(w) {
                if let Some(slot) = ev.rep.get(i).and_then(|&r| out.get_mut(r as usize)) {
                    *slot += 1;
                }
            }
        }
        out
    }
}

fn combine(num: &[Decimal], den: Option<&[Decimal]>) -> Vec<Option<Decimal>> {
    match den {
        None => num.iter().map(|v| Some(*v)).collect(),
        Some(den) => num
            .iter()
            .zip(den)
            .map(|(a, b)| if b.is_zero() { None } else { a.checked_div(*b).map(super::six) })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_plan_total_limit_is_ten_to_the_26th() {
        assert_eq!(super::PLAN_TOTAL_LIMIT.to_string(), format!("1{}", "0".repeat(26)));
    }
}
