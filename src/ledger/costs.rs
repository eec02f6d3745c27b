//! Payout costs for commission expense accounting: each change in what a deal pays a payee
//! for a component, in the month it is incurred, classified (capitalize or expense) by the
//! plan's accounting settings; then the amortization schedule and journal entries
//! (`accounting`).

use crate::money::Currency;
use crate::period::Date;
use rust_decimal::Decimal;

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
