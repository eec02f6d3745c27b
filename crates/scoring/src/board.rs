//! Scorecards (normalize, cap, weight; team mean or sum), leaderboards (eligibility, tie
//! rules, the ineligible listed last with the reason), contests (standings "1224", prizes split
//! to the minor unit, unclaimed places) and the whole report.

use super::defs::{Board, Elig};
use super::rank::{self, Entrant};
use super::{six, text, Metric, Scoreboard, Window};
use crate::dto::{
    AwardDto, ContestResultDto, EntryDto, KpiScoreDto, LeaderboardResultDto, NormalizeDto, ScopeDto, ScoreLineDto,
    ScorecardResultDto, ScoringReportDto, TeamAggDto, TiesDto, UnclaimedDto,
};
use rust_decimal::Decimal;
use spm_base::error::Result;
use spm_base::fmt::ratio;

/// Normalizes one KPI's values over the population (reps with a value).
// Bounded: sums of event values stay below 10^22 (see `events::MAX_AMOUNT`), and the plan's
// credits and quotas are checked by `with_plan` to add up, in absolute value, to at most
// `PLAN_TOTAL_LIMIT` (10^26), so no partial sum, difference or ratio leaves the decimal range.
#[allow(clippy::arithmetic_side_effects)]
fn normalize(vals: &[Option<Decimal>], how: NormalizeDto, target: Decimal, cap: Option<Decimal>) -> Vec<Decimal> {
    let mut present: Vec<Decimal> = vals.iter().flatten().copied().collect();
    // Sorted, so "below" and "equal" are two binary searches: O(n log n), not O(n²).
    present.sort_unstable();
    let (min, max) = (present.iter().min().copied(), present.iter().max().copied());
    let n = Decimal::from(present.len());
    let half = Decimal::new(5, 1);
    vals.iter()
        .map(|v| {
            let Some(v) = *v else { return Decimal::ZERO };
            let x = match how {
                NormalizeDto::Target => v.checked_div(target).unwrap_or_default(),
                NormalizeDto::MinMax => match (min, max) {
                    (Some(a), Some(b)) if b > a => (v - a).checked_div(b - a).unwrap_or_default(),
                    _ => Decimal::ONE,
                },
                NormalizeDto::Percentile => {
                    if present.len() < 2 {
                        Decimal::ONE
                    } else {
                        let lo = present.partition_point(|x| *x < v);
                        let hi = present.partition_point(|x| *x <= v);
                        let below = Decimal::from(lo);
                        let equal = Decimal::from(hi - lo);
                        (below + (equal - Decimal::ONE) * half).checked_div(n - Decimal::ONE).unwrap_or_default()
                    }
                }
            };
            six(cap.map_or(x, |c| x.min(c)))
        })
        .collect()
}

/// Per rep and per team: a scorecard's score over a window (the card's own when `w` is its).
pub(crate) fn card_scores(sb: &Scoreboard, card: usize, w: Window) -> (Vec<Decimal>, Vec<Decimal>) {
    let lines = card_lines(sb, card, w);
    let reps: Vec<Decimal> = lines.iter().map(|l| l.0).collect();
    let teams = team_scores(sb, card, &reps);
    (reps, teams)
}

type Line = (Decimal, Vec<(Option<Decimal>, Decimal, Decimal)>);

fn card_lines(sb: &Scoreboard, card: usize, w: Window) -> Vec<Line> {
    let n = sb.reps.len();
    let mut out: Vec<Line> = vec![(Decimal::ZERO, Vec::new()); n];
    let Some(c) = sb.defs.cards.get(card) else { return out };
    for k in &c.kpis {
        let vals = sb.values(k.metric, w);
        let norm = normalize(&vals, k.normalize, k.target, k.cap);
        for ((slot, v), x) in out.iter_mut().zip(&vals).zip(&norm) {
            let weighted = six(k.weight.checked_mul(*x).unwrap_or(Decimal::MAX));
            slot.0 = slot.0.checked_add(weighted).unwrap_or(Decimal::MAX);
            slot.1.push((*v, *x, weighted));
        }
    }
    out
}

fn team_scores(sb: &Scoreboard, card: usize, reps: &[Decimal]) -> Vec<Decimal> {
    let agg = sb.defs.cards.get(card).map_or(TeamAggDto::Mean, |c| c.team);
    let mut sum = vec![Decimal::ZERO; sb.teams.len()];
    let mut count = vec![0u32; sb.teams.len()];
    for (r, rep) in sb.reps.iter().enumerate() {
        let Some(t) = rep.team else { continue };
        if let (Some(s), Some(c), Some(v)) = (sum.get_mut(t), count.get_mut(t), reps.get(r)) {
            *s = s.checked_add(*v).unwrap_or(Decimal::MAX);
            *c += 1;
        }
    }
    sum.iter()
        .zip(&count)
        .map(|(s, c)| match agg {
            TeamAggDto::Sum => *s,
            TeamAggDto::Mean if *c > 0 => six(s.checked_div(Decimal::from(*c)).unwrap_or_default()),
            TeamAggDto::Mean => Decimal::ZERO,
        })
        .collect()
}

fn scorecards(sb: &Scoreboard) -> Vec<ScorecardResultDto> {
    let mut out = Vec::new();
    for (ci, c) in sb.defs.cards.iter().enumerate() {
        let w = sb.window_or_default(c.window);
        let lines = card_lines(sb, ci, w);
        let reps_scores: Vec<Decimal> = lines.iter().map(|l| l.0).collect();
        let teams = team_scores(sb, ci, &reps_scores);
        let reps = sb
            .reps
            .iter()
            .zip(&lines)
            .map(|(r, l)| ScoreLineDto {
                id: r.id.clone(),
                name: r.name.clone(),
                score: ratio(l.0),
                kpis: c
                    .kpis
                    .iter()
                    .zip(&l.1)
                    .map(|(k, (v, x, wt))| KpiScoreDto {
                        metric: k.label.clone(),
                        value: v.map(text),
                        normalized: ratio(*x),
                        weighted: ratio(*wt),
                    })
                    .collect(),
            })
            .collect();
        let teams = sb
            .teams
            .iter()
            .zip(&sb.team_names)
            .zip(&teams)
            .map(|((id, name), s)| ScoreLineDto {
                id: id.clone(),
                name: name.clone(),
                score: ratio(*s),
                kpis: Vec::new(),
            })
            .collect();
        out.push(ScorecardResultDto { id: c.id.clone(), from: w.from.to_string(), to: w.to.to_string(), reps, teams });
    }
    out
}

/// Why an entrant does not rank, if it does not.
fn ineligible(sb: &Scoreboard, e: &Elig, id: &str, rep: Option<usize>, events: u64) -> Option<String> {
    if e.exclude.contains(id) {
        return Some("excluded by the rules".to_string());
    }
    if let Some(r) = rep.and_then(|r| sb.reps.get(r)) {
        if let Some(roles) = &e.roles {
            if !roles.contains(&r.role) {
                return Some(format!("role {:?} is not eligible", r.role));
            }
        }
        if let Some(by) = e.hired_by {
            match r.hire {
                Some(h) if h > by => return Some(format!("hired {h}, after {by}")),
                None => return Some(format!("no hire date on or before {by}")),
                _ => {}
            }
        }
    }
    match e.min_events {
        Some(m) if events < u64::from(m) => Some(format!("{events} events in the window, fewer than {m}")),
        _ => None,
    }
}

/// Computes a leaderboard.
pub(crate) fn leaderboard(sb: &Scoreboard, b: &Board) -> LeaderboardResultDto {
    let w = sb.window_or_default(b.window);
    let team = b.scope == ScopeDto::Team;
    let (values, second) = if team {
        (sb.team_values(b.metric, w), b.secondary.map(|m| sb.team_values(m, w)))
    } else {
        (sb.values(b.metric, w), b.secondary.map(|m| sb.values(m, w)))
    };
    let counts = sb.event_counts(w);
    let mut team_counts = vec![0u64; sb.teams.len()];
    for (r, rep) in sb.reps.iter().enumerate() {
        if let (Some(t), Some(c)) = (rep.team.and_then(|t| team_counts.get_mut(t)), counts.get(r)) {
            *t += *c;
        }
    }
    let ids: Vec<(&str, &str)> = if team {
        sb.teams.iter().zip(&sb.team_names).map(|(a, b)| (a.as_str(), b.as_str())).collect()
    } else {
        sb.reps.iter().map(|r| (r.id.as_str(), r.name.as_str())).collect()
    };
    let mut entrants = Vec::new();
    let mut who = Vec::new();
    let mut out_of: Vec<(usize, String)> = Vec::new();
    for (i, (id, _)) in ids.iter().enumerate() {
        let n = if team { team_counts.get(i) } else { counts.get(i) }.copied().unwrap_or(0);
        let reason = ineligible(sb, &b.elig, id, (!team).then_some(i), n);
        match (reason, values.get(i).copied().flatten()) {
            (Some(r), _) => out_of.push((i, r)),
            (None, None) => out_of.push((i, "no value in the window".to_string())),
            (None, Some(v)) => {
                let secondary = second.as_ref().and_then(|s| s.get(i).copied().flatten());
                entrants.push(Entrant { value: v, secondary, id });
                who.push(i);
            }
        }
    }
    let ranked = rank::rank(&entrants, b.ties);
    let mut entries = Vec::with_capacity(ids.len());
    for (k, r) in &ranked {
        let (Some(&i), Some(e)) = (who.get(*k), entrants.get(*k)) else { continue };
        let name = ids.get(i).map_or("", |x| x.1);
        entries.push(EntryDto {
            rank: Some(*r),
            id: e.id.to_string(),
            name: name.to_string(),
            value: Some(show(b.metric, e.value)),
            ineligible: None,
        });
    }
    out_of.sort_by(|a, b| ids.get(a.0).map(|x| x.0).cmp(&ids.get(b.0).map(|x| x.0)));
    for (i, reason) in out_of {
        let (id, name) = ids.get(i).copied().unwrap_or(("", ""));
        let value = values.get(i).copied().flatten().map(|v| show(b.metric, v));
        entries.push(EntryDto {
            rank: None,
            id: id.to_string(),
            name: name.to_string(),
            value,
            ineligible: Some(reason),
        });
    }
    let ties = match b.ties {
        TiesDto::Competition => "competition",
        TiesDto::Dense => "dense",
        TiesDto::Ordinal => "ordinal",
    };
    LeaderboardResultDto {
        id: b.id.clone(),
        metric: b.label.clone(),
        from: w.from.to_string(),
        to: w.to.to_string(),
        ties: ties.to_string(),
        entries,
    }
}

/// A metric's value as reported: ratios and scores at 6 places, the rest as computed.
pub(crate) fn show(m: Metric, v: Decimal) -> String {
    match m {
        Metric::Ratio(..) | Metric::PlanAttainment(_) | Metric::Score(_) => ratio(v),
        _ => text(v),
    }
}

/// A leaderboard for a request (a `leaderboards` entry as JSON).
pub(crate) fn leaderboard_request(sb: &Scoreboard, request: &str) -> Result<LeaderboardResultDto> {
    let dto: crate::dto::LeaderboardDto = spm_base::json::from_str(request, "the leaderboard")?;
    let mut d = Vec::new();
    let mut types = sb.types.clone();
    let kpis = kpi_table(sb);
    let cards: Vec<String> = sb.defs.cards.iter().map(|c| c.id.clone()).collect();
    let mut ck = super::defs::Ck { d: &mut d, types: &mut types, kpis: &kpis, cards: &cards };
    let b = super::metrics::board(&dto, "leaderboard", &mut ck);
    // A type no event has reads as 0 everywhere: the totals have no row for it.
    match b {
        Some(b) if d.is_empty() => Ok(leaderboard(sb, &b)),
        _ => Err(spm_base::error::Error::from_diagnostics(d)),
    }
}

/// The KPIs as the checker resolved them.
fn kpi_table(sb: &Scoreboard) -> Vec<(String, Metric)> {
    sb.defs.kpi_ids.clone()
}

fn money(minor: i128, units: u32) -> String {
    // Prizes are at most 10^15 minor units each (checked), so a table's total fits.
    let mut d = Decimal::try_from_i128_with_scale(minor, units).unwrap_or(Decimal::MAX);
    d.rescale(units);
    d.to_string()
}

/// Computes a contest.
pub(crate) fn contest(sb: &Scoreboard, c: &super::defs::Contest) -> ContestResultDto {
    let standings = leaderboard(sb, &c.board);
    let units = c.currency.minor_units();
    let ranked: Vec<(usize, u32)> =
        standings.entries.iter().enumerate().filter_map(|(i, e)| e.rank.map(|r| (i, r))).collect();
    // A prize is for something done: an entrant whose value is zero (no deal in a deal-count
    // contest) keeps their place on the board but wins nothing, and the place goes unclaimed.
    let achieved = |i: usize| {
        standings
            .entries
            .get(i)
            .and_then(|e| e.value.as_deref())
            .and_then(|v| v.parse::<Decimal>().ok())
            .is_some_and(|v| v > Decimal::ZERO)
    };
    let winners: Vec<(usize, u32)> = ranked.iter().copied().filter(|(i, _)| achieved(*i)).collect();
    let split = rank::split(&winners, &c.prizes);
    let to = c.board.window.map_or(sb.as_of, |w| w.to).to_string();
    let mut awards = Vec::new();
    let mut paid = 0i128;
    let mut sentences = Vec::new();
    for (i, amount) in &split.paid {
        let Some(e) = standings.entries.get(*i) else { continue };
        let r = e.rank.unwrap_or(0);
        let tied = winners.iter().filter(|x| x.1 == r).count();
        let reason = if tied > 1 {
            let others = if tied == 2 { "1 other".to_string() } else { format!("{} others", tied - 1) };
            format!("{}: place {r}, tied with {others}, sharing places {r}–{}", c.name, r as usize + tied - 1)
        } else {
            format!("{}: place {r}", c.name)
        };
        paid += amount;
        awards.push(AwardDto {
            payee_id: e.id.clone(),
            date: to.clone(),
            amount: money(*amount, units),
            currency: c.currency.code().to_string(),
            reason,
        });
    }
    let table: i128 = c.prizes.iter().map(|p| p.1).sum::<i128>();
    let unclaimed: Vec<UnclaimedDto> =
        split.unclaimed.iter().map(|(p, a)| UnclaimedDto { place: *p, amount: money(*a, units) }).collect();
    sentences.push(format!(
        "{} pays {} {} of a prize table of {} {} to {} winner{}.",
        c.name,
        money(paid, units),
        c.currency.code(),
        money(table, units),
        c.currency.code(),
        awards.len(),
        if awards.len() == 1 { "" } else { "s" }
    ));
    if !unclaimed.is_empty() {
        sentences.push(format!(
            "{} place{} had no eligible entrant; {} prize{} not paid.",
            unclaimed.len(),
            if unclaimed.len() == 1 { "" } else { "s" },
            money(split.unclaimed.iter().map(|u| u.1).sum::<i128>(), units),
            if unclaimed.len() == 1 { " is" } else { "s are" }
        ));
    }
    ContestResultDto {
        id: c.id.clone(),
        standings,
        awards,
        unclaimed,
        table_total: money(table, units),
        paid: money(paid, units),
        sentences,
    }
}

/// Every contest's awards as SPIFF rows.
pub(crate) fn spiffs(sb: &Scoreboard) -> Result<Vec<AwardDto>> {
    Ok(sb.defs.contests.iter().flat_map(|c| contest(sb, c).awards).collect())
}

/// The whole report.
pub(crate) fn report(sb: &Scoreboard) -> Result<ScoringReportDto> {
    Ok(ScoringReportDto {
        schema_version: 1,
        as_of: sb.as_of.to_string(),
        reps: sb.reps.len(),
        events: sb.ev.rep.len(),
        scorecards: scorecards(sb),
        standings: super::awards::standings(sb),
        badges: super::awards::badges(sb),
        leaderboards: sb.defs.boards.iter().map(|b| leaderboard(sb, b)).collect(),
        contests: sb.defs.contests.iter().map(|c| contest(sb, c)).collect(),
        goals: super::awards::goals(sb),
    })
}
