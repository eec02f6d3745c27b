//! Input data in domain form: payees (with their hierarchy and quotas) and transactions,
//! resolved against each other. Built by `spec::data` (JSON) and `io::csv` (CSV), which
//! report every bad record with its location.

use crate::error::{Code, Diagnostic, Error, Result};
use crate::period::Date;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Diagnostics beyond this many are summarised, so a broken million-line file does not
/// produce a million messages.
pub const MAX_DIAGNOSTICS: usize = 100;

/// A person on a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payee {
    /// Stable identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Role label (rep, manager, director).
    pub role: String,
    /// The payee's manager, by id.
    pub manager_id: Option<String>,
    /// Quota per period by component id.
    pub quotas: Vec<(String, Decimal)>,
}

impl Payee {
    /// This payee's quota for a component, if any.
    pub fn quota(&self, component: &str) -> Option<Decimal> {
        self.quotas
            .iter()
            .find(|(c, _)| c == component)
            .map(|(_, q)| *q)
    }
}

/// A dated, identified amount credited to one payee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transaction {
    /// Stable identifier.
    pub id: String,
    /// Booking date.
    pub date: Date,
    /// Index of the credited payee in `Dataset::payees`.
    pub payee: usize,
    /// Credited amount in the plan currency.
    pub amount: Decimal,
    /// Product attribute.
    pub product: String,
    /// Deal type attribute.
    pub kind: String,
    /// Customer attribute.
    pub customer: String,
}

/// A transaction before its payee is resolved, with where it came from.
#[derive(Debug, Clone)]
pub struct RawTransaction {
    /// Where it is in the input: `transactions[3]` or `line 4`.
    pub location: String,
    /// Separator between location and field: "." for JSON paths, ", column " for CSV.
    pub field_sep: &'static str,
    /// Identifier.
    pub id: String,
    /// Parsed date.
    pub date: Date,
    /// Payee id as written.
    pub payee_id: String,
    /// Amount.
    pub amount: Decimal,
    /// Product.
    pub product: String,
    /// Deal type.
    pub kind: String,
    /// Customer.
    pub customer: String,
}

/// Payees and transactions, resolved and checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dataset {
    /// Payees in input order.
    pub payees: Vec<Payee>,
    /// Transactions in input order.
    pub transactions: Vec<Transaction>,
    index: BTreeMap<String, usize>,
}

impl Dataset {
    /// Checks payees (unique ids, known managers) and resolves each transaction's payee.
    ///
    /// # Errors
    /// `ID_INVALID` for a repeated payee id, `UNKNOWN_REFERENCE` for an unknown manager or
    /// payee, with up to `MAX_DIAGNOSTICS` located diagnostics.
    pub fn new(
        payees: Vec<Payee>,
        raw: Vec<RawTransaction>,
        mut diags: Vec<Diagnostic>,
    ) -> Result<Dataset> {
        let mut index = BTreeMap::new();
        for (i, p) in payees.iter().enumerate() {
            if index.insert(p.id.clone(), i).is_some() {
                diags.push(Diagnostic::error(
                    format!("payees[{i}].id"),
                    Code::IdInvalid,
                    format!("payee id {:?} is used twice", p.id),
                    "give each payee its own id",
                ));
            }
        }
        for (i, p) in payees.iter().enumerate() {
            if let Some(m) = &p.manager_id {
                if !index.contains_key(m) {
                    diags.push(Diagnostic::error(
                        format!("payees[{i}].managerId"),
                        Code::UnknownReference,
                        format!("manager {m:?} is not a payee"),
                        "add the manager to the payees, or clear managerId",
                    ));
                }
            }
        }
        let mut transactions = Vec::with_capacity(raw.len());
        for r in raw {
            match index.get(&r.payee_id) {
                Some(&payee) => transactions.push(Transaction {
                    id: r.id,
                    date: r.date,
                    payee,
                    amount: r.amount,
                    product: r.product,
                    kind: r.kind,
                    customer: r.customer,
                }),
                None => diags.push(Diagnostic::error(
                    format!("{}{}payeeId", r.location, r.field_sep),
                    Code::UnknownReference,
                    format!("payee {:?} is not in the payees list", r.payee_id),
                    "add the payee, or correct the id",
                )),
            }
        }
        finish(&mut diags);
        if diags.is_empty() {
            Ok(Dataset {
                payees,
                transactions,
                index,
            })
        } else {
            Err(Error::from_diagnostics(diags))
        }
    }

    /// The index of a payee by id.
    pub fn payee_index(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }
}

/// Truncates a diagnostic list to `MAX_DIAGNOSTICS`, saying how many were left out.
pub fn finish(diags: &mut Vec<Diagnostic>) {
    if diags.len() > MAX_DIAGNOSTICS {
        let more = diags.len() - MAX_DIAGNOSTICS;
        let code = diags.last().map_or(Code::Internal, |d| d.code);
        diags.truncate(MAX_DIAGNOSTICS);
        diags.push(Diagnostic::error(
            "$",
            code,
            format!("{more} more problems were found and not listed"),
            "fix the ones above and try again",
        ));
    }
}
