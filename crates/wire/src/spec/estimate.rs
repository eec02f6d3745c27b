//! The estimator's state on the wire: the payee and the deals already credited to them, and
//! "today" (docs/estimate.md). Read into a domain dataset here, so the estimator itself
//! (`spm_analytics::estimate`) never reads the payout wire format:
//!
//! ```ignore
//! let s = spm_wire::spec::estimate::read_state(text)?;
//! let estimator = spm_analytics::estimate::Estimator::from_state(&plan, s.data, s.payee_id, s.as_of)?;
//! ```

use super::data::{AttributeDto, PayeeDto, TransactionDto};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::dec::Dec;
use spm_base::error::{Code, Error, Result};
use spm_base::period::Date;
use spm_base::schema::DateString;
use spm_core::data::Dataset;

/// Who the estimate is for and what is already credited to them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StateDto {
    /// The payee (a payee without quotas when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payee: Option<PayeeDto>,
    /// Deals already credited to the payee (`payeeId` may be left out).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deals: Vec<StateDealDto>,
    /// Today: a deal without a date closes on this day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateString>")]
    pub as_of: Option<String>,
}

/// A deal already credited: a transaction whose payee is the state's payee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StateDealDto {
    /// Identifier (generated when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// `YYYY-MM-DD`.
    #[schemars(with = "DateString")]
    pub date: String,
    /// Amount credited to the payee.
    pub amount: Dec,
    /// Units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units: Option<Dec>,
    /// Margin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub margin: Option<Dec>,
    /// Product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    /// Deal type.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    /// Custom attributes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<AttributeDto>,
}

impl StateDealDto {
    /// The deal as a transaction of payee `payee`.
    pub fn transaction(&self, i: usize, payee: &str) -> TransactionDto {
        TransactionDto {
            id: self.id.clone().unwrap_or_else(|| format!("state-{}", i + 1)),
            date: self.date.clone(),
            payee_id: Some(payee.to_string()),
            amount: self.amount.clone(),
            units: self.units.clone(),
            margin: self.margin.clone(),
            product: self.product.clone(),
            kind: self.kind.clone(),
            customer: self.customer.clone(),
            territory: None,
            account: None,
            splits: Vec::new(),
            currency: None,
            attributes: self.attributes.clone(),
        }
    }
}

/// A state read into the domain: the payee's dataset, their id and "today" when given.
#[derive(Debug)]
pub struct StateInput {
    /// The payee alone (managers cleared) with the state's deals.
    pub data: Dataset,
    /// The payee's id (`you` when the state names no payee).
    pub payee_id: String,
    /// The state's `asOf`.
    pub as_of: Option<Date>,
}

/// Reads a state from JSON text (empty text: no payee, no deals).
///
/// # Errors
/// Located JSON errors, then those of [`state_input`].
pub fn read_state(text: &str) -> Result<StateInput> {
    let state: StateDto = if spm_base::json::content(text).is_empty() {
        StateDto::default()
    } else {
        spm_base::json::from_str(text, "the state")?
    };
    state_input(&state)
}

/// A state into the domain: every problem located (`payee.…`, `deals[i].…`, `asOf`).
///
/// # Errors
/// Located problems in the payee, the deals and `asOf`.
pub fn state_input(state: &StateDto) -> Result<StateInput> {
    let mut diags = Vec::new();
    let payee_dto =
        state.payee.clone().unwrap_or_else(|| PayeeDto { id: "you".into(), name: "You".into(), ..Default::default() });
    let mut payees = super::data::payees_from_dtos(std::slice::from_ref(&payee_dto), &mut diags);
    for p in &mut payees {
        p.managers.clear();
    }
    for d in &mut diags {
        d.path = d.path.replacen("payees[0]", "payee", 1);
    }
    let txns: Vec<TransactionDto> =
        state.deals.iter().enumerate().map(|(i, d)| d.transaction(i, &payee_dto.id)).collect();
    let text = serde_json::to_string(&txns).map_err(|e| Error::new(Code::Internal, e.to_string()))?;
    let data = super::data::dataset_from_json(&text, payees, diags).map_err(|mut e| {
        for d in &mut e.diagnostics {
            d.path = d.path.replacen("transactions[", "deals[", 1);
        }
        e.message = e.message.replace("transactions[", "deals[");
        e
    })?;
    let as_of = match &state.as_of {
        Some(s) => Some(Date::parse(s).ok_or_else(|| {
            Error::at("asOf", Code::DateInvalid, format!("{s:?} is not a calendar date"), "write YYYY-MM-DD")
        })?),
        None => None,
    };
    Ok(StateInput { data, payee_id: payee_dto.id, as_of })
}
