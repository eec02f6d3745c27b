//! The text-in front door of importing as a person would (issue 20), shared by the binding
//! (`src/xlsx_import.rs`): spreadsheets in and out, the bulk deal import as canonical CSV, the
//! report's lines as CSV, and merging a re-import by id. Arguments are JSON text where they are
//! documents; results are serializable values.

use crate::io::{canonical, merge, xlsx};
use crate::spec::data::PayeeDto;
use crate::spec::import::{parse_mapping, ImportReportDto};
use serde::{Deserialize, Serialize};
use spm_base::error::{Code, Error, Result};
use spm_base::json;

/// One table to write as a worksheet.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TableDto {
    /// The sheet's name (made valid for Excel: see `io::xlsx::workbook`).
    pub name: String,
    /// The table as CSV text with a header row.
    pub csv: String,
}

/// The deals of a CRM export as canonical transaction CSV, and the import report.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct DealsCsvDto {
    /// Canonical transaction CSV (`io::canonical`), for `Dataset.fromCsv`.
    pub csv: String,
    /// What happened to every row.
    pub report: ImportReportDto,
}

/// Every worksheet of an `.xlsx` workbook as CSV.
///
/// # Errors
/// As `io::xlsx::sheets`.
pub fn xlsx_sheets(bytes: &[u8]) -> Result<Vec<xlsx::SheetDto>> {
    Ok(xlsx::sheets(bytes)?.iter().map(xlsx::SheetDto::from).collect())
}

/// An `.xlsx` workbook of `tables_json` (`[{ "name", "csv" }]`), one worksheet each.
///
/// # Errors
/// Located JSON errors for the tables; as `io::xlsx::workbook`.
pub fn xlsx_from_tables(tables_json: &str) -> Result<Vec<u8>> {
    let tables: Vec<TableDto> = json::from_str(tables_json, "the tables")?;
    let pairs: Vec<(String, String)> = tables.into_iter().map(|t| (t.name, t.csv)).collect();
    xlsx::workbook(&pairs)
}

/// Reads a deal export with a mapping (and the payees, to match owner names or check ids) and
/// returns canonical CSV and the report.
///
/// # Errors
/// A bad mapping or payees; as `io::import::import_transactions`.
pub fn import_deals_csv(csv: &str, mapping_json: &str, payees_json: Option<&str>) -> Result<DealsCsvDto> {
    let mapping = parse_mapping(mapping_json)?;
    let payees: Option<Vec<PayeeDto>> = payees_json.map(|p| json::from_str(p, "the payees")).transpose()?;
    let (csv, report) = canonical::import_transactions_csv(csv, &mapping, payees.as_deref())?;
    Ok(DealsCsvDto { csv, report: ImportReportDto::from(&report) })
}

/// The lines of an import report (`{ rows, imported, …, lines }` as `importCsv` returns it) as
/// CSV: `line,status,column,code,reason`.
///
/// # Errors
/// Located JSON errors when the text is not an import report.
pub fn import_report_csv(report_json: &str) -> Result<String> {
    let report: ImportReportDto = json::from_str(report_json, "the import report")?;
    Ok(crate::io::import::report_csv(&report))
}

/// Merges incoming payees over existing ones by id.
///
/// # Errors
/// Located JSON errors; as `io::merge::merge_people`.
pub fn merge_people(existing_json: &str, incoming_json: &str) -> Result<merge::MergedPeople> {
    let existing: Vec<PayeeDto> = json::from_str(existing_json, "the existing people")?;
    let incoming: Vec<PayeeDto> = json::from_str(incoming_json, "the incoming people")?;
    merge::merge_people(&existing, &incoming)
}

/// The kind named `kind`, for `guessPreset`.
///
/// # Errors
/// `WRONG_TYPE` for a name that is not a kind of import.
pub fn kind_name(kind: &str) -> Result<&str> {
    if crate::spec::import::Kind::parse(kind).is_some() {
        return Ok(kind);
    }
    Err(Error::at(
        "kind",
        Code::WrongType,
        format!("{:?} is not a kind of import", spm_base::error::clip(kind)),
        "use one of transactions, payees, hierarchy, quotas",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_of_an_import_downloads_as_csv() {
        // As the page does it: importCsv's JSON, its report given back.
        let csv = "id,name,hireDate\nr1,Ann,2026-01-01\nr2,,2026-13-01\n";
        let out = crate::api::import_json("payees", csv, r#"{"preset":"spm-payees"}"#, None).unwrap();
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        let report = value["report"].to_string();
        assert_eq!(value["report"]["lines"][0]["line"], 3);
        assert_eq!(
            import_report_csv(&report).unwrap(),
            "line,status,column,code,reason\n\
             3,rejected,name,MISSING_FIELD,the payee name is empty\n\
             3,rejected,hireDate,DATE_INVALID,\"\"\"2026-13-01\"\" is not a date written YYYY-MM-DD\"\n"
        );
        assert_eq!(import_report_csv("[]").unwrap_err().code, Code::WrongType);
    }

    #[test]
    fn tables_become_a_workbook_and_back() {
        let bytes = xlsx_from_tables(r#"[{"name":"Payroll","csv":"payee,amount\nr1,10.50\n"}]"#).unwrap();
        let sheets = xlsx_sheets(&bytes).unwrap();
        assert_eq!((sheets[0].name.as_str(), sheets[0].csv.as_str()), ("Payroll", "payee,amount\nr1,10.5\n"));
        let e = xlsx_from_tables(r#"[{"name":"a","csv":"","extra":1}]"#).unwrap_err();
        assert_eq!(e.code, Code::UnknownField);
        assert_eq!(kind_name("nope").unwrap_err().code, Code::WrongType);
        let deals = import_deals_csv("id,date,amount\nt1,2026-01-01,5\n", r#"{"preset":"spm"}"#, None).unwrap();
        assert_eq!((deals.csv.as_str(), deals.report.imported), ("id,date,payeeId,amount\nt1,2026-01-01,,5\n", 1));
    }
}
