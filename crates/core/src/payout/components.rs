//! The components of a statement: commission (running or per-transaction rate tables over any
//! window, with true-up), bonus (step or linear thresholds on weighted attainment), MBO goals and
//! SPIFFs. Each returns its base earning, lines and notes; `adjust` applies the steps after.

use super::adjust;
use super::env::FormulaEnv;
use super::explain::{money, pct};
use super::run::{Carry, PayeeCtx, Window};
use super::{ComponentResult, Detail, Kind, Line, Part, SliceResult, Statement, Step};
use crate::credit::Credit;
use rust_decimal::Decimal;
use spm_base::error::{Code, Error, Result};
use spm_base::money::{add, div, mul, sub, RoundingPoint};
use spm_base::period::Period;
use spm_plan::rate_table::{Evaluation, RateTable, TierBase};
use spm_plan::{Component, ComponentKind, GateEffect, MeasureKind, Plan, Scope};
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
    let mut components = Vec::with_capacity(
        parts.iter().filter_map(|p| ctx.set.versions.get(p.version)).map(|v| v.components.len()).sum::<usize>(),
    );
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
            let located =
                |e: Error| e.or_at(|| format!("payee {}, {}, component {}", ctx.p.id, period.label(), comp.id));
            let mut r = match &comp.kind {
                ComponentKind::Commission { .. } => commission(ctx, plan, comp, part, period, carry, detail),
                ComponentKind::Bonus { .. } => super::incentives::bonus(ctx, plan, comp, part, period, carry),
                ComponentKind::Mbo { .. } => super::incentives::mbo(ctx, plan, comp, part),
                ComponentKind::Spiff { .. } => super::incentives::spiff(ctx, plan, comp, part, period, detail),
            }
            .map_err(located)?;
            r.part = pi;
            r.component = ci;
            adjust::component_steps(ctx, plan, comp, period, &mut r, carry).map_err(located)?;
            if detail == Detail::Summary {
                r.lines = Vec::new();
                r.notes = Vec::new();
            }
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
    let round_with = s
        .parts
        .iter()
        .filter_map(|p| ctx.set.versions.get(p.version))
        .rev()
        .find(|v| v.rounding.at == RoundingPoint::Statement)
        .unwrap_or(plan);
    let located = |e: Error| e.or_at(|| format!("payee {}, {}", ctx.p.id, period.label()));
    adjust::statement_steps(plan, round_with, &mut s, carry, detail == Detail::Full).map_err(located)?;
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
            e.1 = add(e.1, c.earning).map_err(located)?;
        }
    }
    Ok(s)
}

pub(crate) fn blank(kind: Kind) -> ComponentResult {
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
        count: 0,
        steps: Vec::new(),
        notes: Vec::new(),
        explanation: Vec::new(),
    }
}

pub(crate) fn part_credits<'a>(
    ctx: &PayeeCtx<'a>,
    period: Period,
    part: &Part,
) -> impl Iterator<Item = &'a Credit> + 'a {
    let (from, to) = (part.from, part.to);
    ctx.period_credits(period).iter().filter(move |c| from <= c.date && c.date <= to)
}

/// `v` × part days / period days, multiplying first.
pub(crate) fn part_scale(v: Decimal, part: &Part) -> Result<Decimal> {
    if part.days == part.period_days {
        Ok(v)
    } else {
        div(mul(v, Decimal::from(part.days))?, Decimal::from(part.period_days))
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

pub(crate) fn missing_quota(ctx: &PayeeCtx<'_>, comp: &Component, measure: &str) -> Error {
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
    carry: &mut Carry,
    detail: Detail,
) -> Result<ComponentResult> {
    let ComponentKind::Commission { measure, scope, true_up, table, .. } = &comp.kind else {
        return Ok(blank(Kind::Commission));
    };
    let m = plan.measures.get(*measure).ok_or_else(|| Error::new(Code::Internal, "measure index out of range"))?;
    let mut r = blank(Kind::Commission);
    let full = detail == Detail::Full;
    let (window, quota_window, scope_word, key) = match scope {
        Scope::Period => (Window::Period, Window::Period, "this period", (period.year(), period.index())),
        Scope::QuarterToDate => {
            let q = match ctx.kind {
                spm_base::period::PeriodKind::Month => period.index() / 3,
                _ => period.index(),
            };
            (Window::Qtd, Window::Qtd, "quarter to date", (period.year(), 100 + q))
        }
        Scope::YearToDate => (Window::Ytd, Window::Year, "year to date", (period.year(), 255)),
    };
    let simple = matches!(m.kind, MeasureKind::Amount | MeasureKind::Units | MeasureKind::Margin | MeasureKind::Count);
    // Where the window stood before this part: carried from earlier periods and parts.
    let s0 = match carry.window.get(&comp.id) {
        Some((k, total)) if *k == key => *total,
        _ => Decimal::ZERO,
    };
    let cur = plan.currency;
    let mut unit = Decimal::ONE;
    // Only asked when there is no quota, so the common case reads the credits once.
    let has_credits =
        || simple && part_credits(ctx, period, part).any(|c| ctx.contribution(m, &comp.filter, c).is_some());
    if table.base == TierBase::Attainment {
        match ctx.window_quota(plan, Some(comp), &m.id, quota_window, period)? {
            Some(q) => {
                let q = if *scope == Scope::Period { part_scale(q, part)? } else { q };
                if q.is_zero() {
                    if full {
                        r.notes.push(format!(
                            "No quota in {} (not active), so nothing is earned on attainment tiers.",
                            period.label()
                        ));
                    }
                    return Ok(r);
                }
                unit = q;
                r.quota = Some(q);
            }
            None if s0.is_zero() && !has_credits() => return Ok(r),
            None => return Err(missing_quota(ctx, comp, &m.id)),
        }
    } else if let Some(q) = ctx.window_quota(plan, Some(comp), &m.id, quota_window, period)? {
        r.quota = Some(q);
    }
    // An implicit measure already carries the component's filter: do not test it twice.
    let extra_filter = spm_plan::Filter::default();
    let comp_filter = if m.filter == comp.filter { &extra_filter } else { &comp.filter };
    if full && table.base == TierBase::Attainment {
        if let Some((f, active, days)) = Some(ctx.proration(period)?).filter(|(f, _, _)| *f != Decimal::ONE) {
            r.notes.push(format!("Quota prorated to {active} of {days} active days ({}).", pct(f)));
        }
        if part.days != part.period_days {
            r.notes.push(format!(
                "Plan version {} covers {} to {}: {} of {} days of the period.",
                plan.version, part.from, part.to, part.days, part.period_days
            ));
        }
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
    if simple {
        let line_rounding = plan.rounding.at == RoundingPoint::Line;
        let keep_lines = full || line_rounding;
        let mut fast = match t.evaluation {
            Evaluation::Running => spm_plan::rate_table::Scaled::new(&t, unit)?,
            Evaluation::PerTransaction => None,
        };
        let mut f_of = |x: Decimal| -> Result<Decimal> {
            match fast.as_mut() {
                Some(s) => s.f(x),
                None => t.total(x, unit),
            }
        };
        let start_f = f_of(s0)?;
        let mut cum = s0;
        let mut prev = start_f;
        let mut per_txn = Vec::new();
        let mut n = 0usize;
        let counter = ctx.counter(m, comp_filter);
        let summary = !keep_lines && t.evaluation == Evaluation::Running;
        if summary {
            // The period's earning is F(end) − F(start): only the window's total is needed.
            let mut sum = spm_base::money::Sum::new(s0);
            for c in part_credits(ctx, period, part) {
                if let Some(x) = counter.of(ctx.data, c) {
                    n += 1;
                    sum.add(x)?;
                }
            }
            cum = sum.total()?;
            r.base = sub(f_of(cum)?, start_f)?;
        }
        for c in part_credits(ctx, period, part).filter(|_| !summary) {
            let Some(x) = counter.of(ctx.data, c) else { continue };
            n += 1;
            cum = add(cum, x)?;
            let exact = match t.evaluation {
                Evaluation::Running => {
                    let f = f_of(cum)?;
                    let line = sub(f, prev)?;
                    prev = f;
                    line
                }
                Evaluation::PerTransaction => {
                    let (f, slices) = t.earn(x, unit)?;
                    if full {
                        per_txn.extend(slices);
                    }
                    f
                }
            };
            r.base = add(r.base, exact)?;
            if keep_lines {
                r.lines.push(Line { transaction: c.txn as usize, credit: x, exact, earning: exact });
            }
        }
        let window_total = cum;
        r.count = n;
        r.credit = sub(window_total, s0)?;
        carry.window.insert(comp.id.clone(), (key, window_total));
        r.attainment = r.quota.filter(|q| !q.is_zero()).map(|q| div(window_total, q)).transpose()?;
        if full {
            let slices = match t.evaluation {
                Evaluation::Running => t.earn(window_total, unit)?.1,
                Evaluation::PerTransaction => merge(per_txn)?,
            };
            r.slices = with_bounds(&t, slices);
            r.notes.insert(
                0,
                format!(
                    "{n} {} {} in {}{}.",
                    if n == 1 { "credit of" } else { "credits totalling" },
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
                    r.notes.push(format!(
                        "Credits earlier in the window had already reached {} ({} earned on them at these rates), so this period's credits start from there.",
                        money(s0, cur),
                        money(start_f, cur)
                    ));
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
        }
        if *true_up {
            let year = period.year();
            let paid = carry.paid.get(&comp.id).filter(|(y, _)| *y == year).map_or(Decimal::ZERO, |(_, v)| *v);
            let earned = f_of(window_total)?;
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
        if full {
            r.slices = with_bounds(&t, t.earn(end, unit)?.1);
            r.notes.push(format!(
                "Measure {:?} is {} {scope_word}{}.",
                m.id,
                money(end, cur),
                if before.is_zero() { String::new() } else { format!(" ({} before this period)", money(before, cur)) }
            ));
        }
    }
    round_lines(plan, &mut r)?;
    Ok(r)
}

/// Slices with their tiers' bounds, for the statement.
fn with_bounds(t: &RateTable, slices: Vec<spm_plan::rate_table::Slice>) -> Vec<SliceResult> {
    slices
        .into_iter()
        .map(|s| SliceResult {
            from: t.tiers.get(s.tier).map_or(Decimal::ZERO, |x| x.from),
            to: t.tiers.get(s.tier).and_then(|x| x.to),
            slice: s,
        })
        .collect()
}

fn filter_phrase(m: &spm_plan::Measure, comp: &Component) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !m.filter.is_empty() {
        parts.push(m.filter.describe());
    }
    if !comp.filter.is_empty() && comp.filter != m.filter {
        parts.push(comp.filter.describe());
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" (counting {})", parts.join(" and "))
    }
}

fn merge(slices: Vec<spm_plan::rate_table::Slice>) -> Result<Vec<spm_plan::rate_table::Slice>> {
    let mut out: Vec<spm_plan::rate_table::Slice> = Vec::new();
    for s in slices {
        match out.iter_mut().find(|x| x.tier == s.tier && x.rate == s.rate && x.rerated_by == s.rerated_by) {
            Some(x) => {
                x.base = add(x.base, s.base)?;
                x.amount = add(x.amount, s.amount)?;
            }
            None => out.push(s),
        }
    }
    out.sort_by(|a, b| a.tier.cmp(&b.tier).then(a.rate.cmp(&b.rate)));
    Ok(out)
}

/// Line-level rounding happens as lines are made; the other points round later.
pub(crate) fn round_lines(plan: &Plan, r: &mut ComponentResult) -> Result<()> {
    if plan.rounding.at == RoundingPoint::Line {
        let mut sum = Decimal::ZERO;
        for l in &mut r.lines {
            l.earning = plan.rounding.round(l.exact, plan.currency);
            sum = add(sum, l.earning)?;
        }
        r.base = if r.lines.is_empty() { plan.rounding.round(r.base, plan.currency) } else { sum };
        // A true-up replaces the base with its target: it starts from the base as rounded here,
        // so that base plus the steps give the earning.
        if let Some(s) = r.steps.first_mut().filter(|s| s.kind == super::StepKind::TrueUp) {
            s.before = r.base;
        }
    }
    r.earning = r.base;
    Ok(())
}
