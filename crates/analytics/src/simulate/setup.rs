//! A simulation's inputs checked and resolved: the options (every problem located: `trials`,
//! `correlation`, `reps[3].distribution.sd`, …), the reps simulated, and each rep's attainment
//! distribution — declared, fitted to the rep's per-period attainment in the dataset (at least 3
//! periods), or the default.

use super::random::{to_decimal, Dist};
use crate::simulate::dto::{DistributionDto, DistributionKind, SimulationOptionsDto, UsedDistributionDto};
use rust_decimal::Decimal;
use spm_base::error::{Code, Diagnostic, Error, Result};
use spm_base::float::to_f64;
use spm_base::money;
use spm_base::period::Date;
use spm_core::data::Dataset;
use spm_core::payout::{self, Detail};
use spm_plan::CompiledPlan;
use spm_plan::Plan;

/// The ceiling of `maxTrials`.
pub use spm_base::limits::MAX_SIMULATION_TRIALS as MAX_TRIALS;
/// Trials when none are asked for.
pub const DEFAULT_TRIALS: usize = 10_000;
/// Periods of history a fit needs.
pub const MIN_HISTORY: usize = 3;

/// One rep to simulate.
#[derive(Debug, Clone)]
pub struct RepSpec {
    /// Index in the dataset's payees.
    pub payee: usize,
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// The distribution to draw from.
    pub dist: Dist,
    /// Its mean when its sd is 0 (the attainment every trial draws).
    pub fixed: Option<Decimal>,
    /// As reported.
    pub used: UsedDistributionDto,
}

/// The checked options and the reps.
#[derive(Debug, Clone)]
pub struct Model {
    /// Seed.
    pub seed: u64,
    /// Trials.
    pub trials: usize,
    /// Correlation.
    pub correlation: Decimal,
    /// Budget, when given.
    pub budget: Option<Decimal>,
    /// Highest attainment the curves cover.
    pub max_attainment: Decimal,
    /// The deals' close date.
    pub day: Date,
    /// The component drawn.
    pub component_id: String,
    /// Reps in dataset order.
    pub reps: Vec<RepSpec>,
}

/// Checks the options and resolves the reps and their distributions.
///
/// # Errors
/// Every bad option, located; `UNKNOWN_REFERENCE` for an unknown rep or component; the plan's
/// errors on the dataset when history is fitted.
pub fn model(plan: &CompiledPlan, data: &Dataset, o: &SimulationOptionsDto) -> Result<Model> {
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut bad =
        |path: &str, code: Code, what: String, hint: &str| diags.push(Diagnostic::error(path, code, what, hint));
    if o.schema_version.is_some_and(|v| v != 1) {
        bad("schemaVersion", Code::SchemaVersion, "only schema version 1 exists".into(), "write \"schemaVersion\": 1");
    }
    let max_trials = o.max_trials.unwrap_or(MAX_TRIALS);
    if max_trials == 0 || max_trials > MAX_TRIALS {
        bad("maxTrials", Code::LimitExceeded, format!("{max_trials} trials"), "allow 1 to 1000000 trials");
    }
    let trials = o.trials.unwrap_or(DEFAULT_TRIALS.min(max_trials.max(1)));
    if trials == 0 || trials > max_trials {
        bad("trials", Code::LimitExceeded, format!("{trials} trials"), &format!("ask for 1 to {max_trials} trials"));
    }
    let head = plan.plan.head().ok_or_else(|| Error::new(Code::Internal, "a plan set without versions"))?;
    let mut decs = Vec::new();
    let mut get = |d: &Option<spm_base::dec::Dec>, path: &str| d.as_ref().and_then(|d| d.get(path, &mut decs));
    let correlation = get(&o.correlation, "correlation").unwrap_or(Decimal::ZERO);
    let budget = get(&o.budget, "budget");
    let max_attainment = get(&o.max_attainment, "maxAttainment").unwrap_or(Decimal::new(3, 0));
    diags.append(&mut decs);
    let mut bad =
        |path: &str, code: Code, what: String, hint: &str| diags.push(Diagnostic::error(path, code, what, hint));
    if correlation < Decimal::ZERO || correlation >= Decimal::ONE {
        bad("correlation", Code::OutOfRange, "a correlation outside [0, 1)".into(), "give a fraction such as \"0.3\"");
    }
    if budget.is_some_and(|b| b < Decimal::ZERO) {
        bad(
            "budget",
            Code::NegativeValue,
            "a budget below zero".into(),
            "give the period's budget, such as \"250000\"",
        );
    }
    if max_attainment <= Decimal::ZERO || max_attainment > Decimal::ONE_HUNDRED {
        bad("maxAttainment", Code::OutOfRange, "outside (0, 100]".into(), "use \"3\" for 300%");
    }
    let day = match &o.as_of {
        Some(s) => Date::parse(s).or_else(|| {
            bad("asOf", Code::DateInvalid, format!("{s:?} is not a calendar date"), "write YYYY-MM-DD");
            None
        }),
        // The plan's first day, else the dataset's first deal.
        None => head.effective_from.or_else(|| data.transactions.first().map(|t| t.date)),
    };
    let component = match crate::design::curve::primary(head, o.component_id.as_deref()) {
        Some(c) => Some(c.id.clone()),
        None => {
            match &o.component_id {
                Some(id) => bad(
                    "componentId",
                    Code::UnknownReference,
                    format!("the plan has no component {id:?}"),
                    "pick one of the plan's component ids",
                ),
                None => bad(
                    "componentId",
                    Code::UnknownReference,
                    "the plan has no commission or bonus to draw attainment for".into(),
                    "add a commission on an attainment table or a bonus",
                ),
            }
            None
        }
    };
    let default = match &o.default_distribution {
        Some(d) => distribution(d, "defaultDistribution", &mut diags),
        None => Some((DistributionKind::Normal, Decimal::ONE, Decimal::new(25, 2))),
    };
    // The reps: payees of the roles asked for (or the plan's), on the plan.
    let roles = o.roles.clone().or_else(|| head.eligibility.roles.clone());
    let chosen: Vec<usize> = (0..data.payees.len())
        .filter(|&i| {
            data.payees.get(i).is_some_and(|p| {
                roles.as_ref().is_none_or(|r| r.contains(&p.role)) && head.eligibility.accepts(&p.id, &p.role)
            })
        })
        .collect();
    if chosen.is_empty() {
        diags.push(Diagnostic::error(
            "roles",
            Code::UnknownReference,
            "no payee of the dataset is on the plan with these roles",
            "load the payees the plan pays, or name their roles in `roles`",
        ));
    }
    let mut declared: Vec<Option<(DistributionKind, Decimal, Decimal)>> = vec![None; data.payees.len()];
    for (i, r) in o.reps.iter().enumerate() {
        let d = distribution(&r.distribution, &format!("reps[{i}].distribution"), &mut diags);
        match data.payee_index(&r.id).filter(|p| chosen.contains(p)) {
            None => diags.push(Diagnostic::error(
                format!("reps[{i}].id"),
                Code::UnknownReference,
                format!("no rep {:?} in the simulation", r.id),
                "use the id of a payee of the dataset that the plan pays",
            )),
            Some(p) => match declared.get_mut(p) {
                Some(slot) if slot.is_some() => diags.push(Diagnostic::error(
                    format!("reps[{i}].id"),
                    Code::IdInvalid,
                    format!("rep {:?} is declared twice", r.id),
                    "declare each rep once",
                )),
                Some(slot) => *slot = d,
                None => {}
            },
        }
    }
    if !diags.is_empty() {
        return Err(Error::from_diagnostics(diags));
    }
    let (Some(component_id), Some(day), Some(default)) = (component, day, default) else {
        return Err(Error::at(
            "asOf",
            Code::MissingField,
            "no day to simulate: the plan has no first day and the dataset no deals",
            "give asOf, a day of the period to simulate",
        ));
    };
    let fit = o.fit_history.unwrap_or(true) && chosen.iter().any(|p| declared.get(*p).is_some_and(Option::is_none));
    let history = if fit { history(plan, data, &component_id)? } else { Vec::new() };
    let mut reps = Vec::with_capacity(chosen.len());
    for p in chosen {
        let Some(payee) = data.payees.get(p) else { continue };
        let hist = history.get(p).filter(|h| h.len() >= MIN_HISTORY);
        let (kind, mean, sd, source, periods) = match (declared.get(p).copied().flatten(), hist) {
            (Some((k, m, s)), _) => (k, m, s, "declared", None),
            (None, Some(h)) => {
                let (m, s) = moments(h);
                // A lognormal needs a positive mean; a history averaging 0 is fitted as normal.
                let k = if default.0 == DistributionKind::Lognormal && m <= Decimal::ZERO {
                    DistributionKind::Normal
                } else {
                    default.0
                };
                (k, m, s, "fitted", Some(h.len()))
            }
            (None, None) => (default.0, default.1, default.2, "default", None),
        };
        let (mf, sf) = (to_f64(mean), to_f64(sd));
        let dist = match kind {
            DistributionKind::Normal => Dist::normal(mf, sf),
            DistributionKind::Lognormal => Dist::lognormal(mf, sf),
        };
        reps.push(RepSpec {
            payee: p,
            id: payee.id.clone(),
            name: payee.name.clone(),
            dist,
            fixed: sd.is_zero().then_some(mean),
            used: UsedDistributionDto {
                kind,
                mean: spm_base::fmt::ratio(mean),
                sd: spm_base::fmt::ratio(sd),
                source: source.into(),
                periods,
            },
        });
    }
    Ok(Model { seed: o.seed.unwrap_or(1), trials, correlation, budget, max_attainment, day, component_id, reps })
}

/// A declared distribution, checked: (kind, mean, sd).
fn distribution(
    d: &DistributionDto,
    at: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<(DistributionKind, Decimal, Decimal)> {
    let mean = d.mean.get(&format!("{at}.mean"), diags);
    let sd = d.sd.get(&format!("{at}.sd"), diags);
    let (mean, sd) = (mean?, sd?);
    let mut ok = true;
    if mean < Decimal::ZERO {
        diags.push(Diagnostic::error(
            format!("{at}.mean"),
            Code::NegativeValue,
            "a mean attainment below zero",
            "give the mean as a fraction of quota, such as \"1\" for 100%",
        ));
        ok = false;
    }
    if sd < Decimal::ZERO {
        diags.push(Diagnostic::error(
            format!("{at}.sd"),
            Code::NegativeValue,
            "a standard deviation below zero",
            "give the spread as a fraction of quota, such as \"0.25\", or \"0\" for a fixed attainment",
        ));
        ok = false;
    }
    if d.kind == DistributionKind::Lognormal && mean.is_zero() && sd > Decimal::ZERO {
        diags.push(Diagnostic::error(
            format!("{at}.mean"),
            Code::OutOfRange,
            "a lognormal distribution needs a mean above zero",
            "give a positive mean, or use a normal distribution",
        ));
        ok = false;
    }
    if mean > Decimal::ONE_HUNDRED || sd > Decimal::ONE_HUNDRED {
        diags.push(Diagnostic::error(
            at,
            Code::OutOfRange,
            "a mean or sd above 100 (10,000% of quota)",
            "attainment is a fraction of quota: \"1\" is 100%",
        ));
        ok = false;
    }
    ok.then_some((d.kind, mean, sd))
}

/// Sample mean and standard deviation (n − 1), to 6 decimals.
fn moments(h: &[Decimal]) -> (Decimal, Decimal) {
    let n = h.len() as f64;
    let mean = h.iter().map(|a| to_f64(*a)).sum::<f64>() / n;
    let var = h.iter().map(|a| (to_f64(*a) - mean) * (to_f64(*a) - mean)).sum::<f64>() / (n - 1.0).max(1.0);
    (to_decimal(mean, 6), to_decimal(var.sqrt(), 6).max(Decimal::ZERO))
}

/// Every payee's attainment of `component` in each period of the dataset (credit / quota of
/// their statement), by payee index.
fn history(plan: &CompiledPlan, data: &Dataset, component: &str) -> Result<Vec<Vec<Decimal>>> {
    let report = payout::calculate(&plan.plan, data, Detail::Summary)?;
    let mut out: Vec<Vec<Decimal>> = vec![Vec::new(); data.payees.len()];
    for s in &report.statements {
        let found = s.components.iter().find_map(|c| {
            let v: &Plan = s.parts.get(c.part).and_then(|p| plan.plan.versions.get(p.version))?;
            let pc = v.components.get(c.component)?;
            (pc.id == component).then_some(c)?;
            c.quota.filter(|q| *q > Decimal::ZERO).map(|q| (c.credit, q))
        });
        if let (Some((credit, quota)), Some(list)) = (found, out.get_mut(s.payee)) {
            list.push(money::div(credit, quota)?);
        }
    }
    Ok(out)
}
