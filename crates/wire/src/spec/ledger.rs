//! The payout ledger's wire format: the plan's `payout` section (draws, clawbacks, holds,
//! currency conversion, commission expense accounting), the payee's own draw, ledger events
//! (cancellations, refunds, invoices, payments, contract terminations), exchange rates, and the
//! ledger report. Decimals are strings; unknown fields are rejected.

pub use super::ledger_adjust::{parse_adjustments, AdjustmentDto, AdjustmentKindDto};
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::dec::Dec;
use spm_base::error::{clip, Code, Diagnostic, Error, Result};
use spm_base::money::Currency;
use spm_base::schema::DateString;
use spm_core::fx::Rates;
use spm_core::ledger::accounting::Accounts;
use spm_core::ledger::{AccountingPolicy, Draw, Event, EventKind, OnTermination, PayOn, Policy};

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
    #[schemars(with = "DateString")]
    pub date: String,
    /// Amount (refund, invoice, payment, the corrected amount), in the deal's currency; the
    /// whole deal when absent.
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
    /// The deal was entered on this date, after its own date: periods closed before did not know it.
    Enter,
    /// The deal's amount was corrected to `amount` on this date (a recalculation, not a clawback).
    Correct,
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
    #[schemars(with = "DateString")]
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
    // Period labels of one kind (`2026-03`, `2026-Q2`, `FY2026-P04`) sort as their periods do.
    if let (Some(f), Some(t)) = (&d.from, &d.to) {
        if f.len() == t.len() && t < f {
            diags.push(Diagnostic::error(
                format!("{path}.to"),
                Code::RangeReversed,
                format!("the draw ends in {t}, before it starts in {f}, so it would never be paid"),
                "make to the draw's last period, on or after from",
            ));
            ok = false;
        }
    }
    if percent > Decimal::ONE {
        diags.push(Diagnostic::error(
            format!("{path}.recovery.percent"),
            Code::OutOfRange,
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

/// Compiles a plan version's `payout` section; `components` are the version's component ids.
pub fn policy(dto: Option<&PayoutPolicyDto>, p: &str, components: &[&str], diags: &mut Vec<Diagnostic>) -> Policy {
    let Some(dto) = dto else { return Policy::default() };
    let path = format!("{p}payout");
    let known = |ids: &[String], field: &str, diags: &mut Vec<Diagnostic>| {
        for (i, id) in ids.iter().enumerate() {
            if !components.contains(&id.as_str()) {
                diags.push(Diagnostic::error(
                    format!("{path}.{field}[{i}]"),
                    Code::UnknownReference,
                    format!("{:?} is not a component of the plan", clip(id)),
                    format!("use one of: {}", components.join(", ")),
                ));
            }
        }
    };
    known(&dto.pay_on_exempt, "payOnExempt", diags);
    let accounting = dto.accounting.as_ref().map(|a| {
        known(&a.capitalize, "accounting.capitalize", diags);
        let acc = a.accounts.clone().unwrap_or_default();
        AccountingPolicy {
            capitalize: a.capitalize.clone(),
            term_attribute: a.term_attribute.clone().unwrap_or_else(|| "termMonths".into()),
            default_term_months: a.default_term_months,
            renewals_commensurate: a.renewals_commensurate.unwrap_or(true),
            customer_life_months: a.customer_life_months,
            renewal_types: if a.renewal_types.is_empty() { vec!["renewal".into()] } else { a.renewal_types.clone() },
            practical_expedient: a.practical_expedient.unwrap_or(true),
            accounts: Accounts {
                asset: acc.asset.unwrap_or_else(|| "Capitalized commission costs".into()),
                amortization: acc.amortization.unwrap_or_else(|| "Amortization of commission costs".into()),
                expense: acc.expense.unwrap_or_else(|| "Commission expense".into()),
                payable: acc.payable.unwrap_or_else(|| "Commissions payable".into()),
            },
        }
    });
    if let Some(a) = &dto.accounting {
        if a.renewals_commensurate == Some(false) && a.customer_life_months.is_none() {
            diags.push(Diagnostic::error(
                format!("{path}.accounting.customerLifeMonths"),
                Code::MissingField,
                "renewals are not commensurate, so new-business commissions amortize over the expected customer life, which is not given",
                "give customerLifeMonths, such as 60",
            ));
        }
    }
    Policy {
        draw: dto.draw.as_ref().and_then(|d| draw_from_dto(d, &format!("{path}.draw"), diags)),
        clawback_days: dto.clawback.as_ref().map(|c| c.window_days),
        pay_on: match dto.pay_on.unwrap_or(PayOnDto::Booking) {
            PayOnDto::Booking => PayOn::Booking,
            PayOnDto::Invoice => PayOn::Invoice,
            PayOnDto::Cash => PayOn::Cash,
        },
        pay_on_exempt: dto.pay_on_exempt.clone(),
        convert_at_period_end: dto.conversion == Some(ConversionDto::PeriodEnd),
        accounting,
    }
}

/// Reads a JSON array or a CSV text (with a header naming the fields) into records. CSV cells
/// become JSON strings, and an empty cell an absent field; errors name `line N, column C`.
fn records<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> Result<Vec<(String, T)>> {
    if spm_base::json::content(text).starts_with('[') {
        let v: Vec<T> = spm_base::json::from_str(text, what)?;
        return Ok(v.into_iter().enumerate().map(|(i, t)| (format!("[{i}]"), t)).collect());
    }
    let mut r = ::csv::ReaderBuilder::new().has_headers(true).trim(::csv::Trim::All).from_reader(text.as_bytes());
    let headers = r
        .headers()
        .map_err(|e| {
            Error::at(
                "line 1",
                Code::CsvInvalid,
                format!("the header of {what} cannot be read: {e}"),
                "the first line names the columns",
            )
        })?
        .clone();
    let mut out = Vec::new();
    let mut diags = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let line = i + 2;
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                diags.push(Diagnostic::error(
                    format!("line {line}"),
                    Code::CsvInvalid,
                    format!("the line cannot be read: {e}"),
                    "every line needs as many fields as the header",
                ));
                continue;
            }
        };
        let mut obj = serde_json::Map::new();
        for (h, v) in headers.iter().zip(rec.iter()) {
            if !v.is_empty() {
                // Column names are cut as diagnostics quote them (no field name is that long),
                // so a huge unknown one is not copied into every line's record and message.
                obj.insert(clip(h).into_owned(), serde_json::Value::String(v.to_string()));
            }
        }
        match serde_json::from_value::<T>(serde_json::Value::Object(obj)) {
            Ok(t) => out.push((format!("line {line}"), t)),
            Err(e) => diags.push(Diagnostic::error(
                format!("line {line}"),
                if e.to_string().contains("unknown field") { Code::UnknownField } else { Code::WrongType },
                format!("{what}: {e}"),
                "check the column names and values against the documented format",
            )),
        }
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(Error::from_diagnostics(diags))
    }
}

/// The path of a field: `events[3].date` in JSON, `line 5, column date` in CSV.
fn loc(at: &str, what: &str, field: &str) -> String {
    if at.starts_with("line") {
        format!("{at}, column {field}")
    } else {
        format!("{what}{at}.{field}")
    }
}

/// Parses ledger events (JSON array or CSV with columns transactionId,kind,date,amount).
///
/// # Errors
/// Located problems: bad JSON or CSV, unknown kinds, bad dates, bad or negative amounts.
pub fn parse_events(text: &str) -> Result<Vec<Event>> {
    if spm_base::json::content(text).is_empty() {
        return Ok(Vec::new());
    }
    let recs: Vec<(String, EventDto)> = records(text, "the events")?;
    let mut diags = Vec::new();
    let mut out = Vec::with_capacity(recs.len());
    for (at, e) in recs {
        let date = super::data::date_field(&e.date, &loc(&at, "events", "date"), &mut diags);
        let amount = match &e.amount {
            Some(a) => {
                let v = a.get(&loc(&at, "events", "amount"), &mut diags);
                if v.is_some_and(|v| v < Decimal::ZERO) {
                    diags.push(Diagnostic::error(
                        loc(&at, "events", "amount"),
                        Code::NegativeValue,
                        "an event amount below zero",
                        "give the amount refunded, invoiced or collected as a positive number",
                    ));
                }
                v
            }
            None => None,
        };
        if e.kind == EventKindDto::Correct && e.amount.is_none() {
            diags.push(Diagnostic::error(
                loc(&at, "events", "amount"),
                Code::MissingField,
                "a correction needs the corrected amount",
                "give the deal's amount as it should have been, such as \"12000.00\"",
            ));
        }
        if let Some(date) = date {
            let kind = match e.kind {
                EventKindDto::Cancel => EventKind::Cancel,
                EventKindDto::Refund => EventKind::Refund,
                EventKindDto::Invoice => EventKind::Invoice,
                EventKindDto::Payment => EventKind::Payment,
                EventKindDto::Terminate => EventKind::Terminate,
                EventKindDto::Enter => EventKind::Enter,
                EventKindDto::Correct => EventKind::Correct,
            };
            out.push(Event { transaction: e.transaction_id, kind, date, amount });
        }
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(Error::from_diagnostics(diags))
    }
}

/// Parses exchange rates (JSON array or CSV with columns from,to,date,rate).
///
/// # Errors
/// Located problems: unknown currencies, bad dates, rates of zero or below, a pair given twice
/// for the same day.
pub fn parse_rates(text: &str) -> Result<Rates> {
    let mut rates = Rates::default();
    if spm_base::json::content(text).is_empty() {
        return Ok(rates);
    }
    let recs: Vec<(String, RateDto)> = records(text, "the exchange rates")?;
    let mut diags = Vec::new();
    for (at, r) in recs {
        let cur = |c: &str, f: &str, diags: &mut Vec<Diagnostic>| match Currency::from_code(c) {
            Ok(c) => Some(c),
            Err(_) => {
                diags.push(Diagnostic::error(
                    loc(&at, "rates", f),
                    Code::CurrencyUnknown,
                    format!("{:?} is not an ISO 4217 currency code the engine knows", clip(c)),
                    "write a three-letter code in capitals, such as \"EUR\"",
                ));
                None
            }
        };
        let (from, to) = (cur(&r.from, "from", &mut diags), cur(&r.to, "to", &mut diags));
        let date = super::data::date_field(&r.date, &loc(&at, "rates", "date"), &mut diags);
        let rate = r.rate.get(&loc(&at, "rates", "rate"), &mut diags);
        if rate.is_some_and(|v| v <= Decimal::ZERO) {
            diags.push(Diagnostic::error(
                loc(&at, "rates", "rate"),
                Code::NegativeValue,
                "a rate of zero or below",
                "give the units of `to` per unit of `from`, such as \"1.0850\"",
            ));
            continue;
        }
        if let (Some(f), Some(t), Some(d), Some(v)) = (from, to, date, rate) {
            if !rates.insert(f, t, d, v) {
                diags.push(Diagnostic::error(
                    loc(&at, "rates", "date"),
                    Code::IdInvalid,
                    format!("a second {f}→{t} rate for {d}"),
                    "keep one rate per pair and day",
                ));
            }
        }
    }
    if diags.is_empty() {
        Ok(rates)
    } else {
        Err(Error::from_diagnostics(diags))
    }
}
