//! Spreadsheets: every worksheet of an `.xlsx` workbook read into CSV text that the importer
//! (`io::import`, `io::presets`) reads unchanged ([`sheets`]), and tables of CSV text written as
//! a workbook ([`workbook`], in `xlsx_write.rs`).
//!
//! Reading (`calamine`, streaming one worksheet's cells at a time) writes each cell as text:
//!
//! - text as it is (quoted in the CSV when it holds a comma, a quote or a line break);
//! - numbers in their shortest decimal text after rounding to the 15 significant digits Excel
//!   keeps and shows (`1234.5`, not `1234.5000000000002`; whole numbers without `.0`);
//! - dates and date-times, typed or stored as serial numbers with a date format (both the 1900
//!   and 1904 date systems), as `YYYY-MM-DD`: the time of a date-time is dropped, since every date
//!   the engine reads is a day (the importer ignores a time after a date as well). Durations
//!   (`[h]:mm` formats) are written as their number of days;
//! - booleans as `true` / `false`; empty cells empty;
//! - error cells (`#DIV/0!`, `#N/A`, …) empty, each with a `FORMULA_EVAL` warning at its cell
//!   address (`Sheet1!C7`) in [`Sheet::warnings`], for the caller to report.
//!
//! The CSV covers the sheet's used cells: it starts at the first row and column that hold a value
//! (so the header is the sheet's first non-empty row) and every line has the same number of cells.
//! Formula cells are read as the value Excel last computed and saved with them.

use calamine::{DataRef, Reader, SheetType, Xlsx};
use spm_base::error::{clip, Code, Diagnostic, Error, Result};
use spm_base::limits;
use std::io::Cursor;

pub use super::xlsx_write::{exact_number, unguard, workbook};

/// One worksheet as CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// The worksheet's name, as its tab shows it.
    pub name: String,
    /// The used cells as comma-separated text, one line per sheet row.
    pub csv: String,
    /// The lines written, the header row included (0 for an empty sheet).
    pub rows: usize,
    /// Cells read as empty (error values), each at its address such as `Sheet1!C7`.
    pub warnings: Vec<Diagnostic>,
}

/// One worksheet as CSV, on the wire (`xlsxSheets`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SheetDto {
    /// The worksheet's name, as its tab shows it.
    pub name: String,
    /// The used cells as CSV text for `importCsv` (see `spm_wire::io::xlsx`).
    pub csv: String,
    /// The lines of `csv`, the header row included (0 for an empty sheet).
    pub rows: usize,
    /// Error cells read as empty, each a `FORMULA_EVAL` warning at its address (`Sheet1!C7`).
    pub warnings: Vec<spm_base::error::DiagnosticDto>,
}

impl From<&Sheet> for SheetDto {
    fn from(s: &Sheet) -> Self {
        SheetDto {
            name: s.name.clone(),
            csv: s.csv.clone(),
            rows: s.rows,
            warnings: s.warnings.iter().map(spm_base::error::DiagnosticDto::from).collect(),
        }
    }
}

/// Reads every worksheet of an `.xlsx` workbook, in the workbook's tab order (chart sheets and
/// macro sheets are left out).
///
/// # Errors
/// `CSV_INVALID` when the bytes are not an `.xlsx` workbook (another format, a damaged or
/// password-protected file); `LIMIT_EXCEEDED` for a file over [`limits::MAX_XLSX_BYTES`], a sheet
/// of more than [`limits::MAX_XLSX_CELLS`] cells, wider than [`limits::MAX_CSV_COLUMNS`] or whose
/// CSV would pass [`limits::MAX_DOCUMENT_BYTES`] (checked as the cells stream in).
pub fn sheets(bytes: &[u8]) -> Result<Vec<Sheet>> {
    limits::check(
        "workbook",
        "the .xlsx file is too large (bytes)",
        bytes.len(),
        limits::MAX_XLSX_BYTES,
        "split the workbook, or save the large sheet as CSV",
    )?;
    if !bytes.starts_with(b"PK") {
        let what = if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            "an Excel 97-2003 (.xls) workbook or an encrypted one"
        } else {
            "not an .xlsx workbook (an .xlsx file is a ZIP archive)"
        };
        return Err(not_xlsx(what.to_string()));
    }
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| not_xlsx(format!("it cannot be opened: {e}")))?;
    let names: Vec<String> =
        book.sheets_metadata().iter().filter(|s| s.typ == SheetType::WorkSheet).map(|s| s.name.clone()).collect();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        out.push(sheet(&mut book, name)?);
    }
    Ok(out)
}

fn not_xlsx(what: String) -> Error {
    Error::at(
        "workbook",
        Code::CsvInvalid,
        format!("the file is {what}"),
        "save it from the spreadsheet as \"Excel Workbook (.xlsx)\", or export the sheet as CSV (UTF-8)",
    )
}

/// One cell read: its position and its text.
struct Got {
    row: u32,
    col: u32,
    text: String,
}

fn sheet(book: &mut Xlsx<Cursor<&[u8]>>, name: String) -> Result<Sheet> {
    let unreadable = |e: calamine::XlsxError| {
        Error::at(
            format!("{}!", quote_sheet(&name)),
            Code::CsvInvalid,
            format!("the sheet {:?} cannot be read: {e}", clip(&name)),
            "open and save the workbook again in a spreadsheet, or export the sheet as CSV (UTF-8)",
        )
    };
    let mut reader = book.worksheet_cells_reader(&name).map_err(unreadable)?;
    let mut cells: Vec<Got> = Vec::new();
    let mut warnings = Vec::new();
    let (mut top, mut left, mut bottom, mut right) = (u32::MAX, u32::MAX, 0u32, 0u32);
    let mut text_bytes = 0usize;
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let (row, col) = cell.get_position();
        let text = match cell.get_value() {
            DataRef::Empty => continue,
            DataRef::Error(e) => {
                warnings.push(Diagnostic::warning(
                    format!("{}!{}", quote_sheet(&name), address(row, col)),
                    Code::FormulaEval,
                    format!("the cell holds the error {e}; it is read as empty"),
                    "correct the formula or the value in the workbook and import it again",
                ));
                continue;
            }
            value => text(value),
        };
        if text.is_empty() {
            continue;
        }
        (top, left, bottom, right) = (top.min(row), left.min(col), bottom.max(row), right.max(col));
        text_bytes = text_bytes.saturating_add(text.len() + 3);
        if cells.len() >= limits::MAX_XLSX_CELLS || text_bytes > limits::MAX_DOCUMENT_BYTES {
            let (what, actual, max) = if cells.len() >= limits::MAX_XLSX_CELLS {
                ("cells in the sheet", cells.len() + 1, limits::MAX_XLSX_CELLS)
            } else {
                ("the sheet's text (bytes)", text_bytes, limits::MAX_DOCUMENT_BYTES)
            };
            let hint = "split the sheet, for example by year, and import the parts one at a time";
            return Err(Error::from_diagnostics(vec![limits::diagnostic(
                format!("{}!{}", quote_sheet(&name), address(row, col)),
                what,
                actual,
                max,
                hint,
            )]));
        }
        cells.push(Got { row, col, text });
    }
    if cells.is_empty() {
        return Ok(Sheet { name, csv: String::new(), rows: 0, warnings });
    }
    let width = usize::try_from(right - left).unwrap_or(usize::MAX).saturating_add(1);
    let height = usize::try_from(bottom - top).unwrap_or(usize::MAX).saturating_add(1);
    let path = format!("{}!", quote_sheet(&name));
    limits::check(&path, "columns in the sheet", width, limits::MAX_CSV_COLUMNS, "delete the columns not needed")?;
    // Every line holds `width - 1` commas and a line break, besides the text.
    let size = height.saturating_mul(width).saturating_add(text_bytes);
    limits::check(
        &path,
        "the sheet's CSV is too large (bytes)",
        size,
        limits::MAX_DOCUMENT_BYTES,
        "split the sheet, for example by year, and import the parts one at a time",
    )?;
    // The cells reader gives rows in order but a row's cells as the file lists them.
    cells.sort_by_key(|c| (c.row, c.col));
    let mut csv = String::with_capacity(size);
    let mut next = cells.iter().peekable();
    for row in top..=bottom {
        let mut line: Vec<&str> = vec![""; width];
        while let Some(c) = next.next_if(|c| c.row == row) {
            if let Some(slot) = usize::try_from(c.col - left).ok().and_then(|i| line.get_mut(i)) {
                *slot = &c.text;
            }
        }
        push_line(&mut csv, &line);
    }
    Ok(Sheet { name, csv, rows: height, warnings })
}

/// Appends one CSV line: cells quoted when they hold a comma, a quote or a line break, and a
/// single empty cell written `""` so that the line is not blank.
fn push_line(out: &mut String, cells: &[&str]) {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if c.contains([',', '"', '\n', '\r']) || (cells.len() == 1 && c.is_empty()) {
            out.push('"');
            out.push_str(&c.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(c);
        }
    }
    out.push('\n');
}

/// A cell's value as text (see the module docs).
fn text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number(*f),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) if d.is_duration() => number(d.as_f64()),
        DataRef::DateTime(d) => d.as_datetime().map_or_else(|| number(d.as_f64()), |t| day(t.date())),
        DataRef::DateTimeIso(s) => {
            let date = s.split('T').next().unwrap_or("");
            if spm_base::period::Date::parse(date).is_some() {
                date.to_string()
            } else {
                s.clone()
            }
        }
        DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(_) | DataRef::Empty => String::new(),
    }
}

fn day(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

/// A number in its shortest decimal text after rounding to 15 significant digits, the precision
/// Excel keeps: `0.1 + 0.2` saved as 0.30000000000000004 reads "0.3", 5.0 reads "5", -0 reads "0".
/// Rust's `Display` of a float never uses an exponent.
pub fn number(f: f64) -> String {
    if !f.is_finite() {
        return String::new();
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    if rounded == 0.0 {
        return "0".to_string();
    }
    rounded.to_string()
}

/// The A1-style address of a 0-based row and column: (6, 2) is `C7`.
pub fn address(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(col) + 1;
    while n > 0 {
        let rem = u8::try_from((n - 1) % 26).unwrap_or(0);
        letters.push(char::from(b'A' + rem));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(u64::from(row) + 1).to_string()
}

/// A sheet name as a cell reference writes it: `Sheet1`, or `'Q1 deals'` when it holds anything
/// but letters, digits, `_` and `.` (a quote inside doubled).
pub fn quote_sheet(name: &str) -> String {
    if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '.') {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

#[cfg(test)]
#[path = "xlsx_tests.rs"]
mod tests;
