//! Deal estimates: what a hypothetical deal adds to a payee's payout, computed by the real plan
//! engine on the payee's state with and without the deal, so tiers, retroactive unlocks, gates,
//! caps, multipliers and true-ups count exactly as on the statement. The differences are then
//! read per component: tiers crossed, gate opened, cap effect, the next tier and what it needs.
//!
//! The estimator keeps the payee's dataset (the payee alone, with the deals already credited to
//! them) and the baseline report; each estimate copies the dataset with the deal put in its
//! place in evaluation order and runs the plan once.

mod analysis;
pub mod dto;
mod needs;
mod resume;

use crate::estimate::dto::{CurveDto, CurvePointDto, DealDto, EstimateDto, PipelineDealDto, PipelineDto, TotalDto};
use rust_decimal::Decimal;
use spm_base::error::{Code, Diagnostic, Error, Result};
use spm_base::money::{self, RoundingMode};
use spm_base::period::{Date, Period};
use spm_core::credit::{Credit, Credits, Source};
use spm_core::data::{Builder, Dataset, Payee, Transaction};
use spm_core::payout::{self, Detail, Report, Statement};
use spm_plan::CompiledPlan;
use spm_plan::PlanSet;
use std::borrow::Cow;

/// At most this many pipeline deals: the expectation visits every combination.
pub const MAX_PIPELINE: usize = 12;

/// A hypothetical deal, validated.
#[derive(Debug, Clone)]
pub struct Deal {
    /// Id.
    pub id: String,
    /// Deal amount.
    pub amount: Decimal,
    /// Credited to the payee (amount × share, rounded to the minor unit).
    pub credit: Decimal,
    /// Close date.
    pub date: Date,
    /// (attribute, value): product, type, customer.
    pub attrs: Vec<(String, String)>,
    /// Probability of closing.
    pub probability: Decimal,
}

/// A payee's state, ready for estimates.
#[derive(Debug)]
pub struct Estimator {
    plan: PlanSet,
    data: Dataset,
    payee_id: String,
    as_of: Date,
    /// The baseline in full detail, made the first time an estimate asks for sentences (a
    /// widget's first answer, without them, then runs no sentence code at all).
    base: std::cell::OnceCell<Report>,
    base_summary: Report,
    /// The state's credits, when each deal is one direct credit of the payee in evaluation
    /// order (no crediting rules, no other currency): an estimate then adds the deal's credit
    /// in place instead of crediting every deal again.
    credits: Option<Credits>,
    /// The baseline paused before each period, when the credits are direct: an estimate then
    /// runs only the deal's period and later ones.
    resume: Option<resume::Resume>,
}

impl Estimator {
    /// From a state read into the domain (`spm_wire::spec::estimate::read_state`): the payee
    /// alone with the deals already credited to them, and "today" (the last deal's date, or the
    /// plan's first day, when absent).
    ///
    /// # Errors
    /// `MISSING_FIELD` when there is no day to estimate for; the plan's errors for the payee
    /// (such as `QUOTA_MISSING`).
    pub fn from_state(
        plan: &CompiledPlan,
        mut data: Dataset,
        payee_id: String,
        as_of: Option<Date>,
    ) -> Result<Estimator> {
        let as_of = match as_of {
            Some(d) => d,
            None => default_day(&plan.plan, &data)?,
        };
        data.horizon = Some((as_of, as_of));
        needs::check(plan, &data, "payee")?;
        Estimator::prepare(plan, data, payee_id, as_of).map_err(|e| e.or_at(|| "state".into()))
    }

    /// From a loaded dataset: the payee's own deals (direct credits and their split shares) up
    /// to `as_of` (the last deal's date when absent).
    ///
    /// # Errors
    /// `UNKNOWN_REFERENCE` for an unknown payee; the plan's errors.
    pub fn from_dataset(plan: &CompiledPlan, data: &Dataset, payee_id: &str, as_of: Option<Date>) -> Result<Estimator> {
        let p = data.payee_index(payee_id).ok_or_else(|| {
            Error::at(
                "payeeId",
                Code::UnknownReference,
                format!("no payee {payee_id:?}"),
                "pick a payee of the dataset",
            )
        })?;
        let mut payee: Payee = data.payees.get(p).cloned().unwrap_or_default();
        payee.managers.clear();
        let mut b = Builder::new(vec![payee], Vec::new());
        let mut last = None;
        let minor = plan.plan.head().map_or(2, |h| h.currency.minor_units());
        for t in &data.transactions {
            if as_of.is_some_and(|d| t.date > d) {
                continue;
            }
            let share = if t.payee == u32::try_from(p).ok() {
                Decimal::ONE
            } else {
                match data.splits_of(t).iter().find(|s| s.payee as usize == p && !s.overlay) {
                    Some(s) => s.share,
                    None => continue,
                }
            };
            let mut x = *t;
            x.amount = money::round_to(money::mul(t.amount, share)?, minor, RoundingMode::HalfUp);
            x.splits = (0, 0);
            x.attributes = (0, 0);
            b.push(x, data.id_of(t), payee_id, &[], &[], &|f: &str| format!("transaction {}, {f}", data.id_of(t)));
            last = Some(t.date);
        }
        let mut out = b.finish(data.symbols.clone())?;
        out.rates = data.rates.clone();
        let as_of = match as_of.or(last) {
            Some(d) => d,
            None => default_day(&plan.plan, &out)?,
        };
        out.horizon = Some((as_of, as_of));
        needs::check(plan, &out, &format!("payees[{p}]"))?;
        Estimator::prepare(plan, out, payee_id.to_string(), as_of)
    }

    /// A payee of a loaded dataset alone (managers cleared), with no deals, closing on `as_of`:
    /// the Monte Carlo's per-rep payout curve (`simulate::curve`) runs one deal on top of it.
    ///
    /// # Errors
    /// The plan's errors for the payee.
    pub(crate) fn for_payee(
        plan: &CompiledPlan,
        mut payee: Payee,
        symbols: spm_core::data::Symbols,
        as_of: Date,
    ) -> Result<Estimator> {
        payee.managers.clear();
        let id = payee.id.clone();
        let mut data = Builder::new(vec![payee], Vec::new()).finish(symbols)?;
        data.horizon = Some((as_of, as_of));
        Estimator::prepare(plan, data, id, as_of)
    }

    fn prepare(plan: &CompiledPlan, data: Dataset, payee_id: String, as_of: Date) -> Result<Estimator> {
        let base = std::cell::OnceCell::new();
        let base_summary = payout::calculate(&plan.plan, &data, Detail::Summary)?;
        let no_rules = plan.plan.versions.iter().all(|v| v.crediting.rules.is_empty());
        let credits = if no_rules && !spm_core::fx::foreign_currencies(&plan.plan, &data) {
            let c = spm_core::credit::credit(&plan.plan, &data)?;
            let direct = c.by_payee.len() == 1
                && c.by_payee.first().is_some_and(|v| {
                    v.len() == data.transactions.len()
                        && v.iter().enumerate().all(|(i, x)| x.txn as usize == i && x.source == Source::Direct)
                });
            direct.then_some(c)
        } else {
            None
        };
        let mut e =
            Estimator { plan: plan.plan.clone(), data, payee_id, as_of, base, base_summary, credits, resume: None };
        // Built on the estimator's own copy of the plan: the run's caches know filters and
        // quotas by their plan's address.
        if let Some(c) = &e.credits {
            e.resume = resume::Resume::new(&e.plan, &e.data, c)?;
        }
        Ok(e)
    }

    /// The payee's id.
    pub fn payee_id(&self) -> &str {
        &self.payee_id
    }

    /// Validates hypothetical deals (paths `deals[i].…`).
    ///
    /// # Errors
    /// Every bad field, located.
    pub fn deals(&self, dtos: &[DealDto]) -> Result<Vec<Deal>> {
        let minor = self.plan.head().map_or(2, |h| h.currency.minor_units());
        let mut diags: Vec<Diagnostic> = Vec::new();
        let mut out = Vec::new();
        for (i, d) in dtos.iter().enumerate() {
            let at = |f: &str| format!("deals[{i}].{f}");
            let amount = d.amount.get(&at("amount"), &mut diags);
            let share = match &d.share {
                Some(s) => s.get(&at("share"), &mut diags),
                None => Some(Decimal::ONE),
            };
            let probability = match &d.probability {
                Some(s) => s.get(&at("probability"), &mut diags),
                None => Some(Decimal::ONE),
            };
            let date = match &d.date {
                Some(s) => spm_base::period::date_field(s, &at("date"), &mut diags),
                None => Some(self.as_of),
            };
            let mut bad = |f: &str, code: Code, what: &str, hint: &str| {
                diags.push(Diagnostic::error(at(f), code, what, hint));
            };
            if amount.is_some_and(|a| a.normalize().scale() > minor) {
                bad(
                    "amount",
                    Code::DecimalInvalid,
                    "the amount has more decimals than the currency's smallest unit",
                    "round the amount to the currency's minor unit, such as 12.35",
                );
            }
            if amount.is_some_and(|a| a < Decimal::ZERO) {
                bad("amount", Code::NegativeValue, "a deal amount below zero", "type the deal's amount, such as 25000");
            }
            if share.is_some_and(|s| s <= Decimal::ZERO || s > Decimal::ONE) {
                bad(
                    "share",
                    Code::OutOfRange,
                    "a share outside (0, 1]",
                    "give your share of the deal as a fraction, such as \"0.5\" for 50%",
                );
            }
            if probability.is_some_and(|p| p < Decimal::ZERO || p > Decimal::ONE) {
                bad(
                    "probability",
                    Code::OutOfRange,
                    "a probability outside [0, 1]",
                    "give the chance of closing as a fraction, such as \"0.6\"",
                );
            }
            let (Some(amount), Some(share), Some(probability), Some(date)) = (amount, share, probability, date) else {
                continue;
            };
            let mut attrs = Vec::new();
            for (k, v) in [("product", &d.product), ("type", &d.kind), ("customer", &d.customer)] {
                if let Some(v) = v.as_ref().filter(|v| !v.is_empty()) {
                    attrs.push((k.to_string(), v.clone()));
                }
            }
            let credit = money::round_to(
                money::mul(amount, share).map_err(|e| e.or_at(|| at("share")))?,
                minor,
                RoundingMode::HalfUp,
            );
            let id = d.id.clone().unwrap_or_else(|| format!("deal-{}", i + 1));
            out.push(Deal { id, amount, credit, date, attrs, probability });
        }
        if diags.is_empty() {
            Ok(out)
        } else {
            Err(Error::from_diagnostics(diags))
        }
    }

    /// The dataset with the deals added, and its credits when they can be made in place.
    fn with_credits(&self, deals: &[&Deal]) -> (Dataset, Option<Credits>) {
        let mut data = self.data.clone();
        let mut credits = self.credits.clone();
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
            let at = data.insert_transaction(t, &d.id, 0, &attrs);
            if let Some(list) = credits.as_mut().and_then(|c| c.by_payee.first_mut()) {
                let idx = u32::try_from(at).unwrap_or(u32::MAX);
                for c in list.iter_mut().filter(|c| c.txn >= idx) {
                    c.txn += 1;
                }
                let credit = Credit {
                    txn: idx,
                    date: d.date,
                    amount: d.credit,
                    share: Decimal::ONE,
                    relief: true,
                    source: Source::Direct,
                };
                list.insert(at.min(list.len()), credit);
            }
            if let Some((f, l)) = data.horizon {
                data.horizon = Some((f.min(d.date), l.max(d.date)));
            }
        }
        (data, credits)
    }

    /// Runs the plan on the state with the deals.
    /// With direct credits, only the deals' first period and later ones run (`resume`): the
    /// report then has only those periods' statements, and the total of all.
    pub(crate) fn run_with(&self, deals: &[&Deal], detail: Detail, horizon_end: Option<Date>) -> Result<Report> {
        if let Some(r) = &self.resume {
            if let Some(report) = r.run(&self.plan, deals, detail, horizon_end)? {
                return Ok(report);
            }
        }
        let (mut data, credits) = self.with_credits(deals);
        if let (Some(end), Some((f, l))) = (horizon_end, data.horizon) {
            data.horizon = Some((f, l.max(end)));
        }
        match credits {
            Some(c) => payout::calculate_credited(&self.plan, &data, &c, detail),
            None => self.run(&data, detail),
        }
    }

    pub(crate) fn run(&self, data: &Dataset, detail: Detail) -> Result<Report> {
        payout::calculate(&self.plan, data, detail)
    }

    /// The baseline and a run with `deals`, both covering the deals' periods.
    fn before_after(&self, deals: &[&Deal], detail: Detail) -> Result<(Cow<'_, Report>, Report)> {
        let horizon = deals.iter().fold(self.data.horizon, |h, d| h.map(|(f, l)| (f.min(d.date), l.max(d.date))));
        let before = if horizon != self.data.horizon {
            let mut b = self.data.clone();
            b.horizon = horizon;
            Cow::Owned(self.run(&b, detail)?)
        } else if detail == Detail::Full {
            match self.base.get() {
                Some(b) => Cow::Borrowed(b),
                None => {
                    let b = self.run(&self.data, Detail::Full)?;
                    Cow::Borrowed(self.base.get_or_init(|| b))
                }
            }
        } else {
            Cow::Borrowed(&self.base_summary)
        };
        Ok((before, self.run_with(deals, detail, None)?))
    }

    pub(crate) fn period_of(&self, d: Date) -> Option<Period> {
        self.plan.head().map(|h| h.calendar.period_of(h.period, d))
    }

    /// Each deal alone on top of the state, and (for several) all together.
    ///
    /// # Errors
    /// Bad deals (located), and the plan's errors.
    pub fn estimate(&self, dtos: &[DealDto]) -> Result<EstimateDto> {
        self.estimate_with(dtos, true)
    }

    /// As `estimate`; without `explain` the components' sentences are left out (the figures and
    /// the summary sentences stay), which is several times faster: for answers as the user types.
    ///
    /// # Errors
    /// As `estimate`.
    pub fn estimate_with(&self, dtos: &[DealDto], explain: bool) -> Result<EstimateDto> {
        let detail = if explain { Detail::Full } else { Detail::Summary };
        let deals = self.deals(dtos)?;
        let cur = self.currency();
        let mut out = Vec::with_capacity(deals.len());
        for (i, d) in deals.iter().enumerate() {
            let one = || {
                let (before, after) = self.before_after(&[d], detail)?;
                let period =
                    self.period_of(d.date).ok_or_else(|| Error::new(Code::Internal, "a plan without versions"))?;
                analysis::deal(self, d, period, &before, &after, cur)
            };
            out.push(one().map_err(|e| e.or_at(|| format!("deals[{i}]")))?);
        }
        let all = || -> Result<Option<TotalDto>> {
            if deals.len() <= 1 {
                return Ok(None);
            }
            let refs: Vec<&Deal> = deals.iter().collect();
            let (before, after) = self.before_after(&refs, Detail::Summary)?;
            let (b, a) = (before.total, after.total);
            Ok(Some(TotalDto {
                before: analysis::amt(b, cur),
                after: analysis::amt(a, cur),
                adds: analysis::amt(money::sub(a, b)?, cur),
            }))
        };
        let all = all().map_err(|e| e.or_at(|| "deals".into()))?;
        Ok(EstimateDto {
            schema_version: 1,
            currency: cur.code().to_string(),
            payee_id: self.payee_id.clone(),
            as_of: self.as_of.to_string(),
            deals: out,
            all,
        })
    }

    /// The payout a pipeline is expected to add: the exact expectation over every combination
    /// of its deals closing or not (independently, each with its probability), the best case
    /// (all close) and the worst (none).
    ///
    /// # Errors
    /// `LIMIT_EXCEEDED` beyond `MAX_PIPELINE` deals; bad deals; the plan's errors.
    pub fn pipeline(&self, dtos: &[DealDto]) -> Result<PipelineDto> {
        self.pipeline_inner(dtos).map_err(|e| e.or_at(|| "deals".into()))
    }

    fn pipeline_inner(&self, dtos: &[DealDto]) -> Result<PipelineDto> {
        if dtos.len() > MAX_PIPELINE {
            return Err(Error::at(
                "deals",
                Code::LimitExceeded,
                format!("{} pipeline deals: the exact expectation takes at most {MAX_PIPELINE}", dtos.len()),
                "keep the deals most likely to close this period, or group small ones into one",
            ));
        }
        let deals = self.deals(dtos)?;
        let cur = self.currency();
        let base = self.summary_total(&[])?;
        let n = deals.len();
        // Each combination's payout once (a deal alone is the combination of its own bit).
        let mut adds_of = vec![Decimal::ZERO; 1usize << n];
        for (mask, slot) in adds_of.iter_mut().enumerate().skip(1) {
            let chosen: Vec<&Deal> =
                deals.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, d)| d).collect();
            *slot = money::sub(self.summary_total(&chosen)?, base)?;
        }
        let per = deals
            .iter()
            .enumerate()
            .map(|(i, d)| PipelineDealDto {
                id: d.id.clone(),
                amount: analysis::amt(d.amount, cur),
                probability: d.probability.normalize().to_string(),
                adds: analysis::amt(adds_of.get(1 << i).copied().unwrap_or_default(), cur),
            })
            .collect();
        let mut expected = Decimal::ZERO;
        for (mask, adds) in adds_of.iter().enumerate() {
            let mut p = Decimal::ONE;
            for (i, d) in deals.iter().enumerate() {
                let q = if mask & (1 << i) != 0 { d.probability } else { money::sub(Decimal::ONE, d.probability)? };
                p = money::mul(p, q)?;
            }
            expected = money::add(expected, money::mul(p, *adds)?)?;
        }
        let best = adds_of.last().copied().unwrap_or_default();
        let expected = money::round_to(expected, cur.minor_units(), RoundingMode::HalfUp);
        Ok(PipelineDto {
            schema_version: 1,
            currency: cur.code().to_string(),
            deals: per,
            expected: analysis::amt(expected, cur),
            best_case: analysis::amt(best, cur),
            worst_case: analysis::amt(Decimal::ZERO, cur),
            method: if n == 0 {
                "no deals: nothing to add".to_string()
            } else {
                format!(
                    "exact: the payout of each of the {} combinations of deals closing or not, weighted by its probability",
                    1u64 << n
                )
            },
        })
    }

    /// Total payout of every period with `deals`, in summary detail, over a horizon covering them.
    fn summary_total(&self, deals: &[&Deal]) -> Result<Decimal> {
        // The same periods whatever the combination: from the state's to the latest pipeline date.
        Ok(self.run_with(deals, Detail::Summary, Some(self.as_of))?.total)
    }

    /// What deals from 0 to the deal's amount add, in `points` equal steps, and where tiers start.
    ///
    /// # Errors
    /// `LIMIT_EXCEEDED` outside 2–200 points; a bad deal; the plan's errors.
    pub fn curve(&self, dto: &DealDto, points: usize) -> Result<CurveDto> {
        self.curve_inner(dto, points).map_err(|e| e.or_at(|| "deal".into()))
    }

    fn curve_inner(&self, dto: &DealDto, points: usize) -> Result<CurveDto> {
        if !(2..=200).contains(&points) {
            return Err(Error::at(
                "points",
                Code::LimitExceeded,
                format!("{points} points"),
                "ask for 2 to 200 points",
            ));
        }
        let deal = self
            .deals(std::slice::from_ref(dto))?
            .into_iter()
            .next()
            .ok_or_else(|| Error::new(Code::Internal, "no deal"))?;
        let cur = self.currency();
        let minor = cur.minor_units();
        let period = self.period_of(deal.date).ok_or_else(|| Error::new(Code::Internal, "a plan without versions"))?;
        let (before, _) = self.before_after(&[&deal], Detail::Summary)?;
        let b = before.total;
        let share = if deal.amount.is_zero() { Decimal::ONE } else { money::div(deal.credit, deal.amount)? };
        let n = Decimal::from(points);
        let mut out = Vec::with_capacity(points + 1);
        for k in 0..=points {
            let amount = money::round_to(
                money::div(money::mul(deal.amount, Decimal::from(k))?, n)?,
                minor,
                RoundingMode::HalfUp,
            );
            let d = Deal {
                amount,
                credit: money::round_to(money::mul(amount, share)?, minor, RoundingMode::HalfUp),
                ..deal.clone()
            };
            let after = self.run_with(&[&d], Detail::Summary, None)?;
            // Like `estimate`: what the deal adds over the year (a true-up in a later period counts).
            let a = statement_total(&after, period);
            out.push(CurvePointDto {
                amount: analysis::amt(amount, cur),
                adds: analysis::amt(money::sub(after.total, b)?, cur),
                after: analysis::amt(a, cur),
            });
        }
        let breaks = analysis::breaks(self, &deal, period, &before, share)?;
        Ok(CurveDto { currency: cur.code().to_string(), period: period.label(), points: out, breaks })
    }

    pub(crate) fn currency(&self) -> spm_base::money::Currency {
        self.plan.head().map_or(spm_base::money::Currency::USD, |h| h.currency)
    }

    pub(crate) fn plan(&self) -> &PlanSet {
        &self.plan
    }

    pub(crate) fn data(&self) -> &Dataset {
        &self.data
    }
}

/// The payee's statement total for a period (0 when there is none).
fn statement_total(r: &Report, p: Period) -> Decimal {
    statement(r, p).map_or(Decimal::ZERO, |s| s.total)
}

fn statement(r: &Report, p: Period) -> Option<&Statement> {
    r.statements.iter().find(|s| s.payee == 0 && s.period == p)
}

/// A deal without a date closes on the last deal's date, or the first day of the plan.
fn default_day(plan: &PlanSet, data: &Dataset) -> Result<Date> {
    data.transactions.last().map(|t| t.date).or_else(|| plan.head().and_then(|h| h.effective_from)).ok_or_else(|| {
        Error::at("asOf", Code::MissingField, "no date to estimate for", "give asOf (today), or a date on each deal")
    })
}
/// A deal estimator for a payee of a loaded dataset, with their deals up to `as_of`.
///
/// # Errors
/// `UNKNOWN_REFERENCE`, `DATE_INVALID`; the plan's errors.
pub fn estimator_for(plan: &CompiledPlan, data: &Dataset, payee_id: &str, as_of: Option<&str>) -> Result<Estimator> {
    let as_of = match as_of {
        Some(s) => Some(spm_base::period::Date::parse(s).ok_or_else(|| {
            spm_base::Error::at(
                "asOf",
                spm_base::Code::DateInvalid,
                format!("{s:?} is not a calendar date"),
                "write YYYY-MM-DD",
            )
        })?),
        None => None,
    };
    Estimator::from_dataset(plan, data, payee_id, as_of)
}

/// Hypothetical deals from JSON: an array of `{ amount, date?, product?, type?, customer?, share?, probability? }`,
/// or one such object.
///
/// # Errors
/// Located JSON errors.
pub fn parse_deals(text: &str) -> Result<Vec<dto::DealDto>> {
    if spm_base::json::content(text).starts_with('{') {
        Ok(vec![spm_base::json::from_str(text, "the deal")?])
    } else {
        spm_base::json::from_str(text, "the deals")
    }
}
