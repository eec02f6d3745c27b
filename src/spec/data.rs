//! The payee and transaction wire formats (JSON), and their conversion into a `Dataset`.

use super::dec::Dec;
use super::json;
use crate::data::{Dataset, Payee, RawTransaction};
use crate::error::{Code, Diagnostic, Result};
use crate::period::Date;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A payee as JSON carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PayeeDto {
    /// Stable identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Role label.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Manager's payee id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager_id: Option<String>,
    /// Quotas per period by component.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotas: Vec<QuotaDto>,
}

/// A quota on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuotaDto {
    /// Component id.
    pub component: String,
    /// Quota per period.
    pub amount: Dec,
}

/// A transaction as JSON carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TransactionDto {
    /// Stable identifier.
    pub id: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Credited payee.
    pub payee_id: String,
    /// Credited amount.
    pub amount: Dec,
    /// Product attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    /// Deal type attribute.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Customer attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
}

/// Parses a JSON array of payees.
///
/// # Errors
/// Located JSON errors, `DECIMAL_*` for quotas, `ID_INVALID`.
pub fn parse_payees(text: &str) -> Result<(Vec<Payee>, Vec<Diagnostic>)> {
    let dtos: Vec<PayeeDto> = json::from_str(text, "the payees")?;
    let mut diags = Vec::new();
    let payees = payees_from_dtos(&dtos, &mut diags);
    Ok((payees, diags))
}

/// Converts payee DTOs, adding a diagnostic for each bad field.
pub fn payees_from_dtos(dtos: &[PayeeDto], diags: &mut Vec<Diagnostic>) -> Vec<Payee> {
    dtos.iter()
        .enumerate()
        .map(|(i, p)| {
            if p.id.trim().is_empty() {
                diags.push(Diagnostic::error(
                    format!("payees[{i}].id"),
                    Code::IdInvalid,
                    "the payee id is empty",
                    "give every payee an id",
                ));
            }
            let quotas = p
                .quotas
                .iter()
                .enumerate()
                .filter_map(|(j, q)| {
                    let path = format!("payees[{i}].quotas[{j}].amount");
                    let v = q.amount.get(&path, diags)?;
                    if v <= Decimal::ZERO {
                        diags.push(Diagnostic::error(
                            path,
                            Code::QuotaInvalid,
                            format!("the quota {v} is not above zero"),
                            "give a positive quota",
                        ));
                        return None;
                    }
                    Some((q.component.clone(), v))
                })
                .collect();
            Payee {
                id: p.id.clone(),
                name: p.name.clone(),
                role: p.role.clone().unwrap_or_else(|| "rep".into()),
                manager_id: p.manager_id.clone().filter(|m| !m.is_empty()),
                quotas,
            }
        })
        .collect()
}

/// Parses a date field, adding a located diagnostic when it is not a real calendar date.
pub fn date_field(value: &str, path: &str, diags: &mut Vec<Diagnostic>) -> Option<Date> {
    let d = Date::parse(value);
    if d.is_none() {
        diags.push(Diagnostic::error(
            path,
            Code::DateInvalid,
            format!("{value:?} is not a calendar date"),
            "write dates as YYYY-MM-DD, such as \"2026-03-31\"",
        ));
    }
    d
}

/// Builds a dataset from a JSON array of transactions and payees.
///
/// # Errors
/// Every bad record, located by JSON path.
pub fn dataset_from_json(
    transactions: &str,
    payees: Vec<Payee>,
    mut diags: Vec<Diagnostic>,
) -> Result<Dataset> {
    let dtos: Vec<TransactionDto> = json::from_str(transactions, "the transactions")?;
    let mut raw = Vec::with_capacity(dtos.len());
    for (i, t) in dtos.iter().enumerate() {
        let loc = format!("transactions[{i}]");
        let date = date_field(&t.date, &format!("{loc}.date"), &mut diags);
        let amount = t.amount.get(&format!("{loc}.amount"), &mut diags);
        if let (Some(date), Some(amount)) = (date, amount) {
            raw.push(RawTransaction {
                location: loc,
                field_sep: ".",
                id: t.id.clone(),
                date,
                payee_id: t.payee_id.clone(),
                amount,
                product: t.product.clone().unwrap_or_default(),
                kind: t.kind.clone().unwrap_or_default(),
                customer: t.customer.clone().unwrap_or_default(),
            });
        }
    }
    Dataset::new(payees, raw, diags)
}
