//! Monte Carlo plan costing (issue 8): each rep's attainment drawn from a distribution (normal,
//! lognormal, or fitted to their history; optionally correlated through one common factor), run
//! through the real compiled plan, and summed up as the period's cost: P10/P50/P90, cost of
//! sales, the chance of exceeding a budget, the share of rep-trials at or above quota, payout
//! distributions and per-rep percentiles; and the cost's sensitivity to each plan parameter.
//!
//! Speed comes from running the plan once per breakpoint instead of once per trial: each rep's
//! payout against credit is built from real runs (`curve`), exact at every knot and checked
//! linear in between, and a trial is then a draw and a lookup per rep. Trial `t` draws from its
//! own stream made from (seed, t), so results do not depend on how the trials are chunked
//! (`Simulation::step`). See docs/simulate.md.

pub mod curve;
pub mod dto;
pub mod random;
pub mod report;
pub mod sensitivity;
pub mod setup;

use crate::forecast::math::Rng;
use crate::simulate::dto::{CostOfSalesDto, CurveInfoDto, RepResultDto, SimulationOptionsDto, SimulationResultDto};
use curve::Curve;
use random::{Dist, Normals};
use report::{amt, share, Bins};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use setup::Model;
use spm_base::error::{Code, Error, Result};
use spm_base::float::to_f64;
use spm_base::fmt::ratio;
use spm_base::quantile::nearest_rank;
use spm_core::data::Dataset;
use spm_plan::CompiledPlan;

pub use sensitivity::sensitivity;

/// A rep ready for trials.
#[derive(Debug, Clone)]
struct Rep {
    dist: Dist,
    curve: usize,
    /// Quota in minor units.
    quota: f64,
    /// Credit at quota, rounded up: at or above quota means credit ≥ this.
    at_quota: i64,
    /// Highest credit (the curve's).
    top: i64,
    /// The credit every trial draws, for sd 0.
    fixed: Option<i64>,
}

/// The reps and their curves under one plan: what a trial needs.
#[derive(Debug, Clone)]
pub(crate) struct Runner {
    reps: Vec<Rep>,
    curves: Vec<Curve>,
    seed: u64,
    sqrt_rho: f64,
    sqrt_rest: f64,
    normals: Normals,
}

/// One trial's figures.
#[derive(Debug, Clone, Copy, Default)]
struct Trial {
    cost: i64,
    revenue: i64,
}

impl Runner {
    /// Curves for every distinct set of pay terms among the reps, under `plan`.
    pub(crate) fn new(plan: &CompiledPlan, data: &Dataset, m: &Model) -> Result<Runner> {
        let head = plan.plan.head().ok_or_else(|| Error::new(Code::Internal, "a plan set without versions"))?;
        let component = crate::design::curve::primary(head, Some(&m.component_id)).ok_or_else(|| {
            Error::at("componentId", Code::UnknownReference, "the plan has no such component", "pick one of its ids")
        })?;
        let setting = curve::Setting { plan, head, component, day: m.day, max_attainment: m.max_attainment };
        let by_id = head.eligibility.payees.is_some();
        // Reps with the same pay terms share a curve.
        let mut keys: Vec<String> = Vec::new();
        let mut members: Vec<Vec<usize>> = Vec::new();
        for (i, r) in m.reps.iter().enumerate() {
            let p = data.payees.get(r.payee).ok_or_else(|| Error::new(Code::Internal, "payee out of range"))?;
            let id = if by_id { p.id.as_str() } else { "" };
            let key = format!("{:?}", (id, &p.role, p.target_incentive, &p.quotas, &p.inputs, &p.mbo));
            match keys.iter().position(|k| *k == key) {
                Some(k) => members.get_mut(k).into_iter().for_each(|v| v.push(i)),
                None => {
                    keys.push(key);
                    members.push(vec![i]);
                }
            }
        }
        let minor = head.currency.minor_units();
        let mut curves = Vec::with_capacity(members.len());
        let mut reps: Vec<Option<Rep>> = vec![None; m.reps.len()];
        for (k, list) in members.iter().enumerate() {
            let Some(first) = list.first().and_then(|i| m.reps.get(*i)) else { continue };
            let payee = data.payees.get(first.payee).ok_or_else(|| Error::new(Code::Internal, "payee out of range"))?;
            let fixed: Vec<Decimal> = list.iter().filter_map(|i| m.reps.get(*i)?.fixed).collect();
            let c = curve::build(&setting, payee, &data.symbols, &fixed)?;
            let quota_minor = spm_base::money::mul(c.quota, Decimal::from(10i64.pow(minor)))?;
            for i in list {
                let Some(spec) = m.reps.get(*i) else { continue };
                let fixed = match spec.fixed {
                    Some(a) => Some(curve::credit_of(a, c.quota, minor)?.clamp(0, c.max_credit())),
                    None => None,
                };
                if let Some(slot) = reps.get_mut(*i) {
                    *slot = Some(Rep {
                        dist: spec.dist,
                        curve: k,
                        quota: to_f64(quota_minor),
                        at_quota: quota_minor.ceil().to_i64().unwrap_or(i64::MAX),
                        top: c.max_credit(),
                        fixed,
                    });
                }
            }
            curves.push(c);
        }
        let rho = to_f64(m.correlation);
        Ok(Runner {
            reps: reps.into_iter().flatten().collect(),
            curves,
            seed: m.seed,
            sqrt_rho: rho.sqrt(),
            sqrt_rest: (1.0 - rho).sqrt(),
            normals: Normals::new(),
        })
    }

    /// Trial `t`: every rep's draw, credit and payout, handed to `each(rep, credit, payout,
    /// above_max)`.
    #[inline]
    fn trial(&self, t: u64, mut each: impl FnMut(usize, i64, i64, bool)) -> Trial {
        let mut rng: Rng = random::stream(self.seed, t);
        let normals = &self.normals;
        let common = if self.sqrt_rho > 0.0 { normals.next(&mut rng) } else { 0.0 };
        let mut out = Trial::default();
        for (i, r) in self.reps.iter().enumerate() {
            let z = normals.next(&mut rng);
            let (credit, above) = match r.fixed {
                Some(c) => (c, false),
                None => {
                    let z = if self.sqrt_rho > 0.0 { self.sqrt_rho * common + self.sqrt_rest * z } else { z };
                    let c = r.dist.at(z) * r.quota;
                    if c > r.top as f64 {
                        (r.top, true)
                    } else if c > 0.0 {
                        (random::round_i64(c), false)
                    } else {
                        (0, false)
                    }
                }
            };
            let pay = self.curves.get(r.curve).map_or(0, |c| c.payout(credit));
            out.cost += pay;
            out.revenue += credit;
            each(i, credit, pay, above);
        }
        out
    }

    /// The payout at the `k`th percentile of each rep's distribution (exact when the curve never
    /// decreases: the payout's quantile is the payout at the attainment's quantile; otherwise the
    /// nearest rank over 2,001 evenly spaced quantiles of the distribution).
    fn rep_quantiles(&self) -> Vec<[i64; 3]> {
        let credit = |r: &Rep, a: f64| -> i64 {
            match r.fixed {
                Some(c) => c,
                None => random::round_i64((a * r.quota).max(0.0)).min(r.top),
            }
        };
        self.reps
            .iter()
            .map(|r| {
                let Some(c) = self.curves.get(r.curve) else { return [0; 3] };
                if c.non_decreasing() {
                    [0.1, 0.5, 0.9].map(|q| c.payout(credit(r, r.dist.quantile(q))))
                } else {
                    const N: usize = 2001;
                    let mut v: Vec<i64> =
                        (0..N).map(|j| c.payout(credit(r, r.dist.quantile((j as f64 + 0.5) / N as f64)))).collect();
                    v.sort_unstable();
                    [10, 50, 90].map(|k| nearest_rank(&v, k))
                }
            })
            .collect()
    }

    /// Every trial's total cost under this runner, for trials `0..n`.
    pub(crate) fn totals(&self, n: usize) -> Vec<i64> {
        (0..n as u64).map(|t| self.trial(t, |_, _, _, _| {}).cost).collect()
    }
}

/// A Monte Carlo simulation kept between chunks of trials.
#[derive(Debug, Clone)]
pub struct Simulation {
    options: SimulationOptionsDto,
    model: Model,
    runner: Runner,
    currency: spm_base::money::Currency,
    period: String,
    budget: Option<i64>,
    done: usize,
    costs: Vec<i64>,
    revenues: Vec<i64>,
    rep_sum: Vec<i128>,
    rep_at_quota: Vec<u64>,
    at_quota: u64,
    above_max: u64,
    bins: Bins,
    bin_counts: Vec<u64>,
    quantiles: Vec<[i64; 3]>,
}

impl Simulation {
    /// Checks the options, picks the reps and their distributions, and builds every payout curve
    /// from real runs of the plan. No trial runs yet.
    ///
    /// # Errors
    /// Bad options (located, see `setup::model`); the plan's errors for a rep.
    pub fn new(plan: &CompiledPlan, data: &Dataset, opts: &SimulationOptionsDto) -> Result<Simulation> {
        let model = setup::model(plan, data, opts)?;
        let runner = Runner::new(plan, data, &model)?;
        let head = plan.plan.head().ok_or_else(|| Error::new(Code::Internal, "a plan set without versions"))?;
        let minor = head.currency.minor_units();
        let period = head.calendar.period_of(head.period, model.day).label();
        let budget = match model.budget {
            Some(b) => {
                Some(spm_base::money::mul(b, Decimal::from(10i64.pow(minor)))?.floor().to_i64().unwrap_or(i64::MAX))
            }
            None => None,
        };
        let lo = runner.curves.iter().flat_map(|c| c.ys.iter().copied()).min().unwrap_or(0).min(0);
        let hi = runner.curves.iter().flat_map(|c| c.ys.iter().copied()).max().unwrap_or(0);
        let bins = Bins::new(lo, hi);
        let n = runner.reps.len();
        let quantiles = runner.rep_quantiles();
        Ok(Simulation {
            currency: head.currency,
            period,
            budget,
            done: 0,
            costs: Vec::with_capacity(model.trials),
            revenues: Vec::with_capacity(model.trials),
            rep_sum: vec![0; n],
            rep_at_quota: vec![0; n],
            at_quota: 0,
            above_max: 0,
            bin_counts: vec![0; bins.n],
            bins,
            quantiles,
            options: opts.clone(),
            model,
            runner,
        })
    }

    /// From options as JSON text (empty for the defaults).
    ///
    /// # Errors
    /// As `new`, and located JSON errors.
    pub fn from_json(plan: &CompiledPlan, data: &Dataset, options: &str) -> Result<Simulation> {
        let o: SimulationOptionsDto = if options.trim().is_empty() {
            SimulationOptionsDto::default()
        } else {
            spm_base::json::from_str(options, "the simulation options")?
        };
        Simulation::new(plan, data, &o)
    }

    /// Runs up to `trials` more trials (none past the total) and returns the result so far.
    pub fn step(&mut self, trials: usize) -> SimulationResultDto {
        self.advance(trials);
        self.result_so_far()
    }

    /// Runs up to `trials` more trials.
    pub fn advance(&mut self, trials: usize) {
        let end = self.done.saturating_add(trials).min(self.model.trials);
        let (runner, bins) = (&self.runner, self.bins);
        let (rep_sum, rep_at_quota, bin_counts) = (&mut self.rep_sum, &mut self.rep_at_quota, &mut self.bin_counts);
        let (at_quota, above_max) = (&mut self.at_quota, &mut self.above_max);
        for t in self.done..end {
            let tr = runner.trial(t as u64, |i, credit, pay, above| {
                if let Some(s) = rep_sum.get_mut(i) {
                    *s += i128::from(pay);
                }
                if let (Some(q), Some(r)) = (rep_at_quota.get_mut(i), runner.reps.get(i)) {
                    if credit >= r.at_quota {
                        *q += 1;
                        *at_quota += 1;
                    }
                }
                *above_max += u64::from(above);
                if let Some(b) = bin_counts.get_mut(bins.index(pay)) {
                    *b += 1;
                }
            });
            self.costs.push(tr.cost);
            self.revenues.push(tr.revenue);
        }
        self.done = end;
    }

    /// Trials run so far.
    pub fn trials_done(&self) -> usize {
        self.done
    }

    /// Trials asked for.
    pub fn trials(&self) -> usize {
        self.model.trials
    }

    /// The options it was made with (for a sensitivity analysis over the same reps and draws).
    pub fn options(&self) -> &SimulationOptionsDto {
        &self.options
    }

    /// Runs the remaining trials and returns the final result.
    pub fn result(&mut self) -> SimulationResultDto {
        self.advance(usize::MAX);
        self.result_so_far()
    }

    /// The final result as JSON text (the same bytes natively and in wasm).
    pub fn result_json(&mut self) -> String {
        serde_json::to_string(&self.result()).unwrap_or_default()
    }

    /// The result over the trials run so far.
    pub fn result_so_far(&self) -> SimulationResultDto {
        let minor = self.currency.minor_units();
        let n = self.done;
        let rep_trials = (n as i128) * (self.runner.reps.len() as i128);
        let mut ratios: Vec<Decimal> = self
            .costs
            .iter()
            .zip(&self.revenues)
            .filter(|(_, r)| **r > 0)
            .filter_map(|(c, r)| report::quotient(i128::from(*c), i128::from(*r), 0))
            .collect();
        ratios.sort_unstable();
        let cost_sum: i128 = self.costs.iter().map(|c| i128::from(*c)).sum::<i128>();
        let rev_sum: i128 = self.revenues.iter().map(|c| i128::from(*c)).sum::<i128>();
        let exceed = self.budget.map(|b| self.costs.iter().filter(|c| **c > b).count());
        let reps = self
            .model
            .reps
            .iter()
            .zip(&self.runner.reps)
            .enumerate()
            .map(|(i, (spec, r))| {
                let q = self.quantiles.get(i).copied().unwrap_or_default();
                let quota = self.runner.curves.get(r.curve).map_or(Decimal::ZERO, |c| c.quota);
                RepResultDto {
                    id: spec.id.clone(),
                    name: spec.name.clone(),
                    quota: spm_core::payout::explain::scaled(quota, minor),
                    distribution: spec.used.clone(),
                    p10: amt(q[0], minor),
                    p50: amt(q[1], minor),
                    p90: amt(q[2], minor),
                    mean: report::mean(self.rep_sum.get(i).copied().unwrap_or(0), n, minor),
                    at_or_above_quota: share(i128::from(self.rep_at_quota.get(i).copied().unwrap_or(0)), n as i128),
                    curve: r.curve,
                }
            })
            .collect();
        let curves = self
            .runner
            .curves
            .iter()
            .enumerate()
            .map(|(k, c)| CurveInfoDto {
                reps: self.runner.reps.iter().filter(|r| r.curve == k).count(),
                quota: spm_core::payout::explain::scaled(c.quota, minor),
                knots: c.xs.len(),
                runs: c.runs,
                piecewise_linear: c.linear,
                max_deviation: amt(c.max_deviation.round() as i64, minor),
                error_bound: amt(c.error_bound().round() as i64, minor),
                non_decreasing: c.non_decreasing(),
            })
            .collect();
        let ratio_at = |k: usize| ratio(nearest_rank(&ratios, k));
        SimulationResultDto {
            schema_version: 1,
            currency: self.currency.code().to_string(),
            period: self.period.clone(),
            component_id: self.model.component_id.clone(),
            seed: self.model.seed,
            trials: self.model.trials,
            trials_done: n,
            done: n == self.model.trials,
            correlation: ratio(self.model.correlation),
            total_cost: report::percentiles(&self.costs, minor),
            revenue: report::percentiles(&self.revenues, minor),
            cost_of_sales: CostOfSalesDto {
                p10: ratio_at(10),
                p50: ratio_at(50),
                p90: ratio_at(90),
                overall: if rev_sum == 0 { "0".into() } else { report::share(cost_sum, rev_sum) },
            },
            budget: self.model.budget.map(|b| spm_core::payout::explain::scaled(b, minor)),
            exceed_budget: exceed.map(|e| share(e as i128, n as i128)),
            at_or_above_quota: share(i128::from(self.at_quota), rep_trials),
            above_max_attainment: share(i128::from(self.above_max), rep_trials),
            cost_histogram: report::histogram(&self.costs, minor),
            payout_histogram: self.bins.dto(&self.bin_counts, minor),
            reps,
            curves,
            method: self.method(),
        }
    }

    fn method(&self) -> String {
        let runs: usize = self.runner.curves.iter().map(|c| c.runs).sum::<usize>();
        format!(
            "{} trials of {} reps for {}: each rep's attainment of {} is drawn (correlation {}), turned into \
             one deal's credit, and paid by the rep's payout curve, built from {} real runs of the plan at \
             every breakpoint and checked midpoint ({} curves for distinct pay terms), linear between runs. \
             Percentiles are nearest-rank over trials; a rep's percentiles are the payout at the percentile \
             of their attainment.",
            self.model.trials,
            self.runner.reps.len(),
            self.period,
            self.model.component_id,
            ratio(self.model.correlation),
            runs,
            self.runner.curves.len()
        )
    }
}
