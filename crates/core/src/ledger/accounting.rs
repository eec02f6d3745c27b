//! Commission expense accounting (ASC 340-40 / IFRS 15): which commission costs are capitalized,
//! their amortization schedules, and the journal entries that post them.
//!
//! **Classification** ([`classify`]). A cost that the plan does not mark as incremental to
//! obtaining a contract is expensed when incurred. Otherwise its benefit period is the contract
//! term, or the expected customer life when renewal commissions are not commensurate with the
//! initial one and the life is longer than the term (the life alone when the term is unknown).
//! With no benefit period (unknown or zero) the cost is expensed. A benefit period of
//! `expedient_months` (12) or less is expensed when the practical expedient is elected; anything
//! else is capitalized and amortized straight-line over the benefit period from the contract's
//! start month.
//!
//! **Schedules** ([`schedule`]). Capitalized tranches with the same payee, deal, component, start
//! month and length form one [`Asset`]. Each tranche is spread over the asset's months
//! `start ..= start + months − 1` by largest remainder to the currency's minor unit, earlier
//! months taking the extra unit on ties, so its shares sum exactly to it (1,000.00 over 36
//! months: 27.78 for the first 28 months, 27.77 for the last 8). A share is recognised in its own
//! month, with two exceptions, both reported as `catch_up`:
//! - a share of a month before the tranche was incurred is recognised in the month it was
//!   incurred (cumulative catch-up of a later adjustment; a tranche incurred after the schedule's
//!   last month is recognised entirely when incurred);
//! - when the deal's contract is terminated (a [`Termination`] for the payee and deal; the
//!   earliest one counts), every share after the termination month is accelerated into it, or
//!   into the month the tranche is incurred if that is later.
//!
//! A negative tranche (a clawback or downward recalculation) spreads its absolute value the same
//! way and negates the shares, so reversing a cost in full mirrors its schedule cent for cent and
//! the asset returns to what it would be without it. Amortization therefore always sums to the
//! capitalized amount and every asset ends with a balance of exactly 0. A cost incurred before
//! its contract starts sits in the asset, unamortized, until the start month. Expensed tranches
//! create no asset; they count in [`MonthRow::expensed`] in the month incurred. Asset rows run
//! without gaps from the earlier of the start and the first month incurred to the last month
//! anything is recognised in; company rows from the first to the last month with activity. Output
//! is sorted (assets by payee, deal, component, start, length; months ascending); amounts carry
//! the currency's minor units.
//!
//! **Journal** ([`journal`], [`journal_csv`]). Per month and payee, up to three entries, numbered
//! `JE-YYYY-MM-NNN` within the month in the order payee, then kind: capitalized accruals
//! (Dr asset / Cr payable), expensed accruals (Dr expense / Cr payable), amortization (Dr
//! amortization / Cr asset). Each entry posts the month's net amount for its payee and kind; a
//! net reversal swaps the sides, so debits and credits are never negative and every entry
//! balances. An entry whose net is zero is not posted. Entries are dated the month's last day.

use rust_decimal::{Decimal, RoundingStrategy};
use spm_base::error::{Code, Error, Result};
use spm_base::money::{add, allocate, sub};
use spm_base::period::{Date, Month};
use std::collections::{BTreeMap, BTreeSet};

/// How a commission cost is accounted for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Treatment {
    /// Capitalize and amortize straight-line over `months` months starting with `start` (the contract start month).
    Capitalize {
        /// The contract's start month: the first month of amortization.
        start: Month,
        /// The benefit period in months.
        months: u32,
    },
    /// Expense when incurred, with the reason in words.
    Expense {
        /// Why, e.g. "practical expedient: a benefit period of 12 months (12 or less) is expensed when incurred".
        reason: String,
    },
}

/// One payout line's cost, incurred in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tranche {
    /// Payee id.
    pub payee: String,
    /// Deal id ("" for lines not tied to a deal).
    pub transaction: String,
    /// Component id.
    pub component: String,
    /// Month the cost is incurred (the ledger period's last month).
    pub incurred: Month,
    /// In the ledger currency; negative for a reversal (a clawback or downward recalculation).
    pub amount: Decimal,
    /// Capitalized or expensed.
    pub treatment: Treatment,
}

/// A contract that ended early: its remaining amortization is accelerated into `month`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Termination {
    /// Payee id.
    pub payee: String,
    /// Deal id.
    pub transaction: String,
    /// The month the contract ended.
    pub month: Month,
}

pub use spm_plan::policy::Accounts;

/// The company's accounting policy choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Whether costs with a short benefit period are expensed at once (default true).
    pub practical_expedient: bool,
    /// The longest benefit period the expedient covers (12 months).
    pub expedient_months: u32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy { practical_expedient: true, expedient_months: 12 }
    }
}

/// Classifies one cost. `term_months`: the contract term of the deal (`None` when unknown);
/// `customer_life_months`: expected customer life (used when `renewal_commensurate` is false;
/// pass `None` for renewal lines); `capitalizable`: whether the component's plan says its cost is
/// incremental to obtaining a contract. The rules are in the module documentation.
pub fn classify(
    capitalizable: bool,
    start: Month,
    term_months: Option<u32>,
    renewal_commensurate: bool,
    customer_life_months: Option<u32>,
    policy: &Policy,
) -> Treatment {
    let expense = |reason: String| Treatment::Expense { reason };
    if !capitalizable {
        return expense("not incremental to obtaining a contract".into());
    }
    let life = if renewal_commensurate { None } else { customer_life_months };
    let benefit = match (term_months, life) {
        (Some(term), Some(life)) => term.max(life),
        (Some(term), None) => term,
        (None, Some(life)) => life,
        (None, None) => return expense("contract term missing: no benefit period to amortize over".into()),
    };
    if benefit == 0 {
        return expense("benefit period of 0 months: nothing to amortize over".into());
    }
    if policy.practical_expedient && benefit <= policy.expedient_months {
        return expense(format!(
            "practical expedient: a benefit period of {benefit} months ({} or less) is expensed when incurred",
            policy.expedient_months
        ));
    }
    Treatment::Capitalize { start, months: benefit }
}

/// Amortization schedules of every asset and company-wide monthly totals.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Schedule {
    /// One per payee, deal, component, start and length; sorted by those.
    pub assets: Vec<Asset>,
    /// Company-wide totals, one per month from the first to the last with activity.
    pub months: Vec<MonthRow>,
    /// The currency's minor units; every amount has this many decimal places.
    pub minor_units: u32,
}

/// One capitalized contract cost and its amortization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Payee id.
    pub payee: String,
    /// Deal id.
    pub transaction: String,
    /// Component id.
    pub component: String,
    /// First month of amortization.
    pub start: Month,
    /// Length of the schedule in months.
    pub months: u32,
    /// Sum of the capitalized tranches.
    pub capitalized: Decimal,
    /// Month by month, without gaps.
    pub rows: Vec<AssetMonth>,
    /// The termination that applies to the deal, if any.
    pub terminated: Option<Month>,
}

/// One month of an asset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetMonth {
    /// The month.
    pub month: Month,
    /// Amortization recognised in the month.
    pub amortization: Decimal,
    /// Part of `amortization` that is catch-up or acceleration (shares of other months).
    pub catch_up: Decimal,
    /// Unamortized after this month.
    pub balance: Decimal,
    /// What happened, in words ("" for an ordinary month).
    pub note: String,
}

/// Company-wide totals for one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthRow {
    /// The month.
    pub month: Month,
    /// Costs capitalized (tranches incurred in the month).
    pub capitalized: Decimal,
    /// Costs expensed when incurred.
    pub expensed: Decimal,
    /// Amortization recognised.
    pub amortization: Decimal,
    /// Unamortized capitalized costs after the month.
    pub balance: Decimal,
}

/// One journal line; the lines of an entry share its `entry` number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalEntry {
    /// Last day of the month.
    pub date: Date,
    /// Entry number, e.g. "JE-2026-03-001".
    pub entry: String,
    /// Account name.
    pub account: String,
    /// Debit (never negative).
    pub debit: Decimal,
    /// Credit (never negative).
    pub credit: Decimal,
    /// Payee id.
    pub payee: String,
    /// What the entry is, in words.
    pub memo: String,
}

type AssetKey = (String, String, String, Month, u32);

/// What happens to one asset in one month while its tranches are spread.
#[derive(Default)]
struct Cell {
    capitalized: Decimal,
    amortization: Decimal,
    catch_up: Decimal,
    /// Most earlier months one tranche caught up into this month.
    caught: usize,
    /// Most later months one tranche accelerated into this month.
    accelerated: usize,
}

struct Building {
    capitalized: Decimal,
    first: Month,
    cells: BTreeMap<Month, Cell>,
}

#[derive(Default)]
struct Totals {
    capitalized: Decimal,
    expensed: Decimal,
    amortization: Decimal,
}

fn invalid(path: String, message: String, hint: &str) -> Error {
    Error::at(path, Code::AllocationInvalid, message, hint)
}

/// The month's last day, or an error located at `path` when it is not a real month.
fn dated(m: Month, path: String) -> Result<Date> {
    m.last_day()
        .ok_or_else(|| invalid(path, format!("{m} is not a month from 0001-01 to 9999-12"), "give a real month"))
}

/// `x` with exactly `dp` decimal places (it never has more here).
fn fixed(x: Decimal, dp: u32) -> Decimal {
    let mut y = x;
    y.rescale(dp);
    y
}

/// Splits `amount` into `months` shares by largest remainder, mirrored for negative amounts.
fn spread(amount: Decimal, months: u32, minor_units: u32) -> Result<Vec<Decimal>> {
    let n = usize::try_from(months).map_err(|_| Error::new(Code::AllocationInvalid, "too many months"))?;
    let shares = allocate(amount.abs(), &vec![Decimal::ONE; n], minor_units)?;
    Ok(if amount.is_sign_negative() { shares.into_iter().map(|s| -s).collect() } else { shares })
}

/// Builds the amortization schedules of the capitalized tranches and the company's monthly
/// totals; the rules are in the module documentation. `minor_units`: the ledger currency's
/// (2 for cents).
///
/// # Errors
/// `ALLOCATION_INVALID` (located at `tranches[i]…` or `terminations[i]…`) for an amount with
/// digits below the minor unit, a schedule of 0 months, or a month outside 0001-01..9999-12
/// (including a schedule's last month); `OVERFLOW` past the decimal range.
pub fn schedule(tranches: &[Tranche], terminations: &[Termination], minor_units: u32) -> Result<Schedule> {
    if minor_units > 28 {
        return Err(Error::new(Code::AllocationInvalid, format!("{minor_units} minor units: a decimal holds 28")));
    }
    let mut ends: BTreeMap<(&str, &str), Month> = BTreeMap::new();
    for (i, t) in terminations.iter().enumerate() {
        dated(t.month, format!("terminations[{i}].month"))?;
        let end = ends.entry((t.payee.as_str(), t.transaction.as_str())).or_insert(t.month);
        *end = (*end).min(t.month);
    }
    let mut assets: BTreeMap<AssetKey, Building> = BTreeMap::new();
    let mut totals: BTreeMap<Month, Totals> = BTreeMap::new();
    for (i, t) in tranches.iter().enumerate() {
        dated(t.incurred, format!("tranches[{i}].incurred"))?;
        if t.amount.round_dp_with_strategy(minor_units, RoundingStrategy::ToZero) != t.amount {
            return Err(invalid(
                format!("tranches[{i}].amount"),
                format!("{} has digits below the currency's minor unit", t.amount),
                "round the amount to the currency's minor unit first",
            ));
        }
        let (start, months) = match &t.treatment {
            Treatment::Expense { .. } => {
                let row = totals.entry(t.incurred).or_default();
                row.expensed = add(row.expensed, t.amount)?;
                continue;
            }
            Treatment::Capitalize { start, months } => (*start, *months),
        };
        let path = format!("tranches[{i}].treatment");
        if months == 0 {
            return Err(invalid(path, "a schedule of 0 months".into(), "expense a cost with no benefit period"));
        }
        dated(start, format!("{path}.start"))?;
        dated(start.plus(i64::from(months) - 1), format!("{path}.months"))?;
        let shares = spread(t.amount, months, minor_units)?;
        let end = ends.get(&(t.payee.as_str(), t.transaction.as_str())).copied();
        let key = (t.payee.clone(), t.transaction.clone(), t.component.clone(), start, months);
        let asset = assets.entry(key).or_insert_with(|| Building {
            capitalized: Decimal::ZERO,
            first: start,
            cells: BTreeMap::new(),
        });
        asset.capitalized = add(asset.capitalized, t.amount)?;
        asset.first = asset.first.min(t.incurred);
        let cell = asset.cells.entry(t.incurred).or_default();
        cell.capitalized = add(cell.capitalized, t.amount)?;
        let row = totals.entry(t.incurred).or_default();
        row.capitalized = add(row.capitalized, t.amount)?;
        let mut m = start;
        for share in shares {
            let r = end.map_or(m, |e| m.min(e)).max(t.incurred);
            let cell = asset.cells.entry(r).or_default();
            cell.amortization = add(cell.amortization, share)?;
            if r != m {
                cell.catch_up = add(cell.catch_up, share)?;
            }
            let row = totals.entry(r).or_default();
            row.amortization = add(row.amortization, share)?;
            m = m.next();
        }
        // Shares of months before `incurred` all land in it; those after max(end, incurred) there.
        let within = |n: i64| usize::try_from(n.clamp(0, i64::from(months))).unwrap_or(0);
        let cell = asset.cells.entry(t.incurred).or_default();
        cell.caught = cell.caught.max(within(start.months_until(t.incurred)));
        if let Some(to) = end.map(|e| e.max(t.incurred)) {
            let n = within(to.months_until(start.plus(i64::from(months) - 1)));
            if n > 0 {
                let cell = asset.cells.entry(to).or_default();
                cell.accelerated = cell.accelerated.max(n);
            }
        }
    }
    let mut out = Vec::with_capacity(assets.len());
    for ((payee, transaction, component, start, months), b) in assets {
        let terminated = ends.get(&(payee.as_str(), transaction.as_str())).copied();
        let rows = asset_rows(&b, minor_units)?;
        if rows.last().is_some_and(|r| !r.balance.is_zero()) {
            return Err(Error::new(
                Code::Internal,
                format!("the schedule of {payee}/{transaction}/{component} ends unbalanced"),
            ));
        }
        let capitalized = fixed(b.capitalized, minor_units);
        out.push(Asset { payee, transaction, component, start, months, capitalized, rows, terminated });
    }
    Ok(Schedule { assets: out, months: month_rows(&totals, minor_units)?, minor_units })
}

fn asset_rows(b: &Building, minor_units: u32) -> Result<Vec<AssetMonth>> {
    let last = b.cells.keys().next_back().copied().unwrap_or(b.first);
    let empty = Cell::default();
    let (mut rows, mut balance, mut m) = (Vec::new(), Decimal::ZERO, b.first);
    while m <= last {
        let c = b.cells.get(&m).unwrap_or(&empty);
        balance = sub(add(balance, c.capitalized)?, c.amortization)?;
        let mut note = Vec::new();
        if !c.capitalized.is_zero() {
            let verb = if c.capitalized.is_sign_negative() { "reversed" } else { "capitalized" };
            note.push(format!("{verb} {}", fixed(c.capitalized.abs(), minor_units)));
        }
        if c.caught > 0 {
            note.push(format!("catch-up of {}", counted(c.caught, "earlier month")));
        }
        if c.accelerated > 0 {
            note.push(format!("{} accelerated: contract terminated", counted(c.accelerated, "later month")));
        }
        rows.push(AssetMonth {
            month: m,
            amortization: fixed(c.amortization, minor_units),
            catch_up: fixed(c.catch_up, minor_units),
            balance: fixed(balance, minor_units),
            note: note.join("; "),
        });
        m = m.next();
    }
    Ok(rows)
}

fn month_rows(totals: &BTreeMap<Month, Totals>, minor_units: u32) -> Result<Vec<MonthRow>> {
    let (Some(first), Some(last)) = (totals.keys().next().copied(), totals.keys().next_back().copied()) else {
        return Ok(Vec::new());
    };
    let empty = Totals::default();
    let (mut rows, mut balance, mut m) = (Vec::new(), Decimal::ZERO, first);
    while m <= last {
        let t = totals.get(&m).unwrap_or(&empty);
        balance = sub(add(balance, t.capitalized)?, t.amortization)?;
        rows.push(MonthRow {
            month: m,
            capitalized: fixed(t.capitalized, minor_units),
            expensed: fixed(t.expensed, minor_units),
            amortization: fixed(t.amortization, minor_units),
            balance: fixed(balance, minor_units),
        });
        m = m.next();
    }
    Ok(rows)
}

/// "1 deal", "3 deals".
fn counted(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// The three kinds of entry, in the order they are numbered within a payee's month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Capitalized,
    Expensed,
    Amortization,
}

#[derive(Default)]
struct Group<'a> {
    net: Decimal,
    catch_up: Decimal,
    deals: BTreeSet<&'a str>,
    other: usize,
    reversals: usize,
}

impl<'a> Group<'a> {
    fn count(&mut self, transaction: &'a str) {
        if transaction.is_empty() {
            self.other += 1;
        } else {
            self.deals.insert(transaction);
        }
    }

    fn subject(&self) -> String {
        let deals = (!self.deals.is_empty()).then(|| counted(self.deals.len(), "deal"));
        let other = (self.other > 0).then(|| counted(self.other, "other line"));
        let s = deals.into_iter().chain(other).collect::<Vec<_>>().join(" and ");
        if self.reversals > 0 {
            format!("{s} ({})", counted(self.reversals, "reversal"))
        } else {
            s
        }
    }
}

/// Journal entries for the accruals of `tranches` and the amortization in `schedule` (which
/// should be built from the same tranches); the rules are in the module documentation.
///
/// # Errors
/// `ALLOCATION_INVALID` for a month outside 0001-01..9999-12; `OVERFLOW` past the decimal range.
pub fn journal(tranches: &[Tranche], schedule: &Schedule, accounts: &Accounts) -> Result<Vec<JournalEntry>> {
    let mut groups: BTreeMap<(Month, &str, Kind), Group> = BTreeMap::new();
    for t in tranches {
        let kind = match t.treatment {
            Treatment::Capitalize { .. } => Kind::Capitalized,
            Treatment::Expense { .. } => Kind::Expensed,
        };
        let g = groups.entry((t.incurred, t.payee.as_str(), kind)).or_default();
        g.net = add(g.net, t.amount)?;
        g.count(&t.transaction);
        if t.amount.is_sign_negative() && !t.amount.is_zero() {
            g.reversals += 1;
        }
    }
    for a in &schedule.assets {
        for r in a.rows.iter().filter(|r| !r.amortization.is_zero()) {
            let g = groups.entry((r.month, a.payee.as_str(), Kind::Amortization)).or_default();
            g.net = add(g.net, r.amortization)?;
            g.catch_up = add(g.catch_up, r.catch_up)?;
            if !g.deals.contains(a.transaction.as_str()) {
                g.count(&a.transaction);
            }
        }
    }
    let mut out = Vec::new();
    let mut number = (None, 0u32);
    for ((month, payee, kind), g) in &groups {
        if g.net.is_zero() {
            continue;
        }
        number = if number.0 == Some(*month) { (Some(*month), number.1.saturating_add(1)) } else { (Some(*month), 1) };
        let date = dated(*month, format!("journal month {month}"))?;
        let (debit, credit, what) = match kind {
            Kind::Capitalized => (&accounts.asset, &accounts.payable, "Capitalized commissions"),
            Kind::Expensed => (&accounts.expense, &accounts.payable, "Expensed commissions"),
            Kind::Amortization => (&accounts.amortization, &accounts.asset, "Amortization of capitalized commissions"),
        };
        let mut memo = format!("{what} on {}, {month}", g.subject());
        if !g.catch_up.is_zero() {
            memo.push_str(&format!(
                " (includes {} of catch-up or acceleration)",
                fixed(g.catch_up, schedule.minor_units)
            ));
        }
        let (debit, credit) = if g.net.is_sign_negative() { (credit, debit) } else { (debit, credit) };
        let amount = fixed(g.net.abs(), schedule.minor_units);
        let zero = fixed(Decimal::ZERO, schedule.minor_units);
        let entry = format!("JE-{month}-{:03}", number.1);
        let line = |account: &String, debit: Decimal, credit: Decimal| JournalEntry {
            date,
            entry: entry.clone(),
            account: account.clone(),
            debit,
            credit,
            payee: (*payee).to_string(),
            memo: memo.clone(),
        };
        out.push(line(debit, amount, zero));
        out.push(line(credit, zero, amount));
    }
    Ok(out)
}

/// A text cell: a leading `=`, `+`, `-`, `@`, tab or carriage return gets a `'` so spreadsheets
/// do not run it as a formula; a cell with a comma, quote or line break is quoted.
fn text_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The journal as CSV text: header `date,entry,account,debit,credit,payee,memo`, one line per
/// journal line, amounts as plain decimals (`120.00`).
pub fn journal_csv(entries: &[JournalEntry]) -> String {
    let mut out = String::from("date,entry,account,debit,credit,payee,memo\n");
    for e in entries {
        let (entry, account, payee, memo) =
            (text_cell(&e.entry), text_cell(&e.account), text_cell(&e.payee), text_cell(&e.memo));
        out.push_str(&format!("{},{entry},{account},{},{},{payee},{memo}\n", e.date, e.debit, e.credit));
    }
    out
}

#[cfg(test)]
#[path = "accounting_tests.rs"]
mod tests;
