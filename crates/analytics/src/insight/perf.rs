//! The back-test views: the attainment distribution, pay against performance (with the
//! correlation of attainment and payout), cost of sales by team, the back-test over the
//! bookings to date that coverage reads, and the run's summary sentences.

use super::stats::{self, pct, s};
use super::Ctx;
use crate::design::dto::BacktestDto;
use crate::insight::dto::{
    AttainmentBinDto, AttainmentDto, CoachingDto, CostOfSalesDto, CoverageDto, HealthDto, PayPointDto,
    PayVsPerformanceDto, TeamCostDto, VelocityDto,
};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use spm_base::dec::parse_decimal;
use spm_base::error::{Code, Error, Result};
use spm_base::float::to_f64;
use spm_base::fmt::{float, ratio};
use spm_base::money;
use spm_base::period::{Date, PeriodKind};
use spm_base::quantile;
use spm_core::data::Dataset;
use spm_plan::CompiledPlan;
use std::collections::BTreeMap;

/// Attainment bins of this width, up to `BINS` of them, then one open bin.
const BIN_WIDTH: Decimal = Decimal::from_parts(1, 0, 0, false, 1);
const BINS: u32 = 20;

fn dec(s: &str) -> Decimal {
    parse_decimal(s).unwrap_or_default()
}

/// The back-test over the plan year holding `asOf`: its quota, and its credit from the year's
/// first day to `asOf` (`None` when that is the full back-test already).
pub(crate) fn backtest_to_date(plan: &CompiledPlan, data: &Dataset, as_of: Date) -> Result<Option<BacktestDto>> {
    let head = plan.plan.head().ok_or_else(|| Error::new(Code::Internal, "a plan set without versions"))?;
    let (cal, kind) = (head.calendar, head.period);
    let (start, end) = cal.bounds(cal.period_of(PeriodKind::Year, as_of));
    let lo = data.transactions.partition_point(|t| t.date < start);
    let hi = data.transactions.partition_point(|t| t.date <= as_of);
    let covers = spm_core::payout::run::span(data).is_some_and(|(f, l)| {
        cal.period_of(kind, f) == cal.period_of(kind, start) && cal.period_of(kind, l) == cal.period_of(kind, end)
    });
    if lo == 0 && hi == data.transactions.len() && covers {
        return Ok(None);
    }
    let mut d = data.clone();
    d.transactions = data.transactions.get(lo..hi).map(<[_]>::to_vec).unwrap_or_default();
    d.horizon = Some((start, end));
    crate::design::backtest(plan, &d).map(Some)
}

/// The attainment distribution of the reps with a quota.
pub(crate) fn attainment(full: &BacktestDto) -> Result<AttainmentDto> {
    let mut v: Vec<Decimal> = full.payees.iter().filter_map(|p| p.attainment.as_deref()).map(dec).collect();
    let n = v.len();
    let mut bins: Vec<AttainmentBinDto> = (0..=BINS)
        .map(|i| {
            // At most BINS + 1 bins of BIN_WIDTH: a few units, far inside the decimal range.
            let from = money::mul(BIN_WIDTH, Decimal::from(i))?;
            let to = money::add(from, BIN_WIDTH)?;
            let open = i == BINS;
            Ok(AttainmentBinDto {
                from: ratio(from),
                to: (!open).then(|| ratio(to)),
                label: if open {
                    format!("{}+", pct(from))
                } else {
                    format!("{}–{}", pct(from).trim_end_matches('%'), pct(to))
                },
                count: 0,
            })
        })
        .collect::<Result<_>>()?;
    for a in &v {
        let i = if *a <= Decimal::ZERO { 0 } else { money::div(*a, BIN_WIDTH)?.floor().to_usize().unwrap_or(0) };
        let i = i.min(BINS as usize);
        if let Some(b) = bins.get_mut(i) {
            b.count += 1;
        }
    }
    v.sort();
    let at_quota = v.iter().filter(|a| **a >= Decimal::ONE).count();
    let share = stats::div(Decimal::from(at_quota), Decimal::from(n))?.unwrap_or_default();
    let median = quantile::linear_exact(&v, Decimal::new(5, 1))?;
    let mean = stats::mean(&v)?;
    let mut explanation = Vec::new();
    if let (Some(m), Some(avg)) = (median, mean) {
        explanation.push(format!(
            "{at_quota} of {n} rep{} ({}) reached quota; the median attainment is {} and the mean {}.",
            s(n),
            pct(share),
            pct(m),
            pct(avg)
        ));
    } else {
        explanation.push("No rep has a quota in the back-test, so there is no attainment to show.".to_string());
    }
    Ok(AttainmentDto {
        component: full.attainment_component.clone(),
        reps: n,
        bins,
        median: median.map(ratio),
        mean: mean.map(ratio),
        p25: quantile::linear_exact(&v, Decimal::new(25, 2))?.map(ratio),
        p75: quantile::linear_exact(&v, Decimal::new(75, 2))?.map(ratio),
        at_quota,
        share_at_quota: ratio(share),
        explanation,
    })
}

/// Each rep's attainment against payout, and their correlation.
pub(crate) fn pay_vs_performance(ctx: &Ctx<'_>, full: &BacktestDto) -> Result<PayVsPerformanceDto> {
    let mut points = Vec::new();
    let mut xy = Vec::new();
    for p in &full.payees {
        let Some(a) = p.attainment.as_deref() else { continue };
        let i = ctx.data.payee_index(&p.id).unwrap_or(usize::MAX);
        xy.push((to_f64(dec(a)), to_f64(dec(&p.payout))));
        points.push(PayPointDto {
            payee_id: p.id.clone(),
            name: p.name.clone(),
            team: ctx.team_of(i).to_string(),
            attainment: ratio(dec(a)),
            payout: p.payout.clone(),
            effective_rate: p.effective_rate.as_deref().map(|r| ratio(dec(r))),
        });
    }
    let r = correlation(&xy);
    let explanation = match r {
        Some(r) => {
            let how = if r >= 0.8 {
                "closely"
            } else if r >= 0.5 {
                "loosely"
            } else {
                "weakly"
            };
            vec![format!(
                "Pay follows performance {how}: the correlation of attainment and payout over {} rep{} is {}.",
                xy.len(),
                s(xy.len()),
                float(r, 2)
            )]
        }
        None => vec!["Too few reps (or no spread) to correlate attainment and payout.".to_string()],
    };
    Ok(PayVsPerformanceDto { points, correlation: r.map(|r| float(r, 6)), explanation })
}

/// Pearson's correlation: `Σ dx·dy / √(Σ dx² · Σ dy²)`; `None` below 3 points or with no spread.
pub(crate) fn correlation(xy: &[(f64, f64)]) -> Option<f64> {
    if xy.len() < 3 {
        return None;
    }
    let n = xy.len() as f64;
    let (mut sx, mut sy) = (0.0, 0.0);
    for (x, y) in xy {
        sx += x;
        sy += y;
    }
    let (mx, my) = (sx / n, sy / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in xy {
        let (dx, dy) = (x - mx, y - my);
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    let den = (sxx * syy).sqrt();
    (den > 0.0).then(|| (sxy / den).clamp(-1.0, 1.0))
}

/// Cost of sales, overall and by team.
pub(crate) fn cost_of_sales(ctx: &Ctx<'_>, full: &BacktestDto) -> Result<CostOfSalesDto> {
    let mut teams: BTreeMap<String, (Decimal, Decimal)> = BTreeMap::new();
    for p in &full.payees {
        let i = ctx.data.payee_index(&p.id).unwrap_or(usize::MAX);
        if p.role != "rep" && ctx.data.payees.get(i).is_some_and(|x| !x.role.is_empty()) {
            continue;
        }
        let e = teams.entry(ctx.team_of(i).to_string()).or_default();
        e.0 = money::add(e.0, dec(&p.payout))?;
        e.1 = money::add(e.1, dec(&p.credit))?;
    }
    let mut rows = Vec::new();
    for (team, (pay, credit)) in teams {
        rows.push(TeamCostDto {
            team,
            payout: ctx.amt(pay),
            credit: ctx.amt(credit),
            cost_of_sales: stats::div(pay, credit)?.map(ratio),
        });
    }
    let cos = dec(&full.cost_of_sales);
    Ok(CostOfSalesDto {
        total_payout: full.total_payout.clone(),
        revenue: full.revenue.clone(),
        cost_of_sales: ratio(cos),
        teams: rows,
        explanation: vec![format!(
            "The plan pays {} on revenue of {}: a cost of sales of {}.",
            ctx.words(dec(&full.total_payout)),
            ctx.words(dec(&full.revenue)),
            money::percent(cos, 1)
        )],
    })
}

/// The headline findings.
pub(crate) fn summary(
    attainment: &AttainmentDto,
    velocity: &VelocityDto,
    coverage: &CoverageDto,
    health: &HealthDto,
    coaching: &CoachingDto,
) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(attainment.explanation.first().cloned());
    out.push(velocity.company.explanation.clone());
    out.push(coverage.company.explanation.clone());
    out.extend(health.explanation.first().cloned());
    let coached = coaching.reps.iter().filter(|r| r.focus.is_some()).count();
    if coached > 0 {
        let mut by: BTreeMap<&str, usize> = BTreeMap::new();
        for r in &coaching.reps {
            if let Some(f) = &r.focus {
                *by.entry(f.metric.as_str()).or_default() += 1;
            }
        }
        // The most common focus, ties by metric name.
        let mut common: Vec<(&str, usize)> = by.into_iter().collect();
        common.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        if let Some((m, k)) = common.first() {
            out.push(format!(
                "The most common coaching focus is {} ({k} of {coached} rep{}).",
                super::coaching::metric_words(m),
                s(coached)
            ));
        }
    }
    out
}
