//! The payee and transaction wire formats (JSON), and their conversion into a `Dataset`.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::dec::Dec;
use spm_base::error::{clip, Code, Diagnostic, Result};
use spm_base::json;
use spm_base::period::Date;
use spm_base::schema::DateString;
use spm_core::data::{Builder, Dataset, Input, ManagerSpan, MboResult, Payee, Quota, Symbols, Transaction};

/// A payee as JSON carries it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PayeeDto {
    /// Stable identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Role label (rep, manager, director).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Team label (for leaderboards and team roll-ups); carried through, never used in payouts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Manager's payee id (always).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager_id: Option<String>,
    /// Effective-dated managers (instead of managerId).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub managers: Vec<ManagerSpanDto>,
    /// First day employed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateString>")]
    pub hire_date: Option<String>,
    /// Last day employed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateString>")]
    pub termination_date: Option<String>,
    /// Unpaid leaves.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leaves: Vec<LeaveDto>,
    /// Annual target incentive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_incentive: Option<Dec>,
    /// Quotas per period by component or measure.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotas: Vec<QuotaDto>,
    /// Formula inputs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<InputDto>,
    /// MBO results.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mbo: Vec<MboResultDto>,
    /// ISO 4217 currency the payee is paid in; the plan's currency when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The payee's own draw terms (replace the plan's `payout.draw`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draw: Option<super::ledger::DrawDto>,
}

/// An effective-dated manager.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ManagerSpanDto {
    /// Manager's payee id.
    pub manager_id: String,
    /// First day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateString>")]
    pub from: Option<String>,
    /// Last day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateString>")]
    pub to: Option<String>,
}

/// A leave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LeaveDto {
    /// First day.
    #[schemars(with = "DateString")]
    pub from: String,
    /// Last day.
    #[schemars(with = "DateString")]
    pub to: String,
}

/// A quota on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct QuotaDto {
    /// Component or measure id.
    pub component: String,
    /// Period label (`2026-Q1`); every period when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Quota per period.
    pub amount: Dec,
}

pub use spm_base::dec::InputDto;

/// An MBO result on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MboResultDto {
    /// Goal id.
    pub goal: String,
    /// Score (a payout point).
    pub score: Dec,
    /// Completion date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateString>")]
    pub completed: Option<String>,
}

/// A transaction as JSON carries it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TransactionDto {
    /// Stable identifier.
    pub id: String,
    /// `YYYY-MM-DD`.
    #[schemars(with = "DateString")]
    pub date: String,
    /// Directly credited payee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payee_id: Option<String>,
    /// Amount.
    pub amount: Dec,
    /// Units (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub units: Option<Dec>,
    /// Margin (default 0).
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
    /// Territory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub territory: Option<String>,
    /// Account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// Credit splits.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub splits: Vec<SplitDto>,
    /// ISO 4217 currency of `amount` and `margin`; the plan's currency when absent. Kept as the
    /// custom attribute `currency`; converted by `fx` before crediting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// Custom attributes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<AttributeDto>,
}

/// A split on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SplitDto {
    /// Payee id.
    pub payee_id: String,
    /// Share.
    pub share: Dec,
    /// Overlay credit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overlay: Option<bool>,
}

/// A custom attribute on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AttributeDto {
    /// Name.
    pub name: String,
    /// Value.
    pub value: String,
}

/// Parses a JSON array of payees.
///
/// # Errors
/// Located JSON errors; field problems come back as diagnostics with the payees.
pub fn parse_payees(text: &str) -> Result<(Vec<Payee>, Vec<Diagnostic>)> {
    let dtos: Vec<PayeeDto> = json::from_str(text, "the payees")?;
    spm_base::limits::check(
        "payees",
        "payees in one dataset",
        dtos.len(),
        spm_base::limits::MAX_PAYEES,
        "split the company",
    )?;
    let mut diags = Vec::new();
    let payees = payees_from_dtos(&dtos, &mut diags);
    Ok((payees, diags))
}

fn opt_date(v: &Option<String>, path: &str, diags: &mut Vec<Diagnostic>) -> Option<Date> {
    v.as_deref().and_then(|s| date_field(s, path, diags))
}

/// Converts payee DTOs, adding a diagnostic for each bad field.
pub fn payees_from_dtos(dtos: &[PayeeDto], diags: &mut Vec<Diagnostic>) -> Vec<Payee> {
    dtos.iter()
        .enumerate()
        .map(|(i, p)| {
            let at = |f: &str| format!("payees[{i}].{f}");
            if p.id.trim().is_empty() {
                diags.push(Diagnostic::error(
                    at("id"),
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
                    let path = at(&format!("quotas[{j}].amount"));
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
                    Some(Quota { key: q.component.clone(), period: q.period.clone(), amount: v })
                })
                .collect();
            let mut managers: Vec<ManagerSpan> = p
                .managers
                .iter()
                .enumerate()
                .map(|(j, m)| ManagerSpan {
                    manager: m.manager_id.clone(),
                    from: opt_date(&m.from, &at(&format!("managers[{j}].from")), diags),
                    to: opt_date(&m.to, &at(&format!("managers[{j}].to")), diags),
                })
                .collect();
            if let Some(m) = p.manager_id.clone().filter(|m| !m.is_empty()) {
                if !managers.is_empty() {
                    diags.push(Diagnostic::error(
                        at("managerId"),
                        Code::WrongType,
                        "give managerId or managers, not both",
                        "use managers for a hierarchy that changes over time",
                    ));
                }
                managers.push(ManagerSpan { manager: m, from: None, to: None });
            }
            let leaves = p
                .leaves
                .iter()
                .enumerate()
                .filter_map(|(j, l)| {
                    let f = date_field(&l.from, &at(&format!("leaves[{j}].from")), diags)?;
                    let t = date_field(&l.to, &at(&format!("leaves[{j}].to")), diags)?;
                    Some((f, t))
                })
                .collect();
            let inputs = p
                .inputs
                .iter()
                .enumerate()
                .filter_map(|(j, x)| {
                    Some(Input {
                        name: x.name.clone(),
                        period: x.period.clone(),
                        value: x.value.get(&at(&format!("inputs[{j}].value")), diags)?,
                    })
                })
                .collect();
            let mbo = p
                .mbo
                .iter()
                .enumerate()
                .filter_map(|(j, x)| {
                    Some(MboResult {
                        goal: x.goal.clone(),
                        score: x.score.get(&at(&format!("mbo[{j}].score")), diags)?,
                        completed: opt_date(&x.completed, &at(&format!("mbo[{j}].completed")), diags),
                    })
                })
                .collect();
            Payee {
                id: p.id.clone(),
                name: p.name.clone(),
                role: p.role.clone().unwrap_or_else(|| "rep".into()),
                managers,
                hire: opt_date(&p.hire_date, &at("hireDate"), diags),
                termination: opt_date(&p.termination_date, &at("terminationDate"), diags),
                leaves,
                target_incentive: p.target_incentive.as_ref().and_then(|t| t.get(&at("targetIncentive"), diags)),
                quotas,
                inputs,
                mbo,
                currency: p.currency.as_deref().and_then(|c| match spm_base::money::Currency::from_code(c) {
                    Ok(c) => Some(c),
                    Err(_) => {
                        diags.push(Diagnostic::error(
                            at("currency"),
                            Code::CurrencyUnknown,
                            format!("{:?} is not an ISO 4217 currency code the engine knows", clip(c)),
                            "write a three-letter code in capitals, such as \"EUR\"",
                        ));
                        None
                    }
                }),
                draw: p.draw.as_ref().and_then(|d| super::ledger::draw_from_dto(d, &at("draw"), diags)),
            }
        })
        .collect()
}

pub use spm_base::period::date_field;

/// Builds a dataset from a JSON array of transactions and payees.
///
/// # Errors
/// Every bad record, located by JSON path.
pub fn dataset_from_json(transactions: &str, payees: Vec<Payee>, diags: Vec<Diagnostic>) -> Result<Dataset> {
    let dtos: Vec<TransactionDto> = json::from_str(transactions, "the transactions")?;
    spm_base::limits::check(
        "transactions",
        "transactions in one dataset",
        dtos.len(),
        spm_base::limits::MAX_TRANSACTIONS,
        "split the data, for example by year, and run each part",
    )?;
    let mut symbols = Symbols::default();
    let mut b = Builder::new(payees, Vec::new());
    for d in diags {
        b.problem(d);
    }
    for (i, t) in dtos.iter().enumerate() {
        let loc = format!("transactions[{i}]");
        let mut diags = Vec::new();
        let date = date_field(&t.date, &format!("{loc}.date"), &mut diags);
        let amount = t.amount.get(&format!("{loc}.amount"), &mut diags);
        let units = t.units.as_ref().map_or(Some(Decimal::ONE), |u| u.get(&format!("{loc}.units"), &mut diags));
        let margin = t.margin.as_ref().map_or(Some(Decimal::ZERO), |u| u.get(&format!("{loc}.margin"), &mut diags));
        let splits: Vec<(&str, Decimal, bool)> = t
            .splits
            .iter()
            .enumerate()
            .filter_map(|(j, s)| {
                Some((
                    s.payee_id.as_str(),
                    s.share.get(&format!("{loc}.splits[{j}].share"), &mut diags)?,
                    s.overlay.unwrap_or(false),
                ))
            })
            .collect();
        for d in diags {
            b.problem(d);
        }
        let mut sym = |v: &Option<String>| symbols.intern(v.as_deref().unwrap_or(""));
        let (product, kind, customer, territory, account) =
            (sym(&t.product), sym(&t.kind), sym(&t.customer), sym(&t.territory), sym(&t.account));
        let mut attributes: Vec<(u32, u32)> =
            t.attributes.iter().map(|a| (symbols.intern(&a.name), symbols.intern(&a.value))).collect();
        if let Some(c) = &t.currency {
            if spm_base::money::Currency::from_code(c).is_err() {
                b.problem(Diagnostic::error(
                    format!("{loc}.currency"),
                    Code::CurrencyUnknown,
                    format!("{:?} is not an ISO 4217 currency code the engine knows", clip(c)),
                    "write a three-letter code in capitals, such as \"EUR\"",
                ));
            }
            attributes.push((symbols.intern("currency"), symbols.intern(c)));
        }
        if let (Some(date), Some(amount), Some(units), Some(margin)) = (date, amount, units, margin) {
            let txn = Transaction {
                id: (0, 0),
                date,
                payee: None,
                amount,
                units,
                margin,
                product,
                kind,
                customer,
                territory,
                account,
                splits: (0, 0),
                attributes: (0, 0),
            };
            // Located as `transactions[i].field` (the builder's default).
            b.push_at(i as u64, txn, &t.id, t.payee_id.as_deref().unwrap_or(""), &splits, &attributes);
        }
        if b.full() {
            break;
        }
    }
    b.finish(symbols)
}
