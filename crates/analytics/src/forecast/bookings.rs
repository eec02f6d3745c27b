//! A forecast input from a company's own deals: monthly bookings per person, rolled up to teams
//! (a person's manager on the last day of the history) and the company, so the Insights page
//! forecasts the workspace it shows rather than a generated history.
//!
//! A deal books in the month of its date to its direct payee, or to each revenue split in
//! proportion to the split's share (overlay splits add credit, not bookings, so they are left
//! out). A person who manages others becomes a team; their own deals, when they have any, are a
//! child series "(own deals)" of that team, since a series with children is their exact sum.

use crate::forecast::dto::{BacktestInputDto, ForecastInputDto, SeriesInputDto, SeriesLevelDto};
use crate::forecast::{MAX_SERIES, MAX_VALUES, MIN_VALUES};
use rust_decimal::Decimal;
use spm_base::dec::Dec;
use spm_base::error::{Code, Error, Result};
use spm_base::money;
use spm_core::data::Dataset;
use std::collections::BTreeMap;

/// Months forecast ahead at most (fewer when the history is shorter).
pub const HORIZON: usize = 12;

/// The forecast input of `data`'s bookings, the company series named `company`.
///
/// # Errors
/// `OUT_OF_RANGE` (at `dealsCsv`) when the deals span fewer than three months (a forecast needs at least three
/// values) or more than the forecast's 600; `OVERFLOW` past the decimal range.
pub fn from_dataset(data: &Dataset, company: &str) -> Result<ForecastInputDto> {
    // Bookings by payee index and month number (year × 12 + month − 1).
    let mut booked: BTreeMap<(usize, i64), Decimal> = BTreeMap::new();
    let (mut first, mut last) = (i64::MAX, i64::MIN);
    for t in &data.transactions {
        let month = i64::from(t.date.year()) * 12 + i64::from(t.date.month()) - 1;
        first = first.min(month);
        last = last.max(month);
        let splits = data.splits_of(t);
        if splits.is_empty() {
            if let Some(p) = t.payee {
                let slot = booked.entry((p as usize, month)).or_insert(Decimal::ZERO);
                *slot = money::add(*slot, t.amount)?;
            }
            continue;
        }
        for s in splits.iter().filter(|s| !s.overlay) {
            let part = money::mul(t.amount, s.share)?;
            let slot = booked.entry((s.payee as usize, month)).or_insert(Decimal::ZERO);
            *slot = money::add(*slot, part)?;
        }
    }
    if booked.is_empty() {
        return Err(short("no deal is credited to a person"));
    }
    let months = usize::try_from(last - first + 1).unwrap_or(usize::MAX);
    if months < MIN_VALUES {
        return Err(short(&format!("the deals span {months} month(s)")));
    }
    if months > MAX_VALUES {
        return Err(Error::at(
            "dealsCsv",
            Code::OutOfRange,
            format!("the deals span {months} months; a forecast reads at most {MAX_VALUES}"),
            "forecast from the most recent years of deals only",
        ));
    }
    let last_day = data.transactions.iter().map(|t| t.date).max();
    let manager = |p: usize| last_day.and_then(|d| data.manager_of(p, d));
    let managers: std::collections::BTreeSet<usize> = (0..data.payees.len()).filter_map(manager).collect();
    let booked_people: std::collections::BTreeSet<usize> = booked.keys().map(|(p, _)| *p).collect();

    let mut series = vec![SeriesInputDto {
        id: "company".into(),
        name: Some(company.to_string()),
        level: Some(SeriesLevelDto::Company),
        ..Default::default()
    }];
    let id = |p: usize| data.payees.get(p).map_or_else(String::new, |x| x.id.clone());
    let name = |p: usize| data.payees.get(p).map_or_else(String::new, |x| x.name.clone());
    // Teams: every manager with someone booking under them (directly); a team's parent is its
    // manager's team when that manager is a team too, else the company.
    let parent_of = |p: usize| manager(p).filter(|m| managers.contains(m)).map_or_else(|| "company".to_string(), id);
    for &m in &managers {
        series.push(SeriesInputDto {
            id: id(m),
            name: Some(format!("Team {}", name(m))),
            level: Some(SeriesLevelDto::Team),
            parent: Some(parent_of(m)),
            ..Default::default()
        });
    }
    for &p in &booked_people {
        let values = (first..=last)
            .map(|month| Dec::new(booked.get(&(p, month)).copied().unwrap_or(Decimal::ZERO)))
            .collect::<Vec<_>>();
        let (sid, sname, parent) = if managers.contains(&p) {
            (format!("{}:own", id(p)), format!("{} (own deals)", name(p)), id(p))
        } else {
            (id(p), name(p), parent_of(p))
        };
        series.push(SeriesInputDto {
            id: sid,
            name: Some(sname),
            level: Some(SeriesLevelDto::Rep),
            parent: Some(parent),
            start: Some(month_label(first)),
            values: Some(values),
        });
    }
    if series.len() > MAX_SERIES {
        // Past the forecast's series limit the people are left out: the teams and the company
        // are still the exact sums of every deal, carried by one series per team.
        series = rolled_up(series)?;
    }
    let horizon = HORIZON.min(months);
    let backtest = (months >= 9).then_some(BacktestInputDto { origins: 3, horizon: Some(3) });
    Ok(ForecastInputDto {
        schema_version: Some(1),
        series,
        horizon: u32::try_from(horizon).unwrap_or(1),
        intervals: Some(vec![Dec::new(Decimal::new(8, 1)), Dec::new(Decimal::new(95, 2))]),
        model: None,
        simulate: None,
        seed: None,
        paths: None,
        backtest,
    })
}

fn short(what: &str) -> Error {
    Error::at(
        "dealsCsv",
        Code::OutOfRange,
        format!("a forecast needs at least {MIN_VALUES} months of bookings: {what}"),
        "import deals covering at least three months",
    )
}

/// `YYYY-MM` of a month number.
fn month_label(n: i64) -> String {
    format!("{:04}-{:02}", n.div_euclid(12), n.rem_euclid(12) + 1)
}

/// The series with every person folded into one "(people)" child per parent, so the number of
/// series is the number of teams plus a few.
fn rolled_up(series: Vec<SeriesInputDto>) -> Result<Vec<SeriesInputDto>> {
    let mut folded: BTreeMap<String, SeriesInputDto> = BTreeMap::new();
    let mut out = Vec::new();
    for s in series {
        if s.values.is_none() {
            out.push(s);
            continue;
        }
        let parent = s.parent.clone().unwrap_or_else(|| "company".into());
        match folded.get_mut(&parent) {
            Some(acc) => {
                if let (Some(a), Some(b)) = (acc.values.as_mut(), s.values.as_ref()) {
                    for (x, y) in a.iter_mut().zip(b) {
                        if let (Dec::Ok(u), Dec::Ok(v)) = (&*x, y) {
                            *x = Dec::new(money::add(*u, *v)?);
                        }
                    }
                }
            }
            None => {
                let mut acc = s;
                acc.id = format!("{parent}:people");
                acc.name = Some("People (rolled up)".into());
                folded.insert(parent, acc);
            }
        }
    }
    out.extend(folded.into_values());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(s: &SeriesInputDto) -> Vec<String> {
        s.values.iter().flatten().map(|v| if let Dec::Ok(d) = v { d.to_string() } else { String::new() }).collect()
    }

    #[test]
    fn months_are_labelled_across_years() {
        assert_eq!(month_label(2026 * 12), "2026-01");
        assert_eq!(month_label(2026 * 12 + 11), "2026-12");
        assert_eq!(month_label(2025 * 12 + 11), "2025-12");
    }

    /// A manager with two reps (one of them split with the other), a rep without a manager and
    /// the manager's own deal, worked out by hand month by month.
    #[test]
    fn bookings_roll_up_to_teams_and_the_company() {
        let payees = r#"[{"id":"m1","name":"Mia","role":"manager"},
            {"id":"r1","name":"Ray","managerId":"m1"},{"id":"r2","name":"Rae","managerId":"m1"},
            {"id":"r3","name":"Rik"}]"#;
        let deals = "id,date,payeeId,amount,splits\n\
            d1,2026-01-15,r1,100,\n\
            d2,2026-03-02,r1,50.50,\n\
            d3,2026-02-10,,200,r1:0.25;r2:0.75\n\
            d4,2026-03-31,r3,10,\n\
            d5,2026-02-01,m1,5,\n";
        let (people, diags) = spm_wire::spec::data::parse_payees(payees).expect("payees");
        let data = spm_wire::io::csv::dataset_from_csv(deals, people, diags).expect("deals");
        let input = from_dataset(&data, "Acme").expect("forecast input");
        let ids: Vec<_> = input.series.iter().map(|s| (s.id.as_str(), s.parent.as_deref().unwrap_or("-"))).collect();
        assert_eq!(
            ids,
            [("company", "-"), ("m1", "company"), ("m1:own", "m1"), ("r1", "m1"), ("r2", "m1"), ("r3", "company")]
        );
        let by = |id: &str| input.series.iter().find(|s| s.id == id).map(values).unwrap_or_default();
        // r1: 100 in January, a quarter of 200 in February, 50.50 in March.
        assert_eq!(by("r1"), ["100", "50.00", "50.50"]);
        assert_eq!(by("r2"), ["0", "150.00", "0"]);
        assert_eq!(by("r3"), ["0", "0", "10"]);
        assert_eq!(by("m1:own"), ["0", "5", "0"]);
        assert_eq!(input.series[3].start.as_deref(), Some("2026-01"));
        assert_eq!(input.horizon, 3);
        assert!(input.backtest.is_none());
    }

    #[test]
    fn two_months_are_too_few() {
        let (people, diags) = spm_wire::spec::data::parse_payees(r#"[{"id":"r1","name":"Ray"}]"#).expect("payees");
        let deals = "id,date,payeeId,amount\nd1,2026-01-15,r1,100\nd2,2026-02-15,r1,100\n";
        let data = spm_wire::io::csv::dataset_from_csv(deals, people, diags).expect("deals");
        let err = from_dataset(&data, "Acme").expect_err("too short");
        assert_eq!(err.code, Code::OutOfRange);
        assert!(err.message.contains("2 month(s)"), "{}", err.message);
    }
}
