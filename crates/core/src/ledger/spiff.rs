//! Payee adjustments: lines about a payee rather than a deal, such as a contest's SPIFF prize
//! (`scoring`'s `spiff_rows`) or a manual correction. Each is booked in the period holding its
//! date as its own entry (`spiff` or `payeeAdjustment`), converted into the payee's currency at
//! the rate of that period's last day, paid on booking (never held), and counted in the balance
//! like earned pay, so a draw's top-up, its recovery and a carried negative balance see it. For
//! the accounting it is a cost of its period tied to no contract: expensed, never capitalized.

use super::book::{Booker, Tag};
use super::costs::Cost;
use super::EntryKind;
use crate::data::Dataset;
use rust_decimal::Decimal;
use spm_base::error::{Code, Diagnostic, Error, Result};
use spm_base::fmt::money as fmt;
use spm_base::money::Currency;
use spm_base::period::{Date, Period};
use std::collections::HashMap;

/// What a payee adjustment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AdjustmentKind {
    /// A prize (a contest, a sales promotion): above zero.
    #[default]
    Spiff,
    /// A manual correction of the payee's pay: either sign.
    Adjustment,
}

impl AdjustmentKind {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            AdjustmentKind::Spiff => "spiff",
            AdjustmentKind::Adjustment => "adjustment",
        }
    }
}

/// A payee-level line for the ledger (validated syntax; the payee and currency are checked
/// against the dataset by [`super::build_with`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayeeAdjustment {
    /// Payee id.
    pub payee: String,
    /// SPIFF or adjustment.
    pub kind: AdjustmentKind,
    /// The day it is booked on (its period).
    pub date: Date,
    /// Amount in `currency` (the payee's when absent).
    pub amount: Decimal,
    /// Currency of the amount; the payee's when absent.
    pub currency: Option<Currency>,
    /// Why, in words ("April cup: place 1"); may be empty.
    pub reason: String,
    /// Where it was read: `line 3` (CSV) or `adjustments[2]` (JSON), for located errors.
    pub at: String,
}

impl PayeeAdjustment {
    /// The path of one of its fields: `line 3, column amount` or `adjustments[2].amount`.
    pub fn path(&self, field: &str) -> String {
        if self.at.starts_with("line") {
            format!("{}, column {field}", self.at)
        } else {
            format!("{}.{field}", self.at)
        }
    }
}

/// Checks the adjustments against the dataset: the payee exists and the amount has no more
/// decimals than its currency. Returns each with its payee's index, in date order (input order
/// within a day).
pub(super) fn resolve<'a>(
    data: &Dataset,
    plan_cur: Currency,
    list: &'a [PayeeAdjustment],
    diags: &mut Vec<Diagnostic>,
) -> Vec<(usize, &'a PayeeAdjustment)> {
    let ids: HashMap<&str, usize> = data.payees.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    let mut out = Vec::with_capacity(list.len());
    for a in list {
        let Some(&i) = ids.get(a.payee.as_str()) else {
            diags.push(Diagnostic::error(
                a.path("payeeId"),
                Code::UnknownReference,
                format!("{} for payee {:?}, who is not among the payees", label(a.kind), a.payee),
                "correct the payee id, or load the payee it belongs to",
            ));
            continue;
        };
        let cur = a.currency.or_else(|| data.payees.get(i).and_then(|p| p.currency)).unwrap_or(plan_cur);
        if a.amount.normalize().scale() > cur.minor_units() {
            diags.push(Diagnostic::error(
                a.path("amount"),
                Code::DecimalInvalid,
                format!("{} has more decimal places than {cur} pays ({})", a.amount, cur.minor_units()),
                format!("round the amount to whole {cur} minor units before booking it"),
            ));
            continue;
        }
        out.push((i, a));
    }
    out.sort_by_key(|(_, a)| a.date);
    out
}

/// Checks that no adjustment is dated before the first period closed; drops (with a note) those
/// dated after the last one.
pub(super) fn within<'a>(
    list: Vec<(usize, &'a PayeeAdjustment)>,
    first: Option<(Period, Date)>,
    last: Option<(Period, Date)>,
    notes: &mut Vec<String>,
) -> Result<Vec<(usize, &'a PayeeAdjustment)>> {
    let mut diags = Vec::new();
    let mut later = 0usize;
    let mut out = Vec::with_capacity(list.len());
    for (i, a) in list {
        match (first, last) {
            (Some((p, start)), _) if a.date < start => diags.push(Diagnostic::error(
                a.path("date"),
                Code::OutOfRange,
                format!(
                    "{} dated {}, before the ledger's first period {} (from {start})",
                    label(a.kind),
                    a.date,
                    p.label()
                ),
                "date it in a period the ledger closes, or load the deals of its period",
            )),
            (_, Some((_, end))) if a.date > end => later += 1,
            (None, _) => later += 1,
            _ => out.push((i, a)),
        }
    }
    if !diags.is_empty() {
        return Err(Error::from_diagnostics(diags));
    }
    if let (Some((p, end)), true) = (last, later > 0) {
        notes.push(format!(
            "{later} payee adjustment{} dated after {end} {} not booked: the ledger closes through {}.",
            if later == 1 { "" } else { "s" },
            if later == 1 { "is" } else { "are" },
            p.label()
        ));
    }
    Ok(out)
}

fn label(k: AdjustmentKind) -> &'static str {
    match k {
        AdjustmentKind::Spiff => "a SPIFF",
        AdjustmentKind::Adjustment => "an adjustment",
    }
}

impl Booker<'_, '_> {
    /// Books the period's payee adjustments: converted at the period-end rate, paid on booking,
    /// recorded as an expensed cost.
    pub(super) fn payee_lines(&mut self, list: &[&PayeeAdjustment]) -> Result<()> {
        for a in list {
            let from = a.currency.unwrap_or(self.cur);
            let (amount, used) =
                self.ctx.data.rates.convert(a.amount, from, self.cur, self.q_end, self.ctx.mode).map_err(|mut e| {
                    // Located at the line that needed the rate.
                    if e.diagnostics.is_empty() {
                        return e;
                    }
                    for d in &mut e.diagnostics {
                        d.path = a.path("currency");
                    }
                    Error::from_diagnostics(e.diagnostics)
                })?;
            let (kind, what) = match a.kind {
                AdjustmentKind::Spiff => (EntryKind::Spiff, "SPIFF"),
                AdjustmentKind::Adjustment => (EntryKind::PayeeAdjustment, "Adjustment"),
            };
            let reason = if a.reason.is_empty() { format!("dated {}", a.date) } else { a.reason.clone() };
            let shown = if from == self.cur {
                self.m(amount)
            } else {
                format!(
                    "{} ({} at {} {from}→{}, the rate of {})",
                    self.m(amount),
                    fmt(a.amount, from),
                    used.rate.normalize(),
                    self.cur,
                    self.q_end
                )
            };
            self.costs.push(Cost {
                currency: self.cur,
                payee: self.payee.to_string(),
                transaction: String::new(),
                component: kind.as_str().to_string(),
                incurred: self.q_end,
                amount,
            });
            let plan = (from == self.ctx.plan_cur).then_some(a.amount);
            self.push(
                kind,
                format!("{what}: {reason}: {shown}."),
                amount,
                Tag { plan, origin: Some(self.q), ..Tag::default() },
            )?;
        }
        Ok(())
    }
}
