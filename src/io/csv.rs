//! Transactions from CSV text, parsed in Rust so bulk data never crosses the JS boundary as
//! objects. The header names the columns (any order); `id,date,payeeId,amount` are required
//! and `product,type,customer` optional. Every bad cell is reported as `line N, column NAME`.

use crate::data::{Dataset, Payee, RawTransaction, MAX_DIAGNOSTICS};
use crate::error::{Code, Diagnostic, Error, Result};
use crate::spec::data::date_field;
use crate::spec::dec::parse_decimal;

/// The columns the transaction CSV knows.
pub const COLUMNS: [&str; 7] = [
    "id", "date", "payeeId", "amount", "product", "type", "customer",
];
const REQUIRED: usize = 4;

/// Parses transaction CSV and resolves it against `payees`.
///
/// # Errors
/// `CSV_INVALID` for structure (missing or unknown column, wrong field count, bad quoting),
/// `DATE_INVALID`, `DECIMAL_INVALID`, `UNKNOWN_REFERENCE`, each with line and column.
pub fn dataset_from_csv(
    text: &str,
    payees: Vec<Payee>,
    mut diags: Vec<Diagnostic>,
) -> Result<Dataset> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(true)
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| {
            Error::at(
                "line 1",
                Code::CsvInvalid,
                format!("the header cannot be read: {e}"),
                "the first line must name the columns: id,date,payeeId,amount",
            )
        })?
        .clone();
    // Column position of each known column, by COLUMNS order.
    let mut pos: [Option<usize>; 7] = [None; 7];
    for (i, h) in headers.iter().enumerate() {
        match COLUMNS.iter().position(|c| *c == h) {
            Some(k) => match pos.get_mut(k) {
                Some(slot @ None) => *slot = Some(i),
                _ => diags.push(Diagnostic::error(
                    format!("line 1, column {h}"),
                    Code::CsvInvalid,
                    format!("column {h:?} appears twice"),
                    "keep one",
                )),
            },
            None => diags.push(Diagnostic::error(
                format!("line 1, column {h}"),
                Code::UnknownField,
                format!("unknown column {h:?}"),
                format!(
                    "known columns are {}; names are case-sensitive",
                    COLUMNS.join(", ")
                ),
            )),
        }
    }
    for (k, name) in COLUMNS.iter().enumerate().take(REQUIRED) {
        if pos.get(k).copied().flatten().is_none() {
            diags.push(Diagnostic::error(
                "line 1",
                Code::MissingField,
                format!("the required column {name:?} is missing"),
                "the header must include id,date,payeeId,amount",
            ));
        }
    }
    if !diags.is_empty() {
        return Err(Error::from_diagnostics(diags));
    }
    let mut raw = Vec::new();
    let mut record = ::csv::StringRecord::new();
    loop {
        if diags.len() > MAX_DIAGNOSTICS {
            break;
        }
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                diags.push(Diagnostic::error(format!("line {line}"), Code::CsvInvalid, format!("the line cannot be read: {e}"), "every line needs as many fields as the header; quote fields that contain commas"));
                continue;
            }
        }
        let line = record.position().map_or(0, |p| p.line());
        let cell = |k: usize| -> &str {
            pos.get(k)
                .copied()
                .flatten()
                .and_then(|i| record.get(i))
                .unwrap_or("")
        };
        let loc = format!("line {line}");
        let id = cell(0);
        if id.is_empty() {
            diags.push(Diagnostic::error(
                format!("{loc}, column id"),
                Code::IdInvalid,
                "the transaction id is empty",
                "give every transaction an id",
            ));
        }
        let date = date_field(cell(1), &format!("{loc}, column date"), &mut diags);
        let amount_text = cell(3);
        let amount = parse_decimal(amount_text);
        if amount.is_none() {
            diags.push(Diagnostic::error(format!("{loc}, column amount"), Code::DecimalInvalid, format!("{amount_text:?} is not a decimal number"), "write amounts with digits and one '.', no thousands separators or currency signs, such as 1250.50"));
        }
        if let (Some(date), Some(amount)) = (date, amount) {
            raw.push(RawTransaction {
                location: loc,
                field_sep: ", column ",
                id: id.to_string(),
                date,
                payee_id: cell(2).to_string(),
                amount,
                product: cell(4).to_string(),
                kind: cell(5).to_string(),
                customer: cell(6).to_string(),
            });
        }
    }
    Dataset::new(payees, raw, diags)
}

/// The `payeeId` of every record, in file order (for runs without a payees file).
///
/// # Errors
/// `CSV_INVALID` when the header has no payeeId column or a line cannot be read.
pub fn payee_ids(text: &str) -> Result<Vec<String>> {
    let mut reader = ::csv::ReaderBuilder::new()
        .trim(::csv::Trim::All)
        .from_reader(text.as_bytes());
    let col = reader
        .headers()
        .ok()
        .and_then(|h| h.iter().position(|c| c == "payeeId"))
        .ok_or_else(|| {
            Error::at(
                "line 1",
                Code::MissingField,
                "the required column \"payeeId\" is missing",
                "the header must include id,date,payeeId,amount",
            )
        })?;
    let mut ids = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            Error::at(
                format!("line {}", e.position().map_or(0, |p| p.line())),
                Code::CsvInvalid,
                format!("the line cannot be read: {e}"),
                "every line needs as many fields as the header",
            )
        })?;
        ids.push(rec.get(col).unwrap_or("").to_string());
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payees() -> Vec<Payee> {
        vec![Payee {
            id: "r1".into(),
            name: "Rep One".into(),
            role: "rep".into(),
            manager_id: None,
            quotas: vec![],
        }]
    }

    #[test]
    fn reads_columns_in_any_order_with_quotes() {
        let csv = "amount,id,payeeId,date,product\n1000.50,t1,r1,2026-01-15,\"Widgets, large\"\n";
        let ds = dataset_from_csv(csv, payees(), vec![]).unwrap();
        assert_eq!(ds.transactions.len(), 1);
        assert_eq!(ds.transactions[0].amount.to_string(), "1000.50");
        assert_eq!(ds.transactions[0].product, "Widgets, large");
    }

    #[test]
    fn locates_every_bad_cell() {
        let csv = "id,date,payeeId,amount\nt1,2026-02-30,r1,10\nt2,2026-01-01,r1,1e3\nt3,2026-01-01,nobody,5\n";
        let e = dataset_from_csv(csv, payees(), vec![]).unwrap_err();
        let got: Vec<(String, &str)> = e
            .diagnostics
            .iter()
            .map(|d| (d.path.clone(), d.code.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("line 2, column date".to_string(), "DATE_INVALID"),
                ("line 3, column amount".to_string(), "DECIMAL_INVALID"),
                ("line 4, column payeeId".to_string(), "UNKNOWN_REFERENCE"),
            ]
        );
    }

    #[test]
    fn structure_errors() {
        let e = dataset_from_csv("id,date,amount,colour\n", payees(), vec![]).unwrap_err();
        let codes: Vec<&str> = e.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, vec!["UNKNOWN_FIELD", "MISSING_FIELD"]);
        let e = dataset_from_csv(
            "id,date,payeeId,amount\nt1,2026-01-01,r1\n",
            payees(),
            vec![],
        )
        .unwrap_err();
        assert_eq!(e.code, Code::CsvInvalid);
        assert_eq!(e.diagnostics[0].path, "line 2");
    }
}
