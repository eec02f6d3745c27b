//! Times loading the benchmark company's CSV, split into its steps, for profiling:
//! `cargo run --release --no-default-features --example load` (`N=5` repeats the whole load).

use spm_sample as sample;
use spm_wire::api;
use spm_wire::spec;
use std::time::Instant;

fn main() {
    let s = sample::large(9_000, 1_000_000, 7);
    let t = Instant::now();
    let (payees, diags) = spec::data::parse_payees(&s.payees).unwrap();
    println!("payees: {:?}", t.elapsed());
    let t = Instant::now();
    let mut rdr = csv::ReaderBuilder::new().from_reader(s.transactions_csv.as_bytes());
    let mut rec = csv::ByteRecord::new();
    while rdr.read_byte_record(&mut rec).unwrap() {}
    println!("csv crate alone: {:?}", t.elapsed());
    let t = Instant::now();
    let data = spm_wire::io::csv::dataset_from_csv(&s.transactions_csv, payees, diags).unwrap();
    println!("dataset_from_csv: {:?} ({} transactions)", t.elapsed(), data.transactions.len());
    let t = Instant::now();
    drop(data);
    println!("drop: {:?}", t.elapsed());
    for _ in 0..std::env::var("N").ok().and_then(|n| n.parse().ok()).unwrap_or(1) {
        let t = Instant::now();
        let _ = api::load_csv(&s.transactions_csv, &s.payees).unwrap();
        println!("api::load_csv total: {:?}", t.elapsed());
    }
}
