//! A series forecast's input checked into a [`Problem`]: every problem reported with its JSON
//! path (`series[0].values[3]`), aggregates summed from their children exactly (`Decimal`), the
//! hierarchy ordered children first.

use super::ets::Model;
use super::intervals::Simulation;
use crate::forecast::dto::{ForecastInputDto, SeriesLevelDto};
use rust_decimal::Decimal;
use spm_base::error::{Code, Diagnostic, Error, Result};
use spm_base::float::to_f64;
use spm_base::period::Month;
use std::collections::BTreeMap;

/// The most series one forecast may hold.
pub const MAX_SERIES: usize = 2_000;
/// The most months of history a series may have.
pub const MAX_VALUES: usize = 600;
/// The fewest months of history a series must have.
pub const MIN_VALUES: usize = 3;
/// The longest horizon.
pub const MAX_HORIZON: u32 = 36;

/// Which model to fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// The ETS model with the lowest AICc.
    Auto,
    /// This one.
    Fixed(Model),
}

/// A checked series.
#[derive(Debug, Clone)]
pub struct Node {
    pub id: String,
    pub name: Option<String>,
    pub level: SeriesLevelDto,
    pub parent: Option<usize>,
    /// In input order.
    pub children: Vec<usize>,
    pub start: Month,
    /// Exact values (given, or the children's sums).
    pub exact: Vec<Decimal>,
    /// The same as `f64`.
    pub values: Vec<f64>,
}

/// A checked forecast request.
#[derive(Debug, Clone)]
pub struct Problem {
    /// In input order.
    pub nodes: Vec<Node>,
    /// Children before parents.
    pub order: Vec<usize>,
    pub horizon: usize,
    pub choice: Choice,
    /// `(label as given, level)`.
    pub levels: Vec<(String, f64)>,
    pub simulation: Simulation,
    /// `(origins, horizon)`.
    pub backtest: Option<(usize, usize)>,
}

/// Checks the input.
///
/// # Errors
/// Every problem found, located: `SCHEMA_VERSION`, `OUT_OF_RANGE` (horizon, interval levels,
/// paths, back-test sizes, too few values, series that end in different months),
/// `LIMIT_EXCEEDED`, `WRONG_TYPE` (an unknown model), `ID_INVALID`, `UNKNOWN_REFERENCE`,
/// `HIERARCHY_CYCLE`, `MISSING_FIELD`, `DATE_INVALID`, `DECIMAL_NOT_STRING`, `DECIMAL_INVALID`,
/// `OVERFLOW`.
pub fn problem(input: &ForecastInputDto) -> Result<Problem> {
    let mut d = Vec::new();
    if input.schema_version.is_some_and(|v| v != 1) {
        d.push(err("schemaVersion", Code::SchemaVersion, "this engine reads forecast schema version 1", "use 1"));
    }
    if !(1..=MAX_HORIZON).contains(&input.horizon) {
        d.push(err(
            "horizon",
            Code::OutOfRange,
            format!("a horizon of {} months", input.horizon),
            "forecast 1 to 36 months",
        ));
    }
    let choice = match input.model.as_deref() {
        None | Some("auto") => Choice::Auto,
        Some(code) => match Model::parse(code) {
            Some(m) => Choice::Fixed(m),
            None => {
                d.push(err(
                    "model",
                    Code::WrongType,
                    format!("{code:?} is not a model"),
                    "use \"auto\" or an ETS code of error (A, M), trend (N, A, Ad) and season (N, A, M), such as \"AAdM\"",
                ));
                Choice::Auto
            }
        },
    };
    let levels = interval_levels(input, &mut d);
    let paths = input.paths.unwrap_or(1000);
    if !(100..=100_000).contains(&paths) {
        d.push(err("paths", Code::OutOfRange, format!("{paths} simulated paths"), "use 100 to 100000"));
    }
    let backtest = input.backtest.as_ref().map(|b| {
        if !(1..=24).contains(&b.origins) {
            d.push(err("backtest.origins", Code::OutOfRange, format!("{} origins", b.origins), "use 1 to 24"));
        }
        let h = b.horizon.unwrap_or(input.horizon.clamp(1, MAX_HORIZON));
        if !(1..=MAX_HORIZON).contains(&h) {
            d.push(err("backtest.horizon", Code::OutOfRange, format!("a horizon of {h} months"), "use 1 to 36"));
        }
        (b.origins as usize, h as usize)
    });
    let nodes = series(input, &mut d);
    if d.iter().any(|x| x.severity == spm_base::error::Severity::Error) {
        return Err(Error::from_diagnostics(d));
    }
    let (nodes, order) = aggregate(nodes)?;
    let problem = Problem {
        nodes,
        order,
        horizon: input.horizon as usize,
        choice,
        levels,
        simulation: Simulation {
            paths: paths as usize,
            seed: input.seed.unwrap_or(1),
            always: input.simulate.unwrap_or(false),
        },
        backtest,
    };
    same_end(&problem)?;
    Ok(problem)
}

fn err(path: impl Into<String>, code: Code, message: impl Into<String>, hint: impl Into<String>) -> Diagnostic {
    Diagnostic::error(path, code, message, hint)
}

fn interval_levels(input: &ForecastInputDto, d: &mut Vec<Diagnostic>) -> Vec<(String, f64)> {
    let Some(given) = &input.intervals else {
        return vec![("0.8".to_string(), 0.8), ("0.95".to_string(), 0.95)];
    };
    if given.len() > 5 {
        d.push(err("intervals", Code::LimitExceeded, format!("{} interval levels", given.len()), "ask for at most 5"));
    }
    let mut out = Vec::new();
    for (i, dec) in given.iter().enumerate() {
        let path = format!("intervals[{i}]");
        if let Some(v) = dec.get(&path, d) {
            if v <= Decimal::ZERO || v >= Decimal::ONE {
                d.push(err(
                    path,
                    Code::OutOfRange,
                    format!("an interval level of {v}"),
                    "give a coverage between 0 and 1, such as \"0.9\"",
                ));
            } else {
                out.push((v.to_string(), to_f64(v)));
            }
        }
    }
    out
}

/// The series as given: ids, parents, starts and values checked; aggregates still empty.
fn series(input: &ForecastInputDto, d: &mut Vec<Diagnostic>) -> Vec<Node> {
    let list = &input.series;
    if list.is_empty() {
        d.push(err("series", Code::OutOfRange, "no series", "give at least one series"));
    }
    if list.len() > MAX_SERIES {
        d.push(err(
            "series",
            Code::LimitExceeded,
            format!("{} series", list.len()),
            "forecast at most 2000 series at once",
        ));
        return Vec::new();
    }
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, s) in list.iter().enumerate() {
        if s.id.trim().is_empty() {
            d.push(err(format!("series[{i}].id"), Code::IdInvalid, "an empty id", "give every series an id"));
        } else if index.insert(s.id.as_str(), i).is_some() {
            d.push(err(
                format!("series[{i}].id"),
                Code::IdInvalid,
                format!("the id {:?} is used twice", s.id),
                "make ids unique",
            ));
        }
    }
    let mut nodes: Vec<Node> = Vec::with_capacity(list.len());
    for (i, s) in list.iter().enumerate() {
        let parent = s.parent.as_deref().and_then(|p| {
            let found = index.get(p).copied();
            if found.is_none() {
                d.push(err(
                    format!("series[{i}].parent"),
                    Code::UnknownReference,
                    format!("no series has the id {p:?}"),
                    "use the id of another series",
                ));
            }
            found
        });
        let mut exact = Vec::new();
        let mut start = Month::from_index(0);
        match (&s.values, &s.start) {
            (Some(values), start_text) => {
                match start_text.as_deref().map(|t| (t, Month::parse(t))) {
                    None => d.push(err(
                        format!("series[{i}].start"),
                        Code::MissingField,
                        "a series with values needs its first month",
                        "add \"start\": \"YYYY-MM\"",
                    )),
                    Some((t, None)) => d.push(err(
                        format!("series[{i}].start"),
                        Code::DateInvalid,
                        format!("{t:?} is not a month"),
                        "write the month as YYYY-MM, such as \"2024-01\"",
                    )),
                    Some((_, Some(m))) => start = m,
                }
                if values.len() < MIN_VALUES {
                    d.push(err(
                        format!("series[{i}].values"),
                        Code::OutOfRange,
                        format!("{} values", values.len()),
                        "give at least 3 months of history",
                    ));
                }
                if values.len() > MAX_VALUES {
                    d.push(err(
                        format!("series[{i}].values"),
                        Code::LimitExceeded,
                        format!("{} values", values.len()),
                        "give at most 600 months (50 years)",
                    ));
                }
                for (j, v) in values.iter().enumerate() {
                    if let Some(x) = v.get(&format!("series[{i}].values[{j}]"), d) {
                        exact.push(x);
                    }
                }
            }
            (None, Some(_)) => d.push(err(
                format!("series[{i}].values"),
                Code::MissingField,
                "a start month without values",
                "give the values, or leave out start for a series that sums its children",
            )),
            (None, None) => {}
        }
        nodes.push(Node {
            id: s.id.clone(),
            name: s.name.clone(),
            level: s.level.unwrap_or(SeriesLevelDto::Rep),
            parent,
            children: Vec::new(),
            start,
            values: exact.iter().map(|x| to_f64(*x)).collect(),
            exact,
        });
    }
    for i in 0..nodes.len() {
        if let Some(p) = nodes[i].parent {
            nodes[p].children.push(i);
        }
    }
    for (i, s) in list.iter().enumerate() {
        if s.values.is_none() && nodes[i].children.is_empty() {
            d.push(err(
                format!("series[{i}].values"),
                Code::MissingField,
                "a series without values or children",
                "give its monthly values, or series whose parent it is",
            ));
        }
        if s.level.is_none() {
            nodes[i].level = match (nodes[i].parent.is_some(), nodes[i].children.is_empty()) {
                (_, true) => SeriesLevelDto::Rep,
                (false, false) => SeriesLevelDto::Company,
                (true, false) => SeriesLevelDto::Team,
            };
        }
        // A chain of parents longer than the list loops.
        let (mut at, mut steps) = (nodes[i].parent, 0);
        while let Some(p) = at {
            steps += 1;
            if p == i || steps > nodes.len() {
                d.push(err(
                    format!("series[{i}].parent"),
                    Code::HierarchyCycle,
                    format!("the parents of {:?} loop back to it", s.id),
                    "make the parents form a tree",
                ));
                break;
            }
            at = nodes[p].parent;
        }
    }
    nodes
}

/// Fills every aggregate with its children's sums over the union of their months, deepest
/// first; returns the nodes and that order. A series with children that gives values too must
/// give exactly that sum.
fn aggregate(mut nodes: Vec<Node>) -> Result<(Vec<Node>, Vec<usize>)> {
    let depth = |nodes: &[Node], mut i: usize| {
        let mut k = 0;
        while let Some(p) = nodes[i].parent {
            k += 1;
            i = p;
        }
        k
    };
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    let depths: Vec<usize> = (0..nodes.len()).map(|i| depth(&nodes, i)).collect();
    order.sort_by(|a, b| depths[*b].cmp(&depths[*a]).then(a.cmp(b)));
    let mut d = Vec::new();
    for &i in &order {
        if nodes[i].children.is_empty() {
            continue;
        }
        let kids = nodes[i].children.clone();
        let start = kids.iter().map(|&c| nodes[c].start).min().unwrap_or(Month::from_index(0));
        let end = kids.iter().map(|&c| nodes[c].start.plus(nodes[c].exact.len() as i64)).max().unwrap_or(start);
        let mut sum = vec![Decimal::ZERO; start.months_until(end).max(0) as usize];
        for &c in &kids {
            let off = start.months_until(nodes[c].start) as usize;
            for (k, v) in nodes[c].exact.iter().enumerate() {
                sum[off + k] = sum[off + k].checked_add(*v).ok_or_else(|| {
                    Error::new(Code::Overflow, format!("the sum of the children of {:?} overflows", nodes[i].id))
                })?;
            }
        }
        if !nodes[i].exact.is_empty() {
            given_sums(&nodes[i], i, start, &sum, &mut d);
            continue;
        }
        nodes[i].start = start;
        nodes[i].values = sum.iter().map(|x| to_f64(*x)).collect();
        nodes[i].exact = sum;
    }
    if !d.is_empty() {
        return Err(Error::from_diagnostics(d));
    }
    Ok((nodes, order))
}

/// The values given for a series with children, checked against the children's sum: the same
/// months, the same amount in each (at most 5 months reported per series).
fn given_sums(node: &Node, i: usize, start: Month, sum: &[Decimal], d: &mut Vec<Diagnostic>) {
    if node.start != start || node.exact.len() != sum.len() {
        let (from, to) = (start.to_string(), start.plus(sum.len() as i64 - 1).to_string());
        d.push(err(
            format!("series[{i}].values"),
            Code::OutOfRange,
            format!(
                "{:?} gives {} months from {}, its children cover {} months, {from} to {to}",
                node.id,
                node.exact.len(),
                node.start,
                sum.len()
            ),
            "leave out the values of a series with children (it is their sum), or give exactly their sum",
        ));
        return;
    }
    for (k, (given, want)) in node.exact.iter().zip(sum).enumerate().filter(|(_, (g, w))| g != w).take(5) {
        d.push(err(
            format!("series[{i}].values[{k}]"),
            Code::OutOfRange,
            format!("{given} in {}, but its children sum to {want}", start.plus(k as i64)),
            "leave out the values of a series with children (it is their sum), or give exactly their sum",
        ));
    }
}

/// Every series must end in the same month: the forecasts then cover the same months and the
/// children's forecasts add up.
fn same_end(p: &Problem) -> Result<()> {
    let end_of = |n: &Node| n.start.plus(n.exact.len() as i64 - 1);
    let Some(last) = p.nodes.iter().map(end_of).max() else {
        return Ok(());
    };
    let d: Vec<Diagnostic> = p
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| end_of(n) != last)
        .map(|(i, n)| {
            err(
                format!("series[{i}].values"),
                Code::OutOfRange,
                format!("{:?} ends in {}, other series in {}", n.id, end_of(n), last),
                "give every series up to the same month (0 for months without bookings)",
            )
        })
        .collect();
    if d.is_empty() {
        Ok(())
    } else {
        Err(Error::from_diagnostics(d))
    }
}
