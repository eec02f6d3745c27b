//! Payout costs for commission expense accounting: each change in what a deal pays a payee
//! for a component, in the month it is incurred, classified (capitalize or expense) by the
//! plan's accounting settings; then the amortization schedule and journal entries
//! (`accounting`).

use super::accounting::{classify, journal, schedule, JournalEntry, Policy, Schedule, Termination, Tranche, Treatment};
use super::{Event, EventKind};
use crate::data::{Dataset, Transaction};
use rust_decimal::Decimal;
use spm_base::error::Result;
use spm_base::money::Currency;
use spm_base::period::{Date, Month};
use spm_plan::PlanSet;
use std::collections::{BTreeMap, HashMap};

/// One cost incurred: what a deal (or "" for a cost tied to no deal) changed in a payee's pay
/// for a component, on the last day of the period it became known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cost {
    /// Currency of the amount (the payee's).
    pub currency: Currency,
    /// Payee id.
    pub payee: String,
    /// Deal id, or "".
    pub transaction: String,
    /// Component id.
    pub component: String,
    /// Last day of the period it was incurred in.
    pub incurred: Date,
    /// Amount (negative for a reversal).
    pub amount: Decimal,
}

/// The accounting of one currency's costs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Books {
    /// Currency of every amount.
    pub currency: Currency,
    /// Every cost with its treatment.
    pub tranches: Vec<Tranche>,
    /// Amortization schedules.
    pub schedule: Schedule,
    /// Journal entries.
    pub journal: Vec<JournalEntry>,
}

/// Classifies the costs by the plan's accounting settings and builds, per currency, the
/// amortization schedules and journal entries. `None` when the plan declares no accounting.
///
/// # Errors
/// `ALLOCATION_INVALID` (amounts below the minor unit), `OVERFLOW`.
pub fn books(set: &PlanSet, data: &Dataset, costs: &[Cost], events: &[Event]) -> Result<Option<Vec<Books>>> {
    let Some(policy) = set.versions.iter().rev().find_map(|v| v.payout.accounting.as_ref()) else { return Ok(None) };
    let index: HashMap<&str, &Transaction> = data.transactions.iter().map(|t| (data.id_of(t), t)).collect();
    let expedient = Policy { practical_expedient: policy.practical_expedient, ..Policy::default() };
    let mut by_cur: BTreeMap<Currency, Vec<Tranche>> = BTreeMap::new();
    for c in costs {
        let t = index.get(c.transaction.as_str()).copied();
        let start = Month::of(t.map_or(c.incurred, |t| t.date));
        let treatment = match t {
            None => Treatment::Expense { reason: "not tied to a contract".into() },
            Some(t) => {
                let renewal = policy.renewal_types.iter().any(|r| r == data.symbols.name(t.kind));
                let term = data.attribute(t, &policy.term_attribute).parse::<u32>().ok().or(policy.default_term_months);
                let commensurate = renewal || policy.renewals_commensurate;
                let life = if renewal { None } else { policy.customer_life_months };
                classify(policy.capitalize.contains(&c.component), start, term, commensurate, life, &expedient)
            }
        };
        by_cur.entry(c.currency).or_default().push(Tranche {
            payee: c.payee.clone(),
            transaction: c.transaction.clone(),
            component: c.component.clone(),
            incurred: Month::of(c.incurred),
            amount: c.amount,
            treatment,
        });
    }
    let mut out = Vec::new();
    for (currency, tranches) in by_cur {
        let terminations: Vec<Termination> = events
            .iter()
            .filter(|e| e.kind == EventKind::Terminate)
            .flat_map(|e| {
                let mut payees: Vec<&str> =
                    tranches.iter().filter(|t| t.transaction == e.transaction).map(|t| t.payee.as_str()).collect();
                payees.sort_unstable();
                payees.dedup();
                payees
                    .into_iter()
                    .map(|p| Termination {
                        payee: p.to_string(),
                        transaction: e.transaction.clone(),
                        month: Month::of(e.date),
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        let schedule = schedule(&tranches, &terminations, currency.minor_units())?;
        let mut journal = journal(&tranches, &schedule, &policy.accounts)?;
        // Entry numbers are unique across the books: JE-USD-2026-03-001.
        for j in &mut journal {
            if let Some(rest) = j.entry.strip_prefix("JE-") {
                j.entry = format!("JE-{}-{rest}", currency.code());
            }
        }
        out.push(Books { currency, tranches, schedule, journal });
    }
    Ok(Some(out))
}
