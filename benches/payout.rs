//! Criterion benchmarks on the built-in sample company (50 payees, 20,000 deals, fixed seed):
//! loading CSV, compiling a plan, a full payout report for each sample plan, and the payout ledger.
//! Native only: on wasm32 (clippy --all-targets) the bench is an empty program.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{black_box, criterion_group, Criterion, Throughput};
    use spm_core::payout::Detail;
    use spm_sample as sample;
    use spm_wire::api;

    fn benches(c: &mut Criterion) {
        let s = sample::generate();
        let data = api::load_csv(&s.transactions_csv, &s.payees).unwrap();
        let mut g = c.benchmark_group("sample");
        g.throughput(Throughput::Elements(sample::DEALS as u64));
        g.bench_function("load_csv_20k", |b| {
            b.iter(|| api::load_csv(black_box(&s.transactions_csv), &s.payees).unwrap())
        });
        for (i, text) in s.plans.iter().enumerate() {
            let plan = api::compile_plan(text).unwrap();
            // The full report in wire form: its JSON text, as the browser's payoutJson returns it.
            g.bench_function(format!("payout_plan{}_20k", i + 1), |b| {
                b.iter(|| api::run_json(black_box(&plan), &data, Detail::Full).unwrap())
            });
        }
        g.finish();
        // The payout ledger of the sample (marginal plan: 7 quarterly closes, ~540 events, a team
        // paid in euros, capitalized commissions): closes, bookings, accounting, JSON report.
        let mut ledger_data = data.clone();
        api::set_rates(&mut ledger_data, &s.rates_csv).unwrap();
        let plan1 = api::compile_plan(&s.plans[0]).unwrap();
        let mut g = c.benchmark_group("ledger");
        g.sample_size(20);
        g.bench_function("sample_ledger_report", |b| {
            b.iter(|| api::ledger(black_box(&plan1), &ledger_data, &s.events_csv, None).unwrap())
        });
        g.finish();
        c.bench_function("compile_plan", |b| b.iter(|| api::compile_plan(black_box(&s.plans[0])).unwrap()));

        // The benchmark company: 9,000 reps (9,990 payees), 1,000,000 deals, three
        // components and a two-level roll-up, so 3,000,000 credited lines.
        let big = sample::large(9_000, 1_000_000, 7);
        let big_plan = api::compile_plan(&big.plans[0]).unwrap();
        let big_data = api::load_csv(&big.transactions_csv, &big.payees).unwrap();
        let credits = spm_core::credit::credit(&big_plan.plan, &big_data).unwrap();
        let mut g = c.benchmark_group("large");
        g.sample_size(10);
        g.throughput(Throughput::Elements(1_000_000));
        g.bench_function("load_csv_1m", |b| {
            b.iter(|| api::load_csv(black_box(&big.transactions_csv), &big.payees).unwrap())
        });
        g.bench_function("credit_1m", |b| {
            b.iter(|| spm_core::credit::credit(black_box(&big_plan.plan), &big_data).unwrap())
        });
        g.throughput(Throughput::Elements(3_000_000));
        g.bench_function("calculate_3m_credited_lines", |b| {
            b.iter(|| {
                spm_core::payout::calculate_credited(black_box(&big_plan.plan), &big_data, &credits, Detail::Summary)
                    .unwrap()
            })
        });
        g.throughput(Throughput::Elements(1_000_000));
        g.bench_function("csv_to_summary_report_1m", |b| {
            b.iter(|| {
                // As the browser does it: the summary report as JSON text.
                let data = api::load_csv(black_box(&big.transactions_csv), &big.payees).unwrap();
                api::run_json(&big_plan, &data, Detail::Summary).unwrap()
            })
        });
        g.finish();
    }

    criterion_group!(payout, benches);
    pub use self::payout as group;
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::group);

#[cfg(target_arch = "wasm32")]
fn main() {}
