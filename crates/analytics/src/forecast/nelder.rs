//! The Nelder–Mead simplex minimizer (Nelder and Mead 1965, with the usual coefficients:
//! reflection 1, expansion 2, contraction ½, shrink ½), deterministic: a fixed starting simplex,
//! ties between vertices broken by their order, NaN treated as +∞.

/// When to stop.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The most objective evaluations.
    pub max_evals: usize,
    /// Stop when the worst and best vertex values differ by at most `tol` (an absolute
    /// tolerance: the objectives here are −2 log-likelihoods, whose differences mean the same
    /// whatever the series' scale).
    pub tol: f64,
    /// The starting simplex: `x0` and `x0 + step · e_i` for each coordinate `i`.
    pub step: f64,
}

/// The best point found and its value.
#[derive(Debug, Clone)]
pub struct Minimum {
    /// The point.
    pub x: Vec<f64>,
    /// The objective there.
    pub value: f64,
    /// Evaluations used.
    pub evals: usize,
}

/// Minimizes `f` from `x0`.
pub fn minimize<F: FnMut(&[f64]) -> f64>(mut f: F, x0: &[f64], opts: Options) -> Minimum {
    let d = x0.len();
    let mut eval = |x: &[f64], evals: &mut usize| {
        *evals += 1;
        let v = f(x);
        if v.is_nan() {
            f64::INFINITY
        } else {
            v
        }
    };
    let mut evals = 0;
    if d == 0 {
        let value = eval(x0, &mut evals);
        return Minimum { x: Vec::new(), value, evals };
    }
    let mut pts: Vec<Vec<f64>> = Vec::with_capacity(d + 1);
    let mut vals: Vec<f64> = Vec::with_capacity(d + 1);
    pts.push(x0.to_vec());
    vals.push(eval(x0, &mut evals));
    for i in 0..d {
        let mut p = x0.to_vec();
        p[i] += opts.step;
        vals.push(eval(&p, &mut evals));
        pts.push(p);
    }
    let mut order: Vec<usize> = (0..=d).collect();
    let mut centroid = vec![0.0; d];
    let mut trial = vec![0.0; d];
    let mut trial2 = vec![0.0; d];
    loop {
        // A stable sort keeps tied vertices in their previous order, so every run is the same.
        order.sort_by(|&a, &b| vals[a].total_cmp(&vals[b]));
        let (best, worst, second) = (order[0], order[d], order[d - 1]);
        let spread = vals[worst] - vals[best];
        let converged = spread <= opts.tol;
        if converged || evals >= opts.max_evals || (!vals[best].is_finite() && vals[worst] == vals[best]) {
            break;
        }
        centroid.iter_mut().for_each(|c| *c = 0.0);
        for &i in &order[..d] {
            for (c, x) in centroid.iter_mut().zip(&pts[i]) {
                *c += x;
            }
        }
        let inv = 1.0 / d as f64;
        centroid.iter_mut().for_each(|c| *c *= inv);
        let along = |t: f64, out: &mut Vec<f64>, w: &[f64]| {
            for ((o, c), x) in out.iter_mut().zip(&centroid).zip(w) {
                *o = c + t * (c - x);
            }
        };
        along(1.0, &mut trial, &pts[worst]);
        let fr = eval(&trial, &mut evals);
        if fr < vals[best] {
            along(2.0, &mut trial2, &pts[worst]);
            let fe = eval(&trial2, &mut evals);
            if fe < fr {
                pts[worst].copy_from_slice(&trial2);
                vals[worst] = fe;
            } else {
                pts[worst].copy_from_slice(&trial);
                vals[worst] = fr;
            }
            continue;
        }
        if fr < vals[second] {
            pts[worst].copy_from_slice(&trial);
            vals[worst] = fr;
            continue;
        }
        // Contract: outside when the reflection helped a little, inside otherwise.
        let (t, target) = if fr < vals[worst] { (0.5, fr) } else { (-0.5, vals[worst]) };
        along(t, &mut trial2, &pts[worst]);
        let fc = eval(&trial2, &mut evals);
        if fc < target {
            pts[worst].copy_from_slice(&trial2);
            vals[worst] = fc;
            continue;
        }
        let b = pts[best].clone();
        for &i in &order[1..] {
            for (x, bx) in pts[i].iter_mut().zip(&b) {
                *x = bx + 0.5 * (*x - bx);
            }
            vals[i] = eval(&pts[i], &mut evals);
        }
    }
    let best = order[0];
    Minimum { x: pts[best].clone(), value: vals[best], evals }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_minimum_of_rosenbrock() {
        let f = |x: &[f64]| (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2);
        let m = minimize(f, &[-1.2, 1.0], Options { max_evals: 2000, tol: 1e-14, step: 0.5 });
        assert!((m.x[0] - 1.0).abs() < 1e-4 && (m.x[1] - 1.0).abs() < 1e-4, "{m:?}");
    }

    #[test]
    fn one_dimension_and_nan() {
        let f = |x: &[f64]| if x[0] < -5.0 { f64::NAN } else { (x[0] - 2.0) * (x[0] - 2.0) };
        let m = minimize(f, &[0.0], Options { max_evals: 500, tol: 1e-12, step: 1.0 });
        assert!((m.x[0] - 2.0).abs() < 1e-5);
    }
}
