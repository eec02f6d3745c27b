//! Currency conversion as an explicit, dated step: effective-dated exchange rates, and the
//! conversion of a dataset's transactions into the plan currency before crediting.
//!
//! A rate applies from its date until the next rate of the same pair. Rates are never inverted
//! or chained implicitly: 1 / 1.085 is not a finite decimal, and a payroll department publishes
//! the rates it pays at, in the direction it pays them. A conversion with no rate on or before
//! its date is a `RATE_MISSING` error naming the pair and the date. Converted amounts are rounded
//! to the target currency's minor unit with the plan's rounding mode; the original amount, the
//! rate and its date are kept for the explanation.

use crate::data::Dataset;
use rust_decimal::Decimal;
use spm_base::error::{Code, Diagnostic, Error, Result};
use spm_base::money::{self, Currency, RoundingMode};
use spm_base::period::{Date, Period};
use spm_plan::PlanSet;
use std::collections::BTreeMap;

/// Exchange rates by pair, each pair's rates in date order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rates {
    pairs: BTreeMap<(Currency, Currency), Vec<(Date, Decimal)>>,
}

/// One rate used: the pair, the date asked for, the rate and the day it took effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Used {
    /// Converted from.
    pub from: Currency,
    /// Converted to.
    pub to: Currency,
    /// The date the conversion is for.
    pub on: Date,
    /// Units of `to` per unit of `from`.
    pub rate: Decimal,
    /// The day that rate took effect.
    pub effective: Date,
}

impl Rates {
    /// Adds a rate; a second rate for the same pair and day replaces the first (false then).
    pub fn insert(&mut self, from: Currency, to: Currency, date: Date, rate: Decimal) -> bool {
        let list = self.pairs.entry((from, to)).or_default();
        match list.binary_search_by(|(d, _)| d.cmp(&date)) {
            Ok(i) => {
                if let Some(slot) = list.get_mut(i) {
                    slot.1 = rate;
                }
                false
            }
            Err(i) => {
                list.insert(i, (date, rate));
                true
            }
        }
    }

    /// Whether no rate is known.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The rate from `from` to `to` in effect on `on` (1 for the same currency).
    ///
    /// # Errors
    /// `RATE_MISSING` naming the pair and the date.
    pub fn rate(&self, from: Currency, to: Currency, on: Date) -> Result<Used> {
        if from == to {
            return Ok(Used { from, to, on, rate: Decimal::ONE, effective: on });
        }
        let found = self.pairs.get(&(from, to)).and_then(|list| {
            let i = list.partition_point(|(d, _)| *d <= on);
            i.checked_sub(1).and_then(|i| list.get(i))
        });
        match found {
            Some((d, r)) => Ok(Used { from, to, on, rate: *r, effective: *d }),
            None => {
                let reverse = self.pairs.contains_key(&(to, from));
                let hint = if reverse {
                    format!("add a {from}→{to} rate effective on or before {on} (a {to}→{from} rate exists; rates are not inverted implicitly)")
                } else {
                    format!("add a {from}→{to} rate effective on or before {on} to the exchange rates")
                };
                Err(Error::at(
                    "rates",
                    Code::RateMissing,
                    format!("no {from}→{to} exchange rate on or before {on}"),
                    hint,
                ))
            }
        }
    }

    /// Converts an amount, rounding to the target currency's minor unit with `mode`.
    ///
    /// # Errors
    /// `RATE_MISSING`, `OVERFLOW`.
    pub fn convert(
        &self,
        amount: Decimal,
        from: Currency,
        to: Currency,
        on: Date,
        mode: RoundingMode,
    ) -> Result<(Decimal, Used)> {
        let used = self.rate(from, to, on)?;
        if from == to {
            return Ok((amount, used));
        }
        let exact = money::mul(amount, used.rate)?;
        Ok((money::round_to(exact, to.minor_units(), mode), used))
    }
}

/// A transaction converted into the plan currency, for the explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conversion {
    /// Transaction id.
    pub transaction: String,
    /// Amount in its own currency.
    pub original: Decimal,
    /// The rate used.
    pub used: Used,
    /// Amount in the plan currency.
    pub converted: Decimal,
}

/// The transaction currencies present besides the plan's, for a quick "nothing to do" check.
pub fn foreign_currencies(set: &PlanSet, data: &Dataset) -> bool {
    let Some(head) = set.head() else { return false };
    let Some(key) = data.symbols.lookup("currency") else { return false };
    let plan = head.currency.code();
    data.attributes.iter().any(|(k, v)| *k == key && !data.symbols.name(*v).is_empty() && data.symbols.name(*v) != plan)
}

/// Converts every transaction whose `currency` attribute differs from the plan currency, at
/// the rate of its date or of the end of its plan period (`at_period_end`). Returns the
/// converted dataset and what was converted, in evaluation order.
///
/// # Errors
/// `CURRENCY_UNKNOWN` for a code the engine does not know, `RATE_MISSING` (every missing pair
/// and date, at most one per pair), `OVERFLOW`.
pub fn to_plan_currency(
    set: &PlanSet,
    data: &Dataset,
    rates: &Rates,
    at_period_end: bool,
) -> Result<(Dataset, Vec<Conversion>)> {
    let Some(head) = set.head() else { return Ok((data.clone(), Vec::new())) };
    if !foreign_currencies(set, data) {
        return Ok((data.clone(), Vec::new()));
    }
    let to = head.currency;
    let mode = head.rounding.mode;
    let key = data.symbols.lookup("currency").unwrap_or(u32::MAX);
    let mut out = data.clone();
    let mut conversions = Vec::new();
    let mut diags: Vec<Diagnostic> = Vec::new();
    let mut missing: Vec<(Currency, Currency)> = Vec::new();
    for (i, t) in data.transactions.iter().enumerate() {
        let code = data.attribute(t, "currency");
        if code.is_empty() || code == to.code() {
            continue;
        }
        let id = data.id_of(t);
        let from = match Currency::from_code(code) {
            Ok(c) => c,
            Err(_) => {
                diags.push(Diagnostic::error(
                    format!("transaction {id}, currency"),
                    Code::CurrencyUnknown,
                    format!("{code:?} is not an ISO 4217 currency code the engine knows"),
                    "write a three-letter code in capitals, such as \"EUR\"",
                ));
                continue;
            }
        };
        let on = if at_period_end { period_end(set, t.date) } else { t.date };
        match rates.convert(t.amount, from, to, on, mode) {
            Ok((amount, used)) => {
                let margin = rates.convert(t.margin, from, to, on, mode)?.0;
                if let Some(slot) = out.transactions.get_mut(i) {
                    slot.amount = amount;
                    slot.margin = margin;
                }
                conversions.push(Conversion {
                    transaction: id.to_string(),
                    original: t.amount,
                    used,
                    converted: amount,
                });
            }
            Err(e) if e.code == Code::RateMissing => {
                if !missing.contains(&(from, to)) {
                    missing.push((from, to));
                    for mut d in e.diagnostics {
                        d.path = format!("transaction {id}");
                        d.message = format!("{} (needed for transaction {id})", d.message);
                        diags.push(d);
                    }
                }
            }
            Err(e) => return Err(e),
        }
    }
    if diags.is_empty() {
        // The converted amounts are in the plan currency now: say so, so that converting again
        // is a no-op.
        let plan = out.symbols.intern(to.code());
        for (k, v) in &mut out.attributes {
            if *k == key {
                *v = plan;
            }
        }
        Ok((out, conversions))
    } else {
        Err(Error::from_diagnostics(diags))
    }
}

/// The last day of the plan period containing `date`.
pub fn period_end(set: &PlanSet, date: Date) -> Date {
    match set.head() {
        Some(h) => {
            let p: Period = h.calendar.period_of(h.period, date);
            h.calendar.bounds(p).1
        }
        None => date,
    }
}
