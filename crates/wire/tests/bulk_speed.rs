//! The bulk import path's speed (`io::canonical::import_transactions_csv`, behind
//! `importDealsCsv`): ignored by default; run in release with
//! `cargo test -p spm-wire --release --test bulk_speed -- --ignored --nocapture`.

use spm_wire::io::canonical::import_transactions_csv;
use spm_wire::spec::data::PayeeDto;
use spm_wire::spec::import::MappingDto;
use std::fmt::Write as _;
use std::time::Instant;

fn payees(n: usize) -> Vec<PayeeDto> {
    (0..n).map(|i| PayeeDto { id: format!("r{i}"), name: format!("Rep {i}"), ..PayeeDto::default() }).collect()
}

fn run(label: &str, csv: &str, preset: &str, payees: &[PayeeDto], rows: usize) {
    let mapping = MappingDto { preset: Some(preset.into()), ..MappingDto::default() };
    let start = Instant::now();
    let (out, report) = import_transactions_csv(csv, &mapping, Some(payees)).unwrap();
    let secs = start.elapsed().as_secs_f64();
    let t = Instant::now();
    let parts = spm_wire::io::import::import_transactions(csv, &mapping, Some(payees)).unwrap();
    let read = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let again = spm_wire::io::canonical::transactions_csv(&parts.records);
    println!("{label}: reading {read:.2} s, writing {:.2} s", t.elapsed().as_secs_f64());
    assert_eq!(again, out);
    assert_eq!((report.rows, report.imported), (rows, rows));
    assert_eq!(out.lines().count(), rows + 1);
    #[allow(clippy::cast_precision_loss)]
    let rate = rows as f64 / secs;
    println!("{label}: {rows} rows in {secs:.2} s, {rate:.0} rows/s");
}

#[test]
#[ignore = "a measurement: run in release with --ignored --nocapture"]
fn a_million_deals_import_as_csv() {
    let rows = 1_000_000;
    let people = payees(10_000);
    let mut ours = String::from("id,date,payeeId,amount,product,customer\n");
    let mut hubspot = String::from("Record ID,Deal Name,Deal Stage,Deal owner,Close Date,Amount,Pipeline\n");
    for i in 0..rows {
        let (p, day, cents) = (i % 10_000, 1 + i % 28, 10_000 + i % 90_000);
        let _ = writeln!(ours, "t{i},2026-03-{day:02},r{p},{}.{:02},P{},C{}", cents / 100, cents % 100, i % 7, i % 500);
        let _ = writeln!(
            hubspot,
            "{i},Deal {i},Closed Won,Rep {p},2026-03-{day:02} 14:05,\"${},{:03}.{:02}\",Main",
            cents / 100_000,
            (cents / 100) % 1000,
            cents % 100
        );
    }
    run("spm preset, ids", &ours, "spm", &people, rows);
    run("hubspot-deals, owner names", &hubspot, "hubspot-deals", &people, rows);
}

#[test]
#[ignore = "a measurement: run in release with --ignored --nocapture"]
fn a_deal_workbook_reads_as_csv() {
    let rows = 250_000;
    let mut csv = String::from("id,date,payeeId,amount,product,customer\n");
    for i in 0..rows {
        let (day, cents) = (1 + i % 28, 10_000 + i % 90_000);
        let _ = writeln!(
            csv,
            "t{i},2026-03-{day:02},r{},{}.{:02},P{},C{}",
            i % 10_000,
            cents / 100,
            cents % 100,
            i % 7,
            i % 500
        );
    }
    let start = Instant::now();
    let bytes = spm_wire::io::xlsx::workbook(&[("Deals".to_string(), csv)]).unwrap();
    let wrote = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let sheets = spm_wire::io::xlsx::sheets(&bytes).unwrap();
    let read = start.elapsed().as_secs_f64();
    assert_eq!(sheets[0].rows, rows + 1);
    #[allow(clippy::cast_precision_loss)]
    let rate = rows as f64 / read;
    println!(
        "xlsx: {rows} rows, {} bytes; written in {wrote:.2} s; read into CSV in {read:.2} s, {rate:.0} rows/s",
        bytes.len()
    );
}
