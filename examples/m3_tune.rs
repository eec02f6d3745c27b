//! Scratch: tuning the ETS search (deleted before hand-off).
use spm_engine::forecast::{accuracy, classic, fit};
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let series: Vec<(Vec<f64>, Vec<f64>)> = text
        .lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            let p = |s: &str| s.split(' ').map(|v| v.parse().unwrap()).collect::<Vec<f64>>();
            (p(c[2]), p(c[3]))
        })
        .collect();
    let configs: Vec<(String, fit::FitOptions)> = std::env::args()
        .skip(2)
        .map(|a| {
            let v: Vec<f64> = a.split(':').map(|x| x.parse().unwrap()).collect();
            (
                a.clone(),
                fit::FitOptions {
                    tol: v[0],
                    base_evals: v[1] as usize,
                    per_param_evals: v[2] as usize,
                    polish: v[3] as usize,
                },
            )
        })
        .collect();
    if std::env::var("PER_MODEL").is_ok() {
        per_model(&series, &configs[0].1);
        return;
    }
    for (name, o) in &configs {
        for gated in [false, true] {
            let (mut s, mut ms, mut evals, mut fits) = (0.0, 0.0, 0usize, 0usize);
            let t0 = Instant::now();
            for (y, test) in &series {
                let seasonal = !gated || classic::seasonality_test(y, 12).is_some_and(|t| t.seasonal);
                let sel = fit::select_with(y, 12, &fit::candidates(y, 12, seasonal), o).unwrap();
                let f = sel.best.forecast(18);
                s += accuracy::smape(test, &f);
                ms += accuracy::mase(y, test, &f, 12).unwrap();
                evals += sel.best.evals;
                fits += 1;
            }
            let el = t0.elapsed().as_secs_f64();
            // 36-month timing
            let t1 = Instant::now();
            let mut k = 0;
            for (y, _) in series.iter().take(300) {
                let y36 = &y[..36];
                let seasonal = !gated || classic::seasonality_test(y36, 12).is_some_and(|t| t.seasonal);
                k += fit::select_with(y36, 12, &fit::candidates(y36, 12, seasonal), o)
                    .map(|s| s.ranking.len())
                    .unwrap_or(0);
            }
            let el36 = t1.elapsed().as_secs_f64() / 300.0;
            let n = series.len() as f64;
            println!(
                "{name} gated={gated}: sMAPE {:.3} MASE {:.4} evals/best {:.0} time {:.3} ms; 36m {:.3} ms ({k})",
                s / n,
                ms / n,
                evals as f64 / fits as f64,
                el / n * 1e3,
                el36 * 1e3
            );
        }
    }
}

#[allow(dead_code)]
pub fn per_model(series: &[(Vec<f64>, Vec<f64>)], o: &fit::FitOptions) {
    use spm_engine::forecast::ets::Model;
    for md in Model::all() {
        let (mut ev, mut n) = (0usize, 0usize);
        let t0 = Instant::now();
        for (y, _) in series.iter().take(300) {
            if let Some(f) = fit::fit_with(md, &y[..36], 12, o) {
                ev += f.evals;
                n += 1;
            }
        }
        let el = t0.elapsed().as_secs_f64();
        if n > 0 {
            println!(
                "{}: {:.1} µs/fit, {:.0} evals/fit, {:.1} ns/eval",
                md.name(),
                el / n as f64 * 1e6,
                ev as f64 / n as f64,
                el / ev as f64 * 1e9
            );
        }
    }
}
