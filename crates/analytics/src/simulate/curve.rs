//! A rep's payout as a function of credit, made from real runs of the compiled plan (through the
//! estimator, like the designer's payout curve) and looked up in the trials.
//!
//! Runs are made at credit 0, at the highest credit, at both sides of every breakpoint the plan
//! declares (tier starts of every rate table, bonus thresholds, the quota itself), and at the
//! credits that degenerate distributions always draw. Then each interval's midpoint is run: when
//! it lies on the line through its ends within the tolerance (one minor unit per component, for
//! rounding), the interval is accepted as linear; otherwise it is split and both halves are
//! checked in turn, which finds caps, gates and other kinks the plan does not declare, down to one
//! minor unit of credit. Every run is kept as a knot, so a lookup at a knot is a real run exactly.

use crate::estimate::{Deal, Estimator};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use spm_base::error::{Code, Error, Result};
use spm_base::money::{self, RoundingMode};
use spm_base::period::{Date, Period};
use spm_core::data::Payee;
use spm_core::payout::{Detail, Report};
use spm_plan::rate_table::TierBase;
use spm_plan::CompiledPlan;
use spm_plan::{Component, ComponentKind, Plan};

/// Runs of the plan allowed per curve for the midpoint checks.
const MAX_RUNS: usize = 600;

/// Payout (minor units) against credit (minor units), linear between knots.
#[derive(Debug, Clone)]
pub struct Curve {
    /// Credits, ascending, from 0 to the highest credit.
    pub xs: Vec<i64>,
    /// Payout at each credit.
    pub ys: Vec<i64>,
    /// The component's quota in the simulated window.
    pub quota: Decimal,
    /// Runs of the plan made.
    pub runs: usize,
    /// Every midpoint check passed within the tolerance.
    pub linear: bool,
    /// Largest midpoint deviation accepted (or, when not linear, left unresolved), minor units.
    pub max_deviation: f64,
    /// The tolerance, minor units.
    pub tolerance: f64,
}

impl Curve {
    /// Payout at credit `c` (clamped to the curve's range), rounded to the minor unit.
    #[inline]
    pub fn payout(&self, c: i64) -> i64 {
        let i = self.xs.partition_point(|&k| k <= c);
        let (Some(&x0), Some(&y0)) = (self.xs.get(i.wrapping_sub(1)), self.ys.get(i.wrapping_sub(1))) else {
            return self.ys.first().copied().unwrap_or(0);
        };
        let (Some(&x1), Some(&y1)) = (self.xs.get(i), self.ys.get(i)) else {
            return y0;
        };
        if c == x0 {
            return y0;
        }
        y0 + super::random::round_i64((y1 - y0) as f64 * (c - x0) as f64 / (x1 - x0) as f64)
    }

    /// The highest credit covered.
    pub fn max_credit(&self) -> i64 {
        self.xs.last().copied().unwrap_or(0)
    }

    /// Whether payouts never decrease along the knots (so the interpolation never does either).
    pub fn non_decreasing(&self) -> bool {
        self.ys.windows(2).all(|w| w.first() <= w.last())
    }

    /// The bound on |interpolated − real run|: twice the largest midpoint deviation (a kink or
    /// a smooth bend between two knots deviates from the chord at most twice as much as at the
    /// midpoint), and at least the tolerance.
    pub fn error_bound(&self) -> f64 {
        2.0 * self.max_deviation.max(self.tolerance)
    }
}

/// What every curve of a simulation shares.
pub struct Setting<'a> {
    /// The plan.
    pub plan: &'a CompiledPlan,
    /// The version in force on `day`.
    pub head: &'a Plan,
    /// The component whose attainment is drawn.
    pub component: &'a Component,
    /// The deal's close date (in the simulated period).
    pub day: Date,
    /// Highest attainment covered.
    pub max_attainment: Decimal,
}

/// Builds the curve of a payee (their pay terms: quotas, target incentive, inputs, role),
/// with extra knots at `attainments` (the degenerate distributions' means).
///
/// # Errors
/// The plan's errors for the payee; `QUOTA_MISSING` when the component has no quota.
pub fn build(s: &Setting<'_>, payee: &Payee, symbols: &spm_core::data::Symbols, fixed: &[Decimal]) -> Result<Curve> {
    let mut p = payee.clone();
    // Every rep is simulated as employed the whole period, in the plan currency.
    p.hire = None;
    p.termination = None;
    p.leaves.clear();
    p.currency = None;
    p.draw = None;
    let est = Estimator::for_payee(s.plan, p, symbols.clone(), s.day)?;
    let period = est.period_of(s.day).ok_or_else(|| Error::new(Code::Internal, "a plan without versions"))?;
    let minor = s.head.currency.minor_units();
    let unit = Decimal::from(10i64.pow(minor));
    let attrs: Vec<(String, String)> = s
        .component
        .filter
        .conditions
        .iter()
        .filter_map(|(k, vals)| vals.first().map(|v| (k.clone(), v.clone())))
        .collect();
    let run = |credit_minor: i64| -> Result<(i64, Report)> {
        let credit = Decimal::new(credit_minor, minor);
        let deal = Deal {
            id: "simulated".into(),
            amount: credit,
            credit,
            date: s.day,
            attrs: attrs.clone(),
            probability: Decimal::ONE,
        };
        let r = est.run_with(&[&deal], Detail::Summary, None)?;
        let total = r.statements.iter().find(|st| st.period == period).map_or(Decimal::ZERO, |st| st.total);
        Ok((minor_units(total, unit)?, r))
    };
    let (y0, zero) = run(0)?;
    let quotas = quotas_of(&est, &zero, period);
    let quota = quotas.iter().find(|(id, _)| *id == s.component.id).map(|(_, q)| *q).ok_or_else(|| {
        Error::at(
            "componentId",
            Code::QuotaMissing,
            format!("{} has no quota for {} in {}", payee.id, s.component.id, period.label()),
            "give the payee a quota for the simulated component, or simulate a component with a quota",
        )
    })?;
    let at = |attainment: Decimal| -> Result<Decimal> { money::mul(money::mul(attainment, quota)?, unit) };
    let top = money::round_to(at(s.max_attainment)?, 0, RoundingMode::HalfUp);
    let top = top.to_i64().unwrap_or(i64::MAX).max(1);
    let mut xs: Vec<i64> = vec![0, top];
    // Both sides of every declared breakpoint, as credit in minor units.
    let mut push_break = |b: Decimal| {
        let c = b.ceil().to_i64().unwrap_or(i64::MAX);
        for x in [c - 1, c] {
            if (0..=top).contains(&x) {
                xs.push(x);
            }
        }
    };
    push_break(at(Decimal::ONE)?);
    for c in &s.head.components {
        let q = quotas.iter().find(|(id, _)| *id == c.id).map(|(_, q)| *q);
        match &c.kind {
            ComponentKind::Commission { table, .. } => {
                for t in &table.tiers {
                    match (table.base, q) {
                        (TierBase::Attainment, Some(q)) => push_break(money::mul(money::mul(t.from, q)?, unit)?),
                        (TierBase::Amount, _) => push_break(money::mul(t.from, unit)?),
                        _ => {}
                    }
                }
            }
            ComponentKind::Bonus { thresholds, .. } => {
                if let Some(q) = q {
                    for (a, _) in thresholds {
                        push_break(money::mul(money::mul(*a, q)?, unit)?);
                    }
                }
            }
            _ => {}
        }
    }
    for a in fixed {
        xs.push(credit_of(*a, quota, minor)?.clamp(0, top));
    }
    xs.sort_unstable();
    xs.dedup();
    let mut ys = Vec::with_capacity(xs.len());
    for &x in &xs {
        ys.push(if x == 0 { y0 } else { run(x)?.0 });
    }
    let tolerance = s.head.components.len().max(1) as f64;
    let mut runs = xs.len();
    let mut max_dev: f64 = 0.0;
    let mut unresolved: f64 = 0.0;
    // Midpoint checks, left to right: `todo` holds intervals still to check.
    let mut todo: Vec<(i64, i64, i64, i64)> = xs
        .windows(2)
        .zip(ys.windows(2))
        .filter_map(|(x, y)| Some((*x.first()?, *y.first()?, *x.get(1)?, *y.get(1)?)))
        .collect();
    todo.reverse();
    let mut knots: Vec<(i64, i64)> = xs.iter().copied().zip(ys.iter().copied()).collect();
    while let Some((x0, y0, x1, y1)) = todo.pop() {
        if x1 - x0 < 2 {
            continue;
        }
        let m = x0 + (x1 - x0) / 2;
        let ym = run(m)?.0;
        runs += 1;
        knots.push((m, ym));
        let line = y0 as f64 + (y1 - y0) as f64 * (m - x0) as f64 / (x1 - x0) as f64;
        let dev = (ym as f64 - line).abs();
        if dev <= tolerance {
            max_dev = max_dev.max(dev);
        } else if runs >= MAX_RUNS {
            unresolved = unresolved.max(dev);
        } else {
            todo.push((m, ym, x1, y1));
            todo.push((x0, y0, m, ym));
        }
    }
    knots.sort_unstable();
    knots.dedup_by_key(|k| k.0);
    let linear = unresolved == 0.0;
    Ok(Curve {
        xs: knots.iter().map(|k| k.0).collect(),
        ys: knots.iter().map(|k| k.1).collect(),
        quota,
        runs,
        linear,
        max_deviation: if linear { max_dev } else { unresolved },
        tolerance,
    })
}

/// The credit (whole minor units, half up) that reaches `attainment` of `quota`.
///
/// # Errors
/// `OVERFLOW`.
pub fn credit_of(attainment: Decimal, quota: Decimal, minor: u32) -> Result<i64> {
    let c = money::mul(money::mul(attainment, quota)?, Decimal::from(10i64.pow(minor)))?;
    money::round_to(c, 0, RoundingMode::HalfUp)
        .to_i64()
        .ok_or_else(|| Error::new(Code::Overflow, "a credit beyond 2^63 minor units"))
}

/// A money amount in whole minor units (it is already rounded to them by the plan).
fn minor_units(v: Decimal, unit: Decimal) -> Result<i64> {
    let m = money::round_to(money::mul(v, unit)?, 0, RoundingMode::HalfUp);
    m.to_i64().ok_or_else(|| Error::new(Code::Overflow, "a payout beyond 2^63 minor units"))
}

/// Each component's quota in the period's statement, by component id.
fn quotas_of<'e>(est: &'e Estimator, r: &Report, period: Period) -> Vec<(&'e str, Decimal)> {
    let mut out = Vec::new();
    let Some(s) = r.statements.iter().find(|s| s.period == period) else { return out };
    for c in &s.components {
        let pc = s
            .parts
            .get(c.part)
            .and_then(|p| est.plan().versions.get(p.version))
            .and_then(|v| v.components.get(c.component));
        if let (Some(pc), Some(q)) = (pc, c.quota) {
            if !out.iter().any(|(id, _)| *id == pc.id.as_str()) {
                out.push((pc.id.as_str(), q));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn curve(xs: Vec<i64>, ys: Vec<i64>) -> Curve {
        Curve { xs, ys, quota: Decimal::ONE, runs: 0, linear: true, max_deviation: 0.0, tolerance: 1.0 }
    }

    #[test]
    fn lookups_are_exact_at_knots_and_linear_between() {
        let c = curve(vec![0, 100, 101, 300], vec![0, 200, 1000, 1400]);
        assert_eq!(c.payout(0), 0);
        assert_eq!(c.payout(50), 100);
        assert_eq!(c.payout(100), 200);
        assert_eq!(c.payout(101), 1000);
        // 1000 + 400 × 99 / 199 = 1198.99… → 1199.
        assert_eq!(c.payout(200), 1199);
        assert_eq!(c.payout(300), 1400);
        assert_eq!(c.payout(400), 1400);
        assert!(c.non_decreasing());
    }
}
