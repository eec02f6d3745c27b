//! The compiled plan: components with measures, quotas and rate tables. Built from the wire
//! format by `spec::plan`, which validates; once built, a plan is known to be consistent.

pub mod rate_table;

use crate::money::{Currency, RoundingPolicy};
use crate::period::PeriodKind;
use rate_table::RateTable;
use rust_decimal::Decimal;

/// A validated, compiled compensation plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Stable identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The currency the plan computes and pays in.
    pub currency: Currency,
    /// The period earnings are computed and paid for.
    pub period: PeriodKind,
    /// Declared rounding.
    pub rounding: RoundingPolicy,
    /// The ways of earning, in plan order.
    pub components: Vec<Component>,
}

/// One way of earning.
#[derive(Debug, Clone, PartialEq)]
pub struct Component {
    /// Stable identifier, unique in the plan.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Default quota per period, used when the payee has none for this component.
    pub quota: Option<Decimal>,
    /// Which transactions count.
    pub filter: Filter,
    /// How credits become earnings.
    pub table: RateTable,
}

/// Which transactions a component counts; `None` means any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Products that count.
    pub products: Option<Vec<String>>,
    /// Deal types that count.
    pub types: Option<Vec<String>>,
}

impl Filter {
    /// Whether a transaction with this product and type counts.
    pub fn accepts(&self, product: &str, kind: &str) -> bool {
        let ok = |list: &Option<Vec<String>>, v: &str| {
            list.as_ref().is_none_or(|l| l.iter().any(|x| x == v))
        };
        ok(&self.products, product) && ok(&self.types, kind)
    }

    /// A sentence describing the filter, empty when it accepts everything.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(p) = &self.products {
            parts.push(format!("products {}", p.join(", ")));
        }
        if let Some(t) = &self.types {
            parts.push(format!("deal types {}", t.join(", ")));
        }
        parts.join(" and ")
    }
}
