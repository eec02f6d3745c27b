//! The payout ledger: how a payee's earnings, period after period, become payments.
//!
//! Earnings come from the plan engine (`payout`); the ledger closes the periods in order and,
//! at each close, knows only what had happened by that day: the deals booked, and the events
//! (cancellations, refunds, invoices, payments) dated on or before it. A period already closed
//! is never changed: when later knowledge changes what it earned (a clawback, a refund that
//! un-crosses a tier), the difference is an adjustment in the period where it became known.
//! Each close runs through the same steps, each a ledger entry with the running balance:
//! opening balance (a negative carried from before), earnings, adjustments and clawbacks,
//! holds and releases (pay on invoice or cash), the draw (top-up or advance), recovery,
//! termination of a draw, payment, and what is carried forward. Amounts are in the payee's
//! currency, converted from the plan currency at the rate of the last day of the period the
//! amount was earned in (so a clawback takes back the same amount that was paid). Payee
//! adjustments (SPIFF prizes, manual corrections: `spiff`) are booked in the period of their date
//! and paid on booking.

pub mod accounting;
mod book;
pub mod close;
pub mod costs;
mod draw;
mod holds;
pub mod spiff;

use crate::data::Dataset;
use crate::fx::Conversion;
use rust_decimal::Decimal;
use spm_base::error::{Code, Diagnostic, Error, Result};
use spm_base::money::Currency;
use spm_base::period::{Date, Period};
use spm_plan::PlanSet;
use std::collections::{BTreeMap, HashMap};

pub use spiff::{AdjustmentKind, PayeeAdjustment};

pub use spm_plan::policy::{AccountingPolicy, Draw, OnTermination, PayOn, Policy};

/// Something that happened to a deal after it was booked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Deal id.
    pub transaction: String,
    /// What happened.
    pub kind: EventKind,
    /// When.
    pub date: Date,
    /// Amount in the deal's currency (refund, invoice, payment); the whole deal when absent.
    pub amount: Option<Decimal>,
}

/// Event kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// Cancelled.
    Cancel,
    /// Partly refunded.
    Refund,
    /// Invoiced.
    Invoice,
    /// Cash collected.
    Payment,
    /// Contract terminated early.
    Terminate,
    /// Entered late: unknown to the periods closed before this date.
    Enter,
    /// Amount corrected to `amount`.
    Correct,
}

/// What a ledger entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// Balance carried in from the previous period (a negative the payee still owes).
    Opening,
    /// Earned in the period.
    Earned,
    /// A prior period recalculated (not caused by a clawback).
    Adjustment,
    /// A cancelled or refunded deal takes back what it paid.
    Clawback,
    /// The effect of a clawback on the tiers of the other deals of its period.
    TierEffect,
    /// Held until the deal is invoiced or paid.
    Hold,
    /// Released from hold.
    Release,
    /// Non-recoverable draw: top-up to the guarantee.
    Guarantee,
    /// Recoverable draw: advance to the draw amount.
    Advance,
    /// Recovery of earlier advances.
    Recovery,
    /// Unrecovered draw forgiven at termination.
    Forgiven,
    /// Unrecovered draw written off at termination.
    WrittenOff,
    /// Unrecovered draw collected from the final payment.
    Collected,
    /// Paid out.
    Payment,
    /// A negative balance carried to the next period.
    Carried,
    /// Information that changes no amount (an event outside the clawback window).
    Note,
    /// A SPIFF prize for the payee (a contest's), paid on booking.
    Spiff,
    /// A manual adjustment of the payee's pay (either sign), paid on booking.
    PayeeAdjustment,
}

impl EntryKind {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Opening => "opening",
            EntryKind::Earned => "earned",
            EntryKind::Adjustment => "adjustment",
            EntryKind::Clawback => "clawback",
            EntryKind::TierEffect => "tierEffect",
            EntryKind::Hold => "hold",
            EntryKind::Release => "release",
            EntryKind::Guarantee => "guarantee",
            EntryKind::Advance => "advance",
            EntryKind::Recovery => "recovery",
            EntryKind::Forgiven => "forgiven",
            EntryKind::WrittenOff => "writtenOff",
            EntryKind::Collected => "collected",
            EntryKind::Payment => "payment",
            EntryKind::Carried => "carried",
            EntryKind::Note => "note",
            EntryKind::Spiff => "spiff",
            EntryKind::PayeeAdjustment => "payeeAdjustment",
        }
    }
}

/// One step of a payee's ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The period (close) it belongs to.
    pub period: Period,
    /// What it is.
    pub kind: EntryKind,
    /// In words.
    pub text: String,
    /// Effect on the balance, in the payee's currency.
    pub amount: Decimal,
    /// The amount in the plan currency, when the payee is paid in another.
    pub plan_amount: Option<Decimal>,
    /// Running balance after this entry (owed to the payee when positive).
    pub balance: Decimal,
    /// The period the amount was earned in, for adjustments, clawbacks, holds and releases.
    pub origin: Option<Period>,
    /// Component id.
    pub component: Option<String>,
    /// Deal id.
    pub transaction: Option<String>,
}

/// A payee's period, summed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Negative balance carried in.
    pub opening: Decimal,
    /// Earned in the period.
    pub earned: Decimal,
    /// Prior-period adjustments (recalculations and tier effects).
    pub adjustments: Decimal,
    /// Clawbacks (negative).
    pub clawbacks: Decimal,
    /// SPIFF prizes booked in the period.
    pub spiffs: Decimal,
    /// Payee adjustments booked in the period (either sign).
    pub payee_adjustments: Decimal,
    /// Newly held (positive: taken off this period's pay).
    pub held: Decimal,
    /// Released from hold.
    pub released: Decimal,
    /// Draw paid (guarantee top-up or advance).
    pub draw: Decimal,
    /// Recovered from earnings.
    pub recovered: Decimal,
    /// Collected at termination.
    pub collected: Decimal,
    /// Forgiven or written off.
    pub forgiven: Decimal,
    /// Paid out.
    pub paid: Decimal,
    /// Balance carried out (zero or negative).
    pub closing: Decimal,
    /// Unrecovered advances after the period.
    pub draw_balance: Decimal,
    /// Held after the period.
    pub held_balance: Decimal,
    /// The plan-to-payee rate for the period's earnings and the day it took effect, when the
    /// payee is paid in another currency.
    pub rate: Option<(Decimal, Date)>,
}

/// A payee's ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayeeLedger {
    /// Payee index in the dataset.
    pub payee: usize,
    /// Currency paid in.
    pub currency: Currency,
    /// Every step, in order.
    pub entries: Vec<Entry>,
    /// One summary per close.
    pub periods: Vec<(Period, Summary)>,
}

/// The ledger of every payee on the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ledger {
    /// The periods closed, in order.
    pub periods: Vec<Period>,
    /// Plan currency.
    pub currency: Currency,
    /// Payees (input order) that have anything on the plan.
    pub payees: Vec<PayeeLedger>,
    /// Transactions converted into the plan currency.
    pub conversions: Vec<Conversion>,
    /// Payout costs by deal, as incurred, for commission expense accounting.
    pub costs: Vec<costs::Cost>,
    /// Commission expense accounting per currency, when the plan declares it.
    pub books: Option<Vec<costs::Books>>,
    /// Events that changed nothing, and why.
    pub notes: Vec<String>,
}

/// Closes every period in order and books each payee's ledger.
///
/// # Errors
/// `UNKNOWN_REFERENCE` (an event for an unknown deal, an unknown `through` or draw period),
/// `RATE_MISSING`, and the plan engine's errors.
pub fn build(set: &PlanSet, data: &Dataset, events: &[Event], through: Option<&str>) -> Result<Ledger> {
    build_with(set, data, events, &[], through)
}

/// [`build`] with payee adjustments (SPIFF prizes, manual corrections), each booked in the
/// period holding its date; those dated after the last period closed are left out with a note.
///
/// # Errors
/// Those of [`build`]; `UNKNOWN_REFERENCE` (an adjustment for an unknown payee),
/// `DECIMAL_INVALID` (more decimals than the currency has), `OUT_OF_RANGE` (dated before the
/// first period), `RATE_MISSING` (located at the adjustment).
pub fn build_with(
    set: &PlanSet,
    data: &Dataset,
    events: &[Event],
    adjustments: &[PayeeAdjustment],
    through: Option<&str>,
) -> Result<Ledger> {
    let head = set.head().ok_or_else(|| Error::new(Code::Internal, "a plan set without versions"))?;
    let (data0, conversions) = crate::fx::to_plan_currency(set, data, &data.rates, head.payout.convert_at_period_end)
        .map_err(|e| e.or_at(|| "rates".into()))?;
    let index: HashMap<&str, usize> = data0.transactions.iter().enumerate().map(|(i, t)| (data0.id_of(t), i)).collect();
    let mut diags = Vec::new();
    for (i, e) in events.iter().enumerate() {
        if !index.contains_key(e.transaction.as_str()) {
            diags.push(Diagnostic::error(
                format!("events[{i}].transactionId"),
                Code::UnknownReference,
                format!("event for deal {:?}, which is not among the transactions", e.transaction),
                "correct the deal id, or load the transactions it belongs to",
            ));
        }
    }
    let adjustments = spiff::resolve(data, head.currency, adjustments, &mut diags);
    if !diags.is_empty() {
        return Err(Error::from_diagnostics(diags));
    }
    let closes = closes(set, &data0, events, &adjustments, through)?;
    let bounds = |p: Option<&Period>| p.map(|&p| (p, head.calendar.bounds(p)));
    let (first, last) = (bounds(closes.first()), bounds(closes.last()));
    let mut notes = Vec::new();
    let adjustments =
        spiff::within(adjustments, first.map(|(p, b)| (p, b.0)), last.map(|(p, b)| (p, b.1)), &mut notes)?;
    let mut ledger = book::book_all(set, data, &data0, &index, events, &adjustments, &closes)?;
    ledger.conversions = conversions;
    // What a payout report lists as warnings (deals outside every plan version, payee entries
    // naming what the plan lacks) would otherwise not reach a ledger's reader.
    ledger.notes.extend(crate::payout::checks::warnings(set, data).iter().map(ToString::to_string));
    ledger.notes.extend(notes);
    ledger.books =
        costs::books(set, &data0, &ledger.costs, events).map_err(|e| e.or_at(|| "payout.accounting".into()))?;
    Ok(ledger)
}

/// The periods to close: from the first deal's or event's period (the first adjustment's when
/// there are none) to the last deal's, event's or adjustment's (or `through`).
fn closes(
    set: &PlanSet,
    data: &Dataset,
    events: &[Event],
    adjustments: &[(usize, &PayeeAdjustment)],
    through: Option<&str>,
) -> Result<Vec<Period>> {
    let Some(head) = set.head() else { return Ok(Vec::new()) };
    let (cal, kind) = (head.calendar, head.period);
    let dates = data.transactions.iter().map(|t| t.date).chain(events.iter().map(|e| e.date));
    let extra = adjustments.iter().map(|(_, a)| a.date);
    let first = dates.clone().min().or_else(|| extra.clone().min());
    let (Some(first), Some(last)) = (first, dates.chain(extra).max()) else { return Ok(Vec::new()) };
    let mut out = vec![cal.period_of(kind, first)];
    let end = cal.period_of(kind, last);
    while let Some(&p) = out.last() {
        if p >= end || through.is_some_and(|t| p.label() == t) {
            break;
        }
        // Declared limit (spm_base::limits): one far-dated event or adjustment must not stretch
        // the ledger past it (it used to stop at 1,001 periods and drop what lay beyond).
        if out.len() >= spm_base::limits::MAX_PERIODS {
            let count = periods_from_to(cal.period_of(kind, first), end);
            return Err(too_many_periods(data, events, adjustments, (first, last), count));
        }
        out.push(p.next());
    }
    if let Some(label) = through {
        match out.iter().position(|p| p.label() == label) {
            Some(i) => out.truncate(i + 1),
            None => {
                let known: Vec<String> = out.iter().map(Period::label).collect();
                return Err(Error::at(
                    "options.through",
                    Code::UnknownReference,
                    format!("{label:?} is not a period of the data"),
                    format!("use one of {}", known.join(", ")),
                ));
            }
        }
    }
    Ok(out)
}

/// `LIMIT_EXCEEDED` for a ledger longer than `MAX_PERIODS`, located at the event or adjustment
/// that stretches it beyond the deals (the transactions when they alone are too long).
fn too_many_periods(
    data: &Dataset,
    events: &[Event],
    adjustments: &[(usize, &PayeeAdjustment)],
    (first, last): (Date, Date),
    count: usize,
) -> Error {
    let deals = (data.transactions.iter().map(|t| t.date).min(), data.transactions.iter().map(|t| t.date).max());
    let dated = events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.date, format!("events[{i}].date")))
        .chain(adjustments.iter().map(|(_, a)| (a.date, a.path("date"))));
    // The item furthest outside the deals' dates (either side) is the one to look at.
    let outside = |d: Date| match deals {
        (Some(_), Some(l)) if d > l => l.days_until(d),
        (Some(f), Some(_)) if d < f => d.days_until(f),
        (Some(_), Some(_)) => 0,
        _ => d.days_until(last).max(first.days_until(d)),
    };
    let path = dated
        .filter(|(d, _)| outside(*d) > 0)
        .max_by_key(|(d, _)| outside(*d))
        .map_or_else(|| "transactions".to_string(), |(_, p)| p);
    Error::from_diagnostics(vec![spm_base::limits::diagnostic(
        path,
        &format!("ledger periods from {first} to {last}"),
        count,
        spm_base::limits::MAX_PERIODS,
        "check the date for a mistyped year, or run the ledger through an earlier period (through)",
    )])
}

/// How many periods run from `a` to `b`, both included (periods of one kind and calendar).
fn periods_from_to(a: Period, b: Period) -> usize {
    let per_year = i64::from(a.kind().per_year());
    let n = (i64::from(b.year()) - i64::from(a.year())) * per_year + i64::from(b.index()) - i64::from(a.index()) + 1;
    usize::try_from(n).unwrap_or(0)
}

/// The events of each deal, by kind, in date order.
pub(crate) fn by_deal(events: &[Event]) -> BTreeMap<&str, Vec<&Event>> {
    let mut out: BTreeMap<&str, Vec<&Event>> = BTreeMap::new();
    for e in events {
        out.entry(e.transaction.as_str()).or_default().push(e);
    }
    for v in out.values_mut() {
        v.sort_by_key(|e| e.date);
    }
    out
}
