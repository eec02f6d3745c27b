//! The components of a statement: commission (running or per-transaction rate tables over any
//! window, with true-up), bonus (step or linear thresholds on weighted attainment), MBO goals and
//! SPIFFs. Each returns its base earning, lines and notes; `adjust` applies the steps after.

use super::adjust;
use super::explain::{money, pct};
use super::run::{Carry, FormulaEnv, PayeeCtx, Window};
use super::{ComponentResult, Detail, Kind, Line, Part, SliceResult, Statement, Step};
use crate::credit::Credit;
use crate::error::{Code, Error, Result};
use crate::money::{add, div, mul, sub, RoundingPoint};
use crate::period::Period;
use crate::plan::rate_table::{Evaluation, RateTable, TierBase};
use crate::plan::{BonusStyle, Component, ComponentKind, GateEffect, MeasureKind, Plan, Scope, SpiffPay, Target};
use rust_decimal::Decimal;
use std::cell::Cell;

/// Computes one payee's statement for one period.
///
/// # Errors
/// `QUOTA_MISSING`, `MBO_SCORE`, `FORMULA_EVAL`, `OVERFLOW`.
pub fn statement(
    ctx: &PayeeCtx<'_>,
    period: Period,
    parts: Vec<Part>,
    carry: &mut Carry,
    detail: Detail,
) -> Result<Statement> {
    let (start, end) = ctx.calendar.bounds(period);
    let mut components = Vec::new();
    let mut last_plan = None;
    for (pi, part) in parts.iter().enumerate() {
        let Some(plan) = ctx.set.versions.get(part.version) else {
            continue;
        };
        last_plan = Some(plan);
        for (ci, comp) in plan.components.iter().enumerate() {
            if comp.roles.as_ref().is_some_and(|r| !r.contains(&ctx.p.role)) {
                continue;
            }
            let mut r = match &comp.kind {
                ComponentKind::Commission { .. } => commission(ctx, plan, comp, part, period, carry, detail)?,
                ComponentKind::Bonus { .. } => bonus(ctx, plan, comp, part, period, carry)?,
                ComponentKind::Mbo { .. } => mbo(ctx, plan, comp, part)?,
                ComponentKind::Spiff { .. } => spiff(ctx, plan, comp, part, period, detail)?,
            };
            r.part = pi;
            r.component = ci;
            adjust::component_steps(ctx, plan, comp, period, &mut r, carry)?;
            components.push(r);
        }
    }
    let plan = last_plan.ok_or_else(|| Error::new(Code::Internal, "a statement without a plan version"))?;
    let mut s = Statement {
        payee: ctx.payee,
        period,
        start,
        end,
        parts,
        total: Decimal::ZERO,
        components,
        steps: Vec::new(),
        explanation: Vec::new(),
    };
    adjust::statement_steps(plan, &mut s, carry)?;
    for c in &s.components {
        if let Some(comp) = ctx
            .set
            .versions
            .get(s.parts.get(c.part).map_or(0, |p| p.version))
            .and_then(|v| v.components.get(c.component))
        {
            let year = period.year();
            let e = carry.paid.entry(comp.id.clone()).or_insert((year, Decimal::ZERO));
            if e.0 != year {
                *e = (year, Decimal::ZERO);
            }
            e.1 = add(e.1, c.earning)?;
        }
    }
    Ok(s)
}

fn blank(kind: Kind) -> ComponentResult {
    ComponentResult {
        part: 0,
        component: 0,
        kind,
        credit: Decimal::ZERO,
        quota: None,
        attainment: None,
        base: Decimal::ZERO,
        earning: Decimal::ZERO,
        slices: Vec::new(),
        lines: Vec::new(),
        steps: Vec::new(),
        notes: Vec::new(),
        explanation: Vec::new(),
    }
}

fn part_credits<'a>(ctx: &PayeeCtx<'a>, period: Period, part: &Part) -> impl Iterator<Item = &'a Credit> + 'a {
    let (from, to) = (part.from, part.to);
    let data = ctx.data;
    ctx.period_credits(period)
        .iter()
        .filter(move |c| data.transactions.get(c.txn as usize).is_some_and(|t| from <= t.date && t.date <= to))
}

fn part_factor(part: &Part) -> Result<Decimal> {
    if part.days == part.period_days {
        Ok(Decimal::ONE)
    } else {
        div(Decimal::from(part.days), Decimal::from(part.period_days))
    }
}

/// Whether the gate is open; `None` when there is no gate.
pub fn gate_open(ctx: &PayeeCtx<'_>, plan: &Plan, comp: &Component, period: Period) -> Result<Option<bool>> {
    let Some(g) = &comp.gate else { return Ok(None) };
    let env = FormulaEnv { ctx, plan, period, window: Window::Period, depth: Cell::new(0), error: Cell::new(None) };
    g.when
        .eval_bool(&env)
        .map(Some)
        .map_err(|e| ctx.formula_error(&format!("the gate of {}", comp.id), period, &e.to_string()))
}

fn missing_quota(ctx: &PayeeCtx<'_>, comp: &Component, measure: &str) -> Error {
    Error::at(
        format!("payees[{}].quotas", ctx.payee),
        Code::QuotaMissing,
        format!("{} ({}) has credits for component {:?} but no quota, and the plan gives no default", ctx.p.name, ctx.p.id, comp.id),
        format!("add {{\"component\": \"{}\", \"amount\": \"...\"}} to the payee's quotas (or for measure {measure:?}), or a quota to the component", comp.id),
    )
}

fn commission(
    ctx: &PayeeCtx<'_>,
    plan: &Plan,
    comp: &Component,
    part: &Part,
    period: Period,
    carry: &Carry,
    detail: Detail,
) -> Result<ComponentResult> {
    let ComponentKind::Commission { measure, scope, true_up, table, .. } = &comp.kind else {
        return Ok(blank(Kind::Commission));
    };
    let m = plan.measures.get(*measure).ok_or_else(|| Error::new(Code::Internal, "measure index out of range"))?;
    let mut r = blank(Kind::Commission);
    let (window, quota_window, scope_word) = match scope {
        Scope::Period => (Window::Period, Window::Period, "this period"),
        Scope::QuarterToDate => (Window::Qtd, Window::Qtd, "quarter to date"),
        Scope::YearToDate => (Window::Ytd, Window::Year, "year to date"),
    };
    let simple = matches!(m.kind, MeasureKind::Amount | MeasureKind::Units | MeasureKind::Margin | MeasureKind::Count);
    // Contributions of this part's credits.
    let mine: Vec<(&Credit, Decimal)> = if simple {
        part_credits(ctx, period, part).filter_map(|c| ctx.contribution(m, &comp.filter, c).map(|x| (c, x))).collect()
    } else {
        Vec::new()
    };
    // Where the window stood before this part: earlier periods of the window and earlier parts.
    let mut s0 = Decimal::ZERO;
    if simple {
        for q in ctx.window_periods(window, period).into_iter().filter(|q| *q < period) {
            for c in ctx.period_credits(q) {
                if let Some(x) = ctx.contribution(m, &comp.filter, c) {
                    s0 = add(s0, x)?;
                }
            }
        }
        for c in ctx.period_credits(period) {
            let before_part = ctx.data.transactions.get(c.txn as usize).is_some_and(|t| t.date < part.from);
            if before_part {
                if let Some(x) = ctx.contribution(m, &comp.filter, c) {
                    s0 = add(s0, x)?;
                }
            }
        }
    }
    let mut unit = Decimal::ONE;
    if table.base == TierBase::Attainment {
        match ctx.window_quota(plan, Some(comp), &m.id, quota_window, period)? {
            Some(q) => {
                let q = if *scope == Scope::Period { mul(q, part_factor(part)?)? } else { q };
                if q.is_zero() {
                    r.notes.push(format!(
                        "No quota in {} (not active), so nothing is earned on attainment tiers.",
                        period.label()
                    ));
                    return Ok(r);
                }
                unit = q;
                r.quota = Some(q);
            }
            None if mine.is_empty() && s0.is_zero() => return Ok(r),
            None => return Err(missing_quota(ctx, comp, &m.id)),
        }
    } else if let Some(q) = ctx.window_quota(plan, Some(comp), &m.id, quota_window, period)? {
        r.quota = Some(q);
    }
    if let Some((f, active, days)) = Some(ctx.proration(period)?).filter(|(f, _, _)| *f != Decimal::ONE) {
        r.notes.push(format!("Quota prorated to {active} of {days} active days ({}).", pct(f)));
    }
    if part.days != part.period_days {
        r.notes.push(format!(
            "Plan version {} covers {} to {}: {} of {} days of the period.",
            plan.version, part.from, part.to, part.days, part.period_days
        ));
    }
    // Accelerators off during ramp or behind a closed gate.
    let mut t: std::borrow::Cow<'_, RateTable> = std::borrow::Cow::Borrowed(table);
    if let Some((f, month)) = ctx.ramp(plan, period) {
        r.notes.push(format!("Ramp month {month}: quota × {}.", pct(f)));
        if plan.ramp.as_ref().is_some_and(|x| x.accelerators_off) {
            if let Some(k) = table.first_accelerator() {
                t = std::borrow::Cow::Owned(t.without_accelerators(k));
                r.notes.push(format!(
                    "Accelerators are off while ramping: tiers from {} pay the rate of tier {k}.",
                    k + 1
                ));
            }
        }
    }
    if let (Some(false), Some(g)) = (gate_open(ctx, plan, comp, period)?, &comp.gate) {
        if let GateEffect::NoAcceleratorsFrom(k) = g.effect {
            t = std::borrow::Cow::Owned(t.without_accelerators(k));
            r.notes.push(format!(
                "Gate \"{}\" is not met: tiers from {} pay the rate of tier {k}.",
                g.when.source(),
                k + 1
            ));
        }
    }
    let cur = plan.currency;
    if simple {
        let mut cum = s0;
        let mut prev = t.total(s0, unit)?;
        let start_f = prev;
        let mut per_txn = Vec::new();
        for (c, x) in &mine {
            let exact = match t.evaluation {
                Evaluation::Running => {
                    cum = add(cum, *x)?;
                    let f = t.total(cum, unit)?;
                    let line = sub(f, prev)?;
                    prev = f;
                    line
                }
                Evaluation::PerTransaction => {
                    cum = add(cum, *x)?;
                    let (f, slices) = t.earn(*x, unit)?;
                    if detail == Detail::Full {
                        per_txn.extend(slices);
                    }
                    f
                }
            };
            r.credit = add(r.credit, *x)?;
            r.base = add(r.base, exact)?;
            r.lines.push(Line { transaction: c.txn as usize, credit: *x, exact, earning: exact });
        }
        let window_total = cum;
        r.attainment = r.quota.filter(|q| !q.is_zero()).map(|q| div(window_total, q)).transpose()?;
        let slices = match t.evaluation {
            Evaluation::Running => t.earn(window_total, unit)?.1,
            Evaluation::PerTransaction => merge(per_txn),
        };
        r.slices = slices
            .into_iter()
            .map(|s| SliceResult {
                from: t.tiers.get(s.tier).map_or(Decimal::ZERO, |x| x.from),
                to: t.tiers.get(s.tier).and_then(|x| x.to),
                slice: s,
            })
            .collect();
        let n = mine.len();
        r.notes.insert(
            0,
            format!(
                "{n} credit{} of {} in {}{}.",
                if n == 1 { "" } else { "s" },
                money(r.credit, cur),
                period.label(),
                filter_phrase(m, comp)
            ),
        );
        if window != Window::Period {
            r.notes.push(format!(
                "Attainment is measured {scope_word}: {} credited so far{}.",
                money(window_total, cur),
                r.quota.map_or(String::new(), |q| format!(
                    " against {} ({})",
                    money(q, cur),
                    r.attainment.map_or(String::new(), pct)
                ))
            ));
            if t.evaluation == Evaluation::Running && !s0.is_zero() {
                r.notes.push(format!("Credits earlier in the window had already reached {} ({} earned on them at these rates), so this period's credits start from there.", money(s0, cur), money(start_f, cur)));
            }
        } else if let (Some(q), Some(a)) = (r.quota, r.attainment) {
            r.notes.push(format!(
                "Quota {}; attainment {} / {} = {}.",
                money(q, cur),
                money(window_total, cur),
                money(q, cur),
                pct(a)
            ));
        }
        if *true_up {
            let year = period.year();
            let paid = carry.paid.get(&comp.id).filter(|(y, _)| *y == year).map_or(Decimal::ZERO, |(_, v)| *v);
            let earned = t.total(window_total, unit)?;
            let target = sub(earned, paid)?;
            if target != r.base {
                r.steps.push(Step {
                    kind: super::StepKind::TrueUp,
                    before: r.base,
                    after: target,
                    text: format!(
                        "Year-to-date true-up: {} earned on {} so far this year, minus {} already paid, is {}.",
                        money(earned, cur),
                        money(window_total, cur),
                        money(paid, cur),
                        money(target, cur)
                    ),
                });
            }
        }
    } else {
        // A weighted or formula measure: evaluated on the window at the end of the period.
        let end = ctx.window_value(plan, *measure, window, period, 0)?;
        let before = match window {
            Window::Period => Decimal::ZERO,
            _ => match ctx.window_periods(window, period).into_iter().rfind(|q| *q < period) {
                Some(prev) => ctx.window_value(plan, *measure, window, prev, 0)?,
                None => Decimal::ZERO,
            },
        };
        r.credit = sub(end, before)?;
        r.base = sub(t.total(end, unit)?, t.total(before, unit)?)?;
        r.attainment = r.quota.filter(|q| !q.is_zero()).map(|q| div(end, q)).transpose()?;
        r.slices = t
            .earn(end, unit)?
            .1
            .into_iter()
            .map(|s| SliceResult {
                from: t.tiers.get(s.tier).map_or(Decimal::ZERO, |x| x.from),
                to: t.tiers.get(s.tier).and_then(|x| x.to),
                slice: s,
            })
            .collect();
        r.notes.push(format!(
            "Measure {:?} is {} {scope_word}{}.",
            m.id,
            money(end, cur),
            if before.is_zero() { String::new() } else { format!(" ({} before this period)", money(before, cur)) }
        ));
    }
    round_lines(plan, &mut r)?;
    Ok(r)
}

fn filter_phrase(m: &crate::plan::Measure, comp: &Component) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !m.filter.is_empty() {
        parts.push(m.filter.describe());
    }
    if !comp.filter.is_empty() {
        parts.push(comp.filter.describe());
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" (counting {})", parts.join(" and "))
    }
}

fn merge(slices: Vec<crate::plan::rate_table::Slice>) -> Vec<crate::plan::rate_table::Slice> {
    let mut out: Vec<crate::plan::rate_table::Slice> = Vec::new();
    for s in slices {
        match out.iter_mut().find(|x| x.tier == s.tier && x.rate == s.rate && x.rerated_by == s.rerated_by) {
            Some(x) => {
                x.base += s.base;
                x.amount += s.amount;
            }
            None => out.push(s),
        }
    }
    out.sort_by(|a, b| a.tier.cmp(&b.tier).then(a.rate.cmp(&b.rate)));
    out
}

/// Line-level rounding happens as lines are made; the other points round later.
fn round_lines(plan: &Plan, r: &mut ComponentResult) -> Result<()> {
    if plan.rounding.at == RoundingPoint::Line {
        let mut sum = Decimal::ZERO;
        for l in &mut r.lines {
            l.earning = plan.rounding.round(l.exact, plan.currency);
            sum = add(sum, l.earning)?;
        }
        r.base = if r.lines.is_empty() { plan.rounding.round(r.base, plan.currency) } else { sum };
    }
    r.earning = r.base;
    Ok(())
}

fn target_amount(ctx: &PayeeCtx<'_>, comp: &Component, target: Target, annual: bool) -> Result<Decimal> {
    match target {
        Target::Amount(a) => Ok(a),
        Target::ShareOfTargetIncentive(s) => {
            let ti = ctx.p.target_incentive.ok_or_else(|| {
                Error::at(
                    format!("payees[{}].targetIncentive", ctx.payee),
                    Code::QuotaMissing,
                    format!("{} has no target incentive, which component {:?} needs", ctx.p.id, comp.id),
                    "add \"targetIncentive\": \"annual amount\" to the payee",
                )
            })?;
            let yearly = mul(ti, s)?;
            if annual {
                Ok(yearly)
            } else {
                div(yearly, Decimal::from(ctx.kind.per_year()))
            }
        }
    }
}

fn bonus(
    ctx: &PayeeCtx<'_>,
    plan: &Plan,
    comp: &Component,
    part: &Part,
    period: Period,
    carry: &Carry,
) -> Result<ComponentResult> {
    let ComponentKind::Bonus { attainment, thresholds, style, target, .. } = &comp.kind else {
        return Ok(blank(Kind::Bonus));
    };
    let mut r = blank(Kind::Bonus);
    let cur = plan.currency;
    let (window, quota_window) = (Window::Period, Window::Period);
    let mut att = Decimal::ZERO;
    for (mi, w) in attainment {
        let Some(m) = plan.measures.get(*mi) else {
            continue;
        };
        let v = ctx.window_value(plan, *mi, window, period, 0)?;
        let q =
            match ctx.window_quota(plan, Some(comp).filter(|_| attainment.len() == 1), &m.id, quota_window, period)? {
                Some(q) if !q.is_zero() => q,
                Some(_) => {
                    r.notes.push(format!("No quota in {} (not active), so no bonus.", period.label()));
                    return Ok(r);
                }
                None => return Err(missing_quota(ctx, comp, &m.id)),
            };
        let a = div(v, q)?;
        r.notes.push(format!(
            "{}: {} of {} = {}{}.",
            m.id,
            money(v, cur),
            money(q, cur),
            pct(a),
            if attainment.len() > 1 { format!(", weight {}", pct(*w)) } else { String::new() }
        ));
        att = add(att, mul(a, *w)?)?;
        if attainment.len() == 1 {
            r.credit = v;
            r.quota = Some(q);
        }
    }
    if attainment.len() > 1 {
        r.notes.push(format!("Weighted attainment: {}.", pct(att)));
    }
    r.attainment = Some(att);
    let fraction = match style {
        BonusStyle::Step => thresholds.iter().rev().find(|(a, _)| att >= *a).map_or(Decimal::ZERO, |(_, p)| *p),
        BonusStyle::Linear => linear(thresholds, att)?,
    };
    let (f, active, days) = ctx.proration(period)?;
    let per_period = target_amount(ctx, comp, *target, false)?;
    let tgt = mul(mul(per_period, f)?, part_factor(part)?)?;
    if f != Decimal::ONE {
        r.notes.push(format!("Target prorated to {active} of {days} active days."));
    }
    let how = match style {
        BonusStyle::Step => "the payout of the highest threshold reached",
        BonusStyle::Linear => "linear between thresholds",
    };
    let pts: Vec<String> = thresholds.iter().map(|(a, p)| format!("{} → {}", pct(*a), pct(*p))).collect();
    r.notes.push(format!("Thresholds {} ({how}): {} of target.", pts.join(", "), pct(fraction)));
    r.base = mul(fraction, tgt)?;
    r.notes.push(format!("{} × target {} = {}.", pct(fraction), money(tgt, cur), money(r.base, cur)));
    let _ = carry;
    round_lines(plan, &mut r)?;
    Ok(r)
}

fn linear(thresholds: &[(Decimal, Decimal)], att: Decimal) -> Result<Decimal> {
    let Some(first) = thresholds.first() else {
        return Ok(Decimal::ZERO);
    };
    if att < first.0 {
        return Ok(Decimal::ZERO);
    }
    for pair in thresholds.windows(2) {
        let (Some(a), Some(b)) = (pair.first(), pair.get(1)) else {
            continue;
        };
        if att < b.0 {
            let t = div(sub(att, a.0)?, sub(b.0, a.0)?)?;
            return add(a.1, mul(sub(b.1, a.1)?, t)?);
        }
    }
    Ok(thresholds.last().map_or(Decimal::ZERO, |l| l.1))
}

fn mbo(ctx: &PayeeCtx<'_>, plan: &Plan, comp: &Component, part: &Part) -> Result<ComponentResult> {
    let ComponentKind::Mbo { goals, target } = &comp.kind else {
        return Ok(blank(Kind::Mbo));
    };
    let mut r = blank(Kind::Mbo);
    let due: Vec<_> = goals.iter().filter(|g| part.from <= g.due && g.due <= part.to).collect();
    if due.is_empty() {
        return Ok(r);
    }
    let cur = plan.currency;
    let annual = target_amount(ctx, comp, *target, true)?;
    r.notes.push(format!(
        "MBO target for the year: {}; goals due this period pay weight × score × target.",
        money(annual, cur)
    ));
    for g in due {
        let found = ctx.p.mbo.iter().enumerate().find(|(_, x)| x.goal == g.id);
        let score = match found {
            None => {
                r.notes.push(format!("Goal {:?} (due {}): not assessed, pays nothing.", g.name, g.due));
                continue;
            }
            Some((j, res)) => {
                if !g.points.contains(&res.score) {
                    return Err(Error::at(
                        format!("payees[{}].mbo[{j}].score", ctx.payee),
                        Code::MboScore,
                        format!("score {} for goal {:?} is not one of its payout points", res.score, g.id),
                        format!("use one of {}", g.points.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(", ")),
                    ));
                }
                match res.completed {
                    Some(done) if done > g.due => {
                        r.notes.push(format!(
                            "Goal {:?} was completed on {done}, after its due date {}: it pays nothing.",
                            g.name, g.due
                        ));
                        continue;
                    }
                    _ => res.score,
                }
            }
        };
        let amount = mul(mul(g.weight, score)?, annual)?;
        r.notes.push(format!(
            "Goal {:?} (weight {}, due {}): score {} → {}.",
            g.name,
            pct(g.weight),
            g.due,
            pct(score),
            money(amount, cur)
        ));
        r.base = add(r.base, amount)?;
    }
    round_lines(plan, &mut r)?;
    Ok(r)
}

fn spiff(
    ctx: &PayeeCtx<'_>,
    plan: &Plan,
    comp: &Component,
    part: &Part,
    period: Period,
    detail: Detail,
) -> Result<ComponentResult> {
    let ComponentKind::Spiff { from, to, pay } = &comp.kind else {
        return Ok(blank(Kind::Spiff));
    };
    let mut r = blank(Kind::Spiff);
    let cur = plan.currency;
    let mut n = 0;
    for c in part_credits(ctx, period, part) {
        let Some(t) = ctx.data.transactions.get(c.txn as usize) else {
            continue;
        };
        if t.date < *from || t.date > *to || !c.relief || !crate::credit::matches(ctx.data, t, &comp.filter) {
            continue;
        }
        let exact = match pay {
            SpiffPay::PerDeal(a) => mul(*a, c.share)?,
            SpiffPay::PerUnit(a) => mul(mul(*a, t.units)?, c.share)?,
            SpiffPay::Percent(rate) => mul(*rate, c.amount)?,
        };
        n += 1;
        r.credit = add(r.credit, c.amount)?;
        r.base = add(r.base, exact)?;
        if detail == Detail::Full || plan.rounding.at == RoundingPoint::Line {
            r.lines.push(Line { transaction: c.txn as usize, credit: c.amount, exact, earning: exact });
        }
    }
    if n == 0 {
        return Ok(r);
    }
    let how = match pay {
        SpiffPay::PerDeal(a) => format!("{} per deal (times the credited share)", money(*a, cur)),
        SpiffPay::PerUnit(a) => format!("{} per unit", money(*a, cur)),
        SpiffPay::Percent(p) => format!("{} of the credited amount", pct(*p)),
    };
    let scope = if comp.filter.is_empty() { String::new() } else { format!(" on {}", comp.filter.describe()) };
    r.notes.push(format!(
        "SPIFF {from} to {to}{scope}: {n} qualifying deal{} at {how} = {}.",
        if n == 1 { "" } else { "s" },
        money(r.base, cur)
    ));
    round_lines(plan, &mut r)?;
    Ok(r)
}
