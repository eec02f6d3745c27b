//! Forecast accuracy as the M3 and M4 literature measures it: sMAPE and MASE.

/// The symmetric mean absolute percentage error, in percent: the mean of
/// `200 |y − ŷ| / (|y| + |ŷ|)`; a term with `y = ŷ = 0` counts as 0.
pub fn smape(actual: &[f64], forecast: &[f64]) -> f64 {
    let n = actual.len().min(forecast.len());
    if n == 0 {
        return 0.0;
    }
    let sum: f64 = actual
        .iter()
        .zip(forecast)
        .map(|(y, f)| {
            let d = y.abs() + f.abs();
            if d == 0.0 {
                0.0
            } else {
                200.0 * (y - f).abs() / d
            }
        })
        .sum::<f64>();
    sum / n as f64
}

/// The in-sample mean absolute error of the seasonal naive forecast (`y_t − y_{t−m}`), the
/// scale of MASE; lag 1 when the series is not longer than `m`. `None` when it is zero.
pub fn mase_scale(insample: &[f64], m: usize) -> Option<f64> {
    let m = if m == 0 || insample.len() <= m { 1 } else { m };
    if insample.len() <= m {
        return None;
    }
    let sum: f64 = insample.iter().zip(&insample[m..]).map(|(a, b)| (b - a).abs()).sum::<f64>();
    let scale = sum / (insample.len() - m) as f64;
    (scale > 0.0).then_some(scale)
}

/// The mean absolute scaled error (Hyndman and Koehler 2006) with the seasonal naive scale.
pub fn mase(insample: &[f64], actual: &[f64], forecast: &[f64], m: usize) -> Option<f64> {
    let scale = mase_scale(insample, m)?;
    let n = actual.len().min(forecast.len());
    if n == 0 {
        return None;
    }
    let mae: f64 = actual.iter().zip(forecast).map(|(y, f)| (y - f).abs()).sum::<f64>() / n as f64;
    Some(mae / scale)
}
