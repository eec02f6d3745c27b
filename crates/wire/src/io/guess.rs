//! Helping a person map a file: which preset fits a header ([`guess`]), and the first rows of a
//! CSV as the importer would split them ([`preview`]).

use crate::io::presets::{all, detect_delimiter};
use crate::spec::import::{find_header, resolve, Kind, MappingDto};
use serde::Serialize;
use spm_base::error::{Code, Error, Result};

/// How well a preset fits a header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Guess {
    /// The preset's name.
    pub name: String,
    /// What it reads: "transactions", "payees", "hierarchy" or "quotas".
    pub kind: String,
    /// The share of its required columns the header holds, in percent (0–100, rounded down).
    pub score: u32,
    /// The header's columns it would read (required and optional), as the header writes them,
    /// in the header's order.
    pub matched: Vec<String>,
    /// Its required columns the header lacks (the first spelling tried; a join as `A + B`).
    pub missing: Vec<String>,
}

/// The presets for `kind` (every kind when `None`, none for an unknown kind), best first for
/// `header_line` (a file's first line, delimiter detected as the importer does): by score, then
/// the project's own formats (`spm…`) before the others, then by how many columns they would
/// read, then the preset list's order. A preset's required columns are those of its
/// non-optional fields (a joined field needs every part), and its row filter's column.
pub fn guess(header_line: &str, kind: Option<&str>) -> Vec<Guess> {
    let line = header_line.strip_prefix('\u{feff}').unwrap_or(header_line);
    let line = line.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delim = detect_delimiter(Some(line));
    let mut reader =
        ::csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delim).from_reader(line.as_bytes());
    let headers: Vec<String> = reader
        .records()
        .next()
        .and_then(std::result::Result::ok)
        .map(|r| r.iter().map(|h| h.trim().to_string()).collect())
        .unwrap_or_default();
    let kind = match kind.map(Kind::parse) {
        Some(None) => return Vec::new(),
        Some(k) => k,
        None => None,
    };
    let mut out: Vec<(usize, bool, usize, Guess)> = Vec::new();
    for (order, p) in all().into_iter().enumerate().filter(|(_, p)| kind.is_none_or(|k| k == p.kind)) {
        let dto = MappingDto { preset: Some(p.name.to_string()), ..MappingDto::default() };
        let Ok(m) = resolve(&dto, p.kind) else { continue };
        let find = |names: &[String]| names.iter().find_map(|n| find_header(&headers, n));
        let (mut matched, mut missing, mut required, mut held) = (Vec::new(), Vec::new(), 0usize, 0usize);
        let take = |i: usize, matched: &mut Vec<usize>| {
            if !matched.contains(&i) {
                matched.push(i);
            }
        };
        for (field, names) in &m.columns {
            let join = m.joins.get(field);
            let parts: Option<Vec<usize>> =
                join.and_then(|j| j.iter().map(|n| find(std::slice::from_ref(n))).collect());
            let found: Vec<usize> = match (find(names), parts) {
                (Some(i), _) => vec![i],
                (None, Some(parts)) => parts,
                (None, None) => Vec::new(),
            };
            let optional = m.optional.contains(field);
            if !optional {
                required += 1;
                held += usize::from(!found.is_empty());
            }
            if found.is_empty() && !optional {
                let first = names.first().cloned().unwrap_or_default();
                missing.push(match join {
                    Some(parts) => format!("{first} (or {})", parts.join(" + ")),
                    None => first,
                });
            }
            for i in found {
                take(i, &mut matched);
            }
        }
        for (field, parts) in m.joins.iter().filter(|(f, _)| !m.columns.contains_key(*f)) {
            required += 1;
            let found: Option<Vec<usize>> = parts.iter().map(|n| find(std::slice::from_ref(n))).collect();
            match found {
                Some(found) => {
                    held += 1;
                    found.into_iter().for_each(|i| take(i, &mut matched));
                }
                None => missing.push(format!("{} ({field})", parts.join(" + "))),
            }
        }
        for names in m.attributes.values() {
            if let Some(i) = find(names) {
                take(i, &mut matched);
            }
        }
        if let Some(inc) = &m.include {
            required += 1;
            match find(std::slice::from_ref(&inc.column)) {
                Some(i) => {
                    held += 1;
                    take(i, &mut matched);
                }
                None => missing.push(inc.column.clone()),
            }
        }
        matched.sort_unstable();
        let matched: Vec<String> = matched.iter().filter_map(|i| headers.get(*i).cloned()).collect();
        let score = u32::try_from(held * 100 / required.max(1)).unwrap_or(0);
        let own = p.name.starts_with("spm");
        let count = matched.len();
        out.push((order, own, count, Guess { name: p.name.into(), kind: p.kind.to_string(), score, matched, missing }));
    }
    out.sort_by(|a, b| b.3.score.cmp(&a.3.score).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
    out.into_iter().map(|x| x.3).collect()
}

/// The first rows of a CSV, split as the importer splits them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Preview {
    /// The delimiter detected from the header: ",", ";", "\t" or "|".
    pub delimiter: String,
    /// The header's cells, trimmed.
    pub header: Vec<String>,
    /// Up to the requested number of data rows (blank lines left out), cells trimmed.
    pub rows: Vec<Vec<String>>,
}

/// The header and first `rows` data rows of `text` (a byte-order mark ignored), with the
/// delimiter that splits the header into the most cells, as the importer detects it.
///
/// # Errors
/// `CSV_INVALID` for an empty file or a row that cannot be read (at `row N`).
pub fn preview(text: &str, rows: usize) -> Result<Preview> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(first) = text.lines().find(|l| !l.trim().is_empty()) else {
        return Err(Error::at("row 1", Code::CsvInvalid, "the file is empty", "choose the file with its header row"));
    };
    let delim = detect_delimiter(Some(first));
    let mut reader =
        ::csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delim).from_reader(text.as_bytes());
    let mut all = Vec::new();
    for (n, rec) in reader.records().enumerate().take(rows.saturating_add(1)) {
        let rec = rec.map_err(|e| {
            Error::at(
                format!("row {}", n + 1),
                Code::CsvInvalid,
                format!("the row cannot be read: {e}"),
                "check the quoting",
            )
        })?;
        all.push(rec.iter().map(|c| c.trim().to_string()).collect::<Vec<String>>());
    }
    let mut it = all.into_iter();
    let header = it.next().unwrap_or_default();
    let delimiter = char::from(delim).to_string();
    Ok(Preview { delimiter, header, rows: it.collect() })
}

#[cfg(test)]
#[path = "guess_tests.rs"]
mod tests;
