//! The import report: what happened to every data row of an imported file (imported, rejected
//! with its errors, skipped on purpose, or imported with a warning), its wire form with one entry
//! per left-out or warned row (`lines`), and that list as CSV for download ([`report_csv`]).

use serde::{Deserialize, Serialize};
use spm_base::error::{Code, Diagnostic, DiagnosticDto};

/// Records and the report of what happened to every row.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported<T> {
    /// The records read.
    pub records: T,
    /// What happened to every row.
    pub report: ImportReport,
}

/// What happened to the rows of one file: `rows == imported + skipped.len() + rejected`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    /// Data rows read (blank lines excepted).
    pub rows: usize,
    /// Rows that went into a record (every row of a split deal counts).
    pub imported: usize,
    /// Rows left out because of an error in `problems`.
    pub rejected: usize,
    /// Rows left out on purpose: the row filter, empty rows, a report footer.
    pub skipped: Vec<Skipped>,
    /// Errors (each rejecting its rows) and warnings, at `row N, column "Header"`.
    pub problems: Vec<Diagnostic>,
}

/// A row left out on purpose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// Spreadsheet row number.
    pub row: usize,
    /// Why, such as `"Stage" is "Closed Lost", not one of "Closed Won"`.
    pub reason: String,
}

impl ImportReport {
    /// Counts `rows` rejected for `diags`.
    pub fn reject(&mut self, rows: usize, diags: impl IntoIterator<Item = Diagnostic>) {
        self.rejected += rows;
        self.problems.extend(diags);
    }

    /// Puts the problems in row order (stable: a row's problems keep their column order).
    pub fn sorted(mut self) -> Self {
        let row = |p: &str| {
            let digits = p.trim_start_matches(|c: char| !c.is_ascii_digit());
            digits.split(|c: char| !c.is_ascii_digit()).next().and_then(|n| n.parse::<usize>().ok()).unwrap_or(0)
        };
        self.problems.sort_by_key(|d| row(&d.path));
        self
    }
}

/// A row left out on purpose, on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SkippedDto {
    /// Spreadsheet row (the header is row 1).
    pub row: usize,
    /// Why.
    pub reason: String,
}

/// The import report on the wire: `rows == imported + skipped.length + rejected`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ImportReportDto {
    /// Data rows read.
    pub rows: usize,
    /// Rows that went into a record.
    pub imported: usize,
    /// Rows left out because of an error in `problems`.
    pub rejected: usize,
    /// Rows left out on purpose (row filter, empty row, report footer).
    pub skipped: Vec<SkippedDto>,
    /// Errors and warnings, each at `row N, column "Header"`.
    pub problems: Vec<DiagnosticDto>,
    /// Every rejected, skipped and warned row, one entry per problem (a row rejected for two
    /// cells has two), in line order: the distinct lines of the `rejected` entries are
    /// `rejected` many, the `skipped` entries `skipped.length` many, and a `warning` line is an
    /// imported row.
    #[serde(default)]
    pub lines: Vec<ReportLineDto>,
}

impl From<&ImportReport> for ImportReportDto {
    fn from(r: &ImportReport) -> Self {
        ImportReportDto {
            rows: r.rows,
            imported: r.imported,
            rejected: r.rejected,
            skipped: r.skipped.iter().map(|s| SkippedDto { row: s.row, reason: s.reason.clone() }).collect(),
            problems: r.problems.iter().map(DiagnosticDto::from).collect(),
            lines: lines(r),
        }
    }
}

/// An import's result on the wire: the records and the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImportedDto<T> {
    /// Transactions or payees.
    pub records: T,
    /// What happened to every row.
    pub report: ImportReportDto,
}

/// One left-out or warned row of an import, on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ReportLineDto {
    /// The file's line as a spreadsheet numbers it: the header is line 1.
    pub line: usize,
    /// "rejected" (left out for an error), "warning" (imported, with something to look at) or
    /// "skipped" (left out on purpose).
    #[schemars(extend("enum" = ["rejected", "warning", "skipped"]))]
    pub status: String,
    /// The header of the column the problem is in, when it is in one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    /// The diagnostic's code; `ROW_SKIPPED` for a skipped row.
    #[schemars(with = "Code")]
    pub code: String,
    /// What happened, in a sentence.
    pub reason: String,
}

/// The rows named by a problem's path (`row 7`, `row 7, column "Amount"`, `rows 3, 4, column
/// "Split"`) and its column.
fn place(path: &str) -> (Vec<usize>, Option<String>) {
    let (rows, column) = match path.split_once(", column ") {
        Some((r, c)) => (r, Some(c)),
        None => (path, None),
    };
    let rows = rows.strip_prefix("rows ").or_else(|| rows.strip_prefix("row ")).unwrap_or("");
    let numbers = rows.split(", ").filter_map(|n| n.trim().parse::<usize>().ok()).collect();
    let column = column.map(|c| {
        let inner = c.strip_prefix('"').and_then(|c| c.strip_suffix('"')).unwrap_or(c);
        inner.replace("\\\"", "\"").replace("\\\\", "\\")
    });
    (numbers, column)
}

/// The report's `lines` (see [`ImportReportDto::lines`]).
pub fn lines(r: &ImportReport) -> Vec<ReportLineDto> {
    let mut out = Vec::new();
    for d in &r.problems {
        let status = match d.severity {
            spm_base::error::Severity::Error => "rejected",
            spm_base::error::Severity::Warning => "warning",
        };
        let (rows, column) = place(&d.path);
        for line in rows {
            out.push(ReportLineDto {
                line,
                status: status.to_string(),
                column: column.clone(),
                code: d.code.as_str().to_string(),
                reason: d.message.clone(),
            });
        }
    }
    for s in &r.skipped {
        out.push(ReportLineDto {
            line: s.row,
            status: "skipped".into(),
            column: None,
            code: Code::RowSkipped.as_str().to_string(),
            reason: s.reason.clone(),
        });
    }
    out.sort_by_key(|l| l.line);
    out
}

/// The report's lines as CSV, header `line,status,column,code,reason`, every text cell
/// formula-safe (`spm_base::csv_out::cell`), for the data-quality download.
pub fn report_csv(report: &ImportReportDto) -> String {
    use spm_base::csv_out::cell;
    let mut out = String::from("line,status,column,code,reason\n");
    for l in &report.lines {
        let column = l.column.as_deref().map(cell).unwrap_or_default();
        out.push_str(&format!("{},{},{column},{},{}\n", l.line, cell(&l.status), cell(&l.code), cell(&l.reason)));
    }
    out
}
