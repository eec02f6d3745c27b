//! Payout calculation: credited transactions in, one explained statement per payee and period out.
//!
//! The pipeline per payee and period: group credits, find each component's quota, evaluate the
//! rate table (running or per transaction), attribute the earning to transaction lines, round at
//! the plan's declared point, and write the explanation. Lines always sum to their component and
//! components to the statement, after rounding too (largest remainder).

pub mod explain;

use crate::data::Dataset;
use crate::error::{Code, Diagnostic, Error, Result};
use crate::money::{add, apportion, sub, Ratio, RoundingPoint};
use crate::period::Period;
use crate::plan::rate_table::{Evaluation, Slice, TierBase};
use crate::plan::Plan;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The result of running a plan over a dataset.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// Every period that has a statement, in order.
    pub periods: Vec<Period>,
    /// One statement per payee and period with credits, by payee (input order) then period.
    pub statements: Vec<Statement>,
    /// Sum of every statement total.
    pub total: Decimal,
    /// Non-fatal findings.
    pub warnings: Vec<Diagnostic>,
}

/// A payee's payout for one period.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// Index into `Dataset::payees`.
    pub payee: usize,
    /// The period.
    pub period: Period,
    /// Rounded payout: the sum of the component earnings.
    pub total: Decimal,
    /// One result per component that had credits, in plan order.
    pub components: Vec<ComponentResult>,
    /// The statement in sentences.
    pub explanation: Vec<String>,
}

/// One component's earning in a statement.
#[derive(Debug, Clone, PartialEq)]
pub struct ComponentResult {
    /// Index into `Plan::components`.
    pub component: usize,
    /// Sum of credits counted.
    pub credit: Decimal,
    /// Quota used, for attainment tables.
    pub quota: Option<Decimal>,
    /// `credit / quota`, full precision.
    pub attainment: Option<Decimal>,
    /// Earning before rounding.
    pub exact: Decimal,
    /// Earning after the plan's rounding (what the statement pays).
    pub earning: Decimal,
    /// How the earning was computed, slice by slice.
    pub slices: Vec<SliceResult>,
    /// Per-transaction attribution; sums to `earning`.
    pub lines: Vec<Line>,
    /// The component in sentences.
    pub explanation: Vec<String>,
}

/// A tier slice with its bounds resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct SliceResult {
    /// The slice.
    pub slice: Slice,
    /// Lower bound in the table's base.
    pub from: Decimal,
    /// Upper bound in the table's base.
    pub to: Option<Decimal>,
}

/// What one transaction added to a component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Index into `Dataset::transactions`.
    pub transaction: usize,
    /// Credit counted.
    pub credit: Decimal,
    /// Exact earning attributed.
    pub exact: Decimal,
    /// Rounded earning attributed.
    pub earning: Decimal,
}

/// Runs `plan` over `data`.
///
/// # Errors
/// `QUOTA_MISSING` (every payee and component lacking one, located in the payees list),
/// `OVERFLOW` past the decimal range.
pub fn calculate(plan: &Plan, data: &Dataset) -> Result<Report> {
    let mut groups: BTreeMap<(usize, Period), Vec<usize>> = BTreeMap::new();
    for (i, t) in data.transactions.iter().enumerate() {
        groups
            .entry((t.payee, Period::containing(plan.period, t.date)))
            .or_default()
            .push(i);
    }
    let mut missing = Vec::new();
    let mut statements = Vec::with_capacity(groups.len());
    for ((payee, period), mut txns) in groups {
        // Running attainment needs a deterministic order: by date, then id, then input order.
        txns.sort_by(|&a, &b| {
            let (ta, tb) = (&data.transactions[a], &data.transactions[b]);
            ta.date
                .cmp(&tb.date)
                .then_with(|| ta.id.cmp(&tb.id))
                .then(a.cmp(&b))
        });
        match statement(plan, data, payee, period, &txns) {
            Ok(s) => statements.push(s),
            Err(e) if e.code == Code::QuotaMissing => {
                for d in e.diagnostics {
                    if !missing.contains(&d) {
                        missing.push(d);
                    }
                }
            }
            Err(e) => return Err(e),
        }
    }
    if !missing.is_empty() {
        crate::data::finish(&mut missing);
        return Err(Error::from_diagnostics(missing));
    }
    let mut periods: Vec<Period> = statements.iter().map(|s| s.period).collect();
    periods.sort();
    periods.dedup();
    let total = statements
        .iter()
        .try_fold(Decimal::ZERO, |acc, s| add(acc, s.total))?;
    Ok(Report {
        periods,
        statements,
        total,
        warnings: Vec::new(),
    })
}

fn statement(
    plan: &Plan,
    data: &Dataset,
    payee: usize,
    period: Period,
    txns: &[usize],
) -> Result<Statement> {
    let p = data
        .payees
        .get(payee)
        .ok_or_else(|| Error::new(Code::Internal, "payee index out of range"))?;
    let mut components = Vec::new();
    for (ci, c) in plan.components.iter().enumerate() {
        let counted: Vec<usize> = txns
            .iter()
            .copied()
            .filter(|&t| {
                data.transactions
                    .get(t)
                    .is_some_and(|t| c.filter.accepts(&t.product, &t.kind))
            })
            .collect();
        if counted.is_empty() {
            continue;
        }
        let quota = p.quota(&c.id).or(c.quota);
        let unit = match (c.table.base, quota) {
            (TierBase::Amount, _) => Decimal::ONE,
            (TierBase::Attainment, Some(q)) => q,
            (TierBase::Attainment, None) => {
                return Err(Error::at(
                    format!("payees[{payee}].quotas"),
                    Code::QuotaMissing,
                    format!("{} ({}) has credits for component {:?} but no quota, and the plan gives no default", p.name, p.id, c.id),
                    format!("add {{\"component\": \"{}\", \"amount\": \"...\"}} to the payee's quotas, or a quota to the component", c.id),
                ))
            }
        };
        components.push(component(plan, data, ci, unit, quota, &counted)?);
    }
    // Statement-level rounding: round the total once, then apportion it over the components.
    let total = if plan.rounding.at == RoundingPoint::Statement {
        let exact: Vec<Decimal> = components.iter().map(|c| c.exact).collect();
        let exact_sum = exact
            .iter()
            .try_fold(Decimal::ZERO, |acc, e| add(acc, *e))?;
        let total = plan.rounding.round(exact_sum, plan.currency);
        let shares = apportion(&exact, total, plan.currency.minor_units())?;
        for (c, share) in components.iter_mut().zip(shares) {
            c.earning = share;
            apportion_lines(c, plan.currency.minor_units())?;
        }
        total
    } else {
        components
            .iter()
            .try_fold(Decimal::ZERO, |acc, c| add(acc, c.earning))?
    };
    let mut s = Statement {
        payee,
        period,
        total,
        components,
        explanation: Vec::new(),
    };
    explain::explain(plan, data, &mut s)?;
    Ok(s)
}

fn component(
    plan: &Plan,
    data: &Dataset,
    ci: usize,
    unit: Decimal,
    quota: Option<Decimal>,
    txns: &[usize],
) -> Result<ComponentResult> {
    let c = plan
        .components
        .get(ci)
        .ok_or_else(|| Error::new(Code::Internal, "component index out of range"))?;
    let table = &c.table;
    let mut lines = Vec::with_capacity(txns.len());
    let mut credit = Decimal::ZERO;
    let mut earned_so_far = Decimal::ZERO;
    let mut per_txn_slices: Vec<Slice> = Vec::new();
    for &t in txns {
        let amount = data.transactions.get(t).map_or(Decimal::ZERO, |t| t.amount);
        credit = add(credit, amount)?;
        let exact = match table.evaluation {
            Evaluation::Running => {
                let (f, _) = table.earn(credit, unit)?;
                let line = sub(f, earned_so_far)?;
                earned_so_far = f;
                line
            }
            Evaluation::PerTransaction => {
                let (f, slices) = table.earn(amount, unit)?;
                merge_slices(&mut per_txn_slices, slices)?;
                f
            }
        };
        lines.push(Line {
            transaction: t,
            credit: amount,
            exact,
            earning: exact,
        });
    }
    let slices = match table.evaluation {
        Evaluation::Running => table.earn(credit, unit)?.1,
        Evaluation::PerTransaction => per_txn_slices,
    };
    let exact = lines
        .iter()
        .try_fold(Decimal::ZERO, |acc, l| add(acc, l.exact))?;
    let attainment = match (table.base, quota) {
        (TierBase::Attainment, Some(q)) | (TierBase::Amount, Some(q)) => {
            Some(Ratio::of(credit, q)?.0)
        }
        _ => None,
    };
    let mut result = ComponentResult {
        component: ci,
        credit,
        quota,
        attainment,
        exact,
        earning: exact,
        slices: slices
            .into_iter()
            .map(|s| {
                let tier = table.tiers.get(s.tier);
                SliceResult {
                    from: tier.map_or(Decimal::ZERO, |t| t.from),
                    to: tier.and_then(|t| t.to),
                    slice: s,
                }
            })
            .collect(),
        lines,
        explanation: Vec::new(),
    };
    let minor = plan.currency.minor_units();
    match plan.rounding.at {
        RoundingPoint::Line => {
            let mut sum = Decimal::ZERO;
            for l in &mut result.lines {
                l.earning = plan.rounding.round(l.exact, plan.currency);
                sum = add(sum, l.earning)?;
            }
            result.earning = sum;
        }
        RoundingPoint::Component => {
            result.earning = plan.rounding.round(exact, plan.currency);
            apportion_lines(&mut result, minor)?;
        }
        // Rounded with the other components in `statement`.
        RoundingPoint::Statement => {}
    }
    Ok(result)
}

/// Spreads a component's rounded earning over its lines so they sum to it exactly.
fn apportion_lines(c: &mut ComponentResult, minor: u32) -> Result<()> {
    let exact: Vec<Decimal> = c.lines.iter().map(|l| l.exact).collect();
    let rounded = apportion(&exact, c.earning, minor)?;
    for (l, r) in c.lines.iter_mut().zip(rounded) {
        l.earning = r;
    }
    Ok(())
}

/// Adds per-transaction slices into totals per tier and applied rate.
fn merge_slices(into: &mut Vec<Slice>, slices: Vec<Slice>) -> Result<()> {
    for s in slices {
        match into
            .iter_mut()
            .find(|x| x.tier == s.tier && x.rate == s.rate && x.rerated_by == s.rerated_by)
        {
            Some(x) => {
                x.base = add(x.base, s.base)?;
                x.amount = add(x.amount, s.amount)?;
            }
            None => into.push(s),
        }
    }
    into.sort_by(|a, b| a.tier.cmp(&b.tier).then(a.rate.cmp(&b.rate)));
    Ok(())
}
