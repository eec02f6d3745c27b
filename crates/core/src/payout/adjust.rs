//! The steps after a component's lines, in order: true-up (made by the commission), gate,
//! kickers and multipliers, excess carried in, cap (per period or per year, excess forfeited or
//! carried forward), floor, rounding; then at statement level the plan cap and statement
//! rounding. Each step records the value before and after and a sentence.

use super::components::gate_open;
use super::env::FormulaEnv;
use super::explain::{money, pct};
use super::run::{Carry, PayeeCtx, Window};
use super::{ComponentResult, Statement, Step, StepKind};
use rust_decimal::Decimal;
use spm_base::error::Result;
use spm_base::money::{add, allocate, apportion, mul, sub, RoundingPoint};
use spm_base::period::Period;
use spm_plan::{CapPer, Component, Excess, GateEffect, Plan};
use std::cell::Cell;

/// Records a step; its sentence is only written when explanations are wanted.
fn push(
    r: &mut ComponentResult,
    plan: &Plan,
    full: bool,
    kind: StepKind,
    before: Decimal,
    after: Decimal,
    text: impl FnOnce(Decimal) -> String,
) -> Decimal {
    let after = if plan.rounding.at == RoundingPoint::Line { plan.rounding.round(after, plan.currency) } else { after };
    let text = if full { text(after) } else { String::new() };
    r.steps.push(Step { kind, before, after, text });
    after
}

/// Applies a component's gate, multipliers, carried excess, cap, floor and component rounding.
///
/// # Errors
/// `FORMULA_EVAL`, `OVERFLOW`, `ALLOCATION_INVALID`.
pub fn component_steps(
    ctx: &PayeeCtx<'_>,
    plan: &Plan,
    comp: &Component,
    period: Period,
    r: &mut ComponentResult,
    carry: &mut Carry,
) -> Result<()> {
    let cur = plan.currency;
    // The true-up, if any, was recorded by the commission with its target as `after`.
    let mut v = match r.steps.iter().find(|s| s.kind == StepKind::TrueUp) {
        Some(s) if plan.rounding.at == RoundingPoint::Line => plan.rounding.round(s.after, cur),
        Some(s) => s.after,
        None => r.base,
    };
    if let Some(s) = r.steps.iter_mut().find(|s| s.kind == StepKind::TrueUp) {
        s.after = v;
    }
    if let (Some(false), Some(g)) = (gate_open(ctx, plan, comp, period)?, &comp.gate) {
        if g.effect == GateEffect::Zero && !v.is_zero() {
            v = push(r, plan, ctx.full, StepKind::Gate, v, Decimal::ZERO, |_| {
                format!("Gate \"{}\" is not met, so the component pays nothing this period.", g.when.source())
            });
        }
    }
    for m in &comp.modifiers {
        let env = FormulaEnv { ctx, plan, period, window: Window::Period, depth: Cell::new(0), error: Cell::new(None) };
        let on = m
            .when
            .eval_bool(&env)
            .map_err(|e| ctx.formula_error(&format!("{} of {}", m.label, comp.id), period, &e.to_string()))?;
        if on {
            let after = mul(v, m.multiply)?;
            v = push(r, plan, ctx.full, StepKind::Multiplier, v, after, |_| {
                format!(
                    "{} applies (\"{}\"): × {} = {}.",
                    m.label,
                    m.when.source(),
                    m.multiply.normalize(),
                    money(after, cur)
                )
            });
        }
    }
    if let Some(x) = carry.excess.remove(&comp.id) {
        let after = add(v, x)?;
        v = push(r, plan, ctx.full, StepKind::CarryIn, v, after, |_| {
            format!("{} capped last period is carried in: {}.", money(x, cur), money(after, cur))
        });
    }
    if let Some(cap) = comp.cap {
        let year = period.year();
        let paid = carry.paid.get(&comp.id).filter(|(y, _)| *y == year).map_or(Decimal::ZERO, |(_, p)| *p);
        let limit = match cap.per {
            CapPer::Period => cap.amount,
            CapPer::Year => sub(cap.amount, paid)?.max(Decimal::ZERO),
        };
        if v > limit {
            let excess = sub(v, limit)?;
            let fate = match cap.excess {
                Excess::Forfeit => "is forfeited".to_string(),
                Excess::CarryForward => {
                    carry.excess.insert(comp.id.clone(), excess);
                    "is carried forward to the next period".to_string()
                }
            };
            let window = match cap.per {
                CapPer::Period => format!("the cap of {} per period", money(cap.amount, cur)),
                CapPer::Year => format!(
                    "the yearly cap of {} ({} already paid this year)",
                    money(cap.amount, cur),
                    money(paid, cur)
                ),
            };
            v = push(r, plan, ctx.full, StepKind::Cap, v, limit, |_| {
                format!("Limited by {window}: {} above it {fate}.", money(excess, cur))
            });
        }
    }
    if let Some(f) = comp.floor {
        if v < f {
            v = push(r, plan, ctx.full, StepKind::Floor, v, f, |_| {
                format!("Raised to the floor of {} per period.", money(f, cur))
            });
        }
    }
    if plan.rounding.at == RoundingPoint::Component {
        let rounded = plan.rounding.round(v, cur);
        // A summary keeps only the steps that changed something.
        if ctx.full || rounded != v {
            let text = if ctx.full { rounding_text(plan, v, rounded, "the component earning") } else { String::new() };
            r.steps.push(Step { kind: StepKind::Rounding, before: v, after: rounded, text });
        }
        v = rounded;
        let base = plan.rounding.round(r.base, cur);
        apportion_lines(r, base, cur.minor_units())?;
    }
    r.earning = v;
    Ok(())
}

/// The sentence for a rounding step.
pub fn rounding_text(plan: &Plan, exact: Decimal, rounded: Decimal, what: &str) -> String {
    let unit = match plan.currency.minor_units() {
        0 => format!("a whole {}", plan.currency.code()),
        2 => "the cent".to_string(),
        n => format!("{n} decimal places"),
    };
    if exact.normalize() == rounded.normalize() {
        format!("No rounding was needed for {what}: {}.", money(rounded, plan.currency))
    } else {
        format!(
            "Rounded {} to {unit}: {what} {} became {}.",
            plan.rounding.mode.label(),
            money(exact, plan.currency),
            money(rounded, plan.currency)
        )
    }
}

/// Spreads `rounded` (the base rounded to the minor unit) over the lines by largest remainder,
/// so the lines, each in whole minor units, sum to it. The base itself stays exact when steps
/// follow it, so that base plus the steps give the earning exactly (the steps run on the exact
/// value); with no step, base, rounded base and earning are one value.
fn apportion_lines(r: &mut ComponentResult, rounded: Decimal, minor: u32) -> Result<()> {
    if !r.lines.is_empty() {
        let exact: Vec<Decimal> = r.lines.iter().map(|l| l.exact).collect();
        for (l, e) in r.lines.iter_mut().zip(apportion(&exact, rounded, minor)?) {
            l.earning = e;
        }
    }
    if r.steps.is_empty() {
        r.base = rounded;
    }
    Ok(())
}

/// Applies the plan cap and statement rounding, and sets the statement total.
///
/// # Errors
/// `OVERFLOW`, `ALLOCATION_INVALID`.
///
/// `round_with` is the plan version whose rounding rounds the statement: the last version of the
/// period that rounds at the statement, or `plan` (the period's last version) when none does.
/// A period that straddles versions with different rounding points is thus still rounded: the
/// components of a version that rounds at the line or component are already whole minor units
/// and keep their value when the rounded total is apportioned.
pub fn statement_steps(plan: &Plan, round_with: &Plan, s: &mut Statement, carry: &mut Carry, full: bool) -> Result<()> {
    let cur = plan.currency;
    let minor = cur.minor_units();
    let mut total = s.components.iter().try_fold(Decimal::ZERO, |acc, c| add(acc, c.earning))?;
    if let Some(x) = carry.excess.remove("") {
        let after = add(total, x)?;
        s.steps.push(Step {
            kind: StepKind::CarryIn,
            before: total,
            after,
            text: format!("{} above last period's plan cap is carried in.", money(x, cur)),
        });
        // The excess lands on the last component; record it there too, so that the
        // component's base and steps still give its earning.
        if let Some(c) = s.components.last_mut() {
            let earning = add(c.earning, x)?;
            c.steps.push(Step {
                kind: StepKind::CarryIn,
                before: c.earning,
                after: earning,
                text: format!("{} above last period's plan cap is carried in here.", money(x, cur)),
            });
            c.earning = earning;
        }
        total = after;
    }
    if let Some(cap) = plan.cap {
        let year = s.period.year();
        let paid = carry.paid.get("").filter(|(y, _)| *y == year).map_or(Decimal::ZERO, |(_, p)| *p);
        let limit = match cap.per {
            CapPer::Period => cap.amount,
            CapPer::Year => sub(cap.amount, paid)?.max(Decimal::ZERO),
        };
        if total > limit {
            let excess = sub(total, limit)?;
            if cap.excess == Excess::CarryForward {
                carry.excess.insert(String::new(), excess);
            }
            // Spread the capped total over the components in proportion to their earnings.
            let weights: Vec<Decimal> = s.components.iter().map(|c| c.earning.max(Decimal::ZERO)).collect();
            let limit_units = plan.rounding.round(limit, cur);
            if weights.iter().any(|w| !w.is_zero()) {
                for (c, share) in s.components.iter_mut().zip(allocate(limit_units, &weights, minor)?) {
                    c.steps.push(Step {
                        kind: StepKind::Cap,
                        before: c.earning,
                        after: share,
                        text: format!(
                            "The plan cap of {} limits this component to {}.",
                            money(cap.amount, cur),
                            money(share, cur)
                        ),
                    });
                    c.earning = share;
                }
            }
            s.steps.push(Step {
                kind: StepKind::Cap,
                before: total,
                after: limit_units,
                text: format!(
                    "The plan cap of {} {} limits the statement: {} above it {}.",
                    money(cap.amount, cur),
                    if cap.per == CapPer::Year { "a year" } else { "a period" },
                    money(excess, cur),
                    if cap.excess == Excess::Forfeit { "is forfeited" } else { "is carried forward" }
                ),
            });
            total = limit_units;
        }
    }
    if round_with.rounding.at == RoundingPoint::Statement {
        let rounded = round_with.rounding.round(total, cur);
        let exact: Vec<Decimal> = s.components.iter().map(|c| c.earning).collect();
        let shares = apportion(&exact, rounded, minor)?;
        for (c, share) in s.components.iter_mut().zip(shares) {
            if c.steps.is_empty() {
                apportion_lines(c, share, minor)?;
            } else {
                let base = round_with.rounding.round(c.base, cur);
                apportion_lines(c, base, minor)?;
                c.steps.push(Step {
                    kind: StepKind::Rounding,
                    before: c.earning,
                    after: share,
                    text: format!("This component's share of the rounded statement total is {}.", money(share, cur)),
                });
            }
            c.earning = share;
        }
        if full || rounded != total {
            let text =
                if full { rounding_text(round_with, total, rounded, "the statement total") } else { String::new() };
            s.steps.push(Step { kind: StepKind::Rounding, before: total, after: rounded, text });
        }
        total = rounded;
    }
    let year = s.period.year();
    let e = carry.paid.entry(String::new()).or_insert((year, Decimal::ZERO));
    if e.0 != year {
        *e = (year, Decimal::ZERO);
    }
    e.1 = add(e.1, total)?;
    s.total = total;
    let _ = pct;
    Ok(())
}
