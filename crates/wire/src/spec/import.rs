//! The column mapping of CSV imports from CRM exports (wire format), its resolution against the
//! ready-made presets (`io::presets`) and against a file's header, and the import report with its
//! wire form. The reading itself is `io::import`; cell formats and owner names are `io::presets`.
//!
//! A mapping names, for each of our fields, the CSV column that holds it:
//! `{"preset": "hubspot-deals", "columns": {"payeeId": "Deal owner"}}`. The preset's fields come
//! first and the mapping's own fields replace them; a column mapped to `""` drops a preset's field,
//! and an `include` with no `values` drops the preset's row filter. A column may be written as a
//! list of alternatives (`["Split Owner", "Team Member"]`): the first one the header has is used.
//! Headers match exactly first, then case-insensitively with surrounding whitespace trimmed; a
//! byte-order mark before the header is ignored.

use crate::io::presets::closest;
use serde::{Deserialize, Serialize};
use spm_base::error::{clip, Code, Diagnostic, Error, Result};
use spm_base::json;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

pub use super::import_report::{
    ImportReport, ImportReportDto, Imported, ImportedDto, ReportLineDto, Skipped, SkippedDto,
};

/// A CSV column: one header, or alternatives of which the first present is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum ColumnDto {
    /// One header text.
    One(String),
    /// Alternatives, tried in order.
    AnyOf(Vec<String>),
}

impl ColumnDto {
    /// The header texts, in the order they are tried.
    pub fn names(&self) -> Vec<String> {
        match self {
            ColumnDto::One(s) => vec![s.clone()],
            ColumnDto::AnyOf(v) => v.clone(),
        }
    }

    fn is_empty(&self) -> bool {
        self.names().iter().all(|n| n.trim().is_empty())
    }
}

impl From<&str> for ColumnDto {
    fn from(s: &str) -> Self {
        ColumnDto::One(s.to_string())
    }
}

/// Rows to keep: those whose `column` holds one of `values` (compared trimmed, ignoring case).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct IncludeDto {
    /// Header text of the column to test, such as "Stage".
    pub column: String,
    /// The values to keep, such as ["Closed Won"]; empty turns a preset's filter off.
    pub values: Vec<String>,
}

/// How a CSV export maps onto our records.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MappingDto {
    /// A ready-made mapping (`io::presets::names()`) whose settings the rest of this one override.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    /// ",", ";", "\t" (or "tab") or "|"; when absent, the one that splits the header into the
    /// most fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    /// "YYYY-MM-DD" (the default), "MM/DD/YYYY", "DD/MM/YYYY", "DD.MM.YYYY" or "M/D/YYYY"; days
    /// and months may have one or two digits. A time after the date ("2026-03-31 14:05",
    /// "2026-03-31T14:05:00Z") is ignored: the date part is taken as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_format: Option<String>,
    /// "." (the default) or ",".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimal_separator: Option<String>,
    /// Our field name → the CSV column.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub columns: BTreeMap<String, ColumnDto>,
    /// Fields (or `attributes.NAME`) whose column may be absent from the file: presets mark the
    /// columns not every export has.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub optional: Vec<String>,
    /// A row filter, such as the stage "Closed Won"; the rows left out are listed in the report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub include: Option<IncludeDto>,
    /// Custom attribute name → the CSV column (transactions only).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, ColumnDto>,
    /// How split shares are written without a '%': "percent" (the default: "60" is 60%) or
    /// "fraction" ("0.6"). "60%" is always a percentage.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split_format: Option<String>,
    /// What payee columns hold: "id" (the default) or "name" (CRM owner columns hold a person's
    /// name, resolved to the payee's id: exact first, then ignoring case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payee_match: Option<String>,
    /// Our field name → columns whose cells are joined with a space (empty cells left out), such
    /// as `{"name": ["First Name", "Last Name"]}`. When the field is also in `columns`, that
    /// column is used if the header has it and the join otherwise; an empty list drops a preset's
    /// join.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub join: BTreeMap<String, Vec<String>>,
}

/// What a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    /// Deals: one row per deal, or one row per member of a deal's split.
    Transactions,
    /// People.
    Payees,
    /// Effective-dated managers.
    Hierarchy,
    /// Quotas per payee, component and period.
    Quotas,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 4] = [Kind::Transactions, Kind::Payees, Kind::Hierarchy, Kind::Quotas];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Transactions => "transactions",
            Kind::Payees => "payees",
            Kind::Hierarchy => "hierarchy",
            Kind::Quotas => "quotas",
        }
    }

    /// The kind named `s`.
    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The fields a mapping may name for this kind.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Kind::Transactions => &[
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
                "split",
                "splits",
            ],
            Kind::Payees => &[
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
            Kind::Hierarchy => &["payeeId", "managerId", "from", "to"],
            Kind::Quotas => &["payeeId", "component", "period", "amount"],
        }
    }

    /// The fields every mapping of this kind must name.
    pub fn required(self) -> &'static [&'static str] {
        match self {
            Kind::Transactions => &["id", "date", "amount"],
            Kind::Payees => &["id", "name"],
            Kind::Hierarchy => &["payeeId", "managerId"],
            Kind::Quotas => &["payeeId", "component", "amount"],
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How dates are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateFormat {
    /// `YYYY-MM-DD`.
    Ymd,
    /// `MM/DD/YYYY` or `M/D/YYYY`.
    Mdy,
    /// `DD/MM/YYYY`.
    Dmy,
    /// `DD.MM.YYYY`.
    DmyDot,
}

/// The date formats a mapping may name.
pub const DATE_FORMATS: [&str; 5] = ["YYYY-MM-DD", "MM/DD/YYYY", "DD/MM/YYYY", "DD.MM.YYYY", "M/D/YYYY"];

impl DateFormat {
    fn parse(s: &str) -> Option<DateFormat> {
        match s {
            "YYYY-MM-DD" => Some(DateFormat::Ymd),
            "MM/DD/YYYY" | "M/D/YYYY" => Some(DateFormat::Mdy),
            "DD/MM/YYYY" => Some(DateFormat::Dmy),
            "DD.MM.YYYY" => Some(DateFormat::DmyDot),
            _ => None,
        }
    }

    /// The format as a mapping writes it.
    pub fn label(self) -> &'static str {
        match self {
            DateFormat::Ymd => "YYYY-MM-DD",
            DateFormat::Mdy => "MM/DD/YYYY",
            DateFormat::Dmy => "DD/MM/YYYY",
            DateFormat::DmyDot => "DD.MM.YYYY",
        }
    }
}

/// A mapping merged with its preset and checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// What the file holds.
    pub kind: Kind,
    /// The delimiter, or `None` to detect it from the header.
    pub delimiter: Option<u8>,
    /// How dates are written.
    pub date_format: DateFormat,
    /// '.' or ','.
    pub decimal: char,
    /// Field → header alternatives.
    pub columns: BTreeMap<String, Vec<String>>,
    /// Fields and `attributes.NAME` whose column may be absent.
    pub optional: BTreeSet<String>,
    /// The row filter.
    pub include: Option<IncludeDto>,
    /// Attribute name → header alternatives.
    pub attributes: BTreeMap<String, Vec<String>>,
    /// Shares without '%' are percentages.
    pub split_percent: bool,
    /// Payee columns hold names.
    pub by_name: bool,
    /// Field → columns joined with a space (used when the field's column is absent).
    pub joins: BTreeMap<String, Vec<String>>,
}

fn choice<T: Copy>(
    value: &Option<String>,
    path: &str,
    options: &[(&str, T)],
    default: T,
    diags: &mut Vec<Diagnostic>,
) -> T {
    let Some(v) = value else { return default };
    match options.iter().find(|(name, _)| name == v) {
        Some((_, t)) => *t,
        None => {
            let names: Vec<String> = options.iter().map(|(n, _)| format!("{n:?}")).collect();
            diags.push(Diagnostic::error(
                path,
                Code::WrongType,
                format!("{v:?} is not one of {}", names.join(", ")),
                "use one of the listed values",
            ));
            default
        }
    }
}

/// Merges `dto` over its preset and checks it for `kind`.
///
/// # Errors
/// `UNKNOWN_REFERENCE` for an unknown preset, `WRONG_TYPE` for a preset of another kind or an
/// unknown option value, `UNKNOWN_FIELD` for a field the kind does not have, `MISSING_FIELD` for
/// a required field with no column; every problem at once, each at its `mapping.…` path.
pub fn resolve(dto: &MappingDto, kind: Kind) -> Result<Mapping> {
    let base = match &dto.preset {
        None => MappingDto::default(),
        Some(name) => match crate::io::presets::find(name) {
            None => {
                return Err(Error::at(
                    "mapping.preset",
                    Code::UnknownReference,
                    format!("there is no preset {name:?}"),
                    format!("the presets are {}", crate::io::presets::names().join(", ")),
                ))
            }
            Some(p) if p.kind != kind => {
                let same: Vec<&str> =
                    crate::io::presets::all().iter().filter(|q| q.kind == kind).map(|q| q.name).collect();
                return Err(Error::at(
                    "mapping.preset",
                    Code::WrongType,
                    format!("the preset {name:?} reads {}, not {kind}", p.kind),
                    format!("presets for {kind}: {}", same.join(", ")),
                ));
            }
            Some(p) => p.mapping,
        },
    };
    let mut diags = Vec::new();
    let mut optional: BTreeSet<String> = base.optional.iter().cloned().collect();
    let mut columns = base.columns.clone();
    for (k, v) in &dto.columns {
        optional.remove(k);
        columns.insert(k.clone(), v.clone());
    }
    let mut attributes = base.attributes.clone();
    for (k, v) in &dto.attributes {
        optional.remove(&format!("attributes.{k}"));
        attributes.insert(k.clone(), v.clone());
    }
    optional.extend(dto.optional.iter().cloned());
    columns.retain(|_, v| !v.is_empty());
    let mut joins = base.join.clone();
    joins.extend(dto.join.iter().map(|(k, v)| (k.clone(), v.clone())));
    joins.retain(|_, v| v.iter().any(|n| !n.trim().is_empty()));
    for k in joins.keys().filter(|k| !kind.fields().contains(&k.as_str())) {
        diags.push(Diagnostic::error(
            format!("mapping.join.{k}"),
            Code::UnknownField,
            format!("{k:?} is not a field of {kind}"),
            format!("the fields of {kind} are {}", kind.fields().join(", ")),
        ));
    }
    attributes.retain(|_, v| !v.is_empty());
    for k in columns.keys() {
        if !kind.fields().contains(&k.as_str()) {
            diags.push(Diagnostic::error(
                format!("mapping.columns.{k}"),
                Code::UnknownField,
                format!("{k:?} is not a field of {kind}"),
                format!("the fields of {kind} are {}", kind.fields().join(", ")),
            ));
        }
    }
    for r in kind.required() {
        if !columns.contains_key(*r) && !joins.contains_key(*r) {
            diags.push(Diagnostic::error(
                "mapping.columns",
                Code::MissingField,
                format!("no column is mapped to the required field {r:?}"),
                format!("add \"{r}\": \"<the header of that column>\" to columns"),
            ));
        }
    }
    for o in &optional {
        let known = match o.strip_prefix("attributes.") {
            Some(a) => attributes.contains_key(a),
            None => kind.fields().contains(&o.as_str()),
        };
        if !known && !columns.contains_key(o) {
            diags.push(Diagnostic::error(
                "mapping.optional",
                Code::UnknownField,
                format!("{o:?} is neither a field of {kind} nor a mapped attribute"),
                "list field names, or attributes.NAME for a mapped attribute",
            ));
        }
    }
    if kind != Kind::Transactions && !attributes.is_empty() {
        diags.push(Diagnostic::error(
            "mapping.attributes",
            Code::UnknownField,
            format!("custom attributes are imported with transactions, not {kind}"),
            "remove attributes",
        ));
    }
    if columns.contains_key("split") {
        if columns.contains_key("splits") {
            diags.push(Diagnostic::error(
                "mapping.columns.splits",
                Code::WrongType,
                "map split (one share per row) or splits (payee:share;… in one cell), not both",
                "keep the one the export has",
            ));
        }
        if !columns.contains_key("payeeId") {
            diags.push(Diagnostic::error(
                "mapping.columns",
                Code::MissingField,
                "split rows need a payeeId column: the member each share credits",
                "map payeeId to the split owner column",
            ));
        }
    }
    let pick = |a: &Option<String>, b: &Option<String>| a.clone().or_else(|| b.clone());
    let delims = [(",", Some(b',')), (";", Some(b';')), ("\t", Some(b'\t')), ("tab", Some(b'\t')), ("|", Some(b'|'))];
    let delimiter = choice(&pick(&dto.delimiter, &base.delimiter), "mapping.delimiter", &delims, None, &mut diags);
    let formats: Vec<(&str, DateFormat)> =
        DATE_FORMATS.iter().filter_map(|f| Some((*f, DateFormat::parse(f)?))).collect();
    let date_format =
        choice(&pick(&dto.date_format, &base.date_format), "mapping.dateFormat", &formats, DateFormat::Ymd, &mut diags);
    let sep = pick(&dto.decimal_separator, &base.decimal_separator);
    let decimal = choice(&sep, "mapping.decimalSeparator", &[(".", '.'), (",", ',')], '.', &mut diags);
    let split = pick(&dto.split_format, &base.split_format);
    let split_percent =
        choice(&split, "mapping.splitFormat", &[("percent", true), ("fraction", false)], true, &mut diags);
    let payee = pick(&dto.payee_match, &base.payee_match);
    let by_name = choice(&payee, "mapping.payeeMatch", &[("id", false), ("name", true)], false, &mut diags);
    if !diags.is_empty() {
        return Err(Error::from_diagnostics(diags));
    }
    let include = dto.include.clone().or(base.include).filter(|i| !i.values.is_empty());
    Ok(Mapping {
        kind,
        delimiter,
        date_format,
        decimal,
        columns: columns.into_iter().map(|(k, v)| (k, v.names())).collect(),
        optional,
        include,
        attributes: attributes.into_iter().map(|(k, v)| (k, v.names())).collect(),
        split_percent,
        by_name,
        joins,
    })
}

/// Parses mapping JSON.
///
/// # Errors
/// Located JSON errors (`UNKNOWN_FIELD` for an option the mapping does not have).
pub fn parse_mapping(text: &str) -> Result<MappingDto> {
    json::from_str(text, "the mapping")
}

/// The header matching `want`: exactly, else trimmed and ignoring case.
pub fn find_header(headers: &[String], want: &str) -> Option<usize> {
    let w = want.trim();
    headers
        .iter()
        .position(|h| h == want)
        .or_else(|| headers.iter().position(|h| h.trim().to_lowercase() == w.to_lowercase()))
}

/// `"a", "b"`.
pub fn quoted_list(items: &[String]) -> String {
    items.iter().map(|h| format!("{:?}", clip(h.as_ref()))).collect::<Vec<_>>().join(", ")
}

/// Locates `names` (alternatives) in the header, or says what is missing (suggesting the
/// closest header) and that a mapped header is repeated.
pub fn locate(headers: &[String], label: &str, names: &[String], diags: &mut Vec<Diagnostic>) -> Option<usize> {
    if let Some(i) = names.iter().find_map(|n| find_header(headers, n)) {
        let h = headers.get(i).map(|h| h.trim().to_lowercase()).unwrap_or_default();
        let same: Vec<String> = (0..headers.len())
            .filter(|j| headers.get(*j).is_some_and(|x| x.trim().to_lowercase() == h))
            .map(|j| (j + 1).to_string())
            .collect();
        if same.len() > 1 {
            diags.push(Diagnostic::error(
                format!("row 1, column {:?}", clip(headers.get(i).map_or("", String::as_str))),
                Code::CsvInvalid,
                format!(
                    "the column mapped to {label} appears {} times in the header (columns {})",
                    same.len(),
                    same.join(", ")
                ),
                "rename or remove the repeated column in the export",
            ));
        }
        return Some(i);
    }
    let want = quoted_list(names);
    let hint = match names.iter().find_map(|n| closest(n, headers.iter().map(String::as_str))) {
        Some(c) => format!("did you mean {c:?}? set {label} to it"),
        None => format!("set {label} to one of the header's columns"),
    };
    diags.push(Diagnostic::error(
        "row 1",
        Code::MissingField,
        format!(
            "the mapping field {label} expects the column {want}, which the header does not have; the header's columns are {}",
            quoted_list(headers)
        ),
        hint,
    ));
    None
}

/// The mapped columns located in a header.
#[derive(Debug)]
pub struct Located<'m> {
    /// Field → column index.
    pub cols: BTreeMap<String, usize>,
    /// Attribute name → column index.
    pub attrs: Vec<(String, usize)>,
    /// The row filter's column index and values.
    pub include: Option<(usize, &'m IncludeDto)>,
    /// Field → the column indexes whose cells are joined with a space (`mapping.join`).
    pub joins: Vec<(String, Vec<usize>)>,
}

/// Locates every mapped column in `headers` (an optional column may be absent).
///
/// # Errors
/// `MISSING_FIELD` for each mapped column the header lacks, `CSV_INVALID` for a repeated one.
pub fn locate_columns<'m>(headers: &[String], m: &'m Mapping) -> Result<Located<'m>> {
    let mut diags = Vec::new();
    let mut cols = BTreeMap::new();
    let mut joins = Vec::new();
    let present = |n: &String| find_header(headers, n).is_some();
    for (field, parts) in &m.joins {
        let own = m.columns.get(field);
        if own.is_some_and(|names| names.iter().any(present)) {
            continue;
        }
        if own.is_some() && !parts.iter().all(present) && m.optional.contains(field) {
            continue;
        }
        let label = format!("join.{field}");
        let found: Vec<usize> =
            parts.iter().filter_map(|p| locate(headers, &label, std::slice::from_ref(p), &mut diags)).collect();
        if found.len() == parts.len() {
            joins.push((field.clone(), found));
        }
    }
    for (field, names) in &m.columns {
        let optional = m.optional.contains(field);
        let joined = joins.iter().any(|(f, _)| f == field);
        if joined || (optional && !names.iter().any(present)) {
            continue;
        }
        if let Some(i) = locate(headers, &format!("columns.{field}"), names, &mut diags) {
            cols.insert(field.clone(), i);
        }
    }
    let mut attrs = Vec::new();
    for (name, names) in &m.attributes {
        let optional = m.optional.contains(&format!("attributes.{name}"));
        if optional && !names.iter().any(|n| find_header(headers, n).is_some()) {
            continue;
        }
        if let Some(i) = locate(headers, &format!("attributes.{name}"), names, &mut diags) {
            attrs.push((name.clone(), i));
        }
    }
    let include = m.include.as_ref().and_then(|inc| {
        let i = locate(headers, "include.column", std::slice::from_ref(&inc.column), &mut diags)?;
        Some((i, inc))
    });
    if !diags.is_empty() {
        return Err(Error::from_diagnostics(diags));
    }
    Ok(Located { cols, attrs, include, joins })
}

/// A ready-made mapping on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PresetDto {
    /// Name to give as `preset`.
    pub name: String,
    /// What the export holds.
    pub kind: Kind,
    /// Which export it reads.
    pub description: String,
    /// The mapping.
    pub mapping: MappingDto,
}
