//! The run: periods of the data, eligible payees, and for each payee the state carried from
//! period to period (amounts paid this year for true-ups, carried excess, cap usage), plus the
//! windows, quotas, proration and ramp that components and formulas read.

use super::env::FormulaEnv;
use super::{components, explain, Detail, Part, Report};
use crate::credit::{Credit, Credits, Resolved};
use crate::data::{Dataset, Payee};
use rust_decimal::Decimal;
use spm_base::error::{Code, Diagnostic, Error, Result};
use spm_base::money::{add, div, mul};
use spm_base::period::{Calendar, Date, Period, PeriodKind};
use spm_plan::{Component, ComponentKind, Measure, MeasureKind, Plan, PlanSet};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::hash::BuildHasherDefault;
use std::ops::Range;
use std::rc::Rc;

/// Transactions passing each filter, by the address of the plan's `Filter` (looked up, never
/// iterated; plans outlive the run).
pub type FilterCache = HashMap<usize, Rc<Bits>, BuildHasherDefault<crate::data::Fnv>>;

/// Simple measures' totals of one payee by (plan version, measure, period).
pub type Sums = BTreeMap<(usize, usize, Period), Decimal>;

/// Weighted and formula measures' values of one payee by (plan, measure, window, period): each
/// computed once, so a measure read many times by the measures above it (`a + a + a`, parts
/// naming it twice) costs one lookup per read instead of a new walk down the measures.
pub type Values = HashMap<(usize, usize, Window, Period), Decimal, BuildHasherDefault<crate::data::Fnv>>;

/// Window quotas of one payee by (plan, component, window, period), then by measure id (the
/// measure's text, not its address: a formula's argument is a string made while it runs).
pub type QuotaCache =
    HashMap<(usize, usize, Window, Period), Vec<(Box<str>, Option<Decimal>)>, BuildHasherDefault<crate::data::Fnv>>;

/// One bit per transaction: whether it passes a filter. A million transactions take 125 KB,
/// which stays in cache while credits are counted, where looking each transaction up would not.
#[derive(Debug)]
pub struct Bits(Vec<u64>);

impl Bits {
    /// Whether transaction `txn` passes.
    #[inline]
    pub fn has(&self, txn: u32) -> bool {
        self.0.get((txn / 64) as usize).is_some_and(|w| (w >> (txn % 64)) & 1 == 1)
    }
}

/// Passes when every filter present does.
#[inline]
fn pass(filters: &[Option<Rc<Bits>>], txn: u32) -> bool {
    filters.iter().all(|f| f.as_ref().is_none_or(|b| b.has(txn)))
}

/// A simple measure ready to count credits (see `PayeeCtx::counter`).
pub struct Counter<'m> {
    measure: &'m Measure,
    filters: [Option<Rc<Bits>>; 2],
}

impl Counter<'_> {
    /// What credit `c` adds, or `None` when it does not count.
    #[inline]
    pub fn of(&self, data: &Dataset, c: &Credit) -> Option<Decimal> {
        let m = self.measure;
        if !c.relief && !m.include_overlay {
            return None;
        }
        if !pass(&self.filters, c.txn) {
            return None;
        }
        match m.kind {
            MeasureKind::Amount => Some(c.amount),
            MeasureKind::Count => Some(Decimal::ONE),
            MeasureKind::Units => data.transactions.get(c.txn as usize)?.units.checked_mul(c.share),
            MeasureKind::Margin => data.transactions.get(c.txn as usize)?.margin.checked_mul(c.share),
            MeasureKind::Weighted(_) | MeasureKind::Formula(_) => None,
        }
    }
}

/// Whether a transaction passes the filter whose bits these are (`None`: everything passes).
#[inline]
pub fn passes(bits: &Option<Rc<Bits>>, txn: u32) -> bool {
    bits.as_ref().is_none_or(|b| b.has(txn))
}

/// A window a measure or quota is summed over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Window {
    /// The period.
    Period,
    /// Quarter to date.
    Qtd,
    /// Year to date.
    Ytd,
    /// The whole year (quota); year to date (measure).
    Year,
}

impl Window {
    /// Parses a formula scope word.
    pub fn parse(s: &str) -> Option<Window> {
        match s {
            "period" => Some(Window::Period),
            "qtd" => Some(Window::Qtd),
            "ytd" => Some(Window::Ytd),
            "year" => Some(Window::Year),
            _ => None,
        }
    }
}

/// Per-payee state carried across periods.
#[derive(Debug, Default, Clone)]
pub struct Carry {
    /// Running window total per component id: (window key, total), so a YTD or QTD window
    /// starts where the previous period left it without re-reading earlier credits.
    pub window: BTreeMap<String, ((i32, u8), Decimal)>,
    /// (year, amount paid) per component id, for true-ups and yearly caps.
    pub paid: BTreeMap<String, (i32, Decimal)>,
    /// Excess carried forward per component id ("" for the plan cap).
    pub excess: BTreeMap<String, Decimal>,
}

/// Everything a component needs to know about one payee.
pub struct PayeeCtx<'a> {
    /// The plan set.
    pub set: &'a PlanSet,
    /// The data.
    pub data: &'a Dataset,
    /// Payee index.
    pub payee: usize,
    /// The payee.
    pub p: &'a Payee,
    /// The payee's credits in evaluation order.
    pub credits: &'a [Credit],
    /// The calendar.
    pub calendar: Calendar,
    /// The period kind.
    pub kind: PeriodKind,
    ranges: BTreeMap<Period, Range<usize>>,
    sums: RefCell<Sums>,
    quotas: RefCell<QuotaCache>,
    values: RefCell<Values>,
    /// Filters resolved to symbol ids, by the filter's address (plans outlive the run).
    pub filters: &'a RefCell<FilterCache>,
    /// Whether explanations are wanted.
    pub full: bool,
    /// Bits of an earlier run over the first `n` transactions (an estimate's resumed run
    /// appends its deals): a filter then only reads the transactions after them.
    base: Option<(&'a FilterCache, usize)>,
}

impl<'a> PayeeCtx<'a> {
    /// A payee's context; `credits` are theirs, in evaluation order (date order).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        set: &'a PlanSet,
        data: &'a Dataset,
        payee: usize,
        p: &'a Payee,
        credits: &'a [Credit],
        filters: &'a RefCell<FilterCache>,
        detail: Detail,
    ) -> Result<PayeeCtx<'a>> {
        let head = set.head().ok_or_else(|| Error::new(Code::Internal, "a plan set without versions"))?;
        let (calendar, kind) = (head.calendar, head.period);
        // Credits are in date order, so each period's credits are one run: find where each run
        // ends by comparing dates with the period's last day.
        let mut ranges: BTreeMap<Period, Range<usize>> = BTreeMap::new();
        let mut i = 0;
        while let Some(c) = credits.get(i) {
            let period = calendar.period_of(kind, c.date);
            let end = calendar.bounds(period).1;
            // A forward scan, not a binary search: the list is read in order once, where probing
            // a director's hundreds of thousands of credits missed the cache at every step.
            let n = credits.get(i..).map_or(0, |rest| rest.iter().position(|x| x.date > end).unwrap_or(rest.len()));
            ranges.insert(period, i..i + n.max(1));
            i += n.max(1);
        }
        Ok(PayeeCtx {
            set,
            data,
            payee,
            p,
            credits,
            calendar,
            kind,
            ranges,
            sums: RefCell::new(BTreeMap::new()),
            quotas: RefCell::new(QuotaCache::default()),
            values: RefCell::new(Values::default()),
            filters,
            full: detail == Detail::Full,
            base: None,
        })
    }

    /// Starts from what an earlier run of the same payee found: its filter bits over the first
    /// `n` transactions, its measure sums (only those of periods the new credits do not touch)
    /// and its quotas.
    pub fn resume_from(&mut self, filters: &'a FilterCache, n: usize, sums: Sums, quotas: &QuotaCache) {
        self.base = Some((filters, n));
        self.sums = RefCell::new(sums);
        self.quotas = RefCell::new(quotas.clone());
    }

    /// The measure sums and quotas this context found.
    pub fn into_caches(self) -> (Sums, QuotaCache) {
        (self.sums.into_inner(), self.quotas.into_inner())
    }

    /// The credits booked in a period.
    pub fn period_credits(&self, p: Period) -> &'a [Credit] {
        self.ranges.get(&p).and_then(|r| self.credits.get(r.clone())).unwrap_or(&[])
    }

    /// What a credit adds to a simple measure, or `None` when the measure does not count it.
    pub fn contribution(&self, m: &Measure, extra: &spm_plan::Filter, c: &Credit) -> Option<Decimal> {
        self.counter(m, extra).of(self.data, c)
    }

    /// A simple measure (with an extra filter, such as a component's) ready to count credits:
    /// its filters are looked up once, not per credit.
    pub fn counter<'m>(&self, m: &'m Measure, extra: &spm_plan::Filter) -> Counter<'m> {
        Counter { measure: m, filters: [self.passing(&m.filter), self.passing(extra)] }
    }

    /// The transactions passing a filter, one bit each, computed once per run; `None` when the
    /// filter accepts everything.
    pub fn passing(&self, f: &spm_plan::Filter) -> Option<Rc<Bits>> {
        if f.is_empty() {
            return None;
        }
        let key = f as *const spm_plan::Filter as usize;
        if let Some(b) = self.filters.borrow().get(&key) {
            return Some(Rc::clone(b));
        }
        let r = Resolved::new(self.data, f);
        let txns = &self.data.transactions;
        let bits = match self.base.and_then(|(cache, n)| cache.get(&key).map(|b| (b, n))) {
            // An earlier run's bits, and the transactions appended since.
            Some((b, n)) => {
                let mut words = b.0.clone();
                words.resize(txns.len().div_ceil(64), 0);
                for (i, t) in txns.iter().enumerate().skip(n) {
                    if let Some(w) = words.get_mut(i / 64) {
                        *w |= u64::from(r.matches(self.data, t)) << (i % 64);
                    }
                }
                Bits(words)
            }
            None => {
                let mut words = vec![0u64; txns.len().div_ceil(64)];
                for (word, chunk) in words.iter_mut().zip(txns.chunks(64)) {
                    for (bit, t) in chunk.iter().enumerate() {
                        *word |= u64::from(r.matches(self.data, t)) << bit;
                    }
                }
                Bits(words)
            }
        };
        let bits = Rc::new(bits);
        self.filters.borrow_mut().insert(key, Rc::clone(&bits));
        Some(bits)
    }

    /// The periods of a window ending at `p` (`Year` gives the whole year).
    pub fn window_periods(&self, w: Window, p: Period) -> Vec<Period> {
        let first = match w {
            Window::Period => p.index(),
            Window::Qtd => match self.kind {
                PeriodKind::Month => p.index() - p.index() % 3,
                _ => p.index(),
            },
            Window::Ytd | Window::Year => 0,
        };
        let last = if w == Window::Year { self.kind.per_year().saturating_sub(1) } else { p.index() };
        (first..=last).map(|i| p.with_index(i)).collect()
    }

    /// Active days of the payee in a date range (employment minus leaves).
    pub fn active_days(&self, from: Date, to: Date) -> i64 {
        let s = self.p.hire.map_or(from, |h| h.max(from));
        let e = self.p.termination.map_or(to, |t| t.min(to));
        if e < s {
            return 0;
        }
        let mut days = s.days_until(e) + 1;
        for (lf, lt) in &self.p.leaves {
            let (a, b) = ((*lf).max(s), (*lt).min(e));
            if a <= b {
                days -= a.days_until(b) + 1;
            }
        }
        days.max(0)
    }

    /// Active days / days in the period, with the two day counts.
    pub fn proration(&self, p: Period) -> Result<(Decimal, i64, i64)> {
        let (s, e) = self.calendar.bounds(p);
        let total = s.days_until(e) + 1;
        let active = self.active_days(s, e);
        if active == total {
            return Ok((Decimal::ONE, active, total));
        }
        Ok((div(Decimal::from(active), Decimal::from(total))?, active, total))
    }

    /// `v` × active days / days in the period, multiplying first so that whole results stay
    /// exact (90,000 × 59 / 90 = 59,000, not 59,000.000…0004).
    pub fn prorate(&self, v: Decimal, p: Period) -> Result<Decimal> {
        let (f, active, total) = self.proration(p)?;
        if f == Decimal::ONE {
            return Ok(v);
        }
        div(mul(v, Decimal::from(active))?, Decimal::from(total))
    }

    /// The ramp factor for a period and the tenure month, when the payee is ramping.
    pub fn ramp(&self, plan: &Plan, p: Period) -> Option<(Decimal, usize)> {
        let ramp = plan.ramp.as_ref()?;
        let hire = self.p.hire?;
        let start = self.calendar.bounds(p).0;
        let months = if start <= hire {
            0
        } else {
            (start.year() - hire.year()) * 12 + i32::from(start.month()) - i32::from(hire.month())
        };
        let month = usize::try_from(months).unwrap_or(0) + 1;
        ramp.schedule.get(month - 1).map(|f| (*f, month))
    }

    /// The quota for a component's measure in one period, prorated and ramped; `None` when the
    /// payee and the plan give none.
    pub fn period_quota(
        &self,
        plan: &Plan,
        comp: Option<&Component>,
        measure: &str,
        p: Period,
    ) -> Result<Option<Decimal>> {
        // Labels are only needed when the payee has period-specific quotas.
        let label = if self.p.quotas.iter().any(|q| q.period.is_some()) { p.label() } else { String::new() };
        let default = comp.and_then(|c| match &c.kind {
            ComponentKind::Commission { quota, .. } | ComponentKind::Bonus { quota, .. } => *quota,
            _ => None,
        });
        let q = comp.and_then(|c| self.p.quota(&c.id, &label)).or_else(|| self.p.quota(measure, &label)).or(default);
        let Some(q) = q else { return Ok(None) };
        let r = self.ramp(plan, p).map_or(Decimal::ONE, |(r, _)| r);
        Ok(Some(self.prorate(mul(q, r)?, p)?))
    }

    /// The quota summed over a window.
    pub fn window_quota(
        &self,
        plan: &Plan,
        comp: Option<&Component>,
        measure: &str,
        w: Window,
        p: Period,
    ) -> Result<Option<Decimal>> {
        // The same quota is asked for by several components and, for a yearly quota, by every
        // period of the year: remember it per payee.
        let p = if w == Window::Year { p.with_index(0) } else { p };
        let key = (plan as *const Plan as usize, comp.map_or(0, |c| c as *const Component as usize), w, p);
        if let Some((_, q)) = self.quotas.borrow().get(&key).and_then(|v| v.iter().find(|(m, _)| **m == *measure)) {
            return Ok(*q);
        }
        let mut sum: Option<Decimal> = None;
        for q in self.window_periods(w, p) {
            if let Some(v) = self.period_quota(plan, comp, measure, q)? {
                sum = Some(add(sum.unwrap_or(Decimal::ZERO), v)?);
            }
        }
        self.quotas.borrow_mut().entry(key).or_default().push((measure.into(), sum));
        Ok(sum)
    }

    /// A measure's value over a window ending at `p`.
    pub fn window_value(&self, plan: &Plan, m: usize, w: Window, p: Period, depth: u8) -> Result<Decimal> {
        let Some(measure) = plan.measures.get(m) else {
            return Ok(Decimal::ZERO);
        };
        if usize::from(depth) > spm_base::limits::MAX_MEASURE_DEPTH {
            return Err(Error::new(
                Code::FormulaEval,
                format!("measure {:?} refers to itself through other measures", spm_base::error::clip(&measure.id)),
            ));
        }
        let key = (plan as *const Plan as usize, m, w, p);
        if matches!(measure.kind, MeasureKind::Weighted(_) | MeasureKind::Formula(_)) {
            if let Some(v) = self.values.borrow().get(&key) {
                return Ok(*v);
            }
        }
        let value = match &measure.kind {
            MeasureKind::Weighted(parts) => {
                let mut acc = Decimal::ZERO;
                for (i, wt) in parts {
                    acc = add(acc, mul(self.window_value(plan, *i, w, p, depth + 1)?, *wt)?)?;
                }
                acc
            }
            MeasureKind::Formula(f) => {
                let env = FormulaEnv {
                    ctx: self,
                    plan,
                    period: p,
                    window: w,
                    depth: Cell::new(depth + 1),
                    error: Cell::new(None),
                };
                f.eval_decimal(&env).map_err(|e| self.formula_error(&measure.id, p, &e.to_string()))?
            }
            _ => {
                let mut acc = Decimal::ZERO;
                for q in self.window_periods(if w == Window::Year { Window::Ytd } else { w }, p) {
                    acc = add(acc, self.period_sum(plan, m, q)?)?;
                }
                return Ok(acc);
            }
        };
        self.values.borrow_mut().insert(key, value);
        Ok(value)
    }

    /// A simple measure's total over one period, computed once.
    pub fn period_sum(&self, plan: &Plan, m: usize, p: Period) -> Result<Decimal> {
        let v = self.set.versions.iter().position(|x| std::ptr::eq(x, plan)).unwrap_or(0);
        if let Some(s) = self.sums.borrow().get(&(v, m, p)) {
            return Ok(*s);
        }
        let none = spm_plan::Filter::default();
        let mut sum = spm_base::money::Sum::new(Decimal::ZERO);
        if let Some(measure) = plan.measures.get(m) {
            let counter = self.counter(measure, &none);
            for c in self.period_credits(p) {
                if let Some(x) = counter.of(self.data, c) {
                    sum.add(x)?;
                }
            }
        }
        let acc = sum.total()?;
        self.sums.borrow_mut().insert((v, m, p), acc);
        Ok(acc)
    }

    /// A formula failure as a coded error naming the payee and period.
    pub fn formula_error(&self, what: &str, p: Period, msg: &str) -> Error {
        Error::at(
            format!("payee {}, {}, measure {what}", self.p.id, p.label()),
            Code::FormulaEval,
            format!("{what} for {} in {}: {msg}", self.p.id, p.label()),
            "check the formula, and that the payee has every input it reads",
        )
    }
}

/// Runs a plan set over credited data.
///
/// # Errors
/// Every payee missing a quota (one error listing them), or the first other failure.
pub fn run(set: &PlanSet, data: &Dataset, credits: &Credits, detail: Detail) -> Result<Report> {
    if set.head().is_none() {
        return Err(Error::new(Code::Internal, "a plan set without versions"));
    }
    let mut warnings = Vec::new();
    if credits.uncredited.0 > 0 {
        warnings.push(Diagnostic::warning(
            "transactions",
            Code::UnknownReference,
            format!(
                "{} transaction(s) credited to nobody, such as {}",
                credits.uncredited.0,
                credits.uncredited.1.join(", ")
            ),
            "give them a payeeId or splits, or add a crediting rule that matches them",
        ));
    }
    warnings.extend(super::checks::warnings(set, data));
    let Some((first, last)) = span(data) else {
        return Ok(Report {
            periods: Vec::new(),
            statements: Vec::new(),
            total: Decimal::ZERO,
            warnings,
            credited_lines: 0,
        });
    };
    let periods = periods_between(set, first, last);
    // Declared limit (spm_base::limits): a mistyped year (2226 for 2026) must not turn a small file
    // into hundreds of thousands of statements (found by fuzzing, docs/fuzzing.md).
    if periods.len() > spm_base::limits::MAX_PERIODS {
        return Err(Error::from_diagnostics(vec![spm_base::limits::diagnostic(
            "transactions",
            &format!("plan periods between the first transaction ({first}) and the last ({last})"),
            periods.len(),
            spm_base::limits::MAX_PERIODS,
            "check the dates for a mistyped year, or run the years apart",
        )]));
    }
    let on_plan =
        data.payees.iter().filter(|p| set.versions.iter().any(|v| v.eligibility.accepts(&p.id, &p.role))).count();
    if on_plan.saturating_mul(periods.len()) > spm_base::limits::MAX_STATEMENTS {
        return Err(Error::from_diagnostics(vec![spm_base::limits::diagnostic(
            "payees",
            &format!("statements ({on_plan} payees on the plan × {} periods from {first} to {last})", periods.len()),
            on_plan.saturating_mul(periods.len()),
            spm_base::limits::MAX_STATEMENTS,
            "run fewer payees or a shorter span of dates at a time, and check the dates for a mistyped year",
        )]));
    }
    let filters = RefCell::new(FilterCache::default());
    let mut statements = Vec::with_capacity(data.payees.len() * periods.len());
    let mut missing: Vec<Diagnostic> = Vec::new();
    let mut total = Decimal::ZERO;
    let mut credited_lines = 0;
    for (pi, p) in data.payees.iter().enumerate() {
        if !set.versions.iter().any(|v| v.eligibility.accepts(&p.id, &p.role)) {
            continue;
        }
        let own = credits.by_payee.get(pi).map_or(&[][..], Vec::as_slice);
        credited_lines += own.len();
        let located = |e: Error| e.or_at(|| format!("payee {}", p.id));
        let ctx = PayeeCtx::new(set, data, pi, p, own, &filters, detail).map_err(located)?;
        let mut carry = Carry::default();
        let first = statements.len();
        payee_periods(set, &ctx, &periods, &mut carry, detail, &mut statements, &mut missing, &mut |_, _, _| {})
            .map_err(located)?;
        for s in statements.get(first..).unwrap_or(&[]) {
            total = add(total, s.total).map_err(|e| e.or_at(|| "totals.payout".into()))?;
        }
    }
    if !missing.is_empty() {
        crate::data::finish(&mut missing);
        return Err(Error::from_diagnostics(missing));
    }
    Ok(Report { periods, statements, total, warnings, credited_lines })
}

/// One payee's statements for `periods`, carrying `carry` from one to the next. A missing
/// quota is gathered in `missing` (to report every payee at once); `at_start` sees each period's
/// index, the carry before it and how many statements there are.
///
/// # Errors
/// The first failure other than a missing quota.
#[allow(clippy::too_many_arguments)]
pub fn payee_periods(
    set: &PlanSet,
    ctx: &PayeeCtx<'_>,
    periods: &[Period],
    carry: &mut Carry,
    detail: Detail,
    statements: &mut Vec<super::Statement>,
    missing: &mut Vec<Diagnostic>,
    at_start: &mut dyn FnMut(usize, &Carry, usize),
) -> Result<()> {
    for (i, &period) in periods.iter().enumerate() {
        at_start(i, carry, statements.len());
        let (start, stop) = ctx.calendar.bounds(period);
        if ctx.active_days(start, stop) == 0 && ctx.period_credits(period).is_empty() {
            continue;
        }
        let parts = parts(set, ctx, period);
        if parts.is_empty() {
            continue;
        }
        match components::statement(ctx, period, parts, carry, detail) {
            Ok(mut s) => {
                if detail == Detail::Full {
                    explain::explain(set, ctx.data, &mut s)
                        .map_err(|e| e.or_at(|| format!("payee {}, {}", ctx.p.id, period.label())))?;
                }
                statements.push(s);
            }
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
    at_start(periods.len(), carry, statements.len());
    Ok(())
}

/// The first and last dates a run covers: its transactions' and its horizon's.
pub fn span(data: &Dataset) -> Option<(Date, Date)> {
    // The dataset keeps transactions in date order (`Builder::finish`).
    let bounds = (data.transactions.first().map(|t| t.date), data.transactions.last().map(|t| t.date));
    match (bounds, data.horizon) {
        ((Some(f), Some(l)), Some((hf, hl))) => Some((f.min(hf), l.max(hl))),
        ((Some(f), Some(l)), None) => Some((f, l)),
        (_, h) => h,
    }
}

/// The periods from the one holding `first` to the one holding `last`.
pub fn periods_between(set: &PlanSet, first: Date, last: Date) -> Vec<Period> {
    let Some(head) = set.head() else { return Vec::new() };
    let (calendar, kind) = (head.calendar, head.period);
    let mut periods = vec![calendar.period_of(kind, first)];
    let end = calendar.period_of(kind, last);
    while let Some(&p) = periods.last() {
        if p >= end || periods.len() > 10_000 {
            break;
        }
        periods.push(p.next());
    }
    periods
}

/// The plan versions covering a period, as parts with their days; a payee must be eligible.
fn parts(set: &PlanSet, ctx: &PayeeCtx<'_>, period: Period) -> Vec<Part> {
    let (start, end) = ctx.calendar.bounds(period);
    let period_days = start.days_until(end) + 1;
    let mut out = Vec::new();
    for (vi, v) in set.versions.iter().enumerate() {
        if !v.eligibility.accepts(&ctx.p.id, &ctx.p.role) {
            continue;
        }
        let from = v.effective_from.map_or(start, |f| f.max(start));
        let to = v.effective_to.map_or(end, |t| t.min(end));
        if from <= to {
            out.push(Part { version: vi, from, to, days: from.days_until(to) + 1, period_days });
        }
    }
    out
}
