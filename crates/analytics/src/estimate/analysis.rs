//! Reading an estimate: the payee's statement with and without the deal, component by
//! component: what it adds, tiers crossed (on running attainment, running amount, or the deal
//! alone), a gate opened, what a cap took, the next tier and the credit it needs, and the
//! summary sentences a rep reads first.

use super::{statement, Deal, Estimator};
use crate::estimate::dto::{ComponentEstimateDto, CurveBreakDto, DealEstimateDto, NextTierDto, TierRefDto};
use rust_decimal::Decimal;
use spm_base::error::Result;
use spm_base::fmt::ratio;
use spm_base::money::{self, Currency, RoundingMode};
use spm_base::period::Period;
use spm_core::payout::explain::{money as fmt, pct};
use spm_core::payout::{ComponentResult, Report, StepKind};
use spm_plan::rate_table::{Evaluation, RateTable, TierBase};
use spm_plan::ComponentKind;

/// An amount at the currency's minor units.
pub(super) fn amt(v: Decimal, c: Currency) -> String {
    spm_core::payout::explain::scaled(v, c.minor_units())
}

/// A component's result summed over the statement's parts (plan versions), with its table.
struct Comp<'a> {
    id: String,
    name: String,
    earning: Decimal,
    credit: Decimal,
    quota: Option<Decimal>,
    attainment: Option<Decimal>,
    last: &'a ComponentResult,
    table: Option<&'a RateTable>,
    cut: Decimal,
    gate: Option<String>,
}

fn comps<'a>(est: &'a Estimator, r: &'a Report, p: Period) -> Result<Vec<Comp<'a>>> {
    let mut out: Vec<Comp<'a>> = Vec::new();
    let Some(s) = statement(r, p) else { return Ok(out) };
    for c in &s.components {
        let plan = s.parts.get(c.part).and_then(|x| est.plan().versions.get(x.version));
        let Some(pc) = plan.and_then(|x| x.components.get(c.component)) else { continue };
        let table = match &pc.kind {
            ComponentKind::Commission { table, .. } => Some(table),
            _ => None,
        };
        // Checked: an overflow is OVERFLOW, never a panic.
        let cut = money::sum(
            c.steps
                .iter()
                .filter(|s| s.kind == StepKind::Cap)
                .map(|s| money::sub(s.before, s.after))
                .collect::<Result<Vec<_>>>()?,
        )?;
        let gate = c.steps.iter().find(|s| s.kind == StepKind::Gate).map(|s| s.text.clone());
        match out.iter_mut().find(|x| x.id == pc.id) {
            Some(x) => {
                x.earning = money::add(x.earning, c.earning)?;
                x.credit = money::add(x.credit, c.credit)?;
                x.cut = money::add(x.cut, cut)?;
                x.quota = c.quota.or(x.quota);
                x.attainment = c.attainment.or(x.attainment);
                x.last = c;
                x.gate = gate.or(x.gate.take());
            }
            None => out.push(Comp {
                id: pc.id.clone(),
                name: pc.name.clone(),
                earning: c.earning,
                credit: c.credit,
                quota: c.quota,
                attainment: c.attainment,
                last: c,
                table,
                cut,
                gate,
            }),
        }
    }
    Ok(out)
}

/// Where the table reads its base before and after the deal (`None` for per-transaction tables,
/// whose deal starts from the first tier).
fn position(t: &RateTable, b: Option<&Comp>, a: &Comp, deal_credit: Decimal) -> Result<(Decimal, Decimal)> {
    let quota = a.quota.unwrap_or(Decimal::ONE);
    Ok(match (t.evaluation, t.base) {
        (Evaluation::Running, TierBase::Attainment) => {
            (b.and_then(|b| b.attainment).unwrap_or(Decimal::ZERO), a.attainment.unwrap_or(Decimal::ZERO))
        }
        (Evaluation::Running, TierBase::Amount) => (b.map_or(Decimal::ZERO, |b| b.credit), a.credit),
        (Evaluation::PerTransaction, TierBase::Amount) => (Decimal::ZERO, deal_credit),
        (Evaluation::PerTransaction, TierBase::Attainment) => {
            (Decimal::ZERO, if quota.is_zero() { Decimal::ZERO } else { money::div(deal_credit, quota)? })
        }
    })
}

/// What more is needed to reach `x_next` from `x`, in credit.
fn needed(t: &RateTable, a: &Comp, from: Decimal, x: Decimal) -> Result<Decimal> {
    match t.base {
        TierBase::Attainment => money::mul(money::sub(from, x)?, a.quota.unwrap_or(Decimal::ONE)),
        TierBase::Amount => money::sub(from, x),
    }
}

/// One deal's effect, from the statements of its period without and with it.
pub(super) fn deal(
    est: &Estimator,
    d: &Deal,
    period: Period,
    before: &Report,
    after: &Report,
    cur: Currency,
) -> Result<DealEstimateDto> {
    let minor = cur.minor_units();
    let bs = statement(before, period).map_or(Decimal::ZERO, |s| s.total);
    let as_ = statement(after, period).map_or(Decimal::ZERO, |s| s.total);
    let adds = money::sub(after.total, before.total)?;
    let label = period.label();
    let bc = comps(est, before, period)?;
    let ac = comps(est, after, period)?;
    let mut components = Vec::new();
    let mut summary = vec![format!(
        "Closing this {} deal{} on {} adds {} to {label}: the payout goes from {} to {}{}.",
        fmt(d.amount, cur),
        if d.credit == d.amount { String::new() } else { format!(" ({} credited to you)", fmt(d.credit, cur)) },
        d.date,
        fmt(adds, cur),
        fmt(bs, cur),
        fmt(as_, cur),
        if d.credit.is_zero() {
            String::new()
        } else {
            format!(", {} of the credit", pct(money::div(adds, d.credit)?))
        }
    )];
    for a in &ac {
        let b = bc.iter().find(|x| x.id == a.id);
        let before_e = b.map_or(Decimal::ZERO, |b| b.earning);
        let mut dto = ComponentEstimateDto {
            component_id: a.id.clone(),
            component_name: a.name.clone(),
            before: amt(before_e, cur),
            after: amt(a.earning, cur),
            adds: amt(money::sub(a.earning, before_e)?, cur),
            attainment_before: b.and_then(|b| b.attainment).map(ratio),
            attainment_after: a.attainment.map(ratio),
            tiers_crossed: Vec::new(),
            gate_unlocked: None,
            capped: None,
            next_tier: None,
            explanation: a.last.explanation.clone(),
        };
        // A deal that does not count for the component (its filter, or a zero deal probing the
        // period) crosses none of its tiers and gets no sentence about them; a running table
        // still says where its next tier is from where the period stands.
        let counted = a.credit != b.map_or(Decimal::ZERO, |b| b.credit);
        if let Some(t) = a.table.filter(|t| counted || t.evaluation == Evaluation::Running) {
            let (xb, xa) = position(t, b, a, d.credit)?;
            for (i, tier) in t.tiers.iter().enumerate().skip(1) {
                if counted && xb < tier.from && tier.from <= xa {
                    dto.tiers_crossed.push(TierRefDto {
                        tier: i + 1,
                        from: tier.from.normalize().to_string(),
                        rate: tier.rate.normalize().to_string(),
                        retroactive: tier.retroactive,
                    });
                    let at = match t.base {
                        TierBase::Attainment => format!("{} of quota", pct(tier.from)),
                        TierBase::Amount => fmt(tier.from, cur),
                    };
                    let mut s = format!("It crosses tier {} of {} ({} from {at}).", i + 1, a.name, pct(tier.rate));
                    if tier.retroactive {
                        s.push_str(&format!(
                            " Reaching it re-rates the period's earlier credit at {}.",
                            pct(tier.rate)
                        ));
                    }
                    summary.push(s);
                }
            }
            if let Some((i, tier)) = t.tiers.iter().enumerate().find(|(_, tier)| tier.from > xa) {
                let need = money::round_to(needed(t, a, tier.from, xa)?, minor, RoundingMode::Up).max(Decimal::ZERO);
                dto.next_tier = Some(NextTierDto {
                    tier: i + 1,
                    from: tier.from.normalize().to_string(),
                    rate: tier.rate.normalize().to_string(),
                    credit_needed: amt(need, cur),
                });
                if counted {
                    summary.push(if t.evaluation == Evaluation::PerTransaction {
                        let at = match t.base {
                            TierBase::Attainment => format!("{} of quota", pct(tier.from)),
                            TierBase::Amount => fmt(tier.from, cur),
                        };
                        format!("A single deal of {at} or more pays tier {} of {} ({}).", i + 1, a.name, pct(tier.rate))
                    } else {
                        format!(
                            "Another {} of credit reaches tier {} of {} ({}).",
                            fmt(need, cur),
                            i + 1,
                            a.name,
                            pct(tier.rate)
                        )
                    });
                }
            }
        }
        if let (Some(g), None) = (b.and_then(|b| b.gate.clone()), &a.gate) {
            summary.push(format!("It opens the gate of {}: before, {}", a.name, lower_first(&g)));
            dto.gate_unlocked = Some(g);
        }
        let capped = money::sub(a.cut, b.map_or(Decimal::ZERO, |b| b.cut))?;
        if capped > Decimal::ZERO {
            summary.push(format!("A cap on {} keeps {} of this deal's effect.", a.name, fmt(capped, cur)));
            dto.capped = Some(amt(capped, cur));
        }
        components.push(dto);
    }
    let (start, end) = est.plan().head().map_or((d.date, d.date), |h| h.calendar.bounds(period));
    let credit_in_period = money::add(
        money::sum(est.data().transactions.iter().filter(|t| start <= t.date && t.date <= end).map(|t| t.amount))?,
        d.credit,
    )?;
    let marginal = if d.credit.is_zero() { Decimal::ZERO } else { money::div(adds, d.credit)? };
    let blended = if credit_in_period.is_zero() { Decimal::ZERO } else { money::div(as_, credit_in_period)? };
    Ok(DealEstimateDto {
        id: d.id.clone(),
        amount: amt(d.amount, cur),
        credit: amt(d.credit, cur),
        period: label,
        before: amt(bs, cur),
        after: amt(as_, cur),
        adds: amt(adds, cur),
        marginal_rate: ratio(marginal),
        blended_rate: ratio(blended),
        components,
        explanation: summary,
    })
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// Deal sizes at which each commission's next tiers start, up to the deal's amount.
pub(super) fn breaks(
    est: &Estimator,
    d: &Deal,
    period: Period,
    before: &Report,
    share: Decimal,
) -> Result<Vec<CurveBreakDto>> {
    let cur = est.currency();
    let minor = cur.minor_units();
    let mut out = Vec::new();
    let zero = Deal { amount: Decimal::ZERO, credit: Decimal::ZERO, ..d.clone() };
    // The components as they stand with a zero deal, to know quotas even for an empty period.
    let with_zero = est.run_with(&[&zero], spm_core::payout::Detail::Summary, None)?;
    let bc = comps(est, before, period)?;
    for a in comps(est, &with_zero, period)? {
        let Some(t) = a.table else { continue };
        let b = bc.iter().find(|x| x.id == a.id);
        let (xb, _) = position(t, b, &a, Decimal::ZERO)?;
        for (i, tier) in t.tiers.iter().enumerate().skip(1) {
            let credit = needed(t, &a, tier.from, xb)?;
            if credit <= Decimal::ZERO || share.is_zero() {
                continue;
            }
            let amount = money::round_to(money::div(credit, share)?, minor, RoundingMode::Up);
            if amount <= d.amount {
                out.push(CurveBreakDto {
                    amount: amt(amount, cur),
                    component_id: a.id.clone(),
                    tier: i + 1,
                    rate: tier.rate.normalize().to_string(),
                });
            }
        }
    }
    out.sort_by(|x, y| {
        let v = |s: &str| s.parse::<Decimal>().unwrap_or(Decimal::ZERO);
        v(&x.amount).cmp(&v(&y.amount)).then(x.component_id.cmp(&y.component_id))
    });
    Ok(out)
}
