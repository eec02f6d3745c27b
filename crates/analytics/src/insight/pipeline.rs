//! The open pipeline: coverage (open pipeline against the quota still to go, per rep, team and
//! company), health (aged, stalled, past-due deals, deals without a next step or with negative
//! sentiment, each with its reasons) and the notes' sentiment per deal.

use super::sentiment::{self, NEGATIVE, POSITIVE};
use super::stats::s;
use super::{Ctx, Status};
use crate::design::dto::BacktestDto;
use crate::insight::dto::{
    CoverageDto, CoverageRowDto, DealHealthDto, DealSentimentDto, DealStatusDto, FlagCountDto, HealthDto, NoteScoreDto,
    SentimentSummaryDto,
};
use rust_decimal::Decimal;
use spm_base::dec::parse_decimal;
use spm_base::error::Result;
use spm_base::fmt::{fixed, float, ratio};
use spm_base::money;
use std::collections::BTreeMap;

/// Open pipeline and remaining quota of a group.
#[derive(Debug, Clone, Copy, Default)]
struct Cover {
    deals: usize,
    open: Decimal,
    remaining: Option<Decimal>,
}

impl Cover {
    fn add(&mut self, o: &Cover) -> Result<()> {
        self.deals += o.deals;
        self.open = money::add(self.open, o.open)?;
        if let Some(r) = o.remaining {
            self.remaining = Some(money::add(self.remaining.unwrap_or_default(), r)?);
        }
        Ok(())
    }
}

fn cover_row(ctx: &Ctx<'_>, id: &str, name: &str, c: &Cover) -> Result<CoverageRowDto> {
    let cov = match c.remaining {
        Some(r) if r > Decimal::ZERO => Some(money::div(c.open, r)?),
        _ => None,
    };
    let explanation = match (c.remaining, cov) {
        (Some(r), Some(x)) => format!(
            "{name}: {} of open pipeline against {} of quota still to go: {}× coverage.",
            ctx.words(c.open),
            ctx.words(r),
            fixed(x, 1)
        ),
        (Some(_), None) => {
            format!("{name}: the year's quota is already reached; {} of open pipeline is upside.", ctx.words(c.open))
        }
        (None, _) => format!("{name}: {} of open pipeline; no quota in the back-test.", ctx.words(c.open)),
    };
    Ok(CoverageRowDto {
        id: id.to_string(),
        name: name.to_string(),
        open_deals: c.deals,
        open_pipeline: ctx.amt(c.open),
        remaining_quota: c.remaining.map(|r| ctx.amt(r)),
        coverage: cov.map(ratio),
        explanation,
    })
}

/// Coverage: open deals closing by `coverageTo` against the plan year's quota minus the credit
/// to `asOf`, from the back-test to date.
pub(crate) fn coverage(ctx: &Ctx<'_>, to_date: &BacktestDto) -> Result<CoverageDto> {
    let n = ctx.data.payees.len();
    let mut per = vec![Cover::default(); n];
    let mut has = vec![false; n];
    for p in &to_date.payees {
        let (Some(i), Some(q)) = (ctx.data.payee_index(&p.id), p.quota.as_deref().and_then(parse_decimal)) else {
            continue;
        };
        let credit = parse_decimal(&p.credit).unwrap_or_default();
        if let (Some(slot), Some(h)) = (per.get_mut(i), has.get_mut(i)) {
            slot.remaining = Some(money::sub(q, credit)?.max(Decimal::ZERO));
            *h = true;
        }
    }
    for d in ctx.deals.iter().filter(|d| d.status == Status::Open && d.close <= ctx.settings.coverage_to) {
        if let (Some(slot), Some(h)) = (per.get_mut(d.payee), has.get_mut(d.payee)) {
            slot.deals += 1;
            slot.open = money::add(slot.open, d.amount)?;
            *h = true;
        }
    }
    let mut company = Cover::default();
    let mut teams: BTreeMap<&str, Cover> = BTreeMap::new();
    let mut reps = Vec::new();
    for (i, c) in per.iter().enumerate() {
        if !has.get(i).copied().unwrap_or(false) {
            continue;
        }
        company.add(c)?;
        teams.entry(ctx.team_of(i)).or_default().add(c)?;
        reps.push(cover_row(ctx, ctx.id(i), ctx.name(i), c)?);
    }
    let mut team_rows = Vec::new();
    for (t, c) in &teams {
        team_rows.push(cover_row(ctx, t, &ctx.team_name(t), c)?);
    }
    Ok(CoverageDto {
        to: ctx.settings.coverage_to.to_string(),
        company: cover_row(ctx, "company", "The company", &company)?,
        teams: team_rows,
        reps,
    })
}

const FLAGS: [(&str, &str); 5] = [
    ("aged", "aged"),
    ("stalled", "stalled"),
    ("pastDue", "past due"),
    ("noNextStep", "no next step"),
    ("negativeSentiment", "negative sentiment"),
];

/// Pipeline health of the open deals.
pub(crate) fn health(ctx: &Ctx<'_>) -> Result<HealthDto> {
    let st = ctx.settings;
    let mut counts = [(0usize, Decimal::ZERO); 5];
    let (mut open, mut open_amount) = (0usize, Decimal::ZERO);
    let mut rows: Vec<(usize, Decimal, DealHealthDto)> = Vec::new();
    for (k, d) in ctx.deals.iter().enumerate() {
        if d.status != Status::Open {
            continue;
        }
        open += 1;
        open_amount = money::add(open_amount, d.amount)?;
        let age = d.created.days_until(st.as_of);
        let idle = d.last_change.days_until(st.as_of);
        let stage = ctx.stages.get(d.current).cloned().unwrap_or_default();
        let mood = ctx.sentiment.get(k).copied().flatten();
        let overdue = d.close.days_until(st.as_of);
        let hits = [
            (age > i64::from(st.aged_days)).then(|| format!("Created {age} days ago (more than {}).", st.aged_days)),
            (idle > i64::from(st.stalled_days))
                .then(|| format!("In {stage} for {idle} days without a stage change (more than {}).", st.stalled_days)),
            (overdue > 0)
                .then(|| format!("Expected to close on {}, {overdue} day{} ago.", d.close, s(overdue as usize))),
            (!d.next_step).then(|| "No next step is recorded.".to_string()),
            mood.filter(|m| *m <= NEGATIVE).map(|m| format!("Its notes read negative (sentiment {}).", float(m, 2))),
        ];
        let mut flags = Vec::new();
        let mut reasons = Vec::new();
        for (j, h) in hits.into_iter().enumerate() {
            if let (Some(r), Some((f, _)), Some(c)) = (h, FLAGS.get(j), counts.get_mut(j)) {
                flags.push((*f).to_string());
                reasons.push(r);
                c.0 += 1;
                c.1 = money::add(c.1, d.amount)?;
            }
        }
        if flags.is_empty() {
            continue;
        }
        rows.push((
            flags.len(),
            d.amount,
            DealHealthDto {
                id: d.id.to_string(),
                name: d.name.map(str::to_string),
                payee_id: ctx.id(d.payee).to_string(),
                stage,
                amount: ctx.amt(d.amount),
                age_days: age,
                days_in_stage: idle,
                close_date: d.close.to_string(),
                flags,
                sentiment: mood.map(|m| float(m, 4)),
                reasons,
            },
        ));
    }
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then_with(|| a.2.id.cmp(&b.2.id)));
    let at_risk = rows.len();
    let risk_amount = rows.iter().try_fold(Decimal::ZERO, |acc, r| money::add(acc, r.1))?;
    let flags: Vec<FlagCountDto> = FLAGS
        .iter()
        .zip(counts)
        .map(|((f, label), (n, a))| FlagCountDto {
            flag: (*f).to_string(),
            label: (*label).to_string(),
            deals: n,
            amount: ctx.amt(a),
        })
        .collect();
    let mut explanation = vec![format!(
        "{at_risk} of {open} open deal{} ({} of {}) carry at least one risk flag.",
        s(open),
        ctx.words(risk_amount),
        ctx.words(open_amount)
    )];
    let parts: Vec<String> = flags.iter().filter(|f| f.deals > 0).map(|f| format!("{} {}", f.deals, f.label)).collect();
    if !parts.is_empty() {
        explanation.push(format!(
            "By flag: {} (aged: over {} days old; stalled: no stage change for over {} days).",
            parts.join(", "),
            st.aged_days,
            st.stalled_days
        ));
    }
    Ok(HealthDto {
        aged_days: st.aged_days,
        stalled_days: st.stalled_days,
        open_deals: open,
        open_amount: ctx.amt(open_amount),
        flags,
        deals: rows.into_iter().map(|r| r.2).collect(),
        explanation,
    })
}

/// Every deal's notes, scored, and the deal's recency-weighted score.
pub(crate) fn sentiment_summary(ctx: &Ctx<'_>) -> SentimentSummaryDto {
    let (mut total, mut pos, mut neu, mut neg) = (0, 0, 0, 0);
    let mut deals = Vec::new();
    for (k, d) in ctx.deals.iter().enumerate() {
        let (Some(scores), Some(Some(agg))) = (ctx.notes.get(k), ctx.sentiment.get(k)) else { continue };
        let mut notes = Vec::with_capacity(scores.len());
        for ((day, _), sc) in d.notes.iter().zip(scores) {
            total += 1;
            match sentiment::label(sc.compound) {
                "positive" => pos += 1,
                "negative" => neg += 1,
                _ => neu += 1,
            }
            notes.push(NoteScoreDto {
                date: day.to_string(),
                weight: float(sentiment::weight(day.days_until(ctx.settings.as_of), ctx.settings.half_life), 4),
                score: sentiment::to_dto(sc),
            });
        }
        deals.push(DealSentimentDto {
            deal_id: d.id.to_string(),
            payee_id: ctx.id(d.payee).to_string(),
            status: match d.status {
                Status::Open => DealStatusDto::Open,
                Status::Won => DealStatusDto::Won,
                Status::Lost => DealStatusDto::Lost,
            },
            score: float(*agg, 4),
            label: sentiment::label(*agg).to_string(),
            notes,
        });
    }
    SentimentSummaryDto {
        notes: total,
        positive: pos,
        neutral: neu,
        negative: neg,
        positive_threshold: float(POSITIVE, 4),
        negative_threshold: float(NEGATIVE, 4),
        deals,
    }
}
