//! Statements in sentences a rep can read: credits, quota and attainment, each tier slice with
//! its rate, re-rating and interpolation, every step (gate, multiplier, true-up, carry, cap,
//! floor, rounding), and the total.

use super::{ComponentResult, Statement};
use crate::data::Dataset;
use spm_base::error::Result;

use rust_decimal::Decimal;
pub use spm_base::fmt::{money, pct, rate, rate_min, scaled};
use spm_plan::rate_table::{Evaluation, TierBase, TierMode};
use spm_plan::{Component, ComponentKind, Plan, PlanSet};

/// Writes the explanation of a statement and of each of its components.
///
/// # Errors
/// Never in practice; kept fallible so explanation can grow checked arithmetic.
pub fn explain(set: &PlanSet, data: &Dataset, s: &mut Statement) -> Result<()> {
    let name = data.payees.get(s.payee).map_or("?", |p| p.name.as_str());
    let Some(head) = s.parts.first().and_then(|p| set.versions.get(p.version)) else {
        return Ok(());
    };
    let cur = head.currency;
    let mut out = vec![format!(
        "Statement for {name}, {} ({} to {}), under plan {:?}.",
        s.period.label(),
        s.start,
        s.end,
        set.name
    )];
    if s.parts.len() > 1 {
        for part in &s.parts {
            if let Some(v) = set.versions.get(part.version) {
                out.push(format!(
                    "Plan version {} applies from {} to {} ({} of {} days).",
                    v.version, part.from, part.to, part.days, part.period_days
                ));
            }
        }
    }
    for c in &mut s.components {
        let Some(plan) = s.parts.get(c.part).and_then(|p| set.versions.get(p.version)) else {
            continue;
        };
        let Some(comp) = plan.components.get(c.component) else {
            continue;
        };
        c.explanation = component_lines(plan, comp, c);
        let version = if s.parts.len() > 1 { format!(" (version {})", plan.version) } else { String::new() };
        out.push(format!("{}{version}: {}.", comp.name, money(c.earning, cur)));
    }
    out.extend(s.steps.iter().map(|x| x.text.clone()));
    out.push(format!("Total payout: {}.", money(s.total, cur)));
    s.explanation = out;
    Ok(())
}

fn component_lines(plan: &Plan, comp: &Component, c: &ComponentResult) -> Vec<String> {
    let cur = plan.currency;
    let mut out = c.notes.clone();
    if let ComponentKind::Commission { table, .. } = &comp.kind {
        let unit_word = |v: Decimal| match table.base {
            TierBase::Attainment => rate_min(v, 0),
            TierBase::Amount => money(v, cur),
        };
        let band = |from: Decimal, to: Option<Decimal>| match to {
            Some(t) => format!("[{}, {})", unit_word(from), unit_word(t)),
            None => format!("{} and above", unit_word(from)),
        };
        let mode = match table.mode {
            TierMode::Flat => "flat on the highest tier reached: the whole credit is paid at that tier's rate",
            TierMode::Marginal => "marginal: each slice of credit is paid at its own tier's rate",
            TierMode::Interpolated => {
                "interpolated: the whole credit is paid at a rate that moves linearly inside the tier reached"
            }
            TierMode::Retroactive => {
                "retroactive unlock: reaching a retroactive tier re-rates all credit below it at that tier's rate"
            }
        };
        let eval = match table.evaluation {
            Evaluation::Running => "on the running total",
            Evaluation::PerTransaction => "on each transaction alone",
        };
        if !c.slices.is_empty() {
            out.push(format!("Rate table: {mode}; tiers are found {eval}."));
        }
        for s in &c.slices {
            let sl = &s.slice;
            let tier_no = sl.tier + 1;
            let calc = format!("{} × {} = {}", money(sl.base, cur), rate(sl.rate), money(sl.amount, cur));
            let line = match (table.mode, sl.rerated_by) {
                (TierMode::Retroactive, Some(r)) => format!(
                    "Tier {tier_no} {}: re-rated at tier {}'s rate because that tier was reached: {calc}.",
                    band(s.from, s.to),
                    r + 1
                ),
                (TierMode::Flat, _) if table.evaluation == Evaluation::Running => {
                    format!("Tier {tier_no} {} reached: {calc}.", band(s.from, s.to))
                }
                (TierMode::Interpolated, _) => match table.tiers.get(sl.tier) {
                    Some(t) if t.rate != t.rate_to && t.to.is_some() => format!(
                        "Tier {tier_no} {}: rate interpolated between {} and {} gives {}; {calc}.",
                        band(s.from, s.to),
                        rate(t.rate),
                        rate(t.rate_to),
                        rate(sl.rate)
                    ),
                    _ => format!("Tier {tier_no} {}: {calc}.", band(s.from, s.to)),
                },
                _ => format!("Tier {tier_no} {}: {calc}.", band(s.from, s.to)),
            };
            out.push(line);
        }
        if table.evaluation == Evaluation::Running
            && matches!(table.mode, TierMode::Flat | TierMode::Retroactive | TierMode::Interpolated)
            && c.lines.len() > 1
        {
            out.push("Each transaction is credited with the increase in earning it caused, including any re-rating of earlier credit when it moved the total into a higher tier.".to_string());
        }
        if Some(c.base) != c.slices.iter().try_fold(Decimal::ZERO, |a, s| a.checked_add(s.slice.amount))
            && !c.slices.is_empty()
        {
            out.push(format!("Earned on this period's credits: {}.", money(c.base, cur)));
        }
    }
    out.extend(c.steps.iter().map(|s| s.text.clone()));
    out.push(format!("Earning: {}.", money(c.earning, cur)));
    out
}
