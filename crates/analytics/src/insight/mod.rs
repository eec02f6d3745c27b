//! Insight (issue 8): analytics, coaching and sentiment over a plan's back-test and a set of
//! opportunities (deals with stage history, activities and notes).
//!
//! The steps of [`insights`]: `input` checks the opportunity set against the dataset (every
//! problem located, `deals[3].stageHistory[1].date`); `design::backtest` runs the plan over the
//! dataset (attainment, pay against performance, cost of sales) and, for coverage, over the
//! bookings up to `asOf` with the plan year as horizon (the quota still to go); `sentiment`
//! scores every note; `funnel` computes velocity, stage conversion, time in stage and cycle
//! length; `pipeline` coverage and health; `coaching` each rep against the benchmark; `perf`
//! the back-test views and the summary. docs/insight.md has the formulas. Money is exact
//! (`rust_decimal`); statistics that need a square root (correlation, sentiment) use floats
//! with IEEE-exact operations only, so native and wasm agree byte for byte. Scored text stays
//! where it is: the engine runs in the page and sends nothing anywhere.

mod coaching;
pub mod dto;
mod funnel;
mod input;
pub mod lexicon;
mod perf;
mod pipeline;
mod sample;
pub mod sentiment;
mod stats;

pub use sample::{sample, sample_json};
pub use sentiment::sentiment;

use crate::insight::dto::{BenchmarkDto, InsightOptionsDto, InsightsDto, OpportunitySetDto};
use rust_decimal::Decimal;
use spm_base::error::DiagnosticDto;
use spm_base::error::Result;
use spm_base::period::Date;
use spm_core::data::Dataset;
use spm_plan::CompiledPlan;

/// The most deals a run takes.
pub use spm_base::limits::MAX_INSIGHT_DEALS as MAX_DEALS;
/// The longest note, in characters.
pub use spm_base::limits::MAX_NOTE_CHARS;

/// Where a deal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Status {
    Open,
    Won,
    Lost,
}

/// A checked deal.
#[derive(Debug, Clone)]
pub(crate) struct Deal<'a> {
    pub id: &'a str,
    pub name: Option<&'a str>,
    /// Index of the owner in the dataset's payees.
    pub payee: usize,
    pub team: String,
    pub amount: Decimal,
    pub created: Date,
    pub close: Date,
    pub status: Status,
    /// (stage index, day entered), oldest first.
    pub history: Vec<(usize, Date)>,
    /// The furthest stage reached; the number of stages for a won deal (past every stage).
    pub level: usize,
    /// The stage of the last change.
    pub current: usize,
    /// The day of the last change.
    pub last_change: Date,
    pub activities: u64,
    pub next_step: bool,
    pub notes: Vec<(Date, &'a str)>,
}

impl Deal<'_> {
    /// Won or lost.
    pub fn closed(&self) -> bool {
        self.status != Status::Open
    }

    /// Days from created to close.
    pub fn cycle_days(&self) -> i64 {
        self.created.days_until(self.close)
    }
}

/// The run's settings, defaults applied.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Settings {
    pub as_of: Date,
    pub coverage_to: Date,
    pub aged_days: u32,
    pub stalled_days: u32,
    pub half_life: u32,
    pub min_closed: u32,
    pub benchmark: BenchmarkDto,
}

/// What every part of a run reads.
pub(crate) struct Ctx<'a> {
    pub data: &'a Dataset,
    pub stages: &'a [String],
    pub deals: &'a [Deal<'a>],
    pub settings: Settings,
    pub currency: String,
    pub minor: u32,
    /// Per deal: its recency-weighted sentiment, when it has notes.
    pub sentiment: Vec<Option<f64>>,
    /// Per deal, per note: its score.
    pub notes: Vec<Vec<sentiment::Score>>,
    /// Per payee: the team of its first deal, else its manager on `asOf`, else "(no team)".
    pub team: Vec<String>,
}

impl Ctx<'_> {
    /// A payee's name.
    pub fn name(&self, payee: usize) -> &str {
        self.data.payees.get(payee).map_or("", |p| p.name.as_str())
    }

    /// A payee's id.
    pub fn id(&self, payee: usize) -> &str {
        self.data.payees.get(payee).map_or("", |p| p.id.as_str())
    }

    /// An amount at the currency's minor units.
    pub fn amt(&self, v: Decimal) -> String {
        spm_base::fmt::fixed(v, self.minor)
    }

    /// An amount for a sentence.
    pub fn words(&self, v: Decimal) -> String {
        stats::words(v, &self.currency)
    }

    /// A payee's team.
    pub fn team_of(&self, payee: usize) -> &str {
        self.team.get(payee).map_or("(no team)", String::as_str)
    }

    /// A team's display name: "Team Morgan Haddad" when the team is a payee (its manager),
    /// else "Team " and the team.
    pub fn team_name(&self, team: &str) -> String {
        match self.data.payee_index(team).and_then(|i| self.data.payees.get(i)) {
            Some(p) if !p.name.is_empty() => format!("Team {}", p.name),
            _ => format!("Team {team}"),
        }
    }

    /// Payees owning deals, in payee order.
    pub fn reps(&self) -> Vec<usize> {
        let mut has = vec![false; self.data.payees.len()];
        for d in self.deals {
            if let Some(slot) = has.get_mut(d.payee) {
                *slot = true;
            }
        }
        has.iter().enumerate().filter(|(_, h)| **h).map(|(i, _)| i).collect()
    }

    /// Teams, sorted by name.
    pub fn teams(&self) -> Vec<String> {
        let set: std::collections::BTreeSet<&str> = self.deals.iter().map(|d| d.team.as_str()).collect();
        set.into_iter().map(str::to_string).collect()
    }
}

/// Runs every insight: the plan over the dataset, and the opportunity set.
///
/// # Errors
/// Every problem of the opportunity set and options, located; the plan's errors on the data
/// (`QUOTA_MISSING`, `RATE_MISSING`, …); `OVERFLOW` past the decimal range.
pub fn insights(
    plan: &CompiledPlan,
    data: &Dataset,
    set: &OpportunitySetDto,
    options: &InsightOptionsDto,
) -> Result<InsightsDto> {
    let checked = input::check(plan, data, set, options)?;
    let settings = checked.settings;
    let full = crate::design::backtest(plan, data)?;
    let to_date = perf::backtest_to_date(plan, data, settings.as_of)?;
    let minor = plan.plan.head().map_or(2, |h| h.currency.minor_units());
    let notes: Vec<Vec<sentiment::Score>> =
        checked.deals.iter().map(|d| d.notes.iter().map(|(_, text)| sentiment::score(text)).collect()).collect();
    let sentiment: Vec<Option<f64>> = checked
        .deals
        .iter()
        .zip(&notes)
        .map(|(d, scores)| {
            let pairs: Vec<(f64, i64)> = d
                .notes
                .iter()
                .zip(scores)
                .map(|((day, _), sc)| (sc.compound, day.days_until(settings.as_of)))
                .collect();
            sentiment::aggregate(&pairs, settings.half_life)
        })
        .collect();
    let mut team: Vec<Option<String>> = vec![None; data.payees.len()];
    for d in &checked.deals {
        if let Some(slot) = team.get_mut(d.payee) {
            slot.get_or_insert_with(|| d.team.clone());
        }
    }
    let team = team
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            t.or_else(|| data.manager_of(i, settings.as_of).and_then(|m| data.payees.get(m)).map(|p| p.id.clone()))
                .unwrap_or_else(|| "(no team)".to_string())
        })
        .collect();
    let ctx = Ctx {
        data,
        stages: &checked.stages,
        deals: &checked.deals,
        settings,
        currency: full.currency.clone(),
        minor,
        sentiment,
        notes,
        team,
    };
    let attainment = perf::attainment(&full)?;
    let pay = perf::pay_vs_performance(&ctx, &full)?;
    let cost = perf::cost_of_sales(&ctx, &full)?;
    let velocity = funnel::velocity(&ctx)?;
    let stages = funnel::funnel(&ctx)?;
    let cycle = funnel::cycle(&ctx)?;
    let coverage = pipeline::coverage(&ctx, to_date.as_ref().unwrap_or(&full))?;
    let health = pipeline::health(&ctx)?;
    let sentiment = pipeline::sentiment_summary(&ctx);
    let coaching = coaching::coaching(&ctx)?;
    let summary = perf::summary(&attainment, &velocity, &coverage, &health, &coaching);
    Ok(InsightsDto {
        schema_version: 1,
        plan_id: full.plan_id.clone(),
        currency: full.currency.clone(),
        as_of: settings.as_of.to_string(),
        stages: checked.stages.clone(),
        summary,
        attainment,
        pay_vs_performance: pay,
        cost_of_sales: cost,
        velocity,
        funnel: stages,
        cycle,
        coverage,
        health,
        sentiment,
        coaching,
        warnings: checked.warnings.iter().map(DiagnosticDto::from).collect(),
    })
}

/// [`insights`] on JSON text: the opportunity set and, optionally, the options.
///
/// # Errors
/// `JSON_SYNTAX`, `UNKNOWN_FIELD`, `MISSING_FIELD`, `WRONG_TYPE` with their paths, then those
/// of [`insights`].
pub fn insights_json(
    plan: &CompiledPlan,
    data: &Dataset,
    opportunities: &str,
    options: Option<&str>,
) -> Result<InsightsDto> {
    let set: OpportunitySetDto = spm_base::json::from_str(opportunities, "the opportunities")?;
    let opts: InsightOptionsDto = match options {
        Some(t) => spm_base::json::from_str(t, "the insight options")?,
        None => InsightOptionsDto::default(),
    };
    insights(plan, data, &set, &opts)
}

/// [`insights_json`] written as JSON text (what the wasm `insightsJson` returns byte for byte).
///
/// # Errors
/// Those of [`insights_json`].
pub fn insights_json_text(
    plan: &CompiledPlan,
    data: &Dataset,
    opportunities: &str,
    options: Option<&str>,
) -> Result<String> {
    let out = insights_json(plan, data, opportunities, options)?;
    serde_json::to_string(&out).map_err(|e| spm_base::error::Error::new(spm_base::error::Code::Internal, e.to_string()))
}
