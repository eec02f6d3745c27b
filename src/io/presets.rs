//! Ready-made column mappings for the usual CRM exports, and for our own canonical columns.
//!
//! Header names, and where they come from (checked against public documentation and public code
//! that reads these exports; what could not be checked is marked as an assumption):
//!
//! - **Salesforce "Opportunities" report** (`salesforce-opportunities`): "Account Name",
//!   "Amount", "Close Date" and "Opportunity Currency" are the field labels in Salesforce Help
//!   (Opportunity Fields); "Opportunity Owner", "Opportunity ID", "Opportunity Name", "Stage" and
//!   "Type" are report column names seen in public report-export column lists. "Amount Currency"
//!   (the currency column a multi-currency org adds next to Amount) and "Product Name" are
//!   assumptions, so both are optional. Dates are the en_US locale's M/D/YYYY (an assumption:
//!   exports follow the user's locale; override `dateFormat`).
//! - **Salesforce "Opportunity Splits"** (`salesforce-opportunity-splits`): the OpportunitySplit
//!   field reference labels the owner "Team Member", the share "Percent (%)" and the amount
//!   "Split Amount"; the report type "Opportunities with Opportunity Splits" shows them as
//!   "Split Owner" and "Split Percentage" (an assumption), so both spellings are tried. The amount
//!   read is the opportunity's "Amount" (the same on every split row), not "Split Amount".
//! - **HubSpot deals export** (`hubspot-deals`): "Deal Name", "Deal Stage", "Deal owner",
//!   "Close Date", "Amount", "Deal Type" and "Pipeline" are HubSpot's default deal property labels
//!   (knowledge.hubspot.com); "Record ID" is the id column of record exports (seen in public
//!   import code, not in HubSpot's documentation); "Currency" is an assumption. Dates are written
//!   `2026-03-31 14:05` (an assumption; the time is ignored).
//! - **Microsoft Dynamics 365 opportunities** (`dynamics-opportunities`): "Actual Close Date" and
//!   "Actual Revenue" are the display names of `actualclosedate` and `actualvalue` in the
//!   Opportunity table reference; "Owner", "Status" (`statecode`: Open, Won, Lost), "Currency",
//!   "Potential Customer" and "Topic" are the usual display names (not checked). Excel exports carry
//!   the record's GUID in a hidden "(Do Not Modify) Opportunity" column (an assumption), tried
//!   before "Opportunity".
//! - **Pipedrive deals export** (`pipedrive-deals`): "Deal - ID", "Deal - Title", "Deal - Value",
//!   "Deal - Currency", "Deal - Owner", "Deal - Won time", "Deal - Status" and "Deal -
//!   Organization" are seen in public code that reads Pipedrive exports (not in Pipedrive's own
//!   documentation); "Deal - Currency of value" is the other spelling seen. Status values are
//!   "won"/"Won" (the filter ignores case); won times are `2026-03-31 14:05:00`.
//! - **`spm`, `spm-payees`, `spm-hierarchy`, `spm-quotas`**: our canonical column names (the
//!   transaction CSV of `io::csv`, and the camelCase payee fields).
//!
//! CRM owner columns hold a person's name, so the CRM presets set `payeeMatch` to "name". Columns
//! not every export has are listed in `optional`.

use crate::spec::import::{ColumnDto, IncludeDto, Kind, MappingDto, PresetDto};
use std::collections::BTreeMap;

/// A ready-made mapping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preset {
    /// The name a mapping gives as `preset`.
    pub name: &'static str,
    /// What the export holds.
    pub kind: Kind,
    /// Which export it reads.
    pub description: &'static str,
    /// The mapping.
    pub mapping: MappingDto,
}

type Cols<'a> = &'a [(&'a str, &'a [&'a str])];

fn columns(cols: Cols<'_>) -> BTreeMap<String, ColumnDto> {
    cols.iter()
        .map(|(field, names)| {
            let col = match names {
                [one] => ColumnDto::One((*one).to_string()),
                many => ColumnDto::AnyOf(many.iter().map(|s| (*s).to_string()).collect()),
            };
            ((*field).to_string(), col)
        })
        .collect()
}

struct Crm<'a> {
    columns: Cols<'a>,
    optional: &'a [&'a str],
    attributes: Cols<'a>,
    include: (&'a str, &'a [&'a str]),
    date_format: &'a str,
}

fn crm(c: &Crm<'_>) -> MappingDto {
    MappingDto {
        date_format: Some(c.date_format.to_string()),
        columns: columns(c.columns),
        optional: c.optional.iter().map(|s| (*s).to_string()).collect(),
        include: Some(IncludeDto {
            column: c.include.0.to_string(),
            values: c.include.1.iter().map(|s| (*s).to_string()).collect(),
        }),
        attributes: columns(c.attributes),
        payee_match: Some("name".into()),
        ..MappingDto::default()
    }
}

fn canonical(cols: &[&str], required: &[&str]) -> MappingDto {
    MappingDto {
        columns: cols.iter().map(|c| ((*c).to_string(), ColumnDto::from(*c))).collect(),
        optional: cols.iter().filter(|c| !required.contains(c)).map(|c| (*c).to_string()).collect(),
        ..MappingDto::default()
    }
}

/// Every preset, in a fixed order.
pub fn all() -> Vec<Preset> {
    let sf_optional: &[&str] = &["currency", "type", "account", "product", "attributes.opportunityName"];
    vec![
        Preset {
            name: "salesforce-opportunities",
            kind: Kind::Transactions,
            description: "Salesforce Opportunities report (CSV): closed-won opportunities credited to their owner",
            mapping: crm(&Crm {
                columns: &[
                    ("id", &["Opportunity ID"]),
                    ("date", &["Close Date"]),
                    ("payeeId", &["Opportunity Owner"]),
                    ("amount", &["Amount"]),
                    ("currency", &["Opportunity Currency", "Amount Currency"]),
                    ("type", &["Type"]),
                    ("account", &["Account Name"]),
                    ("product", &["Product Name"]),
                ],
                optional: sf_optional,
                attributes: &[("opportunityName", &["Opportunity Name"])],
                include: ("Stage", &["Closed Won"]),
                date_format: "M/D/YYYY",
            }),
        },
        Preset {
            name: "salesforce-opportunity-splits",
            kind: Kind::Transactions,
            description: "Salesforce Opportunities with Opportunity Splits report (CSV): one row per split member",
            mapping: MappingDto {
                split_format: Some("percent".into()),
                ..crm(&Crm {
                    columns: &[
                        ("id", &["Opportunity ID"]),
                        ("date", &["Close Date"]),
                        ("payeeId", &["Split Owner", "Team Member"]),
                        ("amount", &["Amount"]),
                        ("split", &["Split Percentage", "Percent (%)", "Split (%)"]),
                        ("currency", &["Opportunity Currency", "Amount Currency"]),
                        ("type", &["Type"]),
                        ("account", &["Account Name"]),
                        ("product", &["Product Name"]),
                    ],
                    optional: sf_optional,
                    attributes: &[("opportunityName", &["Opportunity Name"])],
                    include: ("Stage", &["Closed Won"]),
                    date_format: "M/D/YYYY",
                })
            },
        },
        Preset {
            name: "hubspot-deals",
            kind: Kind::Transactions,
            description: "HubSpot deals export (CSV): closed-won deals credited to their deal owner",
            mapping: crm(&Crm {
                columns: &[
                    ("id", &["Record ID"]),
                    ("date", &["Close Date"]),
                    ("payeeId", &["Deal owner"]),
                    ("amount", &["Amount"]),
                    ("currency", &["Currency"]),
                    ("type", &["Deal Type"]),
                ],
                optional: &["currency", "type", "attributes.dealName", "attributes.pipeline"],
                attributes: &[("dealName", &["Deal Name"]), ("pipeline", &["Pipeline"])],
                include: ("Deal Stage", &["Closed Won"]),
                date_format: "YYYY-MM-DD",
            }),
        },
        Preset {
            name: "dynamics-opportunities",
            kind: Kind::Transactions,
            description: "Microsoft Dynamics 365 opportunities exported to Excel and saved as CSV: won opportunities",
            mapping: crm(&Crm {
                columns: &[
                    ("id", &["(Do Not Modify) Opportunity", "Opportunity"]),
                    ("date", &["Actual Close Date"]),
                    ("payeeId", &["Owner"]),
                    ("amount", &["Actual Revenue"]),
                    ("currency", &["Currency"]),
                    ("account", &["Potential Customer", "Account"]),
                ],
                optional: &["currency", "account", "attributes.topic"],
                attributes: &[("topic", &["Topic"])],
                include: ("Status", &["Won"]),
                date_format: "M/D/YYYY",
            }),
        },
        Preset {
            name: "pipedrive-deals",
            kind: Kind::Transactions,
            description: "Pipedrive deals export (CSV): won deals credited to their owner on the won date",
            mapping: crm(&Crm {
                columns: &[
                    ("id", &["Deal - ID"]),
                    ("date", &["Deal - Won time"]),
                    ("payeeId", &["Deal - Owner"]),
                    ("amount", &["Deal - Value"]),
                    ("currency", &["Deal - Currency", "Deal - Currency of value"]),
                    ("account", &["Deal - Organization", "Organization - Name"]),
                ],
                optional: &["currency", "account", "attributes.dealTitle"],
                attributes: &[("dealTitle", &["Deal - Title"])],
                include: ("Deal - Status", &["won"]),
                date_format: "YYYY-MM-DD",
            }),
        },
        Preset {
            name: "spm",
            kind: Kind::Transactions,
            description: "our canonical transaction CSV (id,date,payeeId,amount,…; splits as payee:share;…)",
            mapping: canonical(
                &[
                    "id",
                    "date",
                    "payeeId",
                    "amount",
                    "currency",
                    "units",
                    "margin",
                    "product",
                    "type",
                    "customer",
                    "territory",
                    "account",
                    "splits",
                ],
                &["id", "date", "amount"],
            ),
        },
        Preset {
            name: "spm-payees",
            kind: Kind::Payees,
            description: "payees with our field names as columns",
            mapping: canonical(
                &["id", "name", "role", "managerId", "hireDate", "terminationDate", "currency", "targetIncentive"],
                &["id", "name"],
            ),
        },
        Preset {
            name: "spm-hierarchy",
            kind: Kind::Hierarchy,
            description: "effective-dated managers: payeeId,managerId,from,to",
            mapping: canonical(&["payeeId", "managerId", "from", "to"], &["payeeId", "managerId"]),
        },
        Preset {
            name: "spm-quotas",
            kind: Kind::Quotas,
            description: "quotas: payeeId,component,period,amount",
            mapping: canonical(&["payeeId", "component", "period", "amount"], &["payeeId", "component", "amount"]),
        },
    ]
}

/// The preset names, in a fixed order.
pub fn names() -> Vec<&'static str> {
    all().iter().map(|p| p.name).collect()
}

/// The preset named `name`.
pub fn find(name: &str) -> Option<Preset> {
    all().into_iter().find(|p| p.name == name)
}

/// The mapping of the preset named `name`.
pub fn preset(name: &str) -> Option<MappingDto> {
    find(name).map(|p| p.mapping)
}

/// Every preset as JSON: `[{ "name", "kind", "description", "mapping" }]`.
pub fn presets_json() -> String {
    let dtos: Vec<PresetDto> = all()
        .into_iter()
        .map(|p| PresetDto {
            name: p.name.to_string(),
            kind: p.kind,
            description: p.description.to_string(),
            mapping: p.mapping,
        })
        .collect();
    serde_json::to_string(&dtos).unwrap_or_else(|_| "[]".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::import::resolve;

    #[test]
    fn every_preset_resolves_for_its_kind_and_no_other() {
        for p in all() {
            let dto = MappingDto { preset: Some(p.name.to_string()), ..MappingDto::default() };
            let m = resolve(&dto, p.kind).unwrap_or_else(|e| panic!("{}: {e}", p.name));
            for r in p.kind.required() {
                assert!(m.columns.contains_key(*r), "{} maps {r}", p.name);
            }
            for other in Kind::ALL.into_iter().filter(|k| *k != p.kind) {
                assert_eq!(resolve(&dto, other).unwrap_err().code, crate::Code::WrongType);
            }
        }
        assert_eq!(names().len(), all().len());
        assert!(preset("spm").is_some() && preset("nope").is_none());
        let json: serde_json::Value = serde_json::from_str(&presets_json()).unwrap();
        assert_eq!(json[0]["name"], "salesforce-opportunities");
        assert_eq!(json[0]["mapping"]["include"]["values"][0], "Closed Won");
    }
}
