//! Criterion benchmarks of the checks issue 19 made near linear, each at its declared limit
//! (crates/base/src/limits.rs) and at the size that used to take unbounded time: the measure
//! graph of a plan (MAX_MEASURE_DEPTH), the payee hierarchy (MAX_PAYEES in one chain; a flat
//! org with many dated spans), a text scored for sentiment (MAX_NOTE_CHARS) and one refused,
//! and a 64 MB column name quoted in a diagnostic. README's performance section has the figures.
//! Native only: on wasm32 (clippy --all-targets) the bench is an empty program.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use criterion::{black_box, criterion_group, Criterion, Throughput};
    use spm_base::limits::{MAX_MEASURE_DEPTH, MAX_NOTE_CHARS, MAX_PAYEES};
    use spm_base::period::Date;
    use spm_core::data::{Builder, ManagerSpan, Payee};
    use spm_wire::api;

    /// `levels` weighted measures, each weighing the one before it twice.
    fn doubling_weighted(levels: usize) -> String {
        let mut ms = vec![r#"{"id":"m0","kind":"amount"}"#.to_string()];
        for i in 1..=levels {
            ms.push(format!(
                r#"{{"id":"m{i}","kind":"weighted","parts":[{{"measure":"m{0}","weight":"0.5"}},{{"measure":"m{0}","weight":"0.5"}}]}}"#,
                i - 1
            ));
        }
        format!(
            r#"{{"schemaVersion":1,"id":"p","name":"P","currency":"USD","period":"quarter",
            "rounding":{{"mode":"halfUp","at":"component"}},"measures":[{}],
            "components":[{{"id":"b","name":"B","kind":"bonus","attainment":[{{"measure":"m{levels}","weight":"1"}}],
              "quota":"1000","thresholds":[{{"attainment":"1","payout":"1"}}],"target":{{"amount":"1000"}}}}]}}"#,
            ms.join(",")
        )
    }

    /// One chain of `n` people, each managed by the one before.
    fn chain(n: usize) -> Vec<Payee> {
        (0..n)
            .map(|i| Payee {
                id: format!("p{i}"),
                managers: match i {
                    0 => Vec::new(),
                    _ => vec![ManagerSpan { manager: format!("p{}", i - 1), from: None, to: None }],
                },
                ..Payee::default()
            })
            .collect()
    }

    /// `n` payees under 60 managers, each rep with `spans` consecutive dated spans starting a week
    /// after the previous rep's (as crates/wire/tests/near_linear.rs).
    fn flat_org(n: usize, spans: usize) -> Vec<Payee> {
        let day0 = Date::new(2000, 1, 1).unwrap();
        (0..n)
            .map(|i| {
                let mut managers = Vec::new();
                if i >= 60 {
                    let mut from = day0.add_days(7 * i as i64).unwrap();
                    for k in 0..spans {
                        let to = from.add_days(6 + ((i + k) % 13) as i64).unwrap();
                        managers.push(ManagerSpan {
                            manager: format!("p{}", (i * 7 + k) % 60),
                            from: Some(from),
                            to: Some(to),
                        });
                        from = to.add_days(1).unwrap();
                    }
                }
                Payee { id: format!("p{i}"), managers, ..Payee::default() }
            })
            .collect()
    }

    fn benches(c: &mut Criterion) {
        let mut g = c.benchmark_group("limits");
        g.sample_size(10);

        // The issue's plan (40 levels: 2^40 paths before) and the deepest a plan may nest.
        let issue_plan = doubling_weighted(40);
        g.bench_function("validate_plan_40_doubly_weighted_levels", |b| {
            b.iter(|| api::validate_plan(black_box(&issue_plan)))
        });
        let deepest = doubling_weighted(MAX_MEASURE_DEPTH);
        g.bench_function("validate_plan_128_doubly_weighted_levels", |b| {
            b.iter(|| api::validate_plan(black_box(&deepest)))
        });

        // The hierarchy check (with resolving managers and building the timelines): one chain of
        // 20,000 (minutes before) and of MAX_PAYEES; a flat org of 3,000 × 20 dated spans.
        for n in [20_000, MAX_PAYEES] {
            let payees = chain(n);
            g.throughput(Throughput::Elements(n as u64));
            g.bench_function(format!("hierarchy_chain_{n}"), |b| {
                b.iter_batched(|| payees.clone(), |p| Builder::new(p, Vec::new()), criterion::BatchSize::LargeInput)
            });
        }
        let payees = flat_org(3_000, 20);
        g.throughput(Throughput::Elements(3_000 * 20));
        g.bench_function("hierarchy_flat_3000_x_20_dated_spans", |b| {
            b.iter_batched(|| payees.clone(), |p| Builder::new(p, Vec::new()), criterion::BatchSize::LargeInput)
        });
        let payees = flat_org(100_000, 20);
        g.throughput(Throughput::Elements(100_000 * 20));
        g.bench_function("hierarchy_flat_100000_x_20_dated_spans", |b| {
            b.iter_batched(|| payees.clone(), |p| Builder::new(p, Vec::new()), criterion::BatchSize::LargeInput)
        });

        // Sentiment of a text at the limit, and the refusal of a 10 MB one.
        let words = ["the", "demo", "was", "not", "great,", "but", "the", "CFO", "is", "very", "keen!"];
        let mut text = String::new();
        for w in words.iter().cycle() {
            if text.chars().count() + w.len() + 1 > MAX_NOTE_CHARS {
                break;
            }
            text.push_str(w);
            text.push(' ');
        }
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function("sentiment_10000_chars", |b| {
            b.iter(|| spm_analytics::insight::sentiment(black_box(&text)).unwrap())
        });
        let huge = "great deal ".repeat(1_000_000);
        g.throughput(Throughput::Bytes(huge.len() as u64));
        g.bench_function("sentiment_refuses_11_mb", |b| {
            b.iter(|| spm_analytics::insight::sentiment(black_box(&huge)).unwrap_err())
        });

        // A transactions CSV whose header has a 64 MB column name: read and refused, the name
        // quoted cut.
        let csv = format!("id,date,payeeId,amount,{}\nt1,2026-02-01,r1,1,x\n", "n".repeat(64 << 20));
        g.throughput(Throughput::Bytes(csv.len() as u64));
        g.bench_function("csv_64_mb_column_name_refused", |b| {
            b.iter(|| api::load_csv(black_box(&csv), r#"[{"id":"r1","name":"R"}]"#).unwrap_err())
        });
        g.finish();
    }

    criterion_group!(limits, benches);
    pub use self::limits as group;
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::group);

#[cfg(target_arch = "wasm32")]
fn main() {}
