//! From the wire format to checked deals: every id, amount, date and stage checked against the
//! dataset and `asOf`, every problem collected with its JSON path (`deals[3].stageHistory[1].date`).

use super::{Deal, Settings, Status, MAX_DEALS};
use crate::insight::dto::{BenchmarkDto, DealStatusDto, InsightOptionsDto, OpportunityDto, OpportunitySetDto};
use rust_decimal::Decimal;
use spm_base::error::{Code, Diagnostic, Error, Result, Severity};
use spm_base::period::{Date, PeriodKind};
use spm_core::data::Dataset;
use spm_plan::CompiledPlan;
use std::collections::{BTreeMap, BTreeSet};

/// The checked input of a run.
pub(crate) struct Checked<'a> {
    /// The funnel's stages.
    pub stages: Vec<String>,
    /// The deals, in input order.
    pub deals: Vec<Deal<'a>>,
    /// The settings.
    pub settings: Settings,
    /// Warnings.
    pub warnings: Vec<Diagnostic>,
}

fn date(s: &str, path: &str, d: &mut Vec<Diagnostic>) -> Option<Date> {
    let v = Date::parse(s);
    if v.is_none() {
        d.push(Diagnostic::error(
            path,
            Code::DateInvalid,
            format!("{s:?} is not a date"),
            "write a real calendar date as YYYY-MM-DD",
        ));
    }
    v
}

fn after(path: &str, what: &str, v: Date, as_of: Date, d: &mut Vec<Diagnostic>) {
    if v > as_of {
        d.push(Diagnostic::error(
            path,
            Code::OutOfRange,
            format!("{what} {v} is after asOf {as_of}"),
            "set asOf to today, or correct the date",
        ));
    }
}

/// Checks the opportunity set and options against the plan and dataset.
pub(crate) fn check<'a>(
    plan: &CompiledPlan,
    data: &Dataset,
    set: &'a OpportunitySetDto,
    opts: &InsightOptionsDto,
) -> Result<Checked<'a>> {
    let mut d = Vec::new();
    if set.schema_version.is_some_and(|v| v != 1) {
        d.push(Diagnostic::error(
            "schemaVersion",
            Code::SchemaVersion,
            "this engine reads opportunity sets of schema version 1",
            "write schemaVersion 1 or leave it out",
        ));
    }
    if set.deals.len() > MAX_DEALS {
        return Err(Error::at(
            "deals",
            Code::LimitExceeded,
            format!("{} deals, more than the {MAX_DEALS} a run takes", set.deals.len()),
            "split the set by team or year",
        ));
    }
    let stages = stages(set, &mut d);
    let index: BTreeMap<&str, usize> = stages.iter().enumerate().map(|(i, s)| (s.as_str(), i)).collect();
    let given_as_of = opts.as_of.as_ref().and_then(|s| date(s, "options.asOf", &mut d));
    let mut deals = Vec::with_capacity(set.deals.len());
    let mut ids = BTreeSet::new();
    let mut latest: Option<Date> = None;
    for (i, x) in set.deals.iter().enumerate() {
        if x.id.is_empty() || !ids.insert(x.id.as_str()) {
            d.push(Diagnostic::error(
                format!("deals[{i}].id"),
                Code::IdInvalid,
                format!("deal id {:?} is empty or used by an earlier deal", x.id),
                "give every deal its own id",
            ));
        }
        if let Some(deal) = deal(i, x, data, &index, &mut latest, &mut d) {
            deals.push(deal);
        }
    }
    let as_of = match given_as_of.or(latest).or_else(|| data.transactions.last().map(|t| t.date)) {
        Some(a) => a,
        None => {
            d.push(Diagnostic::error(
                "options.asOf",
                Code::MissingField,
                "no date to take as today: no deals and no transactions",
                "give options.asOf",
            ));
            return Err(Error::from_diagnostics(d));
        }
    };
    if given_as_of.is_some() {
        for (i, x) in set.deals.iter().enumerate() {
            dates_after(i, x, as_of, &mut d);
        }
    }
    let head = plan.plan.head().ok_or_else(|| Error::new(Code::Internal, "a plan set without versions"))?;
    let year_end = head.calendar.bounds(head.calendar.period_of(PeriodKind::Year, as_of)).1;
    let coverage_to = match &opts.coverage_to {
        Some(s) => date(s, "options.coverageTo", &mut d).unwrap_or(year_end),
        None => year_end,
    };
    if coverage_to < as_of {
        d.push(Diagnostic::error(
            "options.coverageTo",
            Code::OutOfRange,
            format!("coverageTo {coverage_to} is before asOf {as_of}"),
            "give a day on or after asOf",
        ));
    }
    let min_closed = opts.min_closed_deals.unwrap_or(5);
    if min_closed == 0 {
        d.push(Diagnostic::error("options.minClosedDeals", Code::OutOfRange, "0 closed deals", "give 1 or more"));
    }
    let half_life = opts.sentiment_half_life_days.unwrap_or(30);
    if half_life == 0 {
        d.push(Diagnostic::error(
            "options.sentimentHalfLifeDays",
            Code::OutOfRange,
            "a half-life of 0 days",
            "give 1 or more",
        ));
    }
    if d.iter().any(|x| x.severity == Severity::Error) {
        return Err(Error::from_diagnostics(d));
    }
    for deal in &mut deals {
        if deal.team.is_empty() {
            deal.team = data
                .manager_of(deal.payee, as_of)
                .and_then(|m| data.payees.get(m))
                .map_or_else(|| "(no team)".to_string(), |p| p.id.clone());
        }
    }
    let settings = Settings {
        as_of,
        coverage_to,
        aged_days: opts.aged_days.unwrap_or(90),
        stalled_days: opts.stalled_days.unwrap_or(30),
        half_life: half_life.max(1),
        min_closed: min_closed.max(1),
        benchmark: opts.benchmark.unwrap_or(BenchmarkDto::Company),
    };
    Ok(Checked { stages, deals, settings, warnings: d })
}

/// The stages as given, or in order of first appearance.
fn stages(set: &OpportunitySetDto, d: &mut Vec<Diagnostic>) -> Vec<String> {
    match &set.stages {
        Some(list) => {
            let mut seen = BTreeSet::new();
            for (i, s) in list.iter().enumerate() {
                if s.is_empty() || !seen.insert(s.as_str()) {
                    d.push(Diagnostic::error(
                        format!("stages[{i}]"),
                        Code::IdInvalid,
                        format!("stage {s:?} is empty or given twice"),
                        "name each stage once",
                    ));
                }
            }
            if list.is_empty() {
                d.push(Diagnostic::error("stages", Code::MissingField, "no stages", "list the funnel's stages"));
            }
            list.clone()
        }
        None => {
            let mut out: Vec<String> = Vec::new();
            for x in &set.deals {
                for h in &x.stage_history {
                    if !h.stage.is_empty() && !out.contains(&h.stage) {
                        out.push(h.stage.clone());
                    }
                }
            }
            out
        }
    }
}

/// One deal's own fields.
fn deal<'a>(
    i: usize,
    x: &'a OpportunityDto,
    data: &Dataset,
    index: &BTreeMap<&str, usize>,
    latest: &mut Option<Date>,
    d: &mut Vec<Diagnostic>,
) -> Option<Deal<'a>> {
    let at = |f: &str| format!("deals[{i}].{f}");
    let mut seen = |v: Date| *latest = Some(latest.map_or(v, |l| l.max(v)));
    let payee = data.payee_index(&x.payee_id);
    if payee.is_none() {
        d.push(Diagnostic::error(
            at("payeeId"),
            Code::UnknownReference,
            format!("payee {:?} is not in the dataset", x.payee_id),
            "use a payee id of the dataset",
        ));
    }
    let amount = x.amount.get(&at("amount"), d);
    if amount.is_some_and(|a| a < Decimal::ZERO) {
        d.push(Diagnostic::error(at("amount"), Code::NegativeValue, "a negative amount", "give 0 or more"));
    }
    let created = date(&x.created, &at("created"), d);
    let close = date(&x.close_date, &at("closeDate"), d);
    if let (Some(c), Some(e)) = (created, close) {
        if e < c {
            d.push(Diagnostic::error(
                at("closeDate"),
                Code::OutOfRange,
                format!("the close date {e} is before the day the deal was created, {c}"),
                "check the dates",
            ));
        }
    }
    let status = match x.status {
        DealStatusDto::Open => Status::Open,
        DealStatusDto::Won => Status::Won,
        DealStatusDto::Lost => Status::Lost,
    };
    if let Some(c) = created {
        seen(c);
    }
    if let (Some(c), true) = (close, status != Status::Open) {
        seen(c);
    }
    let mut history = Vec::with_capacity(x.stage_history.len());
    let mut prev: Option<Date> = created;
    for (j, h) in x.stage_history.iter().enumerate() {
        let p = format!("{}[{j}]", at("stageHistory"));
        let stage = index.get(h.stage.as_str()).copied();
        if stage.is_none() {
            d.push(Diagnostic::error(
                format!("{p}.stage"),
                Code::UnknownReference,
                format!("stage {:?} is not one of the stages", h.stage),
                "use a stage listed in stages",
            ));
        }
        let day = date(&h.date, &format!("{p}.date"), d);
        if let (Some(a), Some(b)) = (prev, day) {
            if b < a {
                d.push(Diagnostic::error(
                    format!("{p}.date"),
                    Code::OutOfRange,
                    format!("{b} is before {a}: stage changes go oldest first, on or after the day it was created"),
                    "order the history by date",
                ));
            }
        }
        if let (Some(b), Some(e), true) = (day, close, status != Status::Open) {
            if b > e {
                d.push(Diagnostic::error(
                    format!("{p}.date"),
                    Code::OutOfRange,
                    format!("{b} is after the close date {e}"),
                    "check the dates",
                ));
            }
        }
        if let Some(b) = day {
            seen(b);
        }
        prev = day.or(prev);
        if let (Some(s), Some(b)) = (stage, day) {
            history.push((s, b));
        }
    }
    if x.stage_history.is_empty() {
        d.push(Diagnostic::error(
            at("stageHistory"),
            Code::MissingField,
            "no stage history",
            "give at least the stage the deal was created in, with its date",
        ));
    }
    let activities = match (&x.activity_count, &x.activities) {
        (Some(_), Some(_)) => {
            d.push(Diagnostic::error(
                at("activities"),
                Code::WrongType,
                "both activityCount and activities are given",
                "give one of them",
            ));
            0
        }
        (Some(n), None) => u64::from(*n),
        (None, Some(list)) => {
            for (j, a) in list.iter().enumerate() {
                if let Some(v) = date(&a.date, &format!("{}[{j}].date", at("activities")), d) {
                    seen(v);
                }
            }
            list.len() as u64
        }
        (None, None) => 0,
    };
    let mut notes = Vec::new();
    for (j, n) in x.notes.iter().flatten().enumerate() {
        let p = format!("{}[{j}]", at("notes"));
        // The limit sentiment() has too (MAX_NOTE_CHARS), at the note's path.
        if let Some(too_long) = super::sentiment::too_long(&format!("{p}.text"), &n.text) {
            d.push(too_long);
        }
        if let Some(day) = date(&n.date, &format!("{p}.date"), d) {
            seen(day);
            notes.push((day, n.text.as_str()));
        }
    }
    let level = match status {
        Status::Won => index.len(),
        _ => history.iter().map(|h| h.0).max().unwrap_or(0),
    };
    let (current, last_change) = history.last().copied()?;
    Some(Deal {
        id: x.id.as_str(),
        name: x.name.as_deref(),
        payee: payee?,
        team: x.team.clone().unwrap_or_default(),
        amount: amount?,
        created: created?,
        close: close?,
        status,
        history,
        level,
        current,
        last_change,
        activities,
        next_step: x.next_step.as_ref().is_some_and(|s| !s.trim().is_empty()),
        notes,
    })
}

/// Dates of a deal that lie after a given `asOf`.
fn dates_after(i: usize, x: &OpportunityDto, as_of: Date, d: &mut Vec<Diagnostic>) {
    let at = |f: &str| format!("deals[{i}].{f}");
    if let Some(c) = Date::parse(&x.created) {
        after(&at("created"), "the day it was created,", c, as_of, d);
    }
    if x.status != DealStatusDto::Open {
        if let Some(c) = Date::parse(&x.close_date) {
            after(&at("closeDate"), "the close date of a closed deal,", c, as_of, d);
        }
    }
    for (j, h) in x.stage_history.iter().enumerate() {
        if let Some(v) = Date::parse(&h.date) {
            after(&format!("deals[{i}].stageHistory[{j}].date"), "the stage change", v, as_of, d);
        }
    }
    for (j, n) in x.notes.iter().flatten().enumerate() {
        if let Some(v) = Date::parse(&n.date) {
            after(&format!("deals[{i}].notes[{j}].date"), "the note", v, as_of, d);
        }
    }
    for (j, a) in x.activities.iter().flatten().enumerate() {
        if let Some(v) = Date::parse(&a.date) {
            after(&format!("deals[{i}].activities[{j}].date"), "the activity", v, as_of, d);
        }
    }
}
