//! Imported deals as the canonical transaction CSV (`io::csv`, what `Dataset.fromCsv` reads):
//! the bulk path of an import, so a million rows never become JSON records or JS objects.
//!
//! Columns: `id,date,payeeId,amount`, then those of `units,margin,product,type,customer,
//! territory,account,splits,currency` that some record fills, then `attr.NAME` for every custom
//! attribute (by name). Cells are quoted when they hold a comma, a quote or a line break; they are
//! not formula-guarded, since this text is the engine's input, read back as written (the
//! exports meant for spreadsheets guard their cells).

use crate::io::import::{import_transactions, ImportReport};
use crate::spec::data::{PayeeDto, TransactionDto};
use crate::spec::import::MappingDto;
use spm_base::dec::Dec;
use spm_base::error::Result;
use std::borrow::Cow;
use std::fmt::Write as _;

/// Reads a CRM export as `import_transactions` does and writes the records as canonical CSV.
///
/// # Errors
/// As `import_transactions`: whole-file problems; row problems are in the report.
pub fn import_transactions_csv(
    csv: &str,
    mapping: &MappingDto,
    payees: Option<&[PayeeDto]>,
) -> Result<(String, ImportReport)> {
    let imported = import_transactions(csv, mapping, payees)?;
    Ok((transactions_csv(&imported.records), imported.report))
}

/// The optional columns, in order, and how a record fills each.
type Column = (&'static str, fn(&TransactionDto) -> Option<Cow<'_, str>>);

fn dec(d: &Dec) -> Cow<'_, str> {
    match d {
        Dec::Ok(v) => Cow::Owned(v.to_string()),
        Dec::NotString(s) | Dec::Invalid(s) | Dec::Imprecise(s) => Cow::Borrowed(s),
    }
}

fn text(s: &Option<String>) -> Option<Cow<'_, str>> {
    s.as_deref().map(Cow::Borrowed)
}

const OPTIONAL: [Column; 9] = [
    ("units", |t| t.units.as_ref().map(dec)),
    ("margin", |t| t.margin.as_ref().map(dec)),
    ("product", |t| text(&t.product)),
    ("type", |t| text(&t.kind)),
    ("customer", |t| text(&t.customer)),
    ("territory", |t| text(&t.territory)),
    ("account", |t| text(&t.account)),
    ("splits", |t| {
        (!t.splits.is_empty()).then(|| {
            let parts: Vec<String> = t
                .splits
                .iter()
                .map(|s| {
                    let overlay = if s.overlay == Some(true) { ":overlay" } else { "" };
                    format!("{}:{}{overlay}", s.payee_id, dec(&s.share))
                })
                .collect();
            Cow::Owned(parts.join(";"))
        })
    }),
    ("currency", |t| text(&t.currency)),
];

/// Writes `records` as canonical transaction CSV (see the module docs).
pub fn transactions_csv(records: &[TransactionDto]) -> String {
    let used: Vec<&Column> = OPTIONAL.iter().filter(|(_, get)| records.iter().any(|t| get(t).is_some())).collect();
    // A handful of names, most records with the same ones: a short list beats a set.
    let mut attrs: Vec<&str> = Vec::new();
    for a in records.iter().flat_map(|t| t.attributes.iter()) {
        if !attrs.contains(&a.name.as_str()) {
            attrs.push(&a.name);
        }
    }
    attrs.sort_unstable();
    let mut out = String::with_capacity(records.len().saturating_mul(48).saturating_add(64));
    out.push_str("id,date,payeeId,amount");
    for (name, _) in &used {
        out.push(',');
        out.push_str(name);
    }
    for a in &attrs {
        out.push(',');
        push_cell(&mut out, &format!("attr.{a}"));
    }
    out.push('\n');
    for t in records {
        push_cell(&mut out, &t.id);
        out.push(',');
        out.push_str(&t.date);
        out.push(',');
        push_cell(&mut out, t.payee_id.as_deref().unwrap_or(""));
        out.push(',');
        match &t.amount {
            Dec::Ok(v) => {
                let _ = write!(out, "{v}");
            }
            other => out.push_str(&dec(other)),
        }
        for (_, get) in &used {
            out.push(',');
            push_cell(&mut out, get(t).as_deref().unwrap_or(""));
        }
        for a in &attrs {
            out.push(',');
            let v = t.attributes.iter().find(|x| x.name == *a).map_or("", |x| x.value.as_str());
            push_cell(&mut out, v);
        }
        out.push('\n');
    }
    out
}

/// Appends one CSV cell, quoted when it holds a comma, a quote or a line break.
pub fn push_cell(out: &mut String, s: &str) {
    if s.bytes().any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r')) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::data::payees_from_dtos;

    #[test]
    fn imported_deals_come_out_as_csv_the_dataset_reads() {
        let export = "Record ID,Deal Name,Deal Stage,Deal owner,Close Date,Amount,Pipeline\n\
                      11,\"Acme, Inc\",Closed Won,Ann Lee,2026-03-31 14:05,\"$1,200.50\",Main\n\
                      12,Beta,Closed Lost,Ann Lee,2026-03-30,10,Main\n\
                      13,Gamma,Closed Won,Bo Chan,2026-04-01,7,\n";
        let payees = [
            PayeeDto { id: "r1".into(), name: "Ann Lee".into(), ..PayeeDto::default() },
            PayeeDto { id: "r2".into(), name: "Bo Chan".into(), ..PayeeDto::default() },
        ];
        let mapping = MappingDto { preset: Some("hubspot-deals".into()), ..MappingDto::default() };
        let (csv, report) = import_transactions_csv(export, &mapping, Some(&payees)).unwrap();
        assert_eq!(
            csv,
            "id,date,payeeId,amount,attr.dealName,attr.pipeline\n\
             11,2026-03-31,r1,1200.50,\"Acme, Inc\",Main\n\
             13,2026-04-01,r2,7,Gamma,\n"
        );
        assert_eq!((report.rows, report.imported, report.skipped.len()), (3, 2, 1));
        let mut diags = Vec::new();
        let people = payees_from_dtos(&payees, &mut diags);
        let data = crate::io::csv::dataset_from_csv(&csv, people, diags).unwrap();
        assert_eq!(data.transactions.len(), 2);
    }

    #[test]
    fn every_optional_column_is_written_when_used() {
        let t: TransactionDto = serde_json::from_str(
            r#"{"id":"t","date":"2026-01-01","amount":"5","units":"2","margin":"1.5","product":"P","type":"new",
                "customer":"C","territory":"T","account":"A","currency":"EUR",
                "splits":[{"payeeId":"a","share":"0.6"},{"payeeId":"b","share":"0.4","overlay":true}]}"#,
        )
        .unwrap();
        assert_eq!(
            transactions_csv(&[t]),
            "id,date,payeeId,amount,units,margin,product,type,customer,territory,account,splits,currency\n\
             t,2026-01-01,,5,2,1.5,P,new,C,T,A,a:0.6;b:0.4:overlay,EUR\n"
        );
    }
}
