//! Funnel metrics: sales velocity of the company, teams and reps; stage-to-stage conversion
//! and time in stage; cycle length. The group figures (`Group`, `conversions`) are shared with
//! coaching.

use super::stats::{self, pct, s};
use super::{Ctx, Deal, Status};
use crate::insight::dto::{CycleDto, CycleStatsDto, DayBinDto, FunnelDto, StageRowDto, VelocityDto, VelocityRowDto};
use rust_decimal::Decimal;
use spm_base::error::Result;
use spm_base::fmt::{fixed, ratio};
use spm_base::money;

/// Days of a velocity "month".
const MONTH_DAYS: i64 = 30;
/// Width of a cycle-length bin, and how many bins before the open one.
const CYCLE_BIN: u32 = 30;
const CYCLE_BINS: u32 = 12;

/// Days from created to close, at least 1 (a deal closed the day it was created took a day).
pub(crate) fn cycle_days(d: &Deal<'_>) -> i64 {
    d.cycle_days().max(1)
}

/// Counts and sums of a group of deals.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Group {
    pub open: usize,
    pub closed: usize,
    pub won: usize,
    pub won_amount: Decimal,
    pub won_days: i64,
    pub activities: u64,
    pub deals: usize,
}

impl Group {
    /// The figures of some deals.
    pub fn of<'a, 'b: 'a>(deals: impl Iterator<Item = &'a Deal<'b>>) -> Result<Group> {
        let mut g = Group::default();
        for d in deals {
            g.deals += 1;
            g.activities += d.activities;
            match d.status {
                Status::Open => g.open += 1,
                Status::Lost => g.closed += 1,
                Status::Won => {
                    g.closed += 1;
                    g.won += 1;
                    g.won_amount = money::add(g.won_amount, d.amount)?;
                    g.won_days += cycle_days(d);
                }
            }
        }
        Ok(g)
    }

    /// won / closed.
    pub fn win_rate(&self) -> Result<Option<Decimal>> {
        stats::div(Decimal::from(self.won), Decimal::from(self.closed))
    }

    /// Mean won amount.
    pub fn deal_size(&self) -> Result<Option<Decimal>> {
        stats::div(self.won_amount, Decimal::from(self.won))
    }

    /// Mean won cycle in days.
    pub fn cycle(&self) -> Result<Option<Decimal>> {
        stats::div(Decimal::from(self.won_days), Decimal::from(self.won))
    }

    /// Activities per deal (every deal of the group).
    pub fn activity(&self) -> Result<Option<Decimal>> {
        stats::div(Decimal::from(self.activities), Decimal::from(self.deals))
    }

    /// open × (won / closed) × (won amount / won) / (won days / won)
    /// = open × won amount × won / (closed × won days), one division.
    pub fn velocity(&self) -> Result<Option<Decimal>> {
        if self.won == 0 {
            return Ok(None);
        }
        let num = money::mul(money::mul(Decimal::from(self.open), self.won_amount)?, Decimal::from(self.won))?;
        let den = money::mul(Decimal::from(self.closed), Decimal::from(self.won_days))?;
        stats::div(num, den)
    }
}

fn row(ctx: &Ctx<'_>, id: &str, name: &str, team: Option<String>, g: &Group) -> Result<VelocityRowDto> {
    let v = g.velocity()?;
    let (wr, size, cycle) = (g.win_rate()?, g.deal_size()?, g.cycle()?);
    let explanation = match (v, wr, size, cycle) {
        (Some(v), Some(wr), Some(size), Some(cycle)) => format!(
            "{name}: {} open deal{} × {} win rate × {} average won deal ÷ {} days average cycle = {} a day ({} every {MONTH_DAYS} days).",
            g.open,
            s(g.open),
            pct(wr),
            ctx.words(size),
            fixed(cycle, 1),
            ctx.words(v),
            ctx.words(money::mul(v, Decimal::from(MONTH_DAYS))?)
        ),
        _ => format!("{name}: no won deal yet, so no sales velocity ({} open, {} closed).", g.open, g.closed),
    };
    Ok(VelocityRowDto {
        id: id.to_string(),
        name: name.to_string(),
        team,
        open_deals: g.open,
        closed_deals: g.closed,
        won_deals: g.won,
        win_rate: wr.map(ratio),
        average_deal_size: size.map(|x| fixed(x, 2)),
        average_cycle_days: cycle.map(|x| fixed(x, 2)),
        per_day: v.map(|x| fixed(x, 2)),
        per_month: match v {
            Some(x) => Some(fixed(money::mul(x, Decimal::from(MONTH_DAYS))?, 2)),
            None => None,
        },
        explanation,
    })
}

/// Velocity of the company, each team and each rep.
pub(crate) fn velocity(ctx: &Ctx<'_>) -> Result<VelocityDto> {
    let company = row(ctx, "company", "The company", None, &Group::of(ctx.deals.iter())?)?;
    let mut teams = Vec::new();
    for t in ctx.teams() {
        let g = Group::of(ctx.deals.iter().filter(|d| d.team == t))?;
        teams.push(row(ctx, &t, &ctx.team_name(&t), None, &g)?);
    }
    let mut reps = Vec::new();
    for p in ctx.reps() {
        let g = Group::of(ctx.deals.iter().filter(|d| d.payee == p))?;
        reps.push(row(ctx, ctx.id(p), ctx.name(p), Some(ctx.team_of(p).to_string()), &g)?);
    }
    Ok(VelocityDto { company, teams, reps })
}

/// Per stage: (reached, advanced, pending). A deal reached every stage up to its furthest (a
/// won deal: all of them); it advanced past stage `i` when it reached `i + 1` (or was won,
/// after the last); an open deal whose furthest stage is `i` is pending there.
pub(crate) fn conversions<'a, 'b: 'a>(stages: usize, deals: impl Iterator<Item = &'a Deal<'b>>) -> Vec<[usize; 3]> {
    let mut out = vec![[0usize; 3]; stages];
    for d in deals {
        for (i, c) in out.iter_mut().enumerate() {
            if d.level >= i {
                c[0] += 1;
            }
            if d.level > i {
                c[1] += 1;
            }
            if d.status == Status::Open && d.level == i {
                c[2] += 1;
            }
        }
    }
    out
}

/// advanced / (reached − pending).
pub(crate) fn rate(c: &[usize; 3]) -> Result<Option<Decimal>> {
    stats::div(Decimal::from(c[1]), Decimal::from(c[0].saturating_sub(c[2])))
}

/// The stage funnel.
pub(crate) fn funnel(ctx: &Ctx<'_>) -> Result<FunnelDto> {
    let k = ctx.stages.len();
    let conv = conversions(k, ctx.deals.iter());
    // Completed stays: (count, days); open deals now: (count, amount).
    let mut stays = vec![(0usize, 0i64); k];
    let mut open = vec![(0usize, Decimal::ZERO); k];
    for d in ctx.deals {
        for (j, (stage, day)) in d.history.iter().enumerate() {
            let end = match d.history.get(j + 1) {
                Some((_, next)) => Some(*next),
                None => d.closed().then_some(d.close),
            };
            if let (Some(end), Some(slot)) = (end, stays.get_mut(*stage)) {
                slot.0 += 1;
                slot.1 += day.days_until(end);
            }
        }
        if d.status == Status::Open {
            if let Some(slot) = open.get_mut(d.current) {
                slot.0 += 1;
                slot.1 = money::add(slot.1, d.amount)?;
            }
        }
    }
    let mut rows = Vec::with_capacity(k);
    for (i, stage) in ctx.stages.iter().enumerate() {
        let c = conv.get(i).copied().unwrap_or_default();
        let (n, days) = stays.get(i).copied().unwrap_or_default();
        let (on, oa) = open.get(i).copied().unwrap_or_default();
        rows.push(StageRowDto {
            stage: stage.clone(),
            next: ctx.stages.get(i + 1).cloned().unwrap_or_else(|| "Won".to_string()),
            reached: c[0],
            advanced: c[1],
            pending: c[2],
            conversion: rate(&c)?.map(ratio),
            stays: n,
            average_days: stats::div(Decimal::from(days), Decimal::from(n))?.map(|x| fixed(x, 2)),
            open_deals: on,
            open_amount: ctx.amt(oa),
        });
    }
    let all = Group::of(ctx.deals.iter())?;
    let mut explanation = Vec::new();
    let mut weakest: Option<(Decimal, usize)> = None;
    let mut slowest: Option<(Decimal, usize)> = None;
    for (i, r) in rows.iter().enumerate() {
        if let Some(c) = r.conversion.as_deref().and_then(spm_base::dec::parse_decimal) {
            if weakest.is_none_or(|(w, _)| c < w) {
                weakest = Some((c, i));
            }
        }
        if let Some(a) = r.average_days.as_deref().and_then(spm_base::dec::parse_decimal) {
            if slowest.is_none_or(|(w, _)| a > w) {
                slowest = Some((a, i));
            }
        }
    }
    if let Some(wr) = all.win_rate()? {
        explanation.push(format!("{} of {} closed deal{} were won ({}).", all.won, all.closed, s(all.closed), pct(wr)));
    }
    if let Some((c, i)) = weakest {
        if let Some(r) = rows.get(i) {
            explanation.push(format!(
                "The weakest step is {} → {}: {} of the deals that reached {} moved on.",
                r.stage,
                r.next,
                pct(c),
                r.stage
            ));
        }
    }
    if let Some((a, i)) = slowest {
        if let Some(r) = rows.get(i) {
            explanation.push(format!("Deals stay longest in {}: {} days on average.", r.stage, fixed(a, 1)));
        }
    }
    Ok(FunnelDto { stages: rows, win_rate: all.win_rate()?.map(ratio), explanation })
}

fn cycle_stats(mut days: Vec<Decimal>) -> Result<CycleStatsDto> {
    Ok(CycleStatsDto {
        deals: days.len(),
        mean_days: stats::mean(&days)?.map(|x| fixed(x, 2)),
        median_days: spm_base::quantile::median(&mut days)?.map(|x| fixed(x, 1)),
    })
}

/// Cycle length of won and lost deals.
pub(crate) fn cycle(ctx: &Ctx<'_>) -> Result<CycleDto> {
    let days = |st: Status| -> Vec<Decimal> {
        ctx.deals.iter().filter(|d| d.status == st).map(|d| Decimal::from(cycle_days(d))).collect()
    };
    let (won, lost) = (days(Status::Won), days(Status::Lost));
    let mut bins: Vec<DayBinDto> = (0..=CYCLE_BINS)
        .map(|i| DayBinDto { from: i * CYCLE_BIN, to: (i < CYCLE_BINS).then_some((i + 1) * CYCLE_BIN), count: 0 })
        .collect();
    for d in ctx.deals.iter().filter(|d| d.status == Status::Won) {
        let i = usize::try_from(cycle_days(d) / i64::from(CYCLE_BIN)).unwrap_or(0).min(CYCLE_BINS as usize);
        if let Some(b) = bins.get_mut(i) {
            b.count += 1;
        }
    }
    let won = cycle_stats(won)?;
    let lost = cycle_stats(lost)?;
    let mut explanation = Vec::new();
    if let (Some(m), Some(md)) = (&won.mean_days, &won.median_days) {
        explanation.push(format!(
            "Won deals took {m} days on average from creation to close (median {md}), over {} deal{}.",
            won.deals,
            s(won.deals)
        ));
    }
    if let Some(m) = &lost.mean_days {
        explanation.push(format!("Lost deals were closed after {m} days on average."));
    }
    Ok(CycleDto { won, lost, won_bins: bins, explanation })
}
