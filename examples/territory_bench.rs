//! The territory balancer's machinery on published instances with known optima (a benchmark,
//! not a test): generalized assignment gap1–gap12 (OR-Library), the capacitated p-median set
//! pmedcap1 (OR-Library), and the Pfizer Turkey sales-territory case (22 bricks, 4 reps,
//! workload bands). Prints a Markdown table per set: mean and worst gap to the optimum, time.
//! `--large` also times a 10,000 × 100 rebalance natively.
//!
//! `cargo run --release --no-default-features --example territory_bench [-- --set gap|pmedcap1|pfizer|all] [--large] [--verbose]`
//! reads `../shared/benchmarks` (or `$SPM_BENCHMARKS`).

use spm_planning::territory::assign::{self, Problem};
use spm_planning::territory::pmedian::{self, PMedian};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

struct Row {
    name: String,
    gap: f64,
    ms: f64,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let set = args.iter().position(|a| a == "--set").and_then(|i| args.get(i + 1)).map_or("all", |s| s.as_str());
    let verbose = args.iter().any(|a| a == "--verbose");
    let root = std::env::var("SPM_BENCHMARKS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/benchmarks"));
    if set == "gap" || set == "all" {
        table("gap1–gap12 (generalized assignment)", &gap(&root), verbose);
    }
    if set == "pmedcap1" || set == "all" {
        table("pmedcap1 (capacitated p-median)", &pmedcap(&root), verbose);
    }
    if set == "pfizer" || set == "all" {
        table("Pfizer 22 × 4 (workload bands)", &pfizer(&root), verbose);
    }
    if args.iter().any(|a| a == "--large") {
        large();
    }
}

fn table(title: &str, rows: &[Row], verbose: bool) {
    if rows.is_empty() {
        println!("{title}: no instances found\n");
        return;
    }
    let n = rows.len() as f64;
    let mean = rows.iter().map(|r| r.gap).sum::<f64>() / n;
    let worst = rows.iter().map(|r| r.gap).fold(0.0f64, f64::max);
    let total: f64 = rows.iter().map(|r| r.ms).sum();
    println!("### {title}\n");
    println!("| instances | mean gap % | worst gap % | mean time ms | total time s |");
    println!("| ---: | ---: | ---: | ---: | ---: |");
    println!("| {} | {:.3} | {:.3} | {:.1} | {:.2} |\n", rows.len(), mean, worst, total / n, total / 1000.0);
    if verbose {
        for r in rows {
            println!("  {:<14} gap {:>7.3}%  {:>8.1} ms", r.name, r.gap, r.ms);
        }
        println!();
    }
}

fn numbers(text: &str) -> Vec<f64> {
    text.split_whitespace().filter_map(|t| t.parse::<f64>().ok()).collect()
}

/// OR-Library GAP files (one instance each: `m n`, m×n costs, m×n resource uses, m capacities),
/// minimization form, optima from `optima.csv`.
fn gap(root: &Path) -> Vec<Row> {
    let dir = root.join("gap");
    let optima: BTreeMap<String, f64> = std::fs::read_to_string(dir.join("optima.csv"))
        .unwrap_or_default()
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            let name = f.first()?.rsplit('/').next()?.to_string();
            Some((name, f.get(6)?.parse::<f64>().ok()?))
        })
        .collect();
    let mut names: Vec<String> = optima.keys().cloned().collect();
    names.sort_by_key(|n| {
        let (a, b) = n.trim_start_matches("gap").split_once('-').unwrap_or(("0", "0"));
        (a.parse::<u32>().unwrap_or(0), b.parse::<u32>().unwrap_or(0))
    });
    let mut rows = Vec::new();
    for name in names {
        let Ok(text) = std::fs::read_to_string(dir.join(&name)) else { continue };
        let v = numbers(&text);
        let (m, n) = (v[0] as usize, v[1] as usize);
        let at = |k: usize| v[2 + k];
        let mut cost = vec![0.0; n * m];
        let mut usage = vec![0.0; n * m];
        for j in 0..m {
            for i in 0..n {
                cost[i * m + j] = at(j * n + i);
                usage[i * m + j] = at(m * n + j * n + i);
            }
        }
        let capacity: Vec<f64> = (0..m).map(|j| at(2 * m * n + j)).collect();
        let p = Problem { items: n, agents: m, cost, usage, capacity, minimum: vec![0.0; m] };
        let t = Instant::now();
        let s = assign::solve(&p, 1, 3000);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let opt = optima[&name];
        let gap = if s.feasible { (s.cost - opt) / opt * 100.0 } else { f64::INFINITY };
        rows.push(Row { name, gap, ms });
    }
    rows
}

/// OR-Library capacitated p-median: `instance optimum`, `n p capacity`, then `id x y demand`;
/// distances are floor(Euclidean).
fn pmedcap(root: &Path) -> Vec<Row> {
    let mut rows = Vec::new();
    for k in 1..=20 {
        let name = format!("pmedcap1_{k}.txt");
        let Ok(text) = std::fs::read_to_string(root.join("pmedcap1").join(&name)) else { continue };
        let v = numbers(&text);
        let opt = v[1];
        let (n, p, cap) = (v[2] as usize, v[3] as usize, v[4]);
        let pts: Vec<(f64, f64, f64)> =
            (0..n).map(|i| (v[5 + 4 * i + 1], v[5 + 4 * i + 2], v[5 + 4 * i + 3])).collect();
        let mut dist = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..n {
                let (dx, dy) = (pts[i].0 - pts[j].0, pts[i].1 - pts[j].1);
                dist[i * n + j] = (dx * dx + dy * dy).sqrt().floor();
            }
        }
        let pm = PMedian { points: n, centres: p, dist, demand: pts.iter().map(|q| q.2).collect(), capacity: cap };
        let t = Instant::now();
        let s = pmedian::solve(&pm, 1, 4);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let gap = if s.feasible { (s.cost - opt) / opt * 100.0 } else { f64::INFINITY };
        rows.push(Row { name, gap, ms });
    }
    rows
}

/// The Pfizer case: minimize total distance with every rep's workload in a band.
fn pfizer(root: &Path) -> Vec<Row> {
    let Ok(text) = std::fs::read_to_string(root.join("pfizer").join("pfizer22x4.json")) else { return Vec::new() };
    let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else { return Vec::new() };
    let index: Vec<f64> =
        json["index"].as_array().map(|a| a.iter().filter_map(|x| x.as_f64()).collect()).unwrap_or_default();
    let dist: Vec<Vec<f64>> = json["dist_brick_to_SR"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|r| r.as_array().map(|r| r.iter().filter_map(|x| x.as_f64()).collect()).unwrap_or_default())
                .collect()
        })
        .unwrap_or_default();
    let (n, m) = (index.len(), 4);
    let mut rows = Vec::new();
    for (lo, hi, opt) in [(0.8, 1.2, 154.60), (0.85, 1.15, 160.32), (0.9, 1.1, 162.43)] {
        let mut cost = Vec::with_capacity(n * m);
        let mut usage = Vec::with_capacity(n * m);
        for i in 0..n {
            for &d in dist[i].iter().take(m) {
                cost.push(d);
                usage.push(index[i]);
            }
        }
        let p = Problem { items: n, agents: m, cost, usage, capacity: vec![hi; m], minimum: vec![lo; m] };
        let t = Instant::now();
        let s = assign::solve(&p, 1, 2000);
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let gap = if s.feasible { (s.cost - opt) / opt * 100.0 } else { f64::INFINITY };
        rows.push(Row { name: format!("[{lo}, {hi}]"), gap, ms });
    }
    rows
}

/// A generated 10,000 × 100 instance rebalanced natively, then single moves timed.
fn large() {
    use spm_planning::territory::{input, sample, Model};
    let dto = sample(10_000, 100, 1);
    let Ok(inst) = input::instance(&dto) else { return println!("the sample did not validate") };
    let mut model = Model::new(inst);
    let t = Instant::now();
    let Ok(r) = model.balance_with(*model.options()) else { return println!("balancing failed") };
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let m = &r.metrics;
    println!("### 10,000 accounts × 100 territories (native, release)\n");
    println!("| rebalance ms | max deviation potential | max deviation workload | CV potential | kept share | moved | objective | lower bound | gap |");
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    println!(
        "| {ms:.0} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
        m.max_deviation_potential,
        m.max_deviation_workload,
        m.cv_potential,
        m.kept_share.as_deref().unwrap_or("-"),
        m.moved,
        m.objective,
        m.lower_bound.as_deref().unwrap_or("-"),
        m.gap.as_deref().unwrap_or("-")
    );
    println!("{}\n", r.method);
    let ids: Vec<(String, String)> = r
        .assignment
        .iter()
        .zip(r.assignment.iter().skip(1))
        .filter(|(a, b)| a.territory_id != b.territory_id)
        .map(|(a, b)| (a.account_id.clone(), b.territory_id.clone()))
        .take(100)
        .collect();
    let t = Instant::now();
    let mut done = 0;
    for (a, to) in &ids {
        if model.move_account(a, to).is_ok() {
            done += 1;
        }
    }
    let per_move = t.elapsed().as_secs_f64() * 1000.0 / done.max(1) as f64;
    let t = Instant::now();
    let json = model.result_json();
    let json_ms = t.elapsed().as_secs_f64() * 1000.0;
    println!("moveAccount (metrics and the full result recomputed): {per_move:.2} ms per move over {done} moves; result as JSON text: {json_ms:.2} ms ({} bytes)\n", json.len());
}
