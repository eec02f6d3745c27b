//! Ready-made column mappings for the usual CRM exports and for our own canonical columns; the
//! delimiters and cell formats those exports write (amounts, split shares, dates); and matching
//! their owner columns, which hold people's names, to payees.
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
//! - **HR rosters** (`workday-workers`, `bamboohr-employees`): in `presets_hr.rs`, with where
//!   their headers come from.
//!
//! CRM owner columns hold a person's name, so the CRM presets set `payeeMatch` to "name". Columns
//! not every export has are listed in `optional`.

pub use super::guess::{guess, preview, Guess, Preview};
pub use super::payee_match::{payees_for, Payees};
use crate::spec::import::{ColumnDto, DateFormat, IncludeDto, Kind, MappingDto, PresetDto};
use rust_decimal::Decimal;
use spm_base::dec::parse_decimal;
use spm_base::error::{Code, Diagnostic, Error};
use spm_base::money::Currency;
use spm_base::period::Date;
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

pub(super) type Cols<'a> = &'a [(&'a str, &'a [&'a str])];

pub(super) fn columns(cols: Cols<'_>) -> BTreeMap<String, ColumnDto> {
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
    let mut list = vec![
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
                    ("customer", &["Associated Company", "Company name"]),
                ],
                optional: &["currency", "type", "customer", "attributes.dealName", "attributes.pipeline"],
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
                &[
                    "id",
                    "name",
                    "role",
                    "team",
                    "managerId",
                    "hireDate",
                    "terminationDate",
                    "currency",
                    "targetIncentive",
                ],
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
    ];
    list.extend(super::presets_hr::hr());
    list
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

/// The delimiters a file may use.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// A delimiter as a mapping writes it.
pub fn delimiter_name(d: u8) -> String {
    if d == b'\t' {
        "tab (\"\\t\")".to_string()
    } else {
        format!("{:?}", char::from(d))
    }
}

/// The delimiter that splits the header line into the most fields (',' on a tie).
pub fn detect_delimiter(header: Option<&str>) -> u8 {
    let count = |d: u8| {
        let mut quoted = false;
        let outside = |b: &u8| {
            quoted ^= *b == b'"';
            !quoted && *b == d
        };
        header.unwrap_or("").bytes().filter(outside).count()
    };
    DELIMITERS.into_iter().fold(b',', |best, d| if count(d) > count(best) { d } else { best })
}

/// `CSV_INVALID` when the header is one field that another delimiter would split.
pub fn wrong_delimiter(headers: &[String], delim: u8) -> Option<Error> {
    let [only] = headers else { return None };
    let d = DELIMITERS.into_iter().find(|d| *d != delim && only.contains(char::from(*d)))?;
    Some(Error::at(
        "row 1",
        Code::CsvInvalid,
        format!(
            "the header is one column, {only:?}, split by {}: the file looks {}-separated",
            delimiter_name(delim),
            delimiter_name(d)
        ),
        format!("set delimiter to {}", delimiter_name(d)),
    ))
}

/// Currency signs an amount may carry before or after its digits.
const SIGNS: &[char] = &['$', '€', '£', '¥', '₹', '₩', '₽', '₺', '₪', '฿', '₫', '₴', '₦', '₱', '₡', '₲', '₵', '₸', '¢'];

fn is_code(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase()) && Currency::from_code(s).is_ok()
}

/// `$`, `US$`, `EUR` before the digits.
fn strip_sign_prefix(t: &str) -> Option<&str> {
    let letters = t.bytes().take_while(u8::is_ascii_uppercase).count();
    let rest = t.get(letters..)?;
    if let Some(c) = rest.chars().next().filter(|c| letters <= 3 && SIGNS.contains(c)) {
        return rest.get(c.len_utf8()..);
    }
    let after_code = t.get(3..)?;
    (is_code(t.get(..3)?) && !after_code.starts_with(|c: char| c.is_alphabetic())).then_some(after_code)
}

/// `€`, `EUR` after the digits.
fn strip_sign_suffix(t: &str) -> Option<&str> {
    if let Some(c) = t.chars().next_back().filter(|c| SIGNS.contains(c)) {
        return t.get(..t.len() - c.len_utf8());
    }
    let cut = t.len().checked_sub(3)?;
    let before = t.get(..cut)?;
    (is_code(t.get(cut..)?) && !before.ends_with(|c: char| c.is_alphabetic())).then_some(before)
}

/// Reads an amount as CRM exports write it: `1234.5`, `-1234.5`, `$1,234.56`, `USD 1,234.56`,
/// `(1,234.56)` (negative), `1 234,56` and `1.234,56 €` (with `decimal` ','). Thousands
/// separators must group by three, so `1,5` is not read as 15 when the decimal separator is '.'.
pub fn parse_amount(text: &str, decimal: char) -> Option<Decimal> {
    let mut t = text.trim();
    let mut negative = false;
    if let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        t = inner;
    }
    let (mut signed, mut sign_prefix) = (negative, false);
    loop {
        t = t.trim_start();
        if let Some(r) = t.strip_prefix(['-', '+']) {
            if signed {
                return None;
            }
            negative = t.starts_with('-');
            signed = true;
            t = r;
        } else if let Some(r) = strip_sign_prefix(t).filter(|_| !sign_prefix) {
            sign_prefix = true;
            t = r;
        } else {
            break;
        }
    }
    if !sign_prefix {
        if let Some(r) = strip_sign_suffix(t.trim_end()) {
            t = r;
        }
    }
    let v = parse_number(t.trim(), decimal)?;
    Some(if negative && !v.is_zero() { -v } else { v })
}

/// Reads an unsigned number with an optional decimal part and thousands separators grouping by
/// three (',', '.', space, no-break space or apostrophe, whichever is not the decimal separator).
pub fn parse_number(t: &str, decimal: char) -> Option<Decimal> {
    // The usual cell, `1234.5`: read as it is, without building a copy.
    let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if decimal == '.' && t.split_once('.').map_or(plain(t), |(i, f)| plain(i) && plain(f)) {
        return parse_decimal(t);
    }
    let (int, frac) = match t.split_once(decimal) {
        Some((i, f)) => (i, Some(f)),
        None => (t, None),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !frac.is_none_or(digits) {
        return None;
    }
    let int = if digits(int) {
        int.to_string()
    } else {
        let sep = int.chars().find(|c| !c.is_ascii_digit())?;
        let grouping =
            matches!(sep, ' ' | '\u{a0}' | '\u{202f}' | '\'') || matches!((sep, decimal), (',', '.') | ('.', ','));
        let mut parts = int.split(sep);
        let first = parts.next().filter(|p| grouping && digits(p) && p.len() <= 3)?;
        let mut out = first.to_string();
        for p in parts {
            if p.len() != 3 || !digits(p) {
                return None;
            }
            out.push_str(p);
        }
        out
    };
    parse_decimal(&match frac {
        Some(f) => format!("{int}.{f}"),
        None => int,
    })
}

/// The `DECIMAL_PRECISION` error at `path` for an amount [`parse_amount`] refuses only because of
/// its decimals (it reads with them replaced by one zero): more digits than the engine's decimal
/// holds exactly. `None` when something else is wrong with it.
pub fn amount_precision(text: &str, decimal: char, path: String) -> Option<spm_base::error::Diagnostic> {
    let (int, frac) = text.rsplit_once(decimal)?;
    let n = frac.bytes().take_while(u8::is_ascii_digit).count();
    let cut = format!("{int}{decimal}0{}", frac.get(n..)?);
    (n > 1 && parse_amount(&cut, decimal).is_some()).then(|| {
        spm_base::error::Diagnostic::error(
            path,
            spm_base::error::Code::DecimalPrecision,
            format!("{text:?} has more digits than the engine holds exactly (28 after the point, about 28 in all); it would be rounded"),
            format!("round the amount to fewer decimal places after the {decimal:?}"),
        )
    })
}

/// Reads a split share as a fraction of 1: "60%" → 0.6 always; "60" → 0.6 when shares are
/// percentages, "0.6" → 0.6 when they are fractions. Negative shares are not read.
pub fn parse_share(text: &str, decimal: char, percent: bool) -> Option<Decimal> {
    let t = text.trim();
    let (t, pct) = match t.strip_suffix('%') {
        Some(r) => (r.trim_end(), true),
        None => (t, percent),
    };
    let v = parse_number(t, decimal)?;
    let v = if pct { v.checked_div(Decimal::ONE_HUNDRED)? } else { v };
    Some(v.normalize())
}

/// Reads a date in `format`, ignoring a time after it (`2026-03-31 14:05`, `2026-03-31T14:05:00Z`,
/// `3/31/2026 2:05 PM`): the date is taken as written, with no time-zone conversion.
pub fn parse_date(text: &str, format: DateFormat) -> Option<Date> {
    let t = text.trim();
    let day = t.split(['T', ' ']).next()?;
    let (sep, y, m, d) = match format {
        DateFormat::Ymd => ('-', 0, 1, 2),
        DateFormat::Mdy => ('/', 2, 0, 1),
        DateFormat::Dmy => ('/', 2, 1, 0),
        DateFormat::DmyDot => ('.', 2, 1, 0),
    };
    let mut split = day.split(sep);
    let parts = [split.next()?, split.next()?, split.next()?];
    if split.next().is_some() || !parts.iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let (y, m, d) = (*parts.get(y)?, *parts.get(m)?, *parts.get(d)?);
    if y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// The option closest to `want`, ignoring case, if it is close enough to be a likely typo.
pub fn closest<'a>(want: &str, options: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w: Vec<char> = want.trim().to_lowercase().chars().collect();
    let mut best: Option<(usize, &str)> = None;
    for o in options {
        let c: Vec<char> = o.trim().to_lowercase().chars().collect();
        let d = edit_distance(&w, &c);
        if d <= (w.len().max(c.len()) / 3).max(2) && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, o));
        }
    }
    best.map(|(_, o)| o)
}

fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev.get(j).copied().unwrap_or(0) + usize::from(ca != cb);
            let del = prev.get(j + 1).copied().unwrap_or(0) + 1;
            let ins = cur.get(j).copied().unwrap_or(0) + 1;
            if let Some(c) = cur.get_mut(j + 1) {
                *c = sub.min(del).min(ins);
            }
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

/// `ID_INVALID`: `id` repeats the one on row `first`.
pub fn dup(path: String, what: &str, id: &str, first: usize) -> Diagnostic {
    Diagnostic::error(
        path,
        Code::IdInvalid,
        format!("the {what} {id:?} is already used on row {first}"),
        "give every record its own id, or remove the repeated row",
    )
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
                assert_eq!(resolve(&dto, other).unwrap_err().code, spm_base::Code::WrongType);
            }
        }
        assert_eq!(names().len(), all().len());
        assert!(preset("spm").is_some() && preset("nope").is_none());
        let json: serde_json::Value = serde_json::from_str(&presets_json()).unwrap();
        assert_eq!(json[0]["name"], "salesforce-opportunities");
        assert_eq!(json[0]["mapping"]["include"]["values"][0], "Closed Won");
    }
}
