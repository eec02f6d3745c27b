//! Re-importing a newer export over what a workspace holds, by id, saying what changed:
//! [`merge_people`] (payees) and [`merge_deals`] (canonical transaction CSV).
//!
//! The rule for both: a record whose id is new is added (after the existing ones, in the
//! incoming order); a record whose id exists is updated field by field, where a field the
//! incoming record gives replaces the existing value and a field it leaves out (absent in JSON,
//! an empty cell or a missing column in CSV) keeps it. A payee's quotas merge by component and
//! period (an incoming quota replaces the one with the same key, others are kept, new ones are
//! added after them); its other lists (managers, leaves, inputs, MBO results) are replaced whole
//! when the incoming record gives them. Output is deterministic: existing order, then new records.

use crate::io::canonical::push_cell;
use crate::spec::data::PayeeDto;
use serde::Serialize;
use serde_json::{Map, Value};
use spm_base::dec::parse_decimal;
use spm_base::error::{clip, Code, Diagnostic, Error, Result};
use std::collections::BTreeMap;

/// A record updated and the fields that changed (camelCase names, or CSV column names).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Updated {
    /// The record's id.
    pub id: String,
    /// The fields whose value changed, in name order.
    pub fields: Vec<String>,
}

/// What a merge changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Changes {
    /// Ids of the records added, in the incoming order.
    pub added: Vec<String>,
    /// Records whose fields changed, in the merged order.
    pub updated: Vec<Updated>,
    /// How many incoming records matched an existing one and changed nothing.
    pub unchanged: usize,
}

/// Merged payees and what changed.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MergedPeople {
    /// The payees: existing order, then the new ones.
    pub people: Vec<PayeeDto>,
    /// What changed.
    pub changes: Changes,
}

/// Merged deals as canonical CSV and what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MergedDeals {
    /// The deals as CSV: the existing columns, then the incoming file's new ones.
    pub csv: String,
    /// What changed.
    pub changes: Changes,
}

fn object(p: &PayeeDto) -> Result<Map<String, Value>> {
    match serde_json::to_value(p) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err(Error::new(Code::Internal, "a payee did not serialize as an object")),
    }
}

/// The id of each record, with `ID_INVALID` for an empty or repeated one (at `name[i].id`).
fn ids<'a>(list: impl Iterator<Item = &'a str>, name: &str, diags: &mut Vec<Diagnostic>) -> BTreeMap<&'a str, usize> {
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, id) in list.enumerate() {
        let path = format!("{name}[{i}].id");
        if id.is_empty() {
            diags.push(Diagnostic::error(path, Code::IdInvalid, "the id is empty", "give every record its id"));
        } else if let Some(first) = seen.get(id) {
            let message = format!("the id {:?} is used twice: at {name}[{first}] and at {name}[{i}]", clip(id));
            diags.push(Diagnostic::error(path, Code::IdInvalid, message, "keep one record per id"));
        } else {
            seen.insert(id, i);
        }
    }
    seen
}

/// Merges `incoming` payees over `existing` by id (see the module docs).
///
/// # Errors
/// `ID_INVALID` for an empty id or an id repeated within one list, each at `existing[i].id` or
/// `incoming[i].id`.
pub fn merge_people(existing: &[PayeeDto], incoming: &[PayeeDto]) -> Result<MergedPeople> {
    let mut diags = Vec::new();
    let at = ids(existing.iter().map(|p| p.id.as_str()), "existing", &mut diags);
    ids(incoming.iter().map(|p| p.id.as_str()), "incoming", &mut diags);
    if !diags.is_empty() {
        return Err(Error::from_diagnostics(diags));
    }
    let mut people: Vec<PayeeDto> = existing.to_vec();
    let mut changes = Changes::default();
    let mut updated: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for new in incoming {
        let Some(i) = at.get(new.id.as_str()).copied() else {
            changes.added.push(new.id.clone());
            people.push(new.clone());
            continue;
        };
        let Some(old) = people.get_mut(i) else { continue };
        let mut merged = object(old)?;
        let before = merged.clone();
        for (k, v) in object(new)? {
            if k == "quotas" {
                let mut quotas = old.quotas.clone();
                for q in &new.quotas {
                    match quotas.iter_mut().find(|x| x.component == q.component && x.period == q.period) {
                        Some(x) => *x = q.clone(),
                        None => quotas.push(q.clone()),
                    }
                }
                merged.insert(k, serde_json::to_value(quotas).unwrap_or(Value::Null));
            } else {
                merged.insert(k, v);
            }
        }
        let fields: Vec<String> =
            merged.iter().filter(|(k, v)| before.get(*k) != Some(v)).map(|(k, _)| k.clone()).collect();
        if fields.is_empty() {
            changes.unchanged += 1;
            continue;
        }
        *old = serde_json::from_value(Value::Object(merged))
            .map_err(|e| Error::new(Code::Internal, format!("a merged payee did not read back: {e}")))?;
        updated.entry(i).or_default().extend(fields);
    }
    changes.updated =
        updated.into_iter().filter_map(|(i, fields)| Some(Updated { id: people.get(i)?.id.clone(), fields })).collect();
    Ok(MergedPeople { people, changes })
}

/// A CSV read whole: header and rows.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

/// The first deals of a workspace: nothing to merge with, so the incoming file is the result as
/// it is; only its ids are read (streamed, one column), for the list of what was added. A file of
/// a million deals never becomes a table of cells here.
fn first_deals(incoming_csv: &str) -> Result<MergedDeals> {
    spm_base::limits::check_document(incoming_csv, "incomingCsv")?;
    let mut reader = ::csv::ReaderBuilder::new().has_headers(true).from_reader(incoming_csv.as_bytes());
    let headers = reader.headers().map_err(|e| {
        Error::at("incomingCsv, line 1", Code::CsvInvalid, e.to_string(), "pass canonical transaction CSV")
    })?;
    let Some(id) = headers.iter().position(|h| h.trim() == "id") else {
        return Err(Error::at(
            "incomingCsv, line 1",
            Code::MissingField,
            "the header has no column \"id\"",
            "pass canonical transaction CSV, with the header id,date,payeeId,amount,…",
        ));
    };
    let mut added = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut record = ::csv::StringRecord::new();
    let mut line = 1usize;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                return Err(Error::at(
                    format!("incomingCsv, line {}", line + 1),
                    Code::CsvInvalid,
                    e.to_string(),
                    "pass canonical transaction CSV",
                ))
            }
        }
        line += 1;
        let key = record.get(id).unwrap_or("").trim();
        if key.is_empty() {
            continue;
        }
        if !seen.insert(key.to_string()) {
            return Err(Error::at(
                format!("incomingCsv, line {line}"),
                Code::CsvInvalid,
                format!("the deal id {key:?} appears twice"),
                "give every deal its own id",
            ));
        }
        added.push(key.to_string());
    }
    Ok(MergedDeals { csv: incoming_csv.to_string(), changes: Changes { added, ..Changes::default() } })
}

fn read(text: &str, name: &str) -> Result<Table> {
    spm_base::limits::check_document(text, name)?;
    let mut reader = ::csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    let mut all = reader.records().enumerate().map(|(n, r)| {
        r.map(|r| r.iter().map(|c| c.trim().to_string()).collect::<Vec<String>>()).map_err(|e| {
            Error::at(
                format!("{name}, line {}", n + 1),
                Code::CsvInvalid,
                format!("the line cannot be read: {e}"),
                "check the quoting",
            )
        })
    });
    let header = all.next().transpose()?.unwrap_or_default();
    let rows = all.collect::<Result<Vec<_>>>()?;
    if !header.iter().any(|h| h == "id") {
        let hint = "pass canonical transaction CSV, with the header id,date,payeeId,amount,…";
        return Err(Error::at(format!("{name}, line 1"), Code::MissingField, "the header has no column \"id\"", hint));
    }
    Ok(Table { header, rows })
}

/// Merges the deals of `incoming_csv` over those of `existing_csv` by transaction id (canonical
/// transaction CSV, `io::csv`; see the module docs). An empty incoming cell keeps the existing
/// value; amounts, units and margins that are equal as decimals (`100` and `100.00`) are no
/// change and keep the existing text.
///
/// # Errors
/// `MISSING_FIELD` for a file without an `id` column, `CSV_INVALID` for a line that cannot be read
/// or has another number of cells than the header, `ID_INVALID` for an empty or repeated id
/// (`incomingCsv, line 4, column id`).
pub fn merge_deals(existing_csv: &str, incoming_csv: &str) -> Result<MergedDeals> {
    if existing_csv.trim().is_empty() {
        return first_deals(incoming_csv);
    }
    let (old, new) = (read(existing_csv, "existingCsv")?, read(incoming_csv, "incomingCsv")?);
    let mut header = old.header.clone();
    for h in &new.header {
        if !header.contains(h) {
            header.push(h.clone());
        }
    }
    let place =
        |t: &Table| -> Vec<Option<usize>> { header.iter().map(|h| t.header.iter().position(|x| x == h)).collect() };
    let (from_old, from_new) = (place(&old), place(&new));
    let mut diags = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::with_capacity(old.rows.len() + new.rows.len());
    let mut index: BTreeMap<String, usize> = BTreeMap::new();
    let id_col = header.iter().position(|h| h == "id").unwrap_or(0);
    let mut changes = Changes::default();
    let mut updated: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (name, t, from) in [("existingCsv", &old, &from_old), ("incomingCsv", &new, &from_new)] {
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for (n, cells) in t.rows.iter().enumerate() {
            let line = n + 2;
            if cells.len() != t.header.len() {
                let message = format!("line {line} has {} cells, the header has {}", cells.len(), t.header.len());
                diags.push(Diagnostic::error(
                    format!("{name}, line {line}"),
                    Code::CsvInvalid,
                    message,
                    "quote cells that hold a comma",
                ));
                continue;
            }
            let row: Vec<String> =
                from.iter().map(|i| i.and_then(|i| cells.get(i)).cloned().unwrap_or_default()).collect();
            let id = row.get(id_col).cloned().unwrap_or_default();
            let path = format!("{name}, line {line}, column id");
            if id.is_empty() {
                diags.push(Diagnostic::error(
                    path,
                    Code::IdInvalid,
                    "the transaction id is empty",
                    "give every deal its id",
                ));
                continue;
            }
            if let Some(first) = seen.insert(id.clone(), line) {
                let message =
                    format!("transaction id {:?} is used twice: at line {first} and at line {line}", clip(&id));
                diags.push(Diagnostic::error(path, Code::IdInvalid, message, "keep one line per deal"));
                continue;
            }
            match index.get(&id).copied().filter(|_| name == "incomingCsv") {
                None => {
                    if name == "incomingCsv" {
                        changes.added.push(id.clone());
                    }
                    index.insert(id, rows.len());
                    rows.push(row);
                }
                Some(i) => {
                    let Some(target) = rows.get_mut(i) else { continue };
                    let mut fields = Vec::new();
                    for (c, v) in row.into_iter().enumerate() {
                        let Some(cell) = target.get_mut(c) else { continue };
                        let h = header.get(c).map_or("", String::as_str);
                        let numeric = matches!(h, "amount" | "units" | "margin");
                        let same = *cell == v
                            || (numeric && parse_decimal(cell).is_some_and(|a| parse_decimal(&v) == Some(a)));
                        if !v.is_empty() && !same {
                            *cell = v;
                            fields.push(h.to_string());
                        }
                    }
                    if fields.is_empty() {
                        changes.unchanged += 1;
                    } else {
                        fields.sort();
                        updated.insert(i, fields);
                    }
                }
            }
        }
    }
    if !diags.is_empty() {
        return Err(Error::from_diagnostics(diags));
    }
    changes.updated = updated
        .into_iter()
        .filter_map(|(i, fields)| Some(Updated { id: rows.get(i)?.get(id_col)?.clone(), fields }))
        .collect();
    let mut csv = String::with_capacity(existing_csv.len() + incoming_csv.len());
    for line in std::iter::once(&header).chain(rows.iter()) {
        for (c, cell) in line.iter().enumerate() {
            if c > 0 {
                csv.push(',');
            }
            push_cell(&mut csv, cell);
        }
        csv.push('\n');
    }
    Ok(MergedDeals { csv, changes })
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
