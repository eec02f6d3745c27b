//! The balancing input, validated: `TerritoryInputDto` → [`Instance`] with every problem
//! located (`accounts[3].potential`, `territories[1].capacity.workload`), and balance options
//! merged over the input's.

use super::{
    Account, Instance, Options, Territory, Weights, DEFAULT_ITERATIONS, MAX_ACCOUNTS, MAX_ITERATIONS, MAX_PAIRS,
    MAX_TERRITORIES,
};
use crate::territory::dto::{BalanceOptionsDto, TerritoryInputDto, WeightsDto};
use rust_decimal::Decimal;
use spm_base::dec::Dec;
use spm_base::error::{Code, Diagnostic, Error, Result};
use spm_base::float::to_f64;
use std::collections::HashMap;

/// Parses and validates the JSON text of a balancing problem.
///
/// # Errors
/// `JSON_SYNTAX`, `UNKNOWN_FIELD`, … for malformed JSON; every validation problem of
/// [`instance`] otherwise.
pub fn parse(text: &str) -> Result<Instance> {
    let dto: TerritoryInputDto = spm_base::json::from_str(text, "the territory input")?;
    instance(&dto)
}

/// Validates a balancing problem.
///
/// # Errors
/// Every problem, located: `SCHEMA_VERSION`; `MISSING_FIELD` (no territories, a locked account
/// without an owner); `ID_INVALID` (empty or repeated ids); `UNKNOWN_REFERENCE` (an owner that
/// is not a territory); `DECIMAL_NOT_STRING` / `DECIMAL_INVALID`; `NEGATIVE_VALUE` (potential,
/// workload, capacity or weight below zero); `OUT_OF_RANGE` (all weights zero, `maxIterations`
/// of 0 or above 1,000); `LIMIT_EXCEEDED` (too many accounts or territories);
/// `CAPACITY_EXCEEDED` (a territory whose locked accounts exceed its capacity, or capacities
/// that cannot hold all accounts).
pub fn instance(dto: &TerritoryInputDto) -> Result<Instance> {
    let mut d = Vec::new();
    if let Some(v) = dto.schema_version {
        if v != 1 {
            d.push(Diagnostic::error(
                "schemaVersion",
                Code::SchemaVersion,
                format!("schema version {v} is not one this engine reads"),
                "use schemaVersion 1",
            ));
        }
    }
    if dto.territories.is_empty() {
        d.push(Diagnostic::error("territories", Code::MissingField, "there are no territories", "add at least one"));
    }
    limits(dto, &mut d);
    if !d.is_empty() {
        return Err(Error::from_diagnostics(d));
    }
    let territories = territories(dto, &mut d);
    let index: HashMap<&str, usize> = dto.territories.iter().enumerate().map(|(i, t)| (t.id.as_str(), i)).collect();
    let accounts = accounts(dto, &index, &mut d);
    let options = options(&Options::default(), dto.weights.as_ref(), dto.seed, dto.max_iterations, "", &mut d);
    if d.is_empty() {
        capacities(&accounts, &territories, &mut d);
    }
    if d.is_empty() {
        Ok(Instance { accounts, territories, options })
    } else {
        Err(Error::from_diagnostics(d))
    }
}

/// The options of a `balance` call over the instance's.
///
/// # Errors
/// Located problems of the weights and `maxIterations`.
pub fn balance_options(base: &Options, dto: &BalanceOptionsDto) -> Result<Options> {
    let mut d = Vec::new();
    let o = options(base, dto.weights.as_ref(), dto.seed, dto.max_iterations, "", &mut d);
    if d.is_empty() {
        Ok(o)
    } else {
        Err(Error::from_diagnostics(d))
    }
}

fn limits(dto: &TerritoryInputDto, d: &mut Vec<Diagnostic>) {
    let (n, m) = (dto.accounts.len(), dto.territories.len());
    if n > MAX_ACCOUNTS {
        d.push(Diagnostic::error(
            "accounts",
            Code::LimitExceeded,
            format!("{n} accounts are more than the {MAX_ACCOUNTS} the balancer takes"),
            "balance regions separately",
        ));
    }
    if m > MAX_TERRITORIES {
        d.push(Diagnostic::error(
            "territories",
            Code::LimitExceeded,
            format!("{m} territories are more than the {MAX_TERRITORIES} the balancer takes"),
            "balance regions separately",
        ));
    }
    if n.saturating_mul(m) > MAX_PAIRS && n <= MAX_ACCOUNTS && m <= MAX_TERRITORIES {
        d.push(Diagnostic::error(
            "accounts",
            Code::LimitExceeded,
            format!("{n} accounts × {m} territories are more than the {MAX_PAIRS} pairs the balancer takes"),
            "balance regions separately",
        ));
    }
}

fn territories(dto: &TerritoryInputDto, d: &mut Vec<Diagnostic>) -> Vec<Territory> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(dto.territories.len());
    for (i, t) in dto.territories.iter().enumerate() {
        let at = format!("territories[{i}]");
        check_id(&t.id, &format!("{at}.id"), &mut seen, i, "territory", d);
        let cap = t.capacity.clone().unwrap_or_default();
        let max_workload = cap.workload.as_ref().and_then(|w| non_negative(w, &format!("{at}.capacity.workload"), d));
        let center = t.center.as_ref().and_then(|c| {
            let x = coordinate(&c.x, &format!("{at}.center.x"), d);
            let y = coordinate(&c.y, &format!("{at}.center.y"), d);
            x.zip(y)
        });
        out.push(Territory {
            id: t.id.clone(),
            name: t.name.clone().unwrap_or_else(|| t.id.clone()),
            max_workload,
            max_accounts: cap.accounts.map(|a| a as usize),
            center,
        });
    }
    out
}

fn accounts(dto: &TerritoryInputDto, index: &HashMap<&str, usize>, d: &mut Vec<Diagnostic>) -> Vec<Account> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut out = Vec::with_capacity(dto.accounts.len());
    for (i, a) in dto.accounts.iter().enumerate() {
        let at = format!("accounts[{i}]");
        check_id(&a.id, &format!("{at}.id"), &mut seen, i, "account", d);
        let potential = non_negative(&a.potential, &format!("{at}.potential"), d);
        let workload = match &a.workload {
            Some(w) => non_negative(w, &format!("{at}.workload"), d),
            None => Some(Decimal::ONE),
        };
        let x = coordinate(&a.x, &format!("{at}.x"), d);
        let y = coordinate(&a.y, &format!("{at}.y"), d);
        let owner = match &a.owner {
            Some(o) => match index.get(o.as_str()) {
                Some(&t) => Some(t),
                None => {
                    d.push(Diagnostic::error(
                        format!("{at}.owner"),
                        Code::UnknownReference,
                        format!("owner {o:?} is not a territory"),
                        "use the id of one of the territories",
                    ));
                    None
                }
            },
            None => None,
        };
        let locked = a.locked.unwrap_or(false);
        if locked && a.owner.is_none() {
            d.push(Diagnostic::error(
                format!("{at}.locked"),
                Code::MissingField,
                format!("account {:?} is locked but has no owner to stay with", a.id),
                "give it an owner, or unlock it",
            ));
        }
        out.push(Account {
            id: a.id.clone(),
            potential: potential.unwrap_or_default(),
            workload: workload.unwrap_or_default(),
            x: x.unwrap_or(0.0),
            y: y.unwrap_or(0.0),
            owner,
            locked,
        });
    }
    out
}

/// Weights, seed and passes, each taken from the DTO when given and from `base` otherwise.
fn options(
    base: &Options,
    w: Option<&WeightsDto>,
    seed: Option<u64>,
    iterations: Option<u32>,
    prefix: &str,
    d: &mut Vec<Diagnostic>,
) -> Options {
    let mut o = *base;
    if let Some(w) = w {
        let mut weight = |v: &Option<Dec>, name: &str, slot: &mut f64| {
            if let Some(v) = v {
                if let Some(x) = non_negative(v, &format!("{prefix}weights.{name}"), d) {
                    *slot = to_f64(x);
                }
            }
        };
        let mut ws: Weights = o.weights;
        weight(&w.balance, "balance", &mut ws.balance);
        weight(&w.compactness, "compactness", &mut ws.compactness);
        weight(&w.disruption, "disruption", &mut ws.disruption);
        if ws.balance == 0.0 && ws.compactness == 0.0 && ws.disruption == 0.0 {
            d.push(Diagnostic::error(
                format!("{prefix}weights"),
                Code::OutOfRange,
                "every weight is zero, so every assignment would be as good as any other",
                "give at least one weight above zero",
            ));
        }
        o.weights = ws;
    }
    if let Some(s) = seed {
        o.seed = s;
    }
    if let Some(n) = iterations {
        if n == 0 || n > MAX_ITERATIONS {
            d.push(Diagnostic::error(
                format!("{prefix}maxIterations"),
                Code::OutOfRange,
                format!("maxIterations {n} is outside 1–{MAX_ITERATIONS}"),
                format!("use a number from 1 to {MAX_ITERATIONS} (default {DEFAULT_ITERATIONS})"),
            ));
        } else {
            o.max_iterations = n;
        }
    }
    o
}

/// Locked accounts must fit their territories' capacities, and all accounts the capacities
/// together when every territory has one.
fn capacities(accounts: &[Account], territories: &[Territory], d: &mut Vec<Diagnostic>) {
    let m = territories.len();
    let mut locked_w = vec![Decimal::ZERO; m];
    let mut locked_n = vec![0usize; m];
    for a in accounts.iter().filter(|a| a.locked) {
        if let Some(t) = a.owner {
            locked_w[t] = locked_w[t].saturating_add(a.workload);
            locked_n[t] += 1;
        }
    }
    for (i, t) in territories.iter().enumerate() {
        if let Some(cap) = t.max_workload {
            if locked_w[i] > cap {
                d.push(Diagnostic::error(
                    format!("territories[{i}].capacity.workload"),
                    Code::CapacityExceeded,
                    format!(
                        "territory {:?} holds locked accounts with workload {} but its capacity is {cap}",
                        t.id, locked_w[i]
                    ),
                    "raise the capacity or unlock some of its accounts",
                ));
            }
        }
        if let Some(cap) = t.max_accounts {
            if locked_n[i] > cap {
                d.push(Diagnostic::error(
                    format!("territories[{i}].capacity.accounts"),
                    Code::CapacityExceeded,
                    format!("territory {:?} holds {} locked accounts but its capacity is {cap}", t.id, locked_n[i]),
                    "raise the capacity or unlock some of its accounts",
                ));
            }
        }
    }
    if territories.iter().all(|t| t.max_accounts.is_some()) {
        let total: usize = territories.iter().filter_map(|t| t.max_accounts).sum::<usize>();
        if total < accounts.len() {
            d.push(Diagnostic::error(
                "territories",
                Code::CapacityExceeded,
                format!("the territories hold at most {total} accounts together, but there are {}", accounts.len()),
                "raise some capacities or add a territory",
            ));
        }
    }
    if territories.iter().all(|t| t.max_workload.is_some()) {
        let cap = territories.iter().filter_map(|t| t.max_workload).fold(Decimal::ZERO, Decimal::saturating_add);
        let need = accounts.iter().map(|a| a.workload).fold(Decimal::ZERO, Decimal::saturating_add);
        if need > cap {
            d.push(Diagnostic::error(
                "territories",
                Code::CapacityExceeded,
                format!("the territories' workload capacities add up to {cap}, but the accounts need {need}"),
                "raise some capacities or add a territory",
            ));
        }
    }
}

fn check_id<'a>(
    id: &'a str,
    path: &str,
    seen: &mut HashMap<&'a str, usize>,
    i: usize,
    what: &str,
    d: &mut Vec<Diagnostic>,
) {
    if id.is_empty() {
        d.push(Diagnostic::error(path, Code::IdInvalid, format!("the {what} id is empty"), "give it an id"));
    } else if let Some(first) = seen.insert(id, i) {
        seen.insert(id, first);
        d.push(Diagnostic::error(
            path,
            Code::IdInvalid,
            format!("{what} id {id:?} is used twice (first at index {first})"),
            "give every one its own id",
        ));
    }
}

fn non_negative(v: &Dec, path: &str, d: &mut Vec<Diagnostic>) -> Option<Decimal> {
    let x = v.get(path, d)?;
    if x.is_sign_negative() && !x.is_zero() {
        d.push(Diagnostic::error(path, Code::NegativeValue, format!("{x} is below zero"), "use zero or more"));
        return None;
    }
    Some(x)
}

fn coordinate(v: &Dec, path: &str, d: &mut Vec<Diagnostic>) -> Option<f64> {
    v.get(path, d).map(to_f64)
}
