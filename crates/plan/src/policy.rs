//! How a plan's earnings become payments: the validated `payout` section of a plan (draws,
//! clawback window, when deals are paid, commission accounting). The ledger in `spm-core`
//! carries these terms out; they live with the plan because a plan declares them.

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

/// When deal-based earnings are paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PayOn {
    /// On booking.
    #[default]
    Booking,
    /// As invoiced.
    Invoice,
    /// As cash is collected.
    Cash,
}

/// Commission expense accounting settings (validated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountingPolicy {
    /// Component ids whose cost is capitalizable.
    pub capitalize: Vec<String>,
    /// Transaction attribute with the contract term in months.
    pub term_attribute: String,
    /// Term for deals without the attribute.
    pub default_term_months: Option<u32>,
    /// Renewal commissions commensurate with the initial one.
    pub renewals_commensurate: bool,
    /// Expected customer life.
    pub customer_life_months: Option<u32>,
    /// Deal types that are renewals.
    pub renewal_types: Vec<String>,
    /// Practical expedient elected.
    pub practical_expedient: bool,
    /// Account names.
    pub accounts: Accounts,
}

/// How earnings become payouts (the plan's `payout` section, validated).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Policy {
    /// The plan's draw for every payee.
    pub draw: Option<Draw>,
    /// Clawback window in days; `None`: nothing paid is taken back.
    pub clawback_days: Option<u32>,
    /// When deal earnings are paid.
    pub pay_on: PayOn,
    /// Components always paid on booking.
    pub pay_on_exempt: Vec<String>,
    /// Transactions convert at the rate of their period's end (else of their date).
    pub convert_at_period_end: bool,
    /// Accounting, when declared.
    pub accounting: Option<AccountingPolicy>,
}

/// General-ledger account names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accounts {
    /// The asset holding capitalized costs.
    pub asset: String,
    /// The expense account for amortization.
    pub amortization: String,
    /// The expense account for costs expensed when incurred.
    pub expense: String,
    /// The liability for commissions owed.
    pub payable: String,
}

impl Default for Accounts {
    fn default() -> Self {
        Accounts {
            asset: "Capitalized commission costs".into(),
            amortization: "Amortization of commission costs".into(),
            expense: "Commission expense".into(),
            payable: "Commissions payable".into(),
        }
    }
}
