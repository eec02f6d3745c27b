//! Resumed runs: an estimate re-runs the payee only from the first period its deals touch.
//!
//! The baseline run is paused before each period and what it knew is kept: the carry (window
//! totals, amounts paid this year, carried excess), the payout of the statements before it,
//! every simple measure's total in every period, the quotas and the filter bits. An estimate
//! appends its deals to a scratch copy of the payee's data (out of date order: the run reads
//! credits, which stay in evaluation order), starts from the carry before the deals' first
//! period, and reads earlier periods from the kept sums. The periods before it are the
//! baseline's, unchanged: a deal cannot change what came before it.
//!
//! The report of a resumed run has the statements of the periods it ran (the deals' first period
//! and later) and the total of every period.

use super::Deal;
use rust_decimal::Decimal;
use spm_base::error::{Code, Error, Result};
use spm_base::money;
use spm_base::period::{Date, Period};
use spm_core::credit::{Credit, Credits, Source};
use spm_core::data::{Dataset, Transaction};
use spm_core::payout::run::{self, Carry, FilterCache, PayeeCtx, QuotaCache, Sums};
use spm_core::payout::{Detail, Report, Statement};
use spm_plan::{MeasureKind, PlanSet};
use std::cell::RefCell;

/// The baseline, paused before each period.
#[derive(Debug)]
pub(super) struct Resume {
    /// The baseline's periods.
    periods: Vec<Period>,
    /// The carry before each period, and after the last.
    carries: Vec<Carry>,
    /// The payout of the statements before each period, and of all of them.
    totals: Vec<Decimal>,
    /// Every simple measure's total in every period.
    sums: Sums,
    quotas: QuotaCache,
    filters: FilterCache,
    /// The payee's credits (one direct credit per transaction, in order).
    credits: Vec<Credit>,
    /// Credits before each period.
    credit_starts: Vec<usize>,
    /// Transactions in the baseline.
    n: usize,
    /// Where the scratch dataset ends without deals.
    mark: (usize, usize, usize),
    /// The payee's data; deals are appended for a run and removed after it.
    scratch: RefCell<Dataset>,
}

impl Resume {
    /// Pauses a baseline run of the payee (index 0 of `data`) before each period. `None` when
    /// the payee is on no plan version (nothing to resume).
    pub(super) fn new(set: &PlanSet, data: &Dataset, credits: &Credits) -> Result<Option<Resume>> {
        let Some(payee) = data.payees.first() else { return Ok(None) };
        if !set.versions.iter().any(|v| v.eligibility.accepts(&payee.id, &payee.role)) {
            return Ok(None);
        }
        let Some((first, last)) = run::span(data) else { return Ok(None) };
        let periods = run::periods_between(set, first, last);
        let own = credits.by_payee.first().map_or(&[][..], Vec::as_slice);
        let filters = RefCell::new(FilterCache::default());
        let ctx = PayeeCtx::new(set, data, 0, payee, own, &filters, Detail::Summary)?;
        let mut carries = Vec::with_capacity(periods.len() + 1);
        let mut starts = Vec::with_capacity(periods.len() + 1);
        let (mut statements, mut missing) = (Vec::new(), Vec::new());
        let mut carry = Carry::default();
        run::payee_periods(
            set,
            &ctx,
            &periods,
            &mut carry,
            Detail::Summary,
            &mut statements,
            &mut missing,
            &mut |_, c, n| {
                carries.push(c.clone());
                starts.push(n);
            },
        )?;
        if !missing.is_empty() {
            return Err(Error::from_diagnostics(missing));
        }
        // Every simple measure in every period, so a resumed run never reads earlier credits.
        for plan in &set.versions {
            for (m, measure) in plan.measures.iter().enumerate() {
                let simple = matches!(
                    measure.kind,
                    MeasureKind::Amount | MeasureKind::Units | MeasureKind::Margin | MeasureKind::Count
                );
                if simple {
                    for &p in &periods {
                        ctx.period_sum(plan, m, p)?;
                    }
                }
            }
        }
        let (sums, quotas) = ctx.into_caches();
        let mut totals = Vec::with_capacity(starts.len());
        for &s in &starts {
            let before: &[Statement] = statements.get(..s).unwrap_or(&[]);
            totals.push(before.iter().try_fold(Decimal::ZERO, |acc, x| money::add(acc, x.total))?);
        }
        let head = set.head().ok_or_else(|| Error::new(Code::Internal, "a plan set without versions"))?;
        let credit_starts =
            periods.iter().map(|&p| own.partition_point(|c| c.date < head.calendar.bounds(p).0)).collect();
        Ok(Some(Resume {
            periods,
            carries,
            totals,
            sums,
            quotas,
            filters: filters.into_inner(),
            credits: own.to_vec(),
            credit_starts,
            n: data.transactions.len(),
            mark: data.mark(),
            scratch: RefCell::new(data.clone()),
        }))
    }

    /// Runs the payee with `deals` from their first period on; `None` when a deal comes before
    /// the baseline's first period (a plain run is needed).
    pub(super) fn run(
        &self,
        set: &PlanSet,
        deals: &[&Deal],
        detail: Detail,
        horizon_end: Option<Date>,
    ) -> Result<Option<Report>> {
        let head = set.head().ok_or_else(|| Error::new(Code::Internal, "a plan set without versions"))?;
        let (calendar, kind) = (head.calendar, head.period);
        let (Some(&first), Some(&last)) = (self.periods.first(), self.periods.last()) else { return Ok(None) };
        let Some(earliest) = deals.iter().map(|d| d.date).min() else { return Ok(None) };
        let p0 = calendar.period_of(kind, earliest);
        if p0 < first {
            return Ok(None);
        }
        // Resume before the deals' first period, or after the baseline's last.
        let k = self.periods.partition_point(|p| *p < p0);
        let start = self.periods.get(k).copied().unwrap_or_else(|| last.next());
        let end = deals.iter().map(|d| d.date).chain(horizon_end).fold(calendar.bounds(last).1, Date::max);
        let periods = run::periods_between(set, calendar.bounds(start).0, end);
        let from = self.credit_starts.get(k).copied().unwrap_or(self.credits.len());
        let mut scratch = self.scratch.borrow_mut();
        let mut credits: Vec<Credit> = self.credits.get(from..).unwrap_or(&[]).to_vec();
        for d in deals {
            let t = Transaction {
                id: (0, 0),
                date: d.date,
                payee: None,
                amount: d.credit,
                units: Decimal::ONE,
                margin: Decimal::ZERO,
                product: 0,
                kind: 0,
                customer: 0,
                territory: 0,
                account: 0,
                splits: (0, 0),
                attributes: (0, 0),
            };
            let attrs: Vec<(&str, &str)> = d.attrs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            let txn = scratch.append_transaction(t, &d.id, 0, &attrs);
            // In evaluation order: after the credits of the same date and a smaller or equal id.
            let data: &Dataset = &scratch;
            let key = |c: &Credit| (c.date, data.transactions.get(c.txn as usize).map_or("", |t| data.id_of(t)));
            let at = credits.partition_point(|c| key(c) <= (d.date, d.id.as_str()));
            let credit = Credit {
                txn: u32::try_from(txn).unwrap_or(u32::MAX),
                date: d.date,
                amount: d.credit,
                share: Decimal::ONE,
                relief: true,
                source: Source::Direct,
            };
            credits.insert(at, credit);
        }
        let result = self.run_from(set, &scratch, &credits, k, &periods, detail);
        scratch.truncate(self.mark);
        let (statements, total) = result?;
        let mut all: Vec<Period> = self.periods.get(..k).unwrap_or(&[]).to_vec();
        all.extend(periods);
        Ok(Some(Report {
            periods: all,
            statements,
            total,
            warnings: Vec::new(),
            credited_lines: self.credits.len() + deals.len(),
        }))
    }

    /// The statements from period `k` of the baseline on, and the total of every period.
    fn run_from(
        &self,
        set: &PlanSet,
        data: &Dataset,
        credits: &[Credit],
        k: usize,
        periods: &[Period],
        detail: Detail,
    ) -> Result<(Vec<Statement>, Decimal)> {
        let payee = data.payees.first().ok_or_else(|| Error::new(Code::Internal, "an estimate without its payee"))?;
        let filters = RefCell::new(FilterCache::default());
        let mut ctx = PayeeCtx::new(set, data, 0, payee, credits, &filters, detail)?;
        let start = periods.first().copied();
        let sums: Sums = self.sums.iter().filter(|((_, _, p), _)| Some(*p) < start).map(|(k, v)| (*k, *v)).collect();
        ctx.resume_from(&self.filters, self.n, sums, &self.quotas);
        let mut carry = self.carries.get(k).or(self.carries.last()).cloned().unwrap_or_default();
        let (mut statements, mut missing) = (Vec::new(), Vec::new());
        run::payee_periods(set, &ctx, periods, &mut carry, detail, &mut statements, &mut missing, &mut |_, _, _| {})?;
        if !missing.is_empty() {
            spm_core::data::finish(&mut missing);
            return Err(Error::from_diagnostics(missing));
        }
        let mut total = self.totals.get(k).or(self.totals.last()).copied().unwrap_or_default();
        for s in &statements {
            total = money::add(total, s.total)?;
        }
        Ok((statements, total))
    }
}

#[cfg(test)]
#[path = "resume_tests.rs"]
mod tests;
