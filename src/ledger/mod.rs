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
//! amount was earned in (so a clawback takes back the same amount that was paid).

pub mod accounting;

use rust_decimal::Decimal;

/// What happens to an unrecovered draw when the payee leaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnTermination {
    /// Forgiven: the payee keeps it.
    Forgive,
    /// Written off as uncollectible.
    WriteOff,
    /// Taken from the final payment; what that cannot cover is owed by the payee.
    Collect,
}

/// Draw terms (validated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draw {
    /// Recoverable (an advance) or not (a guarantee).
    pub recoverable: bool,
    /// Guaranteed payment per period, in the payee's currency.
    pub amount: Decimal,
    /// First period label with the draw.
    pub from: Option<String>,
    /// Last period label with the draw.
    pub to: Option<String>,
    /// First period label in which recovery may happen.
    pub recovery_from: Option<String>,
    /// Share of payable earnings that recovery may take.
    pub percent: Decimal,
    /// Recovery never takes a payment below this.
    pub minimum: Decimal,
    /// At termination.
    pub on_termination: OnTermination,
}
