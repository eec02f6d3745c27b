//! Payee adjustments on the wire: SPIFF prizes and manual corrections for the payout ledger, as
//! the CSV a contest exports (`payeeId,date,amount,currency,reason`, columns in any order, plus an
//! optional `kind`) or as JSON `[{payeeId, date, amount, currency?, reason?, kind?}]`. Amounts are
//! decimal strings: above zero for a SPIFF, either sign (not zero) for an adjustment. Every
//! problem is located (`line 3, column amount` or `adjustments[2].amount`); unknown fields and
//! columns are rejected.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::dec::Dec;
use spm_base::error::{clip, Code, Diagnostic, Error, Result};
use spm_base::money::Currency;
use spm_base::schema::DateString;
use spm_core::ledger::{AdjustmentKind, PayeeAdjustment};

/// A payee adjustment: a SPIFF prize or a manual correction of a payee's pay.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AdjustmentDto {
    /// The payee.
    pub payee_id: String,
    /// The day it is booked on, "YYYY-MM-DD": the ledger pays it in that day's period.
    #[schemars(with = "DateString")]
    pub date: String,
    /// The amount, a decimal string: above zero for a SPIFF, either sign for an adjustment.
    pub amount: Dec,
    /// ISO 4217 code of the amount; the payee's currency when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Why, in words (shown in the ledger's sentence).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// `spiff` (default) or `adjustment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<AdjustmentKindDto>,
}

/// Payee adjustment kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum AdjustmentKindDto {
    /// A prize: above zero.
    Spiff,
    /// A manual correction: either sign.
    Adjustment,
}

/// The CSV columns, in the order a contest exports them, then `kind`.
const COLUMNS: [&str; 6] = ["payeeId", "date", "amount", "currency", "reason", "kind"];

/// Parses payee adjustments: a JSON array (text starting with `[`) or CSV with a header naming
/// the columns (`payeeId`, `date`, `amount` required; `currency`, `reason`, `kind` optional).
/// Empty text is no adjustments.
///
/// # Errors
/// Located problems: `JSON_SYNTAX`, `CSV_INVALID`, `UNKNOWN_FIELD`, `MISSING_FIELD`,
/// `WRONG_TYPE` (an unknown kind), `DATE_INVALID`, `DECIMAL_NOT_STRING`, `DECIMAL_INVALID`,
/// `CURRENCY_UNKNOWN`, `NEGATIVE_VALUE` (a SPIFF of zero or below), `OUT_OF_RANGE` (an
/// adjustment of zero).
pub fn parse_adjustments(text: &str) -> Result<Vec<PayeeAdjustment>> {
    let text = spm_base::json::without_bom(text);
    let trimmed = text.trim_start();
    if trimmed.is_empty() {
        return Ok(Vec::new());
    }
    let recs = if trimmed.starts_with(['[', '{']) { json_records(text)? } else { csv_records(text)? };
    let mut diags = Vec::new();
    let mut out = Vec::with_capacity(recs.len());
    for (at, d) in recs {
        if let Some(a) = check(at, d, &mut diags) {
            out.push(a);
        }
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(Error::from_diagnostics(diags))
    }
}

fn json_records(text: &str) -> Result<Vec<(String, AdjustmentDto)>> {
    let v: Vec<AdjustmentDto> = spm_base::json::from_str(text, "the adjustments").map_err(|e| {
        // Structural paths (`[2].amount`) are named after the input, as the checks below are.
        let diags =
            e.diagnostics
                .into_iter()
                .map(|d| {
                    if d.path.starts_with('[') {
                        Diagnostic { path: format!("adjustments{}", d.path), ..d }
                    } else {
                        d
                    }
                })
                .collect::<Vec<_>>();
        if diags.is_empty() {
            Error::new(e.code, e.message)
        } else {
            Error::from_diagnostics(diags)
        }
    })?;
    Ok(v.into_iter().enumerate().map(|(i, d)| (format!("adjustments[{i}]"), d)).collect())
}

fn csv_records(text: &str) -> Result<Vec<(String, AdjustmentDto)>> {
    let mut r = ::csv::ReaderBuilder::new().has_headers(true).trim(::csv::Trim::All).from_reader(text.as_bytes());
    let headers = r
        .headers()
        .map_err(|e| {
            Error::at(
                "line 1",
                Code::CsvInvalid,
                format!("the header of the adjustments cannot be read: {e}"),
                "the first line names the columns: payeeId,date,amount,currency,reason",
            )
        })?
        .clone();
    let mut diags = Vec::new();
    let mut cols: [Option<usize>; 6] = [None; 6];
    for (i, h) in headers.iter().enumerate() {
        let shown = clip(h);
        match COLUMNS.iter().position(|c| *c == h) {
            Some(k) if cols.get(k).copied().flatten().is_some() => diags.push(Diagnostic::error(
                format!("line 1, column {shown}"),
                Code::CsvInvalid,
                format!("the column {shown} is named twice"),
                "keep one column of each name",
            )),
            Some(k) => {
                if let Some(slot) = cols.get_mut(k) {
                    *slot = Some(i);
                }
            }
            None => diags.push(Diagnostic::error(
                format!("line 1, column {shown}"),
                Code::UnknownField,
                format!("{shown:?} is not a column of payee adjustments"),
                format!("use the columns {} (names are camelCase)", COLUMNS.join(", ")),
            )),
        }
    }
    for (k, name) in COLUMNS.iter().enumerate().take(3) {
        if cols.get(k).copied().flatten().is_none() {
            diags.push(Diagnostic::error(
                "line 1",
                Code::MissingField,
                format!("the header has no column {name}"),
                "the first line names the columns: payeeId,date,amount,currency,reason",
            ));
        }
    }
    if !diags.is_empty() {
        return Err(Error::from_diagnostics(diags));
    }
    let mut out = Vec::new();
    for (i, rec) in r.records().enumerate() {
        let rec = match rec {
            Ok(rec) => rec,
            Err(e) => {
                let line = e.position().map_or(i as u64 + 2, |p| p.line());
                diags.push(Diagnostic::error(
                    format!("line {line}"),
                    Code::CsvInvalid,
                    format!("the line cannot be read: {e}"),
                    "every line needs as many fields as the header",
                ));
                continue;
            }
        };
        let line = rec.position().map_or(i as u64 + 2, |p| p.line());
        if rec.iter().all(str::is_empty) {
            continue;
        }
        let cell = |k: usize| cols.get(k).copied().flatten().and_then(|c| rec.get(c)).filter(|v| !v.is_empty());
        let at = format!("line {line}");
        let kind = match cell(5) {
            None | Some("spiff") => Some(AdjustmentKindDto::Spiff),
            Some("adjustment") => Some(AdjustmentKindDto::Adjustment),
            Some(other) => {
                diags.push(Diagnostic::error(
                    format!("{at}, column kind"),
                    Code::WrongType,
                    format!("{:?} is not a kind of payee adjustment", clip(other)),
                    "use spiff or adjustment",
                ));
                continue;
            }
        };
        let mut missing = false;
        for k in 0..3 {
            if cell(k).is_none() {
                let name = COLUMNS.get(k).copied().unwrap_or_default();
                diags.push(Diagnostic::error(
                    format!("{at}, column {name}"),
                    Code::MissingField,
                    format!("the {name} is empty"),
                    "every line needs a payeeId, a date and an amount",
                ));
                missing = true;
            }
        }
        if missing {
            continue;
        }
        let amount = cell(2).unwrap_or_default();
        out.push((
            at,
            AdjustmentDto {
                payee_id: cell(0).unwrap_or_default().to_string(),
                date: cell(1).unwrap_or_default().to_string(),
                amount: Dec::parse(amount),
                currency: cell(3).map(str::to_string),
                reason: cell(4).map(str::to_string),
                kind,
            },
        ));
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(Error::from_diagnostics(diags))
    }
}

/// Checks one record's values.
fn check(at: String, d: AdjustmentDto, diags: &mut Vec<Diagnostic>) -> Option<PayeeAdjustment> {
    let path = |f: &str| if at.starts_with("line") { format!("{at}, column {f}") } else { format!("{at}.{f}") };
    let kind = match d.kind.unwrap_or(AdjustmentKindDto::Spiff) {
        AdjustmentKindDto::Spiff => AdjustmentKind::Spiff,
        AdjustmentKindDto::Adjustment => AdjustmentKind::Adjustment,
    };
    let before = diags.len();
    if d.payee_id.trim().is_empty() {
        diags.push(Diagnostic::error(path("payeeId"), Code::IdInvalid, "an empty payee id", "give the payee's id"));
    }
    let date = crate::spec::data::date_field(&d.date, &path("date"), diags);
    let amount = d.amount.get(&path("amount"), diags);
    match (kind, amount) {
        (AdjustmentKind::Spiff, Some(v)) if v <= Decimal::ZERO => diags.push(Diagnostic::error(
            path("amount"),
            Code::NegativeValue,
            format!("a SPIFF of {v}: a prize is above zero"),
            "give the prize as a positive amount, or set kind to adjustment to take pay back",
        )),
        (AdjustmentKind::Adjustment, Some(v)) if v.is_zero() => diags.push(Diagnostic::error(
            path("amount"),
            Code::OutOfRange,
            "an adjustment of zero changes nothing",
            "give the amount to add (or, below zero, to take back), or leave the line out",
        )),
        _ => {}
    }
    let currency = match d.currency.as_deref() {
        None => None,
        Some(c) => match Currency::from_code(c) {
            Ok(c) => Some(c),
            Err(_) => {
                diags.push(Diagnostic::error(
                    path("currency"),
                    Code::CurrencyUnknown,
                    format!("{:?} is not an ISO 4217 currency code the engine knows", clip(c)),
                    "write a three-letter code in capitals, such as \"EUR\", or leave it out for the payee's currency",
                ));
                None
            }
        },
    };
    if diags.len() > before {
        return None;
    }
    Some(PayeeAdjustment {
        payee: d.payee_id,
        kind,
        date: date?,
        amount: amount?,
        currency,
        reason: d.reason.unwrap_or_default(),
        at,
    })
}
