//! Ready-made mappings for HR roster exports (kind "payees"), and where their headers come from.
//! Nothing here was checked against the vendors' own documentation from this machine: the names
//! are the usual column labels of these reports, so every column but the id and the name is
//! optional, and several spellings are tried in order.
//!
//! - **Workday worker report** (`workday-workers`): "Employee ID" (also "Worker ID"), the name as
//!   "Legal Name", "Worker" or "Preferred Name", "Manager ID" (also "Manager Employee ID"; a
//!   report that lists the manager by name needs a custom mapping with `payeeMatch: "name"`),
//!   "Hire Date" (also "Original Hire Date"), "Termination Date", the role as "Business Title" or
//!   "Job Profile", the team as "Supervisory Organization" (also "Cost Center"), "Currency", and
//!   the annual target incentive as "Target Incentive Amount" (also "Annual Target Incentive",
//!   "Target Bonus Amount"). Dates `MM/DD/YYYY` (the en_US locale; an assumption) or ISO.
//! - **BambooHR employee report** (`bamboohr-employees`): "Employee #" (also "Employee Number",
//!   "Employee ID"), the name as "Display name" or, when the report has none, "First Name" and
//!   "Last Name" joined with a space (`mapping.join`), the manager's employee number as
//!   "Supervisor EID" (also "Reports To Employee #"; BambooHR's "Reports To" holds a name), "Hire
//!   Date", "Termination Date", "Job Title", the team as "Department" (also "Division"), and
//!   "Currency". Dates `MM/DD/YYYY` (an assumption) or ISO.
//!
//! Neither filters on an employment status: terminated people keep their history, and their
//! termination date is what the engine needs.

use super::presets::{columns, Preset};
use crate::spec::import::{Kind, MappingDto};

fn optional(fields: &[&str]) -> Vec<String> {
    fields.iter().map(|f| (*f).to_string()).collect()
}

/// The HR presets, in a fixed order.
pub(super) fn hr() -> Vec<Preset> {
    let rest = ["role", "team", "managerId", "hireDate", "terminationDate", "currency", "targetIncentive"];
    vec![
        Preset {
            name: "workday-workers",
            kind: Kind::Payees,
            description:
                "Workday worker report (CSV or .xlsx): one row per worker, the team from the supervisory organization",
            mapping: MappingDto {
                date_format: Some("MM/DD/YYYY".into()),
                columns: columns(&[
                    ("id", &["Employee ID", "Worker ID"]),
                    ("name", &["Legal Name", "Worker", "Preferred Name"]),
                    ("managerId", &["Manager ID", "Manager Employee ID"]),
                    ("hireDate", &["Hire Date", "Original Hire Date"]),
                    ("terminationDate", &["Termination Date"]),
                    ("role", &["Business Title", "Job Profile"]),
                    ("team", &["Supervisory Organization", "Cost Center"]),
                    ("currency", &["Currency"]),
                    ("targetIncentive", &["Target Incentive Amount", "Annual Target Incentive", "Target Bonus Amount"]),
                ]),
                optional: optional(&rest),
                ..MappingDto::default()
            },
        },
        Preset {
            name: "bamboohr-employees",
            kind: Kind::Payees,
            description: "BambooHR employee report (CSV or .xlsx): one row per employee, the team from the department",
            mapping: MappingDto {
                date_format: Some("MM/DD/YYYY".into()),
                columns: columns(&[
                    ("id", &["Employee #", "Employee Number", "Employee ID"]),
                    ("name", &["Display name"]),
                    ("managerId", &["Supervisor EID", "Reports To Employee #"]),
                    ("hireDate", &["Hire Date"]),
                    ("terminationDate", &["Termination Date"]),
                    ("role", &["Job Title"]),
                    ("team", &["Department", "Division"]),
                    ("currency", &["Currency"]),
                ]),
                optional: optional(&["role", "team", "managerId", "hireDate", "terminationDate", "currency"]),
                join: [("name".to_string(), vec!["First Name".to_string(), "Last Name".to_string()])].into(),
                ..MappingDto::default()
            },
        },
    ]
}

#[cfg(test)]
#[path = "presets_hr_tests.rs"]
mod tests;
