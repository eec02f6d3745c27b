//! A back-test for the designer: the plan run over a dataset (summary detail) and summed up:
//! total cost, cost of sales, each period's and component's payout, each payee's payout, credit,
//! attainment and effective rate (pay against performance), the payout distribution and spread.

use super::curve::{amt, primary};
use crate::design::dto::{BacktestDto, BinDto, ComponentTotalDto, PayeeBacktestDto, PeriodTotalDto, SpreadDto};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use spm_base::error::{Code, Error, Result};
use spm_base::fmt::ratio;
use spm_base::money::{self, RoundingMode};
use spm_core::data::Dataset;
use spm_core::payout::{self, Detail};
use spm_plan::CompiledPlan;
use spm_plan::ComponentKind;

/// Bins of the payout distribution, at most.
const BINS: u32 = 10;

/// Runs the plan over `data` and sums it up.
///
/// # Errors
/// The plan's errors on the data (`QUOTA_MISSING`, `RATE_MISSING`, …), `OVERFLOW`.
pub fn backtest(plan: &CompiledPlan, data: &Dataset) -> Result<BacktestDto> {
    let set = &plan.plan;
    let head = set.head().ok_or_else(|| Error::new(Code::Internal, "a plan set without versions"))?;
    let minor = head.currency.minor_units();
    let report = payout::calculate(set, data, Detail::Summary)?;
    // Revenue in the plan currency: converted as the run converts it.
    let revenue = if spm_core::fx::foreign_currencies(set, data) {
        let at_end = head.payout.convert_at_period_end;
        let (converted, _) = spm_core::fx::to_plan_currency(set, data, &data.rates, at_end)?;
        sum(converted.transactions.iter().map(|t| t.amount))?
    } else {
        sum(data.transactions.iter().map(|t| t.amount))?
    };
    let attainment_comp = primary(head, None);
    let mut periods: Vec<PeriodTotalDto> = Vec::new();
    for p in &report.periods {
        let total = sum(report.statements.iter().filter(|s| s.period == *p).map(|s| s.total))?;
        periods.push(PeriodTotalDto { period: p.label(), total: amt(total, minor) });
    }
    let mut comps: Vec<(String, String, Decimal)> = Vec::new();
    // Per payee: (payout, credit on the attainment component, quota).
    let mut per: Vec<Option<(Decimal, Decimal, Option<Decimal>)>> = vec![None; data.payees.len()];
    for s in &report.statements {
        let Some(payee) = data.payees.get(s.payee) else { continue };
        let slot = per.get_mut(s.payee).ok_or_else(|| Error::new(Code::Internal, "payee index out of range"))?;
        let (payout, credit, quota) = slot.get_or_insert((Decimal::ZERO, Decimal::ZERO, None));
        *payout = money::add(*payout, s.total)?;
        let label = s.period.label();
        let mut quota_seen = false;
        for c in &s.components {
            let Some(pc) = s
                .parts
                .get(c.part)
                .and_then(|p| set.versions.get(p.version))
                .and_then(|v| v.components.get(c.component).map(|pc| (v, pc)))
            else {
                continue;
            };
            let (version, pc) = pc;
            match comps.iter_mut().find(|x| x.0 == pc.id) {
                Some(x) => x.2 = money::add(x.2, c.earning)?,
                None => comps.push((pc.id.clone(), pc.name.clone(), c.earning)),
            }
            if attainment_comp.is_some_and(|a| a.id == pc.id) {
                *credit = money::add(*credit, c.credit)?;
                // The payee's quota for the period (once per period, whatever the parts).
                if !quota_seen {
                    quota_seen = true;
                    let measure = match &pc.kind {
                        ComponentKind::Commission { measure, .. } => {
                            version.measures.get(*measure).map(|m| m.id.as_str())
                        }
                        _ => None,
                    };
                    let default = match &pc.kind {
                        ComponentKind::Commission { quota, .. } | ComponentKind::Bonus { quota, .. } => *quota,
                        _ => None,
                    };
                    let q = payee
                        .quota(&pc.id, &label)
                        .or_else(|| measure.and_then(|m| payee.quota(m, &label)))
                        .or(default);
                    if let Some(q) = q {
                        *quota = Some(money::add(quota.unwrap_or(Decimal::ZERO), q)?);
                    }
                }
            }
        }
    }
    let mut payees = Vec::new();
    let mut payouts = Vec::new();
    for (i, entry) in per.iter().enumerate() {
        let (Some((payout, credit, quota)), Some(p)) = (entry, data.payees.get(i)) else { continue };
        payouts.push(*payout);
        let attainment = match quota {
            Some(q) if !q.is_zero() => Some(ratio(money::div(*credit, *q)?)),
            _ => None,
        };
        let effective_rate = if credit.is_zero() { None } else { Some(ratio(money::div(*payout, *credit)?)) };
        payees.push(PayeeBacktestDto {
            id: p.id.clone(),
            name: p.name.clone(),
            role: p.role.clone(),
            payout: amt(*payout, minor),
            credit: amt(*credit, minor),
            quota: quota.map(|q| amt(q, minor)),
            attainment,
            effective_rate,
        });
    }
    let cost_of_sales = if revenue.is_zero() { "0".to_string() } else { ratio(money::div(report.total, revenue)?) };
    Ok(BacktestDto {
        schema_version: 1,
        plan_id: head.id.clone(),
        currency: head.currency.code().to_string(),
        total_payout: amt(report.total, minor),
        revenue: amt(revenue, minor),
        cost_of_sales,
        payees_paid: payees.len(),
        periods,
        components: comps
            .into_iter()
            .map(|(id, name, total)| ComponentTotalDto { id, name, total: amt(total, minor) })
            .collect(),
        attainment_component: attainment_comp.map(|c| c.id.clone()),
        payees,
        distribution: distribution(&payouts, minor)?,
        spread: spread(&payouts, minor)?,
    })
}

fn sum(values: impl Iterator<Item = Decimal>) -> Result<Decimal> {
    let mut s = money::Sum::new(Decimal::ZERO);
    for v in values {
        s.add(v)?;
    }
    s.total()
}

/// A bin width of 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
fn nice_width(raw: Decimal) -> Result<Decimal> {
    let mut unit = Decimal::ONE;
    while money::mul(unit, Decimal::TEN)? <= raw {
        unit = money::mul(unit, Decimal::TEN)?;
    }
    while unit > raw && unit > Decimal::new(1, 2) {
        unit = money::div(unit, Decimal::TEN)?;
    }
    for f in [Decimal::ONE, Decimal::TWO, Decimal::new(25, 1), Decimal::new(5, 0), Decimal::TEN] {
        let w = money::mul(unit, f)?;
        if w >= raw {
            return Ok(w);
        }
    }
    money::mul(unit, Decimal::TEN)
}

/// Payouts in equal bins of a round width from 0; the last bin includes the highest payout.
fn distribution(payouts: &[Decimal], minor: u32) -> Result<Vec<BinDto>> {
    let Some(max) = payouts.iter().copied().max() else { return Ok(Vec::new()) };
    if max <= Decimal::ZERO {
        return Ok(vec![BinDto {
            from: amt(Decimal::ZERO, minor),
            to: amt(Decimal::ZERO, minor),
            count: payouts.len(),
        }]);
    }
    let width = nice_width(money::div(max, Decimal::from(BINS))?)?;
    let n = money::div(max, width)?.ceil().to_usize().unwrap_or(1).clamp(1, 2 * BINS as usize);
    let mut bins: Vec<BinDto> = (0..n)
        .map(|i| {
            let from = money::mul(width, Decimal::from(i))?;
            Ok(BinDto { from: amt(from, minor), to: amt(money::add(from, width)?, minor), count: 0 })
        })
        .collect::<Result<_>>()?;
    for p in payouts {
        let i = if *p <= Decimal::ZERO { 0 } else { money::div(*p, width)?.floor().to_usize().unwrap_or(0) };
        let i = i.min(n - 1);
        if let Some(b) = bins.get_mut(i) {
            b.count += 1;
        }
    }
    Ok(bins)
}

fn spread(payouts: &[Decimal], minor: u32) -> Result<SpreadDto> {
    let mut v = payouts.to_vec();
    v.sort();
    let zero = Decimal::ZERO;
    let n = v.len();
    let median = match n {
        0 => zero,
        _ if n % 2 == 1 => v.get(n / 2).copied().unwrap_or(zero),
        _ => {
            let (a, b) = (v.get(n / 2 - 1).copied().unwrap_or(zero), v.get(n / 2).copied().unwrap_or(zero));
            money::round_to(money::div(money::add(a, b)?, Decimal::TWO)?, minor, RoundingMode::HalfUp)
        }
    };
    let total = sum(v.iter().copied())?;
    let top = n.div_ceil(10);
    let top_sum = sum(v.iter().rev().take(top).copied())?;
    let share = if total.is_zero() { zero } else { money::div(top_sum, total)? };
    Ok(SpreadDto {
        min: amt(v.first().copied().unwrap_or(zero), minor),
        median: amt(median, minor),
        max: amt(v.last().copied().unwrap_or(zero), minor),
        top_decile_share: ratio(share),
    })
}
