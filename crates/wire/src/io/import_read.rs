//! Reading a CRM export for `import`: the header, the mapped columns located, and the rows that
//! pass the structural checks (field count, delimiter, report footers) and the mapping's filter,
//! numbered as a spreadsheet shows them.

use crate::io::presets::{delimiter_name, detect_delimiter, wrong_delimiter};
use crate::spec::import::{locate_columns, quoted_list, Located, Mapping};
use spm_base::error::{clip, Code, Diagnostic, Error, Result};
use std::collections::BTreeMap;

pub use crate::spec::import::{ImportReport, Skipped};

/// A CSV read into memory, with the mapped columns located.
pub(super) struct Table {
    pub(super) headers: Vec<String>,
    pub(super) cols: BTreeMap<String, usize>,
    pub(super) attrs: Vec<(String, usize)>,
    pub(super) rows: Vec<Row>,
}

pub(super) struct Row {
    pub(super) n: usize,
    pub(super) cells: Vec<String>,
}

/// Reads the CSV: header, columns, and the rows that pass the structural checks and the filter.
pub(super) fn read(csv: &str, m: &Mapping) -> Result<(Table, ImportReport)> {
    let text = csv.strip_prefix('\u{feff}').unwrap_or(csv);
    if text.trim().is_empty() {
        return Err(Error::at("row 1", Code::CsvInvalid, "the file is empty", "export the report with its header row"));
    }
    let delim = m.delimiter.unwrap_or_else(|| detect_delimiter(text.lines().find(|l| !l.trim().is_empty())));
    let mut reader =
        ::csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delim).from_reader(text.as_bytes());
    let mut rec = ::csv::StringRecord::new();
    let unreadable = |e: ::csv::Error| {
        Error::at(
            "row 1",
            Code::CsvInvalid,
            format!("the header cannot be read: {e}"),
            "check the quoting of the header",
        )
    };
    if !reader.read_record(&mut rec).map_err(unreadable)? {
        return Err(Error::at("row 1", Code::CsvInvalid, "the file is empty", "export the report with its header row"));
    }
    // Declared limits (spm_base::limits): the file's size and its columns.
    spm_base::limits::check_document(text, "the CSV file")?;
    spm_base::limits::check(
        "row 1",
        "columns in the CSV file",
        rec.len(),
        spm_base::limits::MAX_CSV_COLUMNS,
        "export only the columns the mapping names",
    )?;
    let mut headers: Vec<String> = rec.iter().map(|h| h.trim().to_string()).collect();
    if let Some(e) = wrong_delimiter(&headers, delim) {
        return Err(e);
    }
    let Located { mut cols, attrs, include, joins } = locate_columns(&headers, m)?;
    // A joined field reads a column added after the file's own: its parts' cells joined.
    let width = headers.len();
    for (field, parts) in &joins {
        let names: Vec<&str> = parts.iter().filter_map(|i| headers.get(*i)).map(String::as_str).collect();
        cols.insert(field.clone(), headers.len());
        headers.push(names.join(" + "));
    }
    let mut report = ImportReport::default();
    let mut rows = Vec::new();
    // Row n = 1 + the line breaks between the header and the record, less those inside quoted
    // cells (a cell's line break does not start a spreadsheet row). CRLF counts once.
    let content = |r: &::csv::StringRecord| {
        let from = r.position().map_or(0, |p| usize::try_from(p.byte()).unwrap_or(0));
        text.get(from..).map_or(from, |s| from + (s.len() - s.trim_start_matches(['\r', '\n']).len()))
    };
    let (mut at, mut inside, mut n) = (content(&rec), line_breaks(rec.iter()), 1usize);
    // Single-cell rows after a blank line are a report footer if nothing but such rows follows.
    let mut footer: Vec<(usize, String)> = Vec::new();
    loop {
        match reader.read_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                n += 1;
                report.rows += 1;
                let d = Diagnostic::error(
                    format!("row {n}"),
                    Code::CsvInvalid,
                    format!("the row cannot be read: {e}"),
                    "check the quoting",
                );
                report.reject(1, [d]);
                continue;
            }
        }
        let start = content(&rec).max(at);
        let blank_lines = line_breaks(text.get(at..start)).saturating_sub(inside + 1);
        n += 1 + blank_lines;
        (at, inside) = (start, line_breaks(rec.iter()));
        report.rows += 1;
        if rec.iter().all(|c| c.trim().is_empty()) {
            report.skipped.push(Skipped { row: n, reason: "the row is empty".into() });
            continue;
        }
        if rec.len() == 1 && width > 1 && (blank_lines > 0 || !footer.is_empty()) {
            footer.push((n, rec.get(0).unwrap_or("").trim().to_string()));
            continue;
        }
        for (row, _) in footer.drain(..) {
            report.reject(1, [wrong_count(row, 1, width, delim)]);
        }
        if rec.len() != width {
            report.reject(1, [wrong_count(n, rec.len(), width, delim)]);
            continue;
        }
        let mut cells: Vec<String> = rec.iter().map(|c| c.trim().to_string()).collect();
        for (_, parts) in &joins {
            let joined: Vec<&str> =
                parts.iter().filter_map(|i| cells.get(*i)).map(String::as_str).filter(|c| !c.is_empty()).collect();
            let joined = joined.join(" ");
            cells.push(joined);
        }
        if let Some((i, inc)) = include {
            let v = cells.get(i).map(String::as_str).unwrap_or("");
            if !inc.values.iter().any(|x| x.trim().to_lowercase() == v.to_lowercase()) {
                let h = headers.get(i).cloned().unwrap_or_default();
                let reason = format!("{:?} is {:?}, not one of {}", clip(&h), clip(v), quoted_list(&inc.values));
                report.skipped.push(Skipped { row: n, reason });
                continue;
            }
        }
        rows.push(Row { n, cells });
    }
    for (row, text) in footer {
        let reason = format!("a single-cell line after the data (report footer): {:?}", clip(&text));
        report.skipped.push(Skipped { row, reason });
    }
    Ok((Table { headers, cols, attrs, rows }, report))
}

/// Line breaks in `parts` ("\r\n" counts once).
fn line_breaks<'a>(parts: impl IntoIterator<Item = &'a str>) -> usize {
    let one = |s: &str| s.matches('\n').count() + s.matches('\r').count() - s.matches("\r\n").count();
    parts.into_iter().map(one).sum::<usize>()
}

fn wrong_count(row: usize, got: usize, want: usize, delim: u8) -> Diagnostic {
    Diagnostic::error(
        format!("row {row}"),
        Code::CsvInvalid,
        format!("row {row} has {got} cells, the header has {want}"),
        format!("quote cells that contain the delimiter {}, and keep one row per line", delimiter_name(delim)),
    )
}
