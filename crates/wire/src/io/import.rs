//! Import from CRM exports: a foreign CSV and a column mapping (`spec::import::MappingDto`, maybe
//! a ready-made `io::presets` one) become our canonical DTOs (`spec::data`), which then load
//! through the usual `spec::data` path.
//!
//! Dates are read in the mapping's `dateFormat`, and as `YYYY-MM-DD` whatever the format (a
//! year first cannot be mistaken, and it is how `io::xlsx` writes a spreadsheet's dates).
//!
//! Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row is row
//! 2, a blank line still takes a row number, and a cell holding a line break does not. Every
//! problem is located at `row N, column "Header Text"`.
//!
//! Whole-file problems (unreadable header, wrong delimiter, a mapped column the header lacks, a
//! bad mapping) are an `Err`. A row that cannot be read (bad number, bad date, empty or duplicate
//! id, unknown currency or owner, wrong field count) is left out with a diagnostic in the report.
//! Nothing is dropped silently: every data row is imported, skipped on purpose (with a reason),
//! or rejected (with an error), so `rows == imported + skipped.len() + rejected`. For
//! transactions, `imported` counts rows, not records: the rows of one split deal are all imported
//! into its one record, and when a split deal is rejected (shares not summing to 100%) all its
//! rows count as rejected.

use crate::io::presets::{amount_precision, dup, parse_amount, parse_date, parse_share, payees_for, Payees};
use crate::spec::data::{AttributeDto, ManagerSpanDto, PayeeDto, QuotaDto, SplitDto, TransactionDto};
use crate::spec::import::{self as map, DateFormat, Kind, Mapping, MappingDto};
use rust_decimal::Decimal;
use spm_base::dec::Dec;
use spm_base::error::{clip, Code, Diagnostic, Result};
use spm_base::money::Currency;
// Hash maps are only looked up here, never iterated into output.
use std::collections::{BTreeMap, HashMap};

pub use crate::spec::import::{ImportReport, Imported, Skipped};
pub use crate::spec::import_report::report_csv;

use super::import_read::{read, Row, Table};

/// One row's cells, with the errors found reading them.
struct Cells<'a> {
    t: &'a Table,
    row: &'a Row,
    m: &'a Mapping,
    errs: Vec<Diagnostic>,
}

impl<'a> Cells<'a> {
    fn new(t: &'a Table, row: &'a Row, m: &'a Mapping) -> Self {
        Cells { t, row, m, errs: Vec::new() }
    }

    fn text(&self, field: &str) -> &'a str {
        self.t.cols.get(field).and_then(|i| self.row.cells.get(*i)).map_or("", String::as_str)
    }

    fn at(&self, field: &str) -> String {
        let h = self.t.cols.get(field).and_then(|i| self.t.headers.get(*i)).map_or(field, String::as_str);
        format!("row {}, column {:?}", self.row.n, clip(h))
    }

    fn err(&mut self, field: &str, code: Code, message: String, hint: impl Into<String>) {
        self.errs.push(Diagnostic::error(self.at(field), code, message, hint));
    }

    fn opt(&self, field: &str) -> Option<String> {
        Some(self.text(field).to_string()).filter(|s| !s.is_empty())
    }

    /// A required text: an error when empty.
    fn need(&mut self, field: &str, code: Code, what: &str) -> String {
        let v = self.text(field);
        if v.is_empty() {
            self.err(field, code, format!("the {what} is empty"), format!("give every row a {what}"));
        }
        v.to_string()
    }

    fn date(&mut self, field: &str, required: bool) -> Option<String> {
        let v = self.text(field);
        if v.is_empty() {
            if required {
                self.err(field, Code::DateInvalid, "the date is empty".into(), "give every row a date");
            }
            return None;
        }
        let f = self.m.date_format;
        // ISO dates are read whatever the format: an .xlsx sheet's dates come as YYYY-MM-DD.
        let d = parse_date(v, f).or_else(|| parse_date(v, DateFormat::Ymd));
        if d.is_none() {
            let hint = format!("set dateFormat to the export's format, one of {}", map::DATE_FORMATS.join(", "));
            self.err(field, Code::DateInvalid, format!("{:?} is not a date written {}", clip(v), f.label()), hint);
        }
        d.map(|d| d.to_string())
    }

    fn amount(&mut self, field: &str, required: bool) -> Option<Decimal> {
        let v = self.text(field);
        if v.is_empty() {
            if required {
                self.err(field, Code::DecimalInvalid, "the amount is empty".into(), "give every row an amount");
            }
            return None;
        }
        let d = parse_amount(v, self.m.decimal);
        if let Some(p) = d.is_none().then(|| amount_precision(v, self.m.decimal, self.at(field))).flatten() {
            self.errs.push(p);
        } else if d.is_none() {
            let other = if self.m.decimal == '.' { "," } else { "." };
            let hint = format!(
                "write digits with {:?} before the decimals, thousands grouped by three, maybe a currency sign or code, \
                 or parentheses for a negative; set decimalSeparator to {other:?} if the export uses it",
                self.m.decimal
            );
            self.err(field, Code::DecimalInvalid, format!("{:?} is not an amount", clip(v)), hint);
        }
        d
    }

    fn currency(&mut self, field: &str) -> Option<String> {
        let v = self.opt(field)?;
        if Currency::from_code(&v).is_err() {
            let message = format!("{:?} is not an ISO 4217 currency code the engine knows", clip(&v));
            self.err(field, Code::CurrencyUnknown, message, "write a three-letter code in capitals, such as \"EUR\"");
            return None;
        }
        Some(v)
    }

    fn payee(&mut self, field: &str, payees: &Payees<'_>) -> Option<String> {
        let v = self.opt(field)?;
        match payees.resolve(&v) {
            Ok(id) => Some(id),
            Err((code, message, hint)) => {
                self.err(field, code, message, hint);
                None
            }
        }
    }

    fn share(&mut self, field: &str) -> Option<Decimal> {
        let v = self.opt(field)?;
        let s = parse_share(&v, self.m.decimal, self.m.split_percent);
        if s.is_none() {
            let how = if self.m.split_percent { "a percentage such as 60 or 60%" } else { "a fraction such as 0.6" };
            let message = format!("{:?} is not a split share", clip(&v));
            self.err(field, Code::DecimalInvalid, message, format!("write {how}"));
        }
        s
    }

    /// Our canonical `payee:share[:overlay];…` cell.
    fn splits(&mut self, payees: &Payees<'_>) -> Vec<SplitDto> {
        match crate::io::csv::parse_splits(self.text("splits")) {
            Ok(list) => list
                .into_iter()
                .filter_map(|(p, share, overlay)| match payees.resolve(&p) {
                    Ok(payee_id) => {
                        Some(SplitDto { payee_id, share: Dec::new(share), overlay: overlay.then_some(true) })
                    }
                    Err((code, message, hint)) => {
                        self.err("splits", code, message, hint);
                        None
                    }
                })
                .collect(),
            Err(message) => {
                self.err("splits", Code::CsvInvalid, message, "write payee:share[:overlay];…, such as r1:0.6;r2:0.4");
                Vec::new()
            }
        }
    }

    /// True (and rejects the row into `report`) when reading it found errors.
    fn failed(self, report: &mut ImportReport) -> bool {
        let failed = !self.errs.is_empty();
        if failed {
            report.reject(1, self.errs);
        }
        failed
    }
}

/// One transaction row read; `split` is the member and share of a split row.
struct Tx {
    n: usize,
    dto: TransactionDto,
    amount: Decimal,
    split: Option<(String, Decimal)>,
}

/// Reads transactions. With `payeeMatch: "name"`, owner names are resolved against `payees`;
/// with ids and `payees` given, unknown ids are reported here, with their row.
///
/// Rows sharing an id with a split share are the members of one deal's split (as in a Salesforce
/// Opportunity Splits export) and become one record with `splits`; they must agree on date,
/// amount and currency, name distinct payees, and have shares summing to exactly 100%
/// (`SPLIT_SUM`, naming the rows), or the whole deal is rejected. A row with no share is a direct
/// credit to its payee; a second row with the same id is a duplicate (`ID_INVALID`, naming both).
///
/// # Errors
/// Whole-file problems (see the module docs); row problems are in the report.
pub fn import_transactions(
    csv: &str,
    mapping: &MappingDto,
    payees: Option<&[PayeeDto]>,
) -> Result<Imported<Vec<TransactionDto>>> {
    let m = map::resolve(mapping, Kind::Transactions)?;
    let resolver = payees_for(&m, payees)?;
    let (t, mut report) = read(csv, &m)?;
    let mut parsed: Vec<Tx> = Vec::with_capacity(t.rows.len());
    let mut broken: BTreeMap<String, usize> = BTreeMap::new();
    for row in &t.rows {
        let mut c = Cells::new(&t, row, &m);
        let id = c.need("id", Code::IdInvalid, "transaction id");
        let date = c.date("date", true);
        let amount = c.amount("amount", true);
        let share = c.share("split");
        let payee = c.payee("payeeId", &resolver);
        if share.is_some() && c.text("payeeId").is_empty() {
            c.err("payeeId", Code::MissingField, "a split row needs the member it credits".into(), "fill in the owner");
        }
        let currency = c.currency("currency");
        let (units, margin) = (c.amount("units", false), c.amount("margin", false));
        let splits = c.splits(&resolver);
        if !c.text("split").is_empty() && !id.is_empty() && !c.errs.is_empty() {
            broken.entry(id.clone()).or_insert(row.n);
        }
        let failed = c.failed(&mut report);
        let (false, Some(date), Some(amount)) = (failed, date, amount) else { continue };
        let text = |f: &str| t.cols.get(f).and_then(|i| row.cells.get(*i)).filter(|v| !v.is_empty()).cloned();
        let attributes = t
            .attrs
            .iter()
            .filter_map(|(name, i)| {
                let v = row.cells.get(*i).filter(|v| !v.is_empty())?;
                Some(AttributeDto { name: name.clone(), value: v.clone() })
            })
            .collect();
        let dto = TransactionDto {
            id,
            date,
            payee_id: if share.is_some() { None } else { payee.clone() },
            amount: Dec::new(amount),
            units: units.map(Dec::new),
            margin: margin.map(Dec::new),
            product: text("product"),
            kind: text("type"),
            customer: text("customer"),
            territory: text("territory"),
            account: text("account"),
            splits,
            currency,
            attributes,
        };
        let split = share.map(|s| (payee.unwrap_or_default(), s));
        parsed.push(Tx { n: row.n, dto, amount, split });
    }
    let records = group(parsed, &t, &broken, &mut report);
    Ok(Imported { records, report: report.sorted() })
}

/// Groups transaction rows by id into records (see `import_transactions`).
fn group(
    parsed: Vec<Tx>,
    t: &Table,
    broken: &BTreeMap<String, usize>,
    report: &mut ImportReport,
) -> Vec<TransactionDto> {
    let header = |f: &str| t.cols.get(f).and_then(|i| t.headers.get(*i)).map_or(f, String::as_str).to_string();
    let at = |n: usize, f: &str| format!("row {n}, column {:?}", clip(&header(f)));
    // The usual file, one row per deal: no grouping needed, only the repeated ids found.
    if parsed.iter().all(|tx| tx.split.is_none()) {
        let mut first: HashMap<&str, usize> = HashMap::with_capacity(parsed.len());
        let mut repeated: Vec<Option<usize>> = Vec::with_capacity(parsed.len());
        for tx in &parsed {
            let seen = *first.entry(tx.dto.id.as_str()).or_insert(tx.n);
            repeated.push((seen != tx.n).then_some(seen));
        }
        drop(first);
        let mut records = Vec::with_capacity(parsed.len());
        for (tx, repeat) in parsed.into_iter().zip(repeated) {
            if let Some(n) = repeat {
                report.reject(1, [dup(at(tx.n, "id"), "transaction id", &tx.dto.id, n)]);
                continue;
            }
            report.imported += 1;
            records.push(tx.dto);
        }
        return records;
    }
    let mut order: Vec<String> = Vec::new();
    let mut by_id: BTreeMap<String, Vec<Tx>> = BTreeMap::new();
    for tx in parsed {
        let members = by_id.entry(tx.dto.id.clone()).or_default();
        if members.is_empty() {
            order.push(tx.dto.id.clone());
        }
        members.push(tx);
    }
    let mut records = Vec::new();
    for id in order {
        let (split, direct): (Vec<Tx>, Vec<Tx>) =
            by_id.remove(&id).unwrap_or_default().into_iter().partition(|x| x.split.is_some());
        let Some(first) = split.first().or(direct.first()).map(|x| x.n) else { continue };
        let mut direct = direct.into_iter();
        if split.is_empty() {
            if let Some(tx) = direct.next() {
                report.imported += 1;
                records.push(tx.dto);
            }
        }
        for tx in direct {
            report.reject(1, [dup(at(tx.n, "id"), "transaction id", &id, first)]);
        }
        let mut kept: Vec<(usize, TransactionDto, Decimal, String, Decimal)> = Vec::new();
        let mut mismatches: Vec<(&str, String)> = Vec::new();
        for Tx { n, dto, amount, split } in split {
            let (payee, share) = split.unwrap_or_default();
            if let Some(prev) = kept.iter().find(|k| k.3 == payee) {
                let message = format!("the payee {payee:?} is already in the split of deal {id:?} on row {}", prev.0);
                report.reject(
                    1,
                    [Diagnostic::error(at(n, "payeeId"), Code::IdInvalid, message, "keep one row per member")],
                );
                continue;
            }
            if let Some((hn, head, head_amount, _, _)) = kept.first() {
                let differs = [
                    ("date", head.date != dto.date, head.date.clone(), dto.date.clone()),
                    ("amount", *head_amount != amount, head_amount.to_string(), amount.to_string()),
                    (
                        "currency",
                        head.currency != dto.currency,
                        head.currency.clone().unwrap_or_default(),
                        dto.currency.clone().unwrap_or_default(),
                    ),
                ];
                for (f, _, a, b) in differs.into_iter().filter(|d| d.1) {
                    mismatches.push((f, format!("deal {id:?} has the {f} {a:?} on row {hn} but {b:?} on row {n}")));
                }
            }
            kept.push((n, dto, amount, payee, share));
        }
        if kept.is_empty() {
            continue;
        }
        let rows: Vec<String> = kept.iter().map(|k| k.0.to_string()).collect();
        let many = if rows.len() > 1 { "rows" } else { "row" };
        let place = |f: &str| format!("{many} {}, column {:?}", rows.join(", "), clip(&header(f)));
        let hint =
            "every row of a split deal carries the deal's date, amount (its total, not the split amount) and currency";
        let mut problems: Vec<Diagnostic> =
            mismatches.into_iter().map(|(f, m)| Diagnostic::error(place(f), Code::CsvInvalid, m, hint)).collect();
        if let Some(bad) = broken.get(&id) {
            problems.push(Diagnostic::error(
                place("split"),
                Code::SplitSum,
                format!("row {bad} of deal {id:?}'s split cannot be read, so the deal's shares are incomplete"),
                "correct that row; the whole deal is left out until then",
            ));
        }
        // Checked: shares near the decimal maximum must give this error, not a panic.
        let sum = spm_base::money::sum(kept.iter().map(|k| k.4)).ok();
        if problems.is_empty() && sum != Some(Decimal::ONE) {
            let pct = sum
                .and_then(|s| s.checked_mul(Decimal::ONE_HUNDRED))
                .map_or_else(|| "more than the decimal range".to_string(), |p| p.normalize().to_string());
            problems.push(Diagnostic::error(
                place("split"),
                Code::SplitSum,
                format!("the split shares of deal {id:?} ({many} {}) sum to {pct}%, not 100%", rows.join(", ")),
                "correct the split percentages so they add up to exactly 100",
            ));
        }
        if !problems.is_empty() {
            report.reject(kept.len(), problems);
            continue;
        }
        report.imported += kept.len();
        let splits: Vec<SplitDto> =
            kept.iter().map(|k| SplitDto { payee_id: k.3.clone(), share: Dec::new(k.4), overlay: None }).collect();
        if let Some((_, mut dto, ..)) = kept.into_iter().next() {
            dto.splits = splits;
            records.push(dto);
        }
    }
    records
}

/// Reads payees. With `payeeMatch: "name"`, the manager column holds names, resolved against the
/// payees of the same file.
///
/// # Errors
/// Whole-file problems (see the module docs); row problems are in the report.
pub fn import_payees(csv: &str, mapping: &MappingDto) -> Result<Imported<Vec<PayeeDto>>> {
    let m = map::resolve(mapping, Kind::Payees)?;
    let (t, mut report) = read(csv, &m)?;
    let mut found: Vec<(usize, PayeeDto)> = Vec::new();
    let mut first_row: HashMap<String, usize> = HashMap::new();
    for row in &t.rows {
        let mut c = Cells::new(&t, row, &m);
        let id = c.need("id", Code::IdInvalid, "payee id");
        let name = c.need("name", Code::MissingField, "payee name");
        let hire_date = c.date("hireDate", false);
        let termination_date = c.date("terminationDate", false);
        let currency = c.currency("currency");
        let target_incentive = c.amount("targetIncentive", false).map(Dec::new);
        if let Some(first) = first_row.get(&id).filter(|_| !id.is_empty()) {
            c.errs.push(dup(c.at("id"), "payee id", &id, *first));
        }
        let (role, team, manager_id) = (c.opt("role"), c.opt("team"), c.opt("managerId"));
        if !c.failed(&mut report) {
            let p = PayeeDto {
                id,
                name,
                role,
                team,
                manager_id,
                hire_date,
                termination_date,
                currency,
                target_incentive,
                ..PayeeDto::default()
            };
            first_row.insert(p.id.clone(), row.n);
            found.push((row.n, p));
        }
    }
    let list: Vec<PayeeDto> = found.iter().map(|(_, p)| p.clone()).collect();
    let resolver = Payees::new(Some(&list), m.by_name);
    let mut records = Vec::new();
    for (n, mut p) in found {
        let resolved = p.manager_id.as_deref().map(|mgr| resolver.resolve(mgr)).transpose();
        match resolved {
            Ok(manager) => {
                p.manager_id = manager;
                report.imported += 1;
                records.push(p);
            }
            Err((code, message, hint)) => {
                let h = t.cols.get("managerId").and_then(|i| t.headers.get(*i)).cloned().unwrap_or_default();
                report.reject(1, [Diagnostic::error(format!("row {n}, column {:?}", clip(&h)), code, message, hint)]);
            }
        }
    }
    Ok(Imported { records, report: report.sorted() })
}

/// Reads rows that add to existing payees: `read_row` gives the payee id and the value, `add` adds it.
fn attach<T>(
    (csv, mapping, kind): (&str, &MappingDto, Kind),
    payees: &mut [PayeeDto],
    mut read_row: impl FnMut(&mut Cells<'_>, &Payees<'_>, &[(usize, String, T)]) -> Option<(String, T)>,
    mut add: impl FnMut(&mut PayeeDto, usize, T, &mut ImportReport),
) -> Result<ImportReport> {
    let m = map::resolve(mapping, kind)?;
    let (t, mut report) = read(csv, &m)?;
    let mut found: Vec<(usize, String, T)> = Vec::new();
    let resolver = Payees::new(Some(payees), m.by_name);
    for row in &t.rows {
        let mut c = Cells::new(&t, row, &m);
        let got = read_row(&mut c, &resolver, &found);
        if let (false, Some((id, x))) = (c.failed(&mut report), got) {
            found.push((row.n, id, x));
        }
    }
    let mut at: HashMap<String, usize> = HashMap::new();
    for (i, p) in payees.iter().enumerate() {
        at.entry(p.id.clone()).or_insert(i);
    }
    for (n, id, x) in found {
        if let Some(p) = at.get(&id).and_then(|i| payees.get_mut(*i)) {
            add(p, n, x, &mut report);
            report.imported += 1;
        }
    }
    Ok(report.sorted())
}

/// Adds effective-dated managers (`ManagerSpanDto`) to `payees`. A payee given managers here
/// loses its single `managerId`, with a warning: the hierarchy file replaces it.
///
/// # Errors
/// Whole-file problems (see the module docs); row problems are in the report.
pub fn import_hierarchy(csv: &str, mapping: &MappingDto, payees: &mut [PayeeDto]) -> Result<ImportReport> {
    attach(
        (csv, mapping, Kind::Hierarchy),
        payees,
        |c, r, _| {
            c.need("payeeId", Code::IdInvalid, "payee");
            c.need("managerId", Code::IdInvalid, "manager");
            let (payee, manager) = (c.payee("payeeId", r), c.payee("managerId", r));
            let (from, to) = (c.date("from", false), c.date("to", false));
            if let (Some(f), Some(t)) = (&from, &to) {
                if f > t {
                    c.err(
                        "to",
                        Code::DateInvalid,
                        format!("the span ends ({t}) before it starts ({f})"),
                        "swap from and to",
                    );
                }
            }
            Some((payee?, ManagerSpanDto { manager_id: manager?, from, to }))
        },
        |p, n, span, report| {
            if let Some(old) = p.manager_id.take() {
                report.problems.push(Diagnostic::warning(
                    format!("row {n}"),
                    Code::WrongType,
                    format!("payee {:?} had the manager {old:?} (managerId); the hierarchy's spans replace it", p.id),
                    "leave managerId out of the payees when importing a hierarchy",
                ));
            }
            p.managers.push(span);
        },
    )
}

/// Adds quotas (`QuotaDto`) to `payees`; a repeated payee, component and period is a duplicate.
///
/// # Errors
/// Whole-file problems (see the module docs); row problems are in the report.
pub fn import_quotas(csv: &str, mapping: &MappingDto, payees: &mut [PayeeDto]) -> Result<ImportReport> {
    // The first accepted row of each payee, component and period.
    let mut seen: HashMap<(String, String, Option<String>), usize> = HashMap::new();
    attach(
        (csv, mapping, Kind::Quotas),
        payees,
        |c, r, _| {
            c.need("payeeId", Code::IdInvalid, "payee");
            let payee = c.payee("payeeId", r);
            let component = c.need("component", Code::MissingField, "component");
            let (period, amount) = (c.opt("period"), c.amount("amount", true));
            if let Some(a) = amount.filter(|a| *a <= Decimal::ZERO) {
                c.err(
                    "amount",
                    Code::QuotaInvalid,
                    format!("the quota {a} is not above zero"),
                    "give a positive quota",
                );
            }
            let key = payee.clone().map(|p| (p, component.clone(), period.clone()));
            if let Some((p, first)) = key.as_ref().and_then(|k| Some((&k.0, seen.get(k)?))) {
                let when = period.as_deref().unwrap_or("every period");
                let message = format!("the quota of {p:?} for {component:?} in {when} is already given on row {first}");
                c.err("component", Code::IdInvalid, message, "keep one row per payee, component and period");
            }
            if let (Some(k), Some(_), true) = (key, amount, c.errs.is_empty()) {
                seen.insert(k, c.row.n);
            }
            Some((payee?, QuotaDto { component, period, amount: Dec::new(amount?) }))
        },
        |p, _, q, _| p.quotas.push(q),
    )
}

#[cfg(test)]
#[path = "import_tests.rs"]
mod tests;
