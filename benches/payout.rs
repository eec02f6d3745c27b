//! Criterion benchmarks on the built-in sample company (50 payees, 20,000 deals, fixed seed):
//! loading CSV, compiling a plan, and a full payout report for each sample plan.
//! Native only: on wasm32 (clippy --all-targets) the bench is an empty program.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{black_box, criterion_group, Criterion, Throughput};
    use spm_engine::{api, sample};

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
            g.bench_function(format!("payout_plan{}_20k", i + 1), |b| {
                b.iter(|| api::run(black_box(&plan), &data).unwrap())
            });
        }
        g.finish();
        c.bench_function("compile_plan", |b| b.iter(|| api::compile_plan(black_box(&s.plans[0])).unwrap()));
    }

    criterion_group!(payout, benches);
    pub use self::payout as group;
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::group);

#[cfg(target_arch = "wasm32")]
fn main() {}
