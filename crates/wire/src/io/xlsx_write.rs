//! Writing tables of CSV text (the statements, payroll and back-test CSVs the engine writes) as
//! one `.xlsx` workbook with `rust_xlsxwriter`: [`workbook`].
//!
//! Formula-safe by construction: every cell is written as a string or a number, never as a
//! formula, so a text starting with `=`, `+`, `-` or `@` stays text. The engine's CSVs put a `'`
//! before such texts so that a spreadsheet opening the CSV shows them as text
//! (`spm_base::csv_out::cell`); in the workbook the cell is typed text already, so that guard is
//! taken off (`'=SUM(A1)` is written as the text `=SUM(A1)`).
//!
//! A cell that looks like a decimal (`-?digits(.digits)?`, no leading zero such as `007`) is
//! written as a number only when it has at most 15 significant digits, so that the binary
//! floating-point number a spreadsheet holds shows exactly the decimal written; otherwise
//! (`1234567890123.4567`, a 20-digit id) it is written as text, so no cent is ever changed. A
//! number keeps its decimal places on screen through a number format (`12.50`, not `12.5`).

use rust_xlsxwriter::{Format, Workbook, Worksheet};
use spm_base::error::{clip, Code, Error, Result};
use std::collections::BTreeMap;

/// The most rows a worksheet holds (Excel's limit).
const MAX_SHEET_ROWS: usize = 1_048_576;
/// The most columns a worksheet holds (Excel's limit).
const MAX_SHEET_COLUMNS: usize = 16_384;
/// Characters of a sheet name (Excel's limit).
const MAX_NAME_CHARS: usize = 31;

/// Writes `tables` (a sheet name and CSV text with a header row each) as an `.xlsx` workbook: one
/// worksheet per table, in order, the header row bold and frozen, columns as wide as their
/// longest cell (between 8 and 60 characters). Sheet names are made valid for Excel: the
/// characters `[]:*?/\` become `_`, names are cut to 31 characters, an empty name becomes
/// `Sheet<N>`, and a repeated name (ignoring case) gets ` (2)`, ` (3)`, ….
///
/// # Errors
/// `CSV_INVALID` for a table whose CSV cannot be read (the path names the table and the line);
/// `LIMIT_EXCEEDED` for a table of more rows or columns than a worksheet holds.
pub fn workbook(tables: &[(String, String)]) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    // A fixed creation time (the library would stamp the clock's): the same tables give the same
    // bytes, natively and in wasm.
    if let Ok(day) = rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1) {
        book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&day));
    }
    let bold = Format::new().set_bold();
    let mut formats: BTreeMap<usize, Format> = BTreeMap::new();
    let mut used: Vec<String> = Vec::new();
    for (i, (name, csv)) in tables.iter().enumerate() {
        let sheet_name = sheet_name(name, i + 1, &used);
        used.push(sheet_name.clone());
        let at = |line: usize| format!("tables[{i}] ({:?}), line {line}", clip(name));
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name).map_err(internal)?;
        let mut reader = ::csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(csv.as_bytes());
        let mut widths: Vec<usize> = Vec::new();
        let mut rec = ::csv::StringRecord::new();
        let mut line = 0usize;
        loop {
            match reader.read_record(&mut rec) {
                Ok(false) => break,
                Ok(true) => {}
                Err(e) => {
                    return Err(Error::at(
                        at(line + 1),
                        Code::CsvInvalid,
                        format!("the CSV cannot be read: {e}"),
                        "pass the CSV text the engine wrote",
                    ))
                }
            }
            let full = |what: &str, max: usize| {
                Error::at(
                    at(line + 1),
                    Code::LimitExceeded,
                    format!("a worksheet holds at most {max} {what}"),
                    "export the table as CSV, or split it",
                )
            };
            if line >= MAX_SHEET_ROWS {
                return Err(full("rows", MAX_SHEET_ROWS));
            }
            if rec.len() > MAX_SHEET_COLUMNS {
                return Err(full("columns", MAX_SHEET_COLUMNS));
            }
            let row = u32::try_from(line).map_err(|_| full("rows", MAX_SHEET_ROWS))?;
            for (c, cell) in rec.iter().enumerate() {
                let col = u16::try_from(c).map_err(|_| full("columns", MAX_SHEET_COLUMNS))?;
                if line == 0 {
                    sheet.write_string_with_format(row, col, cell, &bold).map_err(internal)?;
                } else {
                    write_cell(sheet, (row, col), cell, &mut formats)?;
                }
                let chars = cell.chars().count();
                match widths.get_mut(c) {
                    Some(w) => *w = (*w).max(chars),
                    None => widths.push(chars),
                }
            }
            line += 1;
        }
        if line > 0 {
            sheet.set_freeze_panes(1, 0).map_err(internal)?;
        }
        for (c, w) in widths.iter().enumerate() {
            let col = u16::try_from(c).unwrap_or(u16::MAX);
            // Widths are in characters of the default font; a little room for the filter arrow.
            let width = u32::try_from((*w).clamp(6, 58) + 2).unwrap_or(60);
            sheet.set_column_width(col, width).map_err(internal)?;
        }
    }
    if tables.is_empty() {
        book.add_worksheet();
    }
    book.save_to_buffer().map_err(internal)
}

/// One data cell: a number when it is a decimal that a float shows exactly, text otherwise.
fn write_cell(
    sheet: &mut Worksheet,
    (row, col): (u32, u16),
    cell: &str,
    formats: &mut BTreeMap<usize, Format>,
) -> Result<()> {
    if cell.is_empty() {
        return Ok(());
    }
    if let Some((value, places)) = exact_number(cell) {
        let format = formats.entry(places).or_insert_with(|| {
            let zeros = "0".repeat(places);
            Format::new().set_num_format(if places == 0 { "0".to_string() } else { format!("0.{zeros}") })
        });
        sheet.write_number_with_format(row, col, value, format).map_err(internal)?;
        return Ok(());
    }
    sheet.write_string(row, col, unguard(cell)).map_err(internal)?;
    Ok(())
}

/// The number a decimal cell holds and its decimal places, when it has at most 15 significant
/// digits (so the float shows it exactly): `-1234.50` is (-1234.5, 2); `007`, `1e5`, `.5`,
/// `1,234` and 16-digit numbers are `None`.
pub fn exact_number(cell: &str) -> Option<(f64, usize)> {
    let body = cell.strip_prefix('-').unwrap_or(cell);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || !frac.is_none_or(digits) || (int.len() > 1 && int.starts_with('0')) {
        return None;
    }
    let all = format!("{int}{}", frac.unwrap_or(""));
    let significant = all.trim_start_matches('0').len();
    if significant > 15 {
        return None;
    }
    let value: f64 = cell.parse().ok()?;
    Some((if value == 0.0 { 0.0 } else { value }, frac.map_or(0, str::len)))
}

/// A text cell without the `'` the engine's CSVs put before a text a spreadsheet would run as a
/// formula (`spm_base::csv_out::cell`).
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// A valid, unused sheet name for table `n` (1-based) named `name`.
fn sheet_name(name: &str, n: usize, used: &[String]) -> String {
    let clean: String =
        name.chars().map(|c| if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') { '_' } else { c }).collect();
    let clean = clean.trim().trim_matches('\'').trim();
    let base: String = if clean.is_empty() || clean.eq_ignore_ascii_case("history") {
        format!("Sheet{n}")
    } else {
        clean.chars().take(MAX_NAME_CHARS).collect()
    };
    let taken = |s: &str| used.iter().any(|u| u.to_lowercase() == s.to_lowercase());
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|k| {
            let tail = format!(" ({k})");
            let keep = MAX_NAME_CHARS.saturating_sub(tail.chars().count());
            format!("{}{tail}", base.chars().take(keep).collect::<String>())
        })
        .find(|s| !taken(s))
        .unwrap_or(base)
}

fn internal(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::new(Code::Internal, format!("the workbook cannot be written: {e}"))
}
