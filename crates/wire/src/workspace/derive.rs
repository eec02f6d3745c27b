//! What the pages read from a workspace, derived from its people, deals and activity, so every
//! page works on the same company: the territory-balancing input (Territories), the quota plan
//! input (Quotas), the scoring roster and events (Leaderboard), and accounts and territories
//! from the deals (the sample company's, or a new workspace's first ones). Pure functions over
//! the DTOs; docs/workspace.md gives every rule.

use super::{WorkspaceAccountDto, WorkspaceTerritoryDto};
use crate::spec::data::PayeeDto;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::dec::{parse_decimal, Dec};
use spm_base::error::{clip, Code, Error, Result};
use spm_base::money;
use spm_base::period::Date;
use spm_planning::quota::dto::{
    HistoryBlendDto, HistoryPointDto, QuotaMethodDto, QuotaNodeInputDto, QuotaPlanInputDto, QuotaSplitDto,
};
use spm_planning::territory::dto::{AccountDto, TerritoryDto, TerritoryInputDto};
use spm_scoring::dto::RosterRepDto;
use std::collections::{BTreeMap, BTreeSet};

/// Options of [`quota_input`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuotaOptionsDto {
    /// The plan year (default: the year after the latest deal's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// Growth over the most recent year's bookings, in percent: "10" is +10% (default "0").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub growth_percent: Option<Dec>,
    /// ISO 4217 currency of the amounts (default "USD").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The root node's name (default "Company").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_name: Option<String>,
}

/// What `new ScoringModel(definitions, roster, eventsCsv)` takes for a workspace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ScoringInputDto {
    /// Every person, with their team.
    pub roster: Vec<RosterRepDto>,
    /// Scoring events as CSV: each won deal as a `deal` event of its payee, then the activity.
    pub events_csv: String,
}

/// One deal's credit to one person: the whole amount to `payeeId`, or each non-overlay split's
/// share of it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Credit<'a> {
    /// The deal's id.
    pub deal: &'a str,
    /// Its date.
    pub date: Date,
    /// The person credited.
    pub payee: &'a str,
    /// The amount credited (exact: amount × share).
    pub amount: Decimal,
    /// The deal's customer, if any.
    pub customer: &'a str,
    /// Whether the deal was split (its scoring event ids then name the payee too).
    pub split: bool,
}

/// The bookings window of an account's potential: the 365 days ending on the latest deal.
pub const POTENTIAL_DAYS: i64 = 365;
/// An account's potential is its bookings in the window times this.
pub const POTENTIAL_FACTOR: Decimal = Decimal::from_parts(15, 0, 0, false, 1);

/// Calls `f` with every credit of the deals CSV, in file order.
///
/// # Errors
/// `CSV_INVALID` for a missing column or an unreadable line; `DATE_INVALID`, `DECIMAL_INVALID`
/// for a bad cell; each located as `dealsCsv, line N, column NAME`.
pub(crate) fn for_each_credit(text: &str, mut f: impl FnMut(Credit<'_>) -> Result<()>) -> Result<()> {
    let text = spm_base::json::without_bom(text);
    if text.trim().is_empty() {
        return Ok(());
    }
    let mut reader = ::csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| bad("line 1", format!("the header cannot be read: {e}")))?.clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (Some(c_id), Some(c_date), Some(c_amount)) = (col("id"), col("date"), col("amount")) else {
        return Err(bad("line 1", "the deals need the columns id, date and amount".into()));
    };
    let (c_payee, c_splits, c_customer) = (col("payeeId"), col("splits"), col("customer"));
    let mut rec = ::csv::StringRecord::new();
    let mut line = 1usize;
    loop {
        match reader.read_record(&mut rec) {
            Ok(false) => return Ok(()),
            Ok(true) => line += 1,
            Err(e) => return Err(bad(&format!("line {}", line + 1), format!("the line cannot be read: {e}"))),
        }
        let cell = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("").trim();
        let at = |c: &str| format!("line {line}, column {c}");
        let date = Date::parse(cell(Some(c_date)))
            .ok_or_else(|| located(&at("date"), Code::DateInvalid, "not a date (YYYY-MM-DD)"))?;
        let amount = parse_decimal(cell(Some(c_amount)))
            .ok_or_else(|| located(&at("amount"), Code::DecimalInvalid, "not a decimal"))?;
        let (deal, customer) = (cell(Some(c_id)), cell(c_customer));
        let splits =
            crate::io::csv::parse_splits(cell(c_splits)).map_err(|m| located(&at("splits"), Code::CsvInvalid, &m))?;
        if splits.is_empty() {
            let payee = cell(c_payee);
            if !payee.is_empty() {
                f(Credit { deal, date, payee, amount, customer, split: false })?;
            }
            continue;
        }
        for (payee, share, overlay) in &splits {
            if !overlay {
                let amount =
                    money::mul(amount, *share).map_err(|e| e.or_at(|| format!("dealsCsv, {}", at("splits"))))?;
                f(Credit { deal, date, payee, amount, customer, split: true })?;
            }
        }
    }
}

/// Calls `f` with the deal id and each person a deal names (`payeeId`, or each split's), in file
/// order, reading nothing else: lines or cells that cannot be read are passed over (the dataset
/// check reports them).
pub(crate) fn for_each_payee(text: &str, mut f: impl FnMut(&str, &str)) {
    let text = spm_base::json::without_bom(text);
    let mut reader = ::csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(text.as_bytes());
    let Ok(headers) = reader.headers().cloned() else { return };
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (c_id, c_payee, c_splits) = (col("id"), col("payeeId"), col("splits"));
    for rec in reader.records().flatten() {
        let cell = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("").trim();
        let splits = crate::io::csv::parse_splits(cell(c_splits)).unwrap_or_default();
        if splits.is_empty() {
            if !cell(c_payee).is_empty() {
                f(cell(c_id), cell(c_payee));
            }
        } else {
            for (payee, _, _) in &splits {
                f(cell(c_id), payee);
            }
        }
    }
}

fn bad(at: &str, msg: String) -> Error {
    Error::at(format!("dealsCsv, {at}"), Code::CsvInvalid, msg, "the deals are the canonical transactions CSV")
}

fn located(at: &str, code: Code, msg: &str) -> Error {
    Error::at(format!("dealsCsv, {at}"), code, msg, "correct the cell")
}

/// The territory-balancing input of a workspace. Territories are the workspace's (named after
/// their holder when they have no name); a workspace without territories gets one per account
/// owner (id and name the person's). Each account goes to its `territoryId`, else to the first
/// territory its owner holds (or, with derived territories, its owner's); an account without a
/// location sits at the origin.
pub fn territory_input(
    people: &[PayeeDto],
    accounts: &[WorkspaceAccountDto],
    territories: &[WorkspaceTerritoryDto],
) -> TerritoryInputDto {
    let name_of = |id: &str| people.iter().find(|p| p.id == id).map(|p| p.name.clone());
    let derived = territories.is_empty();
    let out_territories: Vec<TerritoryDto> = if derived {
        let owners: BTreeSet<&str> = accounts.iter().filter_map(|a| a.owner_id.as_deref()).collect();
        owners
            .into_iter()
            .map(|o| TerritoryDto { id: o.to_string(), name: name_of(o), ..TerritoryDto::default() })
            .collect()
    } else {
        territories
            .iter()
            .map(|t| TerritoryDto {
                id: t.id.clone(),
                name: t.name.clone().or_else(|| t.owner_id.as_deref().and_then(name_of)),
                capacity: t.capacity.clone(),
                center: t.center.clone(),
            })
            .collect()
    };
    let held_by = |owner: &str| -> Option<String> {
        if derived {
            return Some(owner.to_string());
        }
        territories.iter().find(|t| t.owner_id.as_deref() == Some(owner)).map(|t| t.id.clone())
    };
    let zero = || Dec::Ok(Decimal::ZERO);
    let out_accounts = accounts
        .iter()
        .map(|a| AccountDto {
            id: a.id.clone(),
            name: a.name.clone(),
            potential: a.potential.clone(),
            workload: a.workload.clone(),
            x: a.location.as_ref().map_or_else(zero, |l| l.x.clone()),
            y: a.location.as_ref().map_or_else(zero, |l| l.y.clone()),
            owner: a.territory_id.clone().filter(|_| !derived).or_else(|| a.owner_id.as_deref().and_then(held_by)),
            locked: a.locked,
        })
        .collect();
    TerritoryInputDto {
        schema_version: Some(1),
        accounts: out_accounts,
        territories: out_territories,
        ..TerritoryInputDto::default()
    }
}

/// Accounts and territories from the deals: one account per `customer`, its potential the
/// bookings (positive credited amounts) of the 365 days ending on the file's latest deal × 1.5,
/// its workload the number of its deals in that window (at least 1), its owner the person
/// credited the most bookings on it in that window (ties to the smaller id; only people count);
/// one territory per owner (`t-` and the person's id, the person's name), which its accounts
/// belong to. Accounts sorted by id, territories by owner id.
///
/// # Errors
/// Located problems of the deals CSV; `OVERFLOW`.
pub fn accounts_from_deals(
    people: &[PayeeDto],
    deals_csv: &str,
) -> Result<(Vec<WorkspaceAccountDto>, Vec<WorkspaceTerritoryDto>)> {
    let mut latest: Option<Date> = None;
    for_each_credit(deals_csv, |c| {
        latest = Some(latest.map_or(c.date, |l| l.max(c.date)));
        Ok(())
    })?;
    let Some(latest) = latest else { return Ok((Vec::new(), Vec::new())) };
    let start = latest.add_days(1i64.saturating_sub(POTENTIAL_DAYS)).unwrap_or(latest);
    let known: BTreeSet<&str> = people.iter().map(|p| p.id.as_str()).collect();
    // customer → (bookings, deals, last deal id counted, bookings per person)
    let mut by_customer: BTreeMap<String, (Decimal, u64, String, BTreeMap<String, Decimal>)> = BTreeMap::new();
    for_each_credit(deals_csv, |c| {
        if c.customer.is_empty() {
            return Ok(());
        }
        let entry = by_customer.entry(c.customer.to_string()).or_default();
        if c.date < start || c.amount <= Decimal::ZERO {
            return Ok(());
        }
        // A split deal is one deal, however many people it credits.
        if entry.2 != c.deal || !c.split {
            entry.1 = entry.1.saturating_add(1);
            entry.2 = c.deal.to_string();
        }
        entry.0 = money::add(entry.0, c.amount)?;
        if known.contains(c.payee) {
            let p = entry.3.entry(c.payee.to_string()).or_default();
            *p = money::add(*p, c.amount)?;
        }
        Ok(())
    })?;
    let mut accounts = Vec::with_capacity(by_customer.len());
    let mut owners = BTreeSet::new();
    for (id, (bookings, deals, _, per_person)) in by_customer {
        // Most bookings first; on a tie the smaller id (the map iterates ids in order).
        let owner = per_person.iter().fold(None::<(&String, Decimal)>, |best, (p, v)| match best {
            Some((_, b)) if b >= *v => best,
            _ => Some((p, *v)),
        });
        let owner = owner.map(|(p, _)| p.clone());
        if let Some(o) = &owner {
            owners.insert(o.clone());
        }
        accounts.push(WorkspaceAccountDto {
            name: Some(id.clone()),
            id,
            potential: Dec::Ok(money::mul(bookings, POTENTIAL_FACTOR)?),
            workload: Some(Dec::Ok(Decimal::from(deals.max(1)))),
            location: None,
            territory_id: owner.as_ref().map(|o| format!("t-{o}")),
            owner_id: owner,
            locked: None,
        });
    }
    let territories = owners
        .into_iter()
        .map(|o| WorkspaceTerritoryDto {
            id: format!("t-{o}"),
            name: people.iter().find(|p| p.id == o).map(|p| p.name.clone()),
            owner_id: Some(o),
            capacity: None,
            center: None,
        })
        .collect();
    Ok((accounts, territories))
}

/// A person's manager on `day`: `managerId`, else the span of `managers` holding the day, else
/// the span that started last.
pub(crate) fn manager_on(p: &PayeeDto, day: Date) -> Option<&str> {
    if let Some(m) = p.manager_id.as_deref().filter(|m| !m.is_empty()) {
        return Some(m);
    }
    let holds = |s: &&crate::spec::data::ManagerSpanDto| {
        let from = s.from.as_deref().and_then(Date::parse);
        let to = s.to.as_deref().and_then(Date::parse);
        from.is_none_or(|f| f <= day) && to.is_none_or(|t| day <= t)
    };
    p.managers
        .iter()
        .find(holds)
        .or_else(|| p.managers.iter().max_by(|a, b| a.from.cmp(&b.from)))
        .map(|s| s.manager_id.as_str())
}

/// The quota-planning input of a workspace for `options.year` (the year after the latest deal's
/// when absent): a root node (`company`), then
/// every person under their manager on January 1 of the year (under the root when they have
/// none, or one who is not a person); people who manage nobody are the leaves and carry their
/// history: their credited bookings per calendar year, for up to the three years before the plan
/// year from the first year with deals (0 for a year without), blended 1 / 0.6, 0.4 /
/// 0.5, 0.3, 0.2 (most recent first) and grown by `growthPercent`. The company target is last
/// year's bookings × (1 + growth), to the cent half-up; quotas are split by history (equally
/// without any). Hire and termination dates come from the people.
///
/// # Errors
/// Located problems of the deals CSV; `DECIMAL_INVALID` for the growth; `OVERFLOW`.
pub fn quota_input(people: &[PayeeDto], deals_csv: &str, options: &QuotaOptionsDto) -> Result<QuotaPlanInputDto> {
    let mut d = Vec::new();
    let growth = match &options.growth_percent {
        Some(g) => g.get("growthPercent", &mut d),
        None => Some(Decimal::ZERO),
    };
    let Some(growth) = growth else { return Err(Error::from_diagnostics(d)) };
    let growth = money::div(growth, Decimal::ONE_HUNDRED)?;
    let year = match options.year {
        Some(y) => y,
        None => {
            let mut latest: Option<i32> = None;
            for_each_credit(deals_csv, |c| {
                latest = Some(latest.map_or(c.date.year(), |l| l.max(c.date.year())));
                Ok(())
            })?;
            latest.map(|y| y.saturating_add(1)).ok_or_else(|| {
                Error::at(
                    "year",
                    Code::MissingField,
                    "there are no deals to take the plan year from",
                    "give the plan year, such as 2027",
                )
            })?
        }
    };
    let first_day = Date::new(year, 1, 1).ok_or_else(|| {
        Error::at(
            "year",
            Code::OutOfRange,
            format!("{year} is not a year the engine reads"),
            "give a year such as 2027",
        )
    })?;
    let ids: BTreeSet<&str> = people.iter().map(|p| p.id.as_str()).collect();
    let mut sums: BTreeMap<(String, i32), Decimal> = BTreeMap::new();
    let mut first_year: Option<i32> = None;
    for_each_credit(deals_csv, |c| {
        let y = c.date.year();
        if y >= year || !ids.contains(c.payee) {
            return Ok(());
        }
        first_year = Some(first_year.map_or(y, |f| f.min(y)));
        let s = sums.entry((c.payee.to_string(), y)).or_default();
        *s = money::add(*s, c.amount)?;
        Ok(())
    })?;
    let last = year.saturating_sub(1);
    let years: Vec<i32> = match first_year {
        Some(f) => (last.saturating_sub(2).max(f)..=last).collect(),
        None => Vec::new(),
    };
    let parent_of = |p: &PayeeDto| -> Option<String> {
        manager_on(p, first_day).filter(|m| *m != p.id && ids.contains(m)).map(str::to_string)
    };
    let managers: BTreeSet<String> = people.iter().filter_map(parent_of).collect();
    let mut nodes = vec![QuotaNodeInputDto {
        id: "company".into(),
        name: options.company_name.clone().unwrap_or_else(|| "Company".into()),
        ..QuotaNodeInputDto::default()
    }];
    let mut last_year = Decimal::ZERO;
    for p in people {
        let leaf = !managers.contains(&p.id);
        let history = if leaf && !years.is_empty() {
            let points = years
                .iter()
                .map(|y| {
                    let amount = sums.get(&(p.id.clone(), *y)).copied().unwrap_or_default();
                    if *y == last {
                        last_year = money::add(last_year, amount)?;
                    }
                    Ok(HistoryPointDto { period: y.to_string(), amount: Dec::Ok(amount) })
                })
                .collect::<Result<Vec<_>>>()?;
            Some(points)
        } else {
            None
        };
        nodes.push(QuotaNodeInputDto {
            id: p.id.clone(),
            name: p.name.clone(),
            parent: Some(parent_of(p).unwrap_or_else(|| "company".into())),
            history,
            hire_date: p.hire_date.clone(),
            termination_date: p.termination_date.clone(),
            ..QuotaNodeInputDto::default()
        });
    }
    let weights: &[&str] = match years.len() {
        0 => &[],
        1 => &["1"],
        2 => &["0.6", "0.4"],
        _ => &["0.5", "0.3", "0.2"],
    };
    let target = money::mul(last_year, money::add(Decimal::ONE, growth)?)?;
    let target = money::round_to(target, 2, money::RoundingMode::HalfUp);
    let method = if weights.is_empty() {
        QuotaMethodDto {
            split: QuotaSplitDto::Equal,
            bottom_up: None,
            potential_rate: None,
            history: None,
            capacity: None,
        }
    } else {
        QuotaMethodDto {
            split: QuotaSplitDto::History,
            bottom_up: None,
            potential_rate: None,
            history: Some(HistoryBlendDto {
                weights: weights.iter().map(|w| Dec::parse(w)).collect(),
                growth: Some(Dec::Ok(growth)),
                attrition: None,
            }),
            capacity: None,
        }
    };
    Ok(QuotaPlanInputDto {
        schema_version: Some(1),
        currency: options.currency.clone().unwrap_or_else(|| "USD".into()),
        year,
        target: Dec::Ok(target),
        rounding: None,
        over_assignment: None,
        ramp: None,
        method,
        seasonality: None,
        nodes,
    })
}

/// The scoring input of a workspace: the roster is every person (team, role and hire date as
/// the people have them); the events are each deal credit of a person with an amount above zero
/// as a `deal` event (id `deal-` and the deal's id, and `-` and the person's for a split deal;
/// the credited amount), followed by the activity rows as they are (their `attr.*` columns kept).
///
/// # Errors
/// Located problems of the deals CSV; `CSV_INVALID` for activity without the columns
/// `id,payeeId,type,date` or with an unreadable line (`activityCsv, line N`).
pub fn scoring_input(people: &[PayeeDto], deals_csv: &str, activity_csv: &str) -> Result<ScoringInputDto> {
    let roster = people
        .iter()
        .map(|p| RosterRepDto {
            id: p.id.clone(),
            name: Some(p.name.clone()),
            team: p.team.clone(),
            role: p.role.clone(),
            hire: p.hire_date.clone(),
        })
        .collect();
    let ids: BTreeSet<&str> = people.iter().map(|p| p.id.as_str()).collect();
    let activity = spm_base::json::without_bom(activity_csv);
    let mut reader = ::csv::ReaderBuilder::new().has_headers(true).from_reader(activity.as_bytes());
    let headers = if activity.trim().is_empty() {
        ::csv::StringRecord::new()
    } else {
        reader.headers().map_err(|e| activity_error("line 1", format!("the header cannot be read: {e}")))?.clone()
    };
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let attrs: Vec<(usize, &str)> =
        headers.iter().enumerate().filter(|(_, h)| h.trim().starts_with("attr.")).map(|(i, h)| (i, h.trim())).collect();
    let mut w = ::csv::WriterBuilder::new().from_writer(Vec::with_capacity(deals_csv.len() / 2 + activity.len()));
    let mut header = vec!["id", "payeeId", "type", "date", "amount"];
    header.extend(attrs.iter().map(|(_, h)| *h));
    let io = |e: ::csv::Error| Error::new(Code::Internal, e.to_string());
    w.write_record(&header).map_err(io)?;
    let blanks = vec![""; attrs.len()];
    for_each_credit(deals_csv, |c| {
        if c.amount <= Decimal::ZERO || !ids.contains(c.payee) {
            return Ok(());
        }
        let id = if c.split { format!("deal-{}-{}", c.deal, c.payee) } else { format!("deal-{}", c.deal) };
        let (date, amount) = (c.date.to_string(), c.amount.to_string());
        let mut row = vec![id.as_str(), c.payee, "deal", date.as_str(), amount.as_str()];
        row.extend(blanks.iter());
        w.write_record(&row).map_err(io)
    })?;
    if !headers.is_empty() {
        let (Some(c_id), Some(c_rep), Some(c_type), Some(c_date)) =
            (col("id"), col("payeeId"), col("type"), col("date"))
        else {
            return Err(activity_error("line 1", "the activity needs the columns id, payeeId, type and date".into()));
        };
        let c_amount = col("amount");
        let mut rec = ::csv::StringRecord::new();
        let mut line = 1usize;
        loop {
            match reader.read_record(&mut rec) {
                Ok(false) => break,
                Ok(true) => line += 1,
                Err(e) => {
                    return Err(activity_error(&format!("line {}", line + 1), format!("the line cannot be read: {e}")))
                }
            }
            let cell = |c: Option<usize>| c.and_then(|c| rec.get(c)).unwrap_or("");
            let mut row =
                vec![cell(Some(c_id)), cell(Some(c_rep)), cell(Some(c_type)), cell(Some(c_date)), cell(c_amount)];
            row.extend(attrs.iter().map(|(i, _)| cell(Some(*i))));
            w.write_record(&row).map_err(io)?;
        }
    }
    let bytes = w.into_inner().map_err(|e| Error::new(Code::Internal, e.to_string()))?;
    let events_csv = String::from_utf8(bytes).map_err(|e| Error::new(Code::Internal, e.to_string()))?;
    Ok(ScoringInputDto { roster, events_csv })
}

fn activity_error(at: &str, msg: String) -> Error {
    Error::at(
        format!("activityCsv, {at}"),
        Code::CsvInvalid,
        clip(&msg).into_owned(),
        "the activity is scoring events CSV: id,payeeId,type,date and optional amount and attr.NAME columns",
    )
}

/// Teams from the hierarchy on `day`: every first-line manager (one who manages someone who
/// manages nobody) leads "Team " and their name; each person who manages nobody joins their
/// manager's team, and the manager the team they lead. A person's own `team` is kept.
pub fn assign_teams(people: &mut [PayeeDto], day: Date) {
    let manager: Vec<Option<String>> =
        people.iter().map(|p| manager_on(p, day).filter(|m| *m != p.id).map(str::to_string)).collect();
    let managers: BTreeSet<&str> = manager.iter().flatten().map(String::as_str).collect();
    let mut led: BTreeMap<String, String> = BTreeMap::new();
    for (p, m) in people.iter().zip(&manager) {
        if let (false, Some(m)) = (managers.contains(p.id.as_str()), m) {
            if let Some(boss) = people.iter().find(|q| &q.id == m) {
                led.insert(m.clone(), format!("Team {}", boss.name));
            }
        }
    }
    for (p, m) in people.iter_mut().zip(&manager) {
        if p.team.is_some() {
            continue;
        }
        let leaf = !managers.contains(p.id.as_str());
        p.team = led.get(&p.id).cloned().or_else(|| m.as_ref().filter(|_| leaf).and_then(|m| led.get(m).cloned()));
    }
}
