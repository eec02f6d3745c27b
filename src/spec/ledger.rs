//! The payout ledger's wire format: the plan's `payout` section (draws, clawbacks, holds,
//! currency conversion, commission expense accounting), the payee's own draw, ledger events
//! (cancellations, refunds, invoices, payments, contract terminations), exchange rates, and the
//! ledger report. Decimals are strings; unknown fields are rejected.

use super::dec::Dec;
use crate::error::{Code, Diagnostic};
use crate::ledger::{Draw, OnTermination};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How earnings become payouts: the plan's `payout` section.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PayoutPolicyDto {
    /// A draw for every payee on the plan (a payee's own `draw` replaces it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draw: Option<DrawDto>,
    /// Cancelled or refunded deals take back what they paid when the event comes within the
    /// window; without this section nothing paid is taken back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clawback: Option<ClawbackDto>,
    /// When deal-based earnings are paid: on booking (default), on invoice, or on cash collection.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_on: Option<PayOnDto>,
    /// Components that are always paid on booking, whatever `payOn` says (such as a bonus).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pay_on_exempt: Vec<String>,
    /// The date whose exchange rate converts a transaction into the plan currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversion: Option<ConversionDto>,
    /// Commission expense accounting (ASC 340-40 / IFRS 15).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accounting: Option<AccountingDto>,
}

/// Draw terms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DrawDto {
    /// Recoverable (an advance against later earnings) or non-recoverable (a guarantee).
    pub kind: DrawKindDto,
    /// Guaranteed payment per period, in the payee's currency.
    pub amount: Dec,
    /// First period with the draw (label such as "2026-01"); from the first period when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Last period with the draw; every period when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// How a recoverable draw's balance is recovered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recovery: Option<RecoveryDto>,
    /// What happens to an unrecovered balance when the payee leaves (default: forgive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_termination: Option<OnTerminationDto>,
}

/// Draw kind on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum DrawKindDto {
    /// The shortfall becomes a balance recovered from later earnings.
    Recoverable,
    /// The shortfall is a top-up the payee keeps.
    NonRecoverable,
}

/// Recovery of a recoverable draw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecoveryDto {
    /// First period in which recovery may happen; the period after the draw ends when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Share of a period's payable earnings that goes to recovery ("0.5"); all when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<Dec>,
    /// Recovery never takes a period's payment below this amount (payee currency).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_payment: Option<Dec>,
}

/// What happens to an unrecovered draw at termination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum OnTerminationDto {
    /// The company forgives the balance (it becomes the payee's income).
    Forgive,
    /// The company writes the balance off as uncollectible.
    WriteOff,
    /// The balance is taken from the final payment; what that cannot cover is owed by the payee.
    Collect,
}

/// Clawback terms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClawbackDto {
    /// Days after the deal's date within which a cancellation or refund takes back pay.
    pub window_days: u32,
}

/// When deal earnings are paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum PayOnDto {
    /// When the deal is booked.
    Booking,
    /// As the deal is invoiced (in proportion to the amount invoiced).
    Invoice,
    /// As cash is collected (in proportion to the amount collected).
    Cash,
}

/// The exchange-rate date for transactions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ConversionDto {
    /// The rate in effect on the transaction's date.
    TransactionDate,
    /// The rate in effect on the last day of the plan period the transaction falls in.
    PeriodEnd,
}

/// Commission expense accounting settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AccountingDto {
    /// Components whose cost is incremental to obtaining a contract (capitalizable); others are expensed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capitalize: Vec<String>,
    /// Transaction attribute holding the contract term in months (default "termMonths").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub term_attribute: Option<String>,
    /// Contract term for deals without the attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_term_months: Option<u32>,
    /// Whether renewal commissions are commensurate with the initial one (default true). When
    /// false, new-business commissions are amortized over the expected customer life.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub renewals_commensurate: Option<bool>,
    /// Expected customer life in months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_life_months: Option<u32>,
    /// Deal types that are renewals (default ["renewal"]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub renewal_types: Vec<String>,
    /// Expense at once when the benefit period is 12 months or less (default true).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practical_expedient: Option<bool>,
    /// General-ledger account names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accounts: Option<AccountsDto>,
}

/// General-ledger account names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AccountsDto {
    /// Capitalized contract costs (asset).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub asset: Option<String>,
    /// Amortization expense.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amortization: Option<String>,
    /// Commission expense.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expense: Option<String>,
    /// Commissions payable (liability).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payable: Option<String>,
}

/// Something that happened to a deal after it was booked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EventDto {
    /// The deal.
    pub transaction_id: String,
    /// What happened.
    pub kind: EventKindDto,
    /// When, "YYYY-MM-DD".
    pub date: String,
    /// Amount (refund, invoice, payment), in the deal's currency; the whole deal when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Dec>,
}

/// Event kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum EventKindDto {
    /// The deal was cancelled: it counts for nothing.
    Cancel,
    /// Part of the deal was refunded: its amount is reduced.
    Refund,
    /// The deal (or part of it) was invoiced.
    Invoice,
    /// Cash was collected for the deal.
    Payment,
    /// The customer's contract ended early (accelerates amortization; pay is unchanged).
    Terminate,
}

/// An exchange rate: one unit of `from` is `rate` units of `to`, from `date` on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RateDto {
    /// Currency converted from.
    pub from: String,
    /// Currency converted to.
    pub to: String,
    /// First day the rate applies, "YYYY-MM-DD".
    pub date: String,
    /// Units of `to` per unit of `from`.
    pub rate: Dec,
}

/// Options of a ledger run.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LedgerOptionsDto {
    /// Last period to close (label); the last period with data when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub through: Option<String>,
}

/// Converts draw terms, adding a located diagnostic for each bad value (`path` is the draw's).
pub fn draw_from_dto(d: &DrawDto, path: &str, diags: &mut Vec<Diagnostic>) -> Option<Draw> {
    let amount = d.amount.get(&format!("{path}.amount"), diags)?;
    let rec = d.recovery.as_ref();
    let percent = match rec.and_then(|r| r.percent.as_ref()) {
        Some(p) => p.get(&format!("{path}.recovery.percent"), diags)?,
        None => Decimal::ONE,
    };
    let minimum = match rec.and_then(|r| r.minimum_payment.as_ref()) {
        Some(p) => p.get(&format!("{path}.recovery.minimumPayment"), diags)?,
        None => Decimal::ZERO,
    };
    let mut ok = true;
    for (v, f, what) in [
        (amount, "amount", "a draw amount"),
        (minimum, "recovery.minimumPayment", "a minimum payment"),
        (percent, "recovery.percent", "a recovery percentage"),
    ] {
        if v < Decimal::ZERO {
            diags.push(Diagnostic::error(
                format!("{path}.{f}"),
                Code::NegativeValue,
                format!("{what} of {v} is below zero"),
                "give zero or more",
            ));
            ok = false;
        }
    }
    if percent > Decimal::ONE {
        diags.push(Diagnostic::error(
            format!("{path}.recovery.percent"),
            Code::NegativeValue,
            format!("a recovery percentage of {percent} is above 1 (100%)"),
            "write the share as a fraction of 1, such as \"0.5\" for 50%",
        ));
        ok = false;
    }
    ok.then(|| Draw {
        recoverable: d.kind == DrawKindDto::Recoverable,
        amount,
        from: d.from.clone(),
        to: d.to.clone(),
        recovery_from: rec.and_then(|r| r.from.clone()),
        percent,
        minimum,
        on_termination: match d.on_termination.unwrap_or(OnTerminationDto::Forgive) {
            OnTerminationDto::Forgive => OnTermination::Forgive,
            OnTerminationDto::WriteOff => OnTermination::WriteOff,
            OnTerminationDto::Collect => OnTermination::Collect,
        },
    })
}
