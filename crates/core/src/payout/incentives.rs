//! Bonus (step or linear thresholds on weighted attainment), MBO goals with due dates and
//! payout points, and SPIFFs (per deal, per unit or percentage, in a window).

use super::components::{blank, missing_quota, part_credits, part_scale, round_lines};
use super::explain::{money, pct};
use super::run::{Carry, PayeeCtx, Window};
use super::{ComponentResult, Detail, Kind, Line, Part};
use rust_decimal::Decimal;
use spm_base::error::{Code, Error, Result};
use spm_base::money::{add, div, mul, sub, RoundingPoint};
use spm_base::period::Period;
use spm_plan::{BonusStyle, Component, ComponentKind, Plan, SpiffPay, Target};

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

pub(crate) fn bonus(
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
                    if ctx.full {
                        r.notes.push(format!("No quota in {} (not active), so no bonus.", period.label()));
                    }
                    return Ok(r);
                }
                None => return Err(missing_quota(ctx, comp, &m.id)),
            };
        let a = div(v, q)?;
        if ctx.full {
            r.notes.push(format!(
                "{}: {} of {} = {}{}.",
                m.id,
                money(v, cur),
                money(q, cur),
                pct(a),
                if attainment.len() > 1 { format!(", weight {}", pct(*w)) } else { String::new() }
            ));
        }
        att = add(att, mul(a, *w)?)?;
        if attainment.len() == 1 {
            r.credit = v;
            r.quota = Some(q);
        }
    }
    if attainment.len() > 1 && ctx.full {
        r.notes.push(format!("Weighted attainment: {}.", pct(att)));
    }
    r.attainment = Some(att);
    let fraction = match style {
        BonusStyle::Step => thresholds.iter().rev().find(|(a, _)| att >= *a).map_or(Decimal::ZERO, |(_, p)| *p),
        BonusStyle::Linear => linear(thresholds, att)?,
    };
    let (f, active, days) = ctx.proration(period)?;
    let per_period = target_amount(ctx, comp, *target, false)?;
    let tgt = part_scale(ctx.prorate(per_period, period)?, part)?;
    if f != Decimal::ONE && ctx.full {
        r.notes.push(format!("Target prorated to {active} of {days} active days."));
    }
    let how = match style {
        BonusStyle::Step => "the payout of the highest threshold reached",
        BonusStyle::Linear => "linear between thresholds",
    };
    let pts: Vec<String> = if ctx.full {
        thresholds.iter().map(|(a, p)| format!("{} → {}", pct(*a), pct(*p))).collect()
    } else {
        Vec::new()
    };
    if ctx.full {
        r.notes.push(format!("Thresholds {} ({how}): {} of target.", pts.join(", "), pct(fraction)));
    }
    r.base = mul(fraction, tgt)?;
    if ctx.full {
        r.notes.push(format!("{} × target {} = {}.", pct(fraction), money(tgt, cur), money(r.base, cur)));
    }
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

pub(crate) fn mbo(ctx: &PayeeCtx<'_>, plan: &Plan, comp: &Component, part: &Part) -> Result<ComponentResult> {
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
    if ctx.full {
        r.notes.push(format!(
            "MBO target for the year: {}; goals due this period pay weight × score × target.",
            money(annual, cur)
        ));
    }
    for g in due {
        let found = ctx.p.mbo.iter().enumerate().find(|(_, x)| x.goal == g.id);
        let score = match found {
            None => {
                if ctx.full {
                    r.notes.push(format!("Goal {:?} (due {}): not assessed, pays nothing.", g.name, g.due));
                }
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
                        if ctx.full {
                            r.notes.push(format!(
                                "Goal {:?} was completed on {done}, after its due date {}: it pays nothing.",
                                g.name, g.due
                            ));
                        }
                        continue;
                    }
                    _ => res.score,
                }
            }
        };
        let amount = mul(mul(g.weight, score)?, annual)?;
        if ctx.full {
            r.notes.push(format!(
                "Goal {:?} (weight {}, due {}): score {} → {}.",
                g.name,
                pct(g.weight),
                g.due,
                pct(score),
                money(amount, cur)
            ));
        }
        r.base = add(r.base, amount)?;
    }
    round_lines(plan, &mut r)?;
    Ok(r)
}

pub(crate) fn spiff(
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
    let passing = ctx.passing(&comp.filter);
    for c in part_credits(ctx, period, part) {
        if c.date < *from || c.date > *to || !c.relief || !super::run::passes(&passing, c.txn) {
            continue;
        }
        let exact = match pay {
            SpiffPay::PerDeal(a) => mul(*a, c.share)?,
            SpiffPay::PerUnit(a) => {
                let units = ctx.data.transactions.get(c.txn as usize).map_or(Decimal::ONE, |t| t.units);
                mul(mul(*a, units)?, c.share)?
            }
            SpiffPay::Percent(rate) => mul(*rate, c.amount)?,
        };
        n += 1;
        r.credit = add(r.credit, c.amount)?;
        r.base = add(r.base, exact)?;
        if detail == Detail::Full || plan.rounding.at == RoundingPoint::Line {
            r.lines.push(Line { transaction: c.txn as usize, credit: c.amount, exact, earning: exact });
        }
    }
    r.count = n;
    if n == 0 {
        return Ok(r);
    }
    if ctx.full {
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
    }
    round_lines(plan, &mut r)?;
    Ok(r)
}
