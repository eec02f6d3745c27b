//! Coaching: each rep's funnel metrics (win rate, average won deal, cycle length, activity per
//! deal, conversion at each stage) against the benchmark's median and top quartile, and the
//! largest gap named with a suggestion in plain words.
//!
//! The gap score is the rep's sales-velocity gain from reaching the benchmark: velocity is
//! open × win rate × deal size ÷ cycle, so raising a "higher is better" metric from `v` to `b`
//! multiplies it by `b / v` (a stage's conversion multiplies the win rate it is part of), and
//! shortening the cycle from `v` to `b` by `v / b`; the score is that factor minus 1, capped at
//! 9 (a rep at 0). Activity is a leading indicator, not a factor of velocity: its score counts
//! half. Ties go to the first metric in the order win rate, deal size, cycle, the stages in
//! funnel order, activity.

use super::funnel::{conversions, rate, Group};
use super::stats::{self, pct};
use super::Ctx;
use crate::insight::dto::{BenchmarkDto, BenchmarkMetricDto, CoachingDto, FocusDto, RepCoachingDto, RepMetricDto};
use rust_decimal::Decimal;
use spm_base::error::Result;
use spm_base::fmt::{fixed, ratio};
use spm_base::money;
use spm_base::quantile;

/// A metric: (id, stage index for conversions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Metric {
    WinRate,
    DealSize,
    Cycle,
    Conversion(usize),
    Activity,
}

impl Metric {
    fn id(self) -> &'static str {
        match self {
            Metric::WinRate => "winRate",
            Metric::DealSize => "dealSize",
            Metric::Cycle => "cycleDays",
            Metric::Conversion(_) => "conversion",
            Metric::Activity => "activityPerDeal",
        }
    }

    fn lower_is_better(self) -> bool {
        self == Metric::Cycle
    }
}

/// A metric id in words.
pub(crate) fn metric_words(id: &str) -> &'static str {
    match id {
        "winRate" => "win rate",
        "dealSize" => "average deal size",
        "cycleDays" => "cycle length",
        "conversion" => "stage conversion",
        _ => "activity per deal",
    }
}

fn label(ctx: &Ctx<'_>, m: Metric) -> String {
    match m {
        Metric::Conversion(i) => format!(
            "conversion from {} to {}",
            ctx.stages.get(i).map_or("", String::as_str),
            ctx.stages.get(i + 1).map_or("Won", String::as_str)
        ),
        _ => metric_words(m.id()).to_string(),
    }
}

/// Every metric of some deals, in tie-break order.
fn metrics<'a, 'b: 'a>(
    ctx: &Ctx<'_>,
    deals: impl Iterator<Item = &'a super::Deal<'b>> + Clone,
) -> Result<Vec<(Metric, Option<Decimal>)>> {
    let g = Group::of(deals.clone())?;
    let mut out =
        vec![(Metric::WinRate, g.win_rate()?), (Metric::DealSize, g.deal_size()?), (Metric::Cycle, g.cycle()?)];
    for (i, c) in conversions(ctx.stages.len(), deals).iter().enumerate() {
        out.push((Metric::Conversion(i), rate(c)?));
    }
    out.push((Metric::Activity, g.activity()?));
    Ok(out)
}

/// Median and top-quartile edge of each metric over the reps given.
fn benchmark(
    all: &[Vec<(Metric, Option<Decimal>)>],
    reps: &[usize],
) -> Result<Vec<(Option<Decimal>, Option<Decimal>)>> {
    let n = all.first().map_or(0, Vec::len);
    let mut out = Vec::with_capacity(n);
    for j in 0..n {
        let mut v: Vec<Decimal> =
            reps.iter().filter_map(|r| all.get(*r).and_then(|m| m.get(j)).and_then(|x| x.1)).collect();
        v.sort();
        let lower = all.first().and_then(|m| m.get(j)).is_some_and(|x| x.0.lower_is_better());
        let top = if lower { Decimal::new(25, 2) } else { Decimal::new(75, 2) };
        out.push((quantile::linear_exact(&v, Decimal::new(5, 1))?, quantile::linear_exact(&v, top)?));
    }
    Ok(out)
}

/// The velocity gain of moving `v` to `b` (0 when `v` is there already), capped at 9.
fn gain(m: Metric, v: Decimal, b: Decimal) -> Result<Decimal> {
    let cap = Decimal::from(9);
    let factor = if m.lower_is_better() {
        if v <= b || b <= Decimal::ZERO {
            return Ok(Decimal::ZERO);
        }
        money::div(v, b)?
    } else {
        if v >= b {
            return Ok(Decimal::ZERO);
        }
        if v <= Decimal::ZERO {
            return if m == Metric::Activity { money::div(cap, Decimal::TWO) } else { Ok(cap) };
        }
        money::div(b, v)?
    };
    let g = money::sub(factor, Decimal::ONE)?.min(cap);
    if m == Metric::Activity {
        money::div(g, Decimal::TWO)
    } else {
        Ok(g)
    }
}

/// A value in the metric's own words.
fn show(ctx: &Ctx<'_>, m: Metric, v: Decimal) -> String {
    match m {
        Metric::WinRate | Metric::Conversion(_) => pct(v),
        Metric::DealSize => ctx.words(v),
        Metric::Cycle => format!("{} days", fixed(v, 0)),
        Metric::Activity => fixed(v, 1),
    }
}

fn finding(ctx: &Ctx<'_>, m: Metric, v: Decimal, med: Decimal, top: Decimal, whose: &str) -> String {
    let (v, med, top) = (show(ctx, m, v), show(ctx, m, med), show(ctx, m, top));
    match m {
        Metric::WinRate => format!("Your win rate is {v} against {whose} {med} (top quartile: {top})."),
        Metric::DealSize => format!("Your average won deal is {v} against {whose} {med} (top quartile: {top})."),
        Metric::Cycle => format!("Your won deals take {v} to close against {whose} {med} (top quartile: {top})."),
        Metric::Activity => format!("You log {v} activities per deal against {whose} {med} (top quartile: {top})."),
        Metric::Conversion(i) => format!(
            "Your deals move on from {} to {} {v} of the time against {whose} {med} (top quartile: {top}).",
            ctx.stages.get(i).map_or("", String::as_str),
            ctx.stages.get(i + 1).map_or("Won", String::as_str)
        ),
    }
}

fn suggestion(ctx: &Ctx<'_>, m: Metric) -> String {
    match m {
        Metric::WinRate => "Qualify harder early: confirm budget, authority, need and timing before a deal enters your pipeline, and look through your last lost deals for a common reason.".to_string(),
        Metric::DealSize => "Widen each deal: bring in more stakeholders and use cases, and lead with the fuller package before you talk discount.".to_string(),
        Metric::Cycle => "Shorten the cycle: agree a mutual close plan with each buyer and end every meeting with a dated next step.".to_string(),
        Metric::Activity => "Touch your deals more often: plan a call, meeting or follow-up for every open deal each week.".to_string(),
        Metric::Conversion(i) => {
            let (a, b) = (ctx.stages.get(i).map_or("", String::as_str), ctx.stages.get(i + 1).map_or("Won", String::as_str));
            format!("Work on the step from {a} to {b}: see what your deals that moved on had in {a} that the others lacked, and hold every deal to those exit criteria before {b}.")
        }
    }
}

/// Each rep against the benchmark.
pub(crate) fn coaching(ctx: &Ctx<'_>) -> Result<CoachingDto> {
    let st = ctx.settings;
    let reps = ctx.reps();
    let all: Vec<Vec<(Metric, Option<Decimal>)>> =
        reps.iter().map(|p| metrics(ctx, ctx.deals.iter().filter(|d| d.payee == *p))).collect::<Result<_>>()?;
    let closed: Vec<usize> =
        reps.iter().map(|p| ctx.deals.iter().filter(|d| d.payee == *p && d.closed()).count()).collect();
    let eligible: Vec<usize> =
        (0..reps.len()).filter(|k| closed.get(*k).is_some_and(|c| *c >= st.min_closed as usize)).collect();
    let company = benchmark(&all, &eligible)?;
    let template = metrics(ctx, ctx.deals.iter())?;
    let company_dto = template
        .iter()
        .zip(&company)
        .map(|((m, _), (med, top))| BenchmarkMetricDto {
            metric: m.id().to_string(),
            stage: stage_of(ctx, *m),
            label: label(ctx, *m),
            reps: eligible.len(),
            median: med.map(ratio),
            top_quartile: top.map(ratio),
        })
        .collect();
    let mut out = Vec::with_capacity(reps.len());
    for (k, p) in reps.iter().enumerate() {
        let team = ctx.team_of(*p);
        let benchmarked = eligible.contains(&k);
        let (bench, whose) = match st.benchmark {
            BenchmarkDto::Team => {
                let mates: Vec<usize> = eligible
                    .iter()
                    .copied()
                    .filter(|e| reps.get(*e).is_some_and(|r| ctx.team_of(*r) == team))
                    .collect();
                if mates.len() >= 3 {
                    (benchmark(&all, &mates)?, "the team's")
                } else {
                    (company.clone(), "the company's")
                }
            }
            BenchmarkDto::Company => (company.clone(), "the company's"),
        };
        let mut rows = Vec::new();
        // (gap, against top quartile, metric, value, median, top)
        let mut best: Option<(Decimal, bool, Metric, Decimal, Decimal, Decimal)> = None;
        let mut best_top: Option<(Decimal, bool, Metric, Decimal, Decimal, Decimal)> = None;
        for ((m, v), (med, top)) in all.get(k).map_or(&[][..], Vec::as_slice).iter().zip(&bench) {
            let g = match (v, med) {
                (Some(v), Some(b)) => gain(*m, *v, *b)?,
                _ => Decimal::ZERO,
            };
            let gt = match (v, top) {
                (Some(v), Some(b)) => gain(*m, *v, *b)?,
                _ => Decimal::ZERO,
            };
            if let (Some(v), Some(b), Some(t), true) = (v, med, top, benchmarked) {
                if g > Decimal::ZERO && best.is_none_or(|x| g > x.0) {
                    best = Some((g, false, *m, *v, *b, *t));
                }
                if gt > Decimal::ZERO && best_top.is_none_or(|x| gt > x.0) {
                    best_top = Some((gt, true, *m, *v, *b, *t));
                }
            }
            rows.push(RepMetricDto {
                metric: m.id().to_string(),
                stage: stage_of(ctx, *m),
                label: label(ctx, *m),
                value: v.map(ratio),
                median: med.map(ratio),
                top_quartile: top.map(ratio),
                better: if m.lower_is_better() { "lower" } else { "higher" }.to_string(),
                gap: ratio(g),
                gap_to_top: ratio(gt),
            });
        }
        let n_closed = closed.get(k).copied().unwrap_or(0);
        let mut sentences = Vec::new();
        let focus = if !benchmarked {
            sentences.push(format!(
                "Only {n_closed} closed deal{} so far: coaching compares reps with at least {} closed deals.",
                stats::s(n_closed),
                st.min_closed
            ));
            None
        } else {
            match best.or(best_top) {
                None => {
                    sentences.push(
                        "You are at or above the top quartile on every measure: keep doing what works.".to_string(),
                    );
                    None
                }
                Some((g, to_top, m, v, med, top)) => {
                    let f = finding(ctx, m, v, med, top, whose);
                    let target = if to_top { "the top quartile" } else { "the median" };
                    let effect = if m == Metric::Activity {
                        "Activity drives results rather than being one, so this gap counts half.".to_string()
                    } else {
                        format!("Reaching {target} would raise your sales velocity by about {}.", pct(g))
                    };
                    if to_top {
                        sentences.push("You are at or above the median on every measure.".to_string());
                    }
                    sentences.push(f.clone());
                    sentences.push(effect);
                    let s = suggestion(ctx, m);
                    sentences.push(s.clone());
                    Some(FocusDto {
                        metric: m.id().to_string(),
                        stage: stage_of(ctx, m),
                        against: if to_top { "topQuartile" } else { "median" }.to_string(),
                        gap: ratio(g),
                        finding: f,
                        suggestion: s,
                    })
                }
            }
        };
        out.push(RepCoachingDto {
            payee_id: ctx.id(*p).to_string(),
            name: ctx.name(*p).to_string(),
            team: team.to_string(),
            closed_deals: n_closed,
            benchmarked,
            metrics: rows,
            focus,
            sentences,
        });
    }
    Ok(CoachingDto { min_closed_deals: st.min_closed, benchmark: st.benchmark, company: company_dto, reps: out })
}

fn stage_of(ctx: &Ctx<'_>, m: Metric) -> Option<String> {
    match m {
        Metric::Conversion(i) => ctx.stages.get(i).cloned(),
        _ => None,
    }
}
