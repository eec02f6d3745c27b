//! Transactions from CSV text, parsed in Rust so bulk data never crosses the JS boundary as
//! objects. The header names the columns (any order): `id,date,amount` are required;
//! `payeeId,units,margin,product,type,customer,territory,account,splits,currency` are optional, and a
//! column named `attr.NAME` is a custom attribute. Every bad cell is reported as
//! `line N, column NAME`. Splits are written `payee:share[:overlay];...`, e.g. `r1:0.6;r2:0.4`.

use rust_decimal::Decimal;
use spm_base::dec::parse_decimal;
use spm_base::error::{clip, Code, Diagnostic, Error, Result};
use spm_base::period::Date;
use spm_core::data::{Builder, Dataset, Payee, Symbols, Transaction};

/// The columns the transaction CSV knows (besides `attr.*`).
pub const COLUMNS: [&str; 12] = [
    "id",
    "date",
    "payeeId",
    "amount",
    "units",
    "margin",
    "product",
    "type",
    "customer",
    "territory",
    "account",
    "splits",
];
const REQUIRED: [usize; 3] = [0, 1, 3];

/// Parses transaction CSV and resolves it against `payees`.
///
/// # Errors
/// `CSV_INVALID` for structure (missing or unknown column, wrong field count, bad quoting),
/// `DATE_INVALID`, `DECIMAL_INVALID`, `UNKNOWN_REFERENCE`, `SPLIT_SUM`, each with line and column.
pub fn dataset_from_csv(text: &str, payees: Vec<Payee>, mut diags: Vec<Diagnostic>) -> Result<Dataset> {
    spm_base::limits::check_document(text, "the transactions")?;
    let mut reader = ::csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
    let headers = reader
        .byte_headers()
        .map_err(|e| {
            Error::at(
                "line 1",
                Code::CsvInvalid,
                format!("the header cannot be read: {e}"),
                "the first line must name the columns: id,date,payeeId,amount",
            )
        })?
        .clone();
    spm_base::limits::check(
        "line 1",
        "columns in the transactions CSV",
        headers.len(),
        spm_base::limits::MAX_CSV_COLUMNS,
        "keep the columns the engine reads and drop the rest",
    )?;
    let mut symbols = Symbols::default();
    let mut pos: [Option<usize>; 12] = [None; 12];
    let mut custom: Vec<(usize, u32)> = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        let h = String::from_utf8_lossy(h.trim_ascii());
        // A name quoted in a diagnostic is cut (a 64 MB header name is not a 64 MB path).
        let shown = clip(&h);
        if let Some(name) = h.strip_prefix("attr.") {
            custom.push((i, symbols.intern(name)));
            continue;
        }
        if h == "currency" {
            // The amount's currency travels as the attribute `currency`; `fx` converts it.
            custom.push((i, symbols.intern("currency")));
            continue;
        }
        match COLUMNS.iter().position(|c| *c == h) {
            Some(k) => match pos.get_mut(k) {
                Some(slot @ None) => *slot = Some(i),
                _ => diags.push(Diagnostic::error(
                    format!("line 1, column {shown}"),
                    Code::CsvInvalid,
                    format!("column {shown:?} appears twice"),
                    "keep one",
                )),
            },
            None => diags.push(Diagnostic::error(
                format!("line 1, column {shown}"),
                Code::UnknownField,
                format!("unknown column {shown:?}"),
                format!(
                    "known columns are {}, currency; name custom attributes attr.NAME; names are case-sensitive",
                    COLUMNS.join(", ")
                ),
            )),
        }
    }
    for k in REQUIRED {
        if pos.get(k).copied().flatten().is_none() {
            let name = COLUMNS.get(k).copied().unwrap_or("?");
            diags.push(Diagnostic::error(
                "line 1",
                Code::MissingField,
                format!("the required column {name:?} is missing"),
                "the header must include id,date,amount (and payeeId or splits, or crediting rules)",
            ));
        }
    }
    if !diags.is_empty() {
        return Err(Error::from_diagnostics(diags));
    }
    let col = |k: usize| pos.get(k).copied().flatten();
    let mut b = Builder::new(payees, diags);
    b.locate(|line, column| format!("line {line}, column {column}"));
    // One transaction per line (a quoted field may hold a line break: then this over-reserves).
    b.reserve(text.bytes().filter(|c| *c == b'\n').count(), text.len() / 8);
    let mut record = ::csv::ByteRecord::new();
    let mut caches: [SymCache; 5] = Default::default();
    let mut attrs: Vec<(u32, u32)> = Vec::new();
    let mut line = 1u64;
    let mut rows = 0usize;
    loop {
        if b.full() {
            break;
        }
        line += 1;
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                // Declared limit (spm_base::limits), checked as the rows stream in.
                rows += 1;
                if rows > spm_base::limits::MAX_TRANSACTIONS {
                    return Err(Error::from_diagnostics(vec![spm_base::limits::diagnostic(
                        format!("line {}", record.position().map_or(line, |p| p.line())),
                        "transactions in one dataset",
                        rows,
                        spm_base::limits::MAX_TRANSACTIONS,
                        "split the data, for example by year, and run each part",
                    )]));
                }
            }
            Err(e) => {
                let at = e.position().map_or(line, |p| p.line());
                b.problem(Diagnostic::error(
                    format!("line {at}"),
                    Code::CsvInvalid,
                    format!("the line cannot be read: {e}"),
                    "every line needs as many fields as the header; quote fields that contain commas",
                ));
                continue;
            }
        }
        line = record.position().map_or(line, |p| p.line());
        let cell = |k: usize| -> &[u8] { col(k).and_then(|i| record.get(i)).unwrap_or(b"").trim_ascii() };
        let text = |k: usize| -> &str { std::str::from_utf8(cell(k)).unwrap_or("") };
        let at = |column: &str| format!("line {line}, column {column}");
        let id = text(0);
        if id.is_empty() {
            b.problem(Diagnostic::error(
                at("id"),
                Code::IdInvalid,
                "the transaction id is empty",
                "give every transaction an id",
            ));
        }
        let date = Date::parse(text(1));
        if date.is_none() {
            b.problem(Diagnostic::error(
                at("date"),
                Code::DateInvalid,
                format!("{:?} is not a calendar date", clip(text(1))),
                "write dates as YYYY-MM-DD, such as 2026-03-31",
            ));
        }
        let mut number = |k: usize, name: &str, default: Decimal| -> Option<Decimal> {
            let t = cell(k);
            if t.is_empty() && k != 3 {
                return Some(default);
            }
            let v = fast_decimal(t);
            if v.is_none() {
                let text = String::from_utf8_lossy(t);
                b.problem(match spm_base::dec::read_decimal(&text) {
                    // Well written but too many digits (DECIMAL_PRECISION) or too large.
                    Err(spm_base::dec::DecimalError::Precision | spm_base::dec::DecimalError::Range) => {
                        spm_base::dec::diagnostic(at(name), &text)
                    }
                    _ => Diagnostic::error(
                        at(name),
                        Code::DecimalInvalid,
                        format!("{:?} is not a decimal number", clip(&text)),
                        "write numbers with digits and one '.', no thousands separators or currency signs, such as 1250.50",
                    ),
                });
            }
            v
        };
        let amount = number(3, "amount", Decimal::ZERO);
        let units = number(4, "units", Decimal::ONE);
        let margin = number(5, "margin", Decimal::ZERO);
        let splits = match parse_splits(text(11)) {
            Ok(s) => s,
            Err(m) => {
                b.problem(Diagnostic::error(
                    at("splits"),
                    Code::CsvInvalid,
                    m,
                    "write splits as payee:share[:overlay] separated by ';', such as r1:0.6;r2:0.4",
                ));
                Vec::new()
            }
        };
        let (Some(date), Some(amount), Some(units), Some(margin)) = (date, amount, units, margin) else { continue };
        attrs.clear();
        for (i, k) in &custom {
            attrs.push((
                *k,
                symbols.intern(std::str::from_utf8(record.get(*i).unwrap_or(b"").trim_ascii()).unwrap_or("")),
            ));
        }
        let [c0, c1, c2, c3, c4] = &mut caches;
        let txn = Transaction {
            id: (0, 0),
            date,
            payee: None,
            amount,
            units,
            margin,
            product: c0.get(&mut symbols, cell(6)),
            kind: c1.get(&mut symbols, cell(7)),
            customer: c2.get(&mut symbols, cell(8)),
            territory: c3.get(&mut symbols, cell(9)),
            account: c4.get(&mut symbols, cell(10)),
            splits: (0, 0),
            attributes: (0, 0),
        };
        let split_refs: Vec<(&str, Decimal, bool)> = splits.iter().map(|(p, s, o)| (p.as_str(), *s, *o)).collect();
        b.push_at(line, txn, id, text(2), &split_refs, &attrs);
    }
    b.finish(symbols)
}

/// A few recent values of one column and their symbols: attribute columns repeat a handful of
/// values, so most cells are found without hashing.
#[derive(Default)]
struct SymCache {
    recent: Vec<(Vec<u8>, u32)>,
}

impl SymCache {
    fn get(&mut self, symbols: &mut Symbols, bytes: &[u8]) -> u32 {
        // Short cells: an inline byte loop beats a call to memcmp per candidate.
        let same = |b: &[u8]| b.len() == bytes.len() && b.iter().zip(bytes).all(|(x, y)| x == y);
        if let Some((_, s)) = self.recent.iter().find(|(b, _)| same(b)) {
            return *s;
        }
        let s = symbols.intern(std::str::from_utf8(bytes).unwrap_or(""));
        if self.recent.len() < 16 {
            self.recent.push((bytes.to_vec(), s));
        }
        s
    }
}

pub use spm_base::dec::fast_decimal;

/// Parses `payee:share[:overlay];...`.
///
/// # Errors
/// A message naming the bad part.
pub fn parse_splits(s: &str) -> std::result::Result<Vec<(String, Decimal, bool)>, String> {
    if s.trim().is_empty() {
        return Ok(Vec::new());
    }
    s.split(';')
        .map(|part| {
            let mut it = part.trim().split(':');
            let payee = it.next().unwrap_or("").trim();
            let share = it.next().map(str::trim).and_then(parse_decimal);
            let overlay = match it.next().map(str::trim) {
                None => false,
                Some("overlay") => true,
                Some(other) => return Err(format!("{:?} in split {:?} is not \"overlay\"", clip(other), clip(part))),
            };
            match share {
                Some(share) if !payee.is_empty() && share >= Decimal::ZERO => Ok((payee.to_string(), share, overlay)),
                _ => Err(format!("split {:?} is not payee:share", clip(part))),
            }
        })
        .collect()
}

/// The `payeeId` of every record, in file order (for runs without a payees file).
///
/// # Errors
/// `CSV_INVALID` when the header has no payeeId column or a line cannot be read.
pub fn payee_ids(text: &str) -> Result<Vec<String>> {
    let mut reader = ::csv::ReaderBuilder::new().trim(::csv::Trim::All).from_reader(text.as_bytes());
    let col = reader.headers().ok().and_then(|h| h.iter().position(|c| c == "payeeId")).ok_or_else(|| {
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
        vec![Payee { id: "r1".into(), name: "Rep One".into(), role: "rep".into(), ..Payee::default() }]
    }

    #[test]
    fn reads_columns_in_any_order_with_quotes() {
        let csv = "amount,id,payeeId,date,product\n1000.50,t1,r1,2026-01-15,\"Widgets, large\"\n";
        let ds = dataset_from_csv(csv, payees(), vec![]).unwrap();
        assert_eq!(ds.transactions.len(), 1);
        assert_eq!(ds.transactions[0].amount.to_string(), "1000.50");
        assert_eq!(ds.symbols.name(ds.transactions[0].product), "Widgets, large");
    }

    #[test]
    fn locates_every_bad_cell() {
        let csv = "id,date,payeeId,amount\nt1,2026-02-30,r1,10\nt2,2026-01-01,r1,1e3\nt3,2026-01-01,nobody,5\n";
        let e = dataset_from_csv(csv, payees(), vec![]).unwrap_err();
        let got: Vec<(String, &str)> = e.diagnostics.iter().map(|d| (d.path.clone(), d.code.as_str())).collect();
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
    fn fast_decimals() {
        for (s, v) in [("0", "0"), ("12.50", "12.50"), ("-3.1", "-3.1"), ("1234567890123456.78", "1234567890123456.78")]
        {
            assert_eq!(fast_decimal(s.as_bytes()).unwrap().to_string(), v);
        }
        for bad in ["", "-", ".5", "5.", "1e3", "1,0", "+1", "1.2.3"] {
            assert_eq!(fast_decimal(bad.as_bytes()), None, "{bad}");
        }
        assert_eq!(fast_decimal(b"123456789012345678901.5").unwrap().to_string(), "123456789012345678901.5");
    }

    #[test]
    fn structure_errors() {
        let e = dataset_from_csv("id,date,colour\n", payees(), vec![]).unwrap_err();
        let codes: Vec<&str> = e.diagnostics.iter().map(|d| d.code.as_str()).collect();
        assert_eq!(codes, vec!["UNKNOWN_FIELD", "MISSING_FIELD"]);
        let e = dataset_from_csv("id,date,payeeId,amount\nt1,2026-01-01,r1\n", payees(), vec![]).unwrap_err();
        assert_eq!(e.code, Code::CsvInvalid);
        assert_eq!(e.diagnostics[0].path, "line 2");
    }
}
