//! Forecasting (issue 8): monthly bookings per rep, team and company by exponential smoothing
//! with automatic model choice, with prediction intervals and a rolling-origin back-test; and
//! the pipeline-weighted forecast of open deals with stage probabilities learned from history.
//!
//! The series forecast: `check` turns the wire format into a problem (every error with its
//! path; aggregates are their children's exact sums); `series` fits each series — the ETS
//! state-space family of Hyndman et al. (2008) in `ets`, fitted by maximum likelihood and chosen
//! by AICc in `fit`, with intervals from `intervals` — and back-tests it against the M3/M4
//! benchmarks of `classic`, scored by `accuracy`; `report` writes the result and its sentences.
//! `pipeline` is the pipeline forecast.
//!
//! Forecasting is statistics, so it computes in `f64`, and the results are the same bit for bit
//! natively and in wasm: only + − × ÷ and `sqrt` (which IEEE 754 rounds exactly everywhere) reach
//! the output, with our own `ln` in `math` where a logarithm is needed, and every random draw
//! comes from a seeded SplitMix64. Amounts go out as decimal strings with two places.
//! docs/forecast.md has the methods, the wire format and the M3 benchmark figures.

pub mod accuracy;
pub mod bookings;
mod check;
pub mod classic;
pub mod dto;
pub mod ets;
pub mod fit;
pub mod intervals;
pub mod math;
mod nelder;
mod pipeline;
mod report;
pub mod sample;
pub mod series;
mod text;

pub use check::{Choice, MAX_HORIZON, MAX_SERIES, MAX_VALUES, MIN_VALUES};
pub use pipeline::EXACT_MAX;

use crate::forecast::dto::{ForecastInputDto, ForecastResultDto, PipelineForecastDto, PipelineInputDto};
use rust_decimal::Decimal;
use spm_base::error::{Code, Diagnostic, Error, Result};

/// Forecasts the series of a JSON input.
///
/// # Errors
/// The JSON errors of `spm_base::json::from_str`, then those of [`forecast`].
pub fn forecast_json(text: &str) -> Result<ForecastResultDto> {
    let dto: ForecastInputDto = spm_base::json::from_str(text, "the forecast input")?;
    forecast(&dto)
}

/// [`forecast_json`] written as compact JSON text (what wasm's `forecastJson` returns).
///
/// # Errors
/// Those of [`forecast_json`].
pub fn forecast_json_text(text: &str) -> Result<String> {
    serde_json::to_string(&forecast_json(text)?).map_err(|e| Error::new(Code::Internal, e.to_string()))
}

/// Forecasts every series: the model, point forecasts, intervals, fitted values, bottom-up sums
/// for series with children, the back-test when asked for, and the sentences.
///
/// # Errors
/// Every problem of the input, located (see `check`), and `OUT_OF_RANGE` at
/// `series[i].values` when a given model cannot be fitted to a series.
pub fn forecast(input: &ForecastInputDto) -> Result<ForecastResultDto> {
    let p = check::problem(input)?;
    let levels: Vec<f64> = p.levels.iter().map(|l| l.1).collect();
    let mut outcomes = Vec::with_capacity(p.nodes.len());
    let mut diags = Vec::new();
    for (i, node) in p.nodes.iter().enumerate() {
        match series::forecast(&node.values, p.horizon, p.choice, &levels, p.simulation) {
            Ok(mut out) => {
                if let Some((origins, h)) = p.backtest {
                    out.accuracy = series::backtest(&node.values, origins, h, p.choice);
                }
                outcomes.push(out);
            }
            Err(series::Unfit(why)) => diags.push(Diagnostic::error(
                format!("series[{i}].values"),
                Code::OutOfRange,
                why,
                "use \"model\": \"auto\", or a model with fewer parts",
            )),
        }
    }
    if !diags.is_empty() {
        return Err(Error::from_diagnostics(diags));
    }
    // Bottom-up, to the cent: a leaf contributes its forecast rounded to cents (as written), a
    // series with children the exact sum of its children's bottom-up amounts, so the figures on
    // a page add up at every level.
    let mut bottom: Vec<Vec<Decimal>> = vec![Vec::new(); p.nodes.len()];
    for &i in &p.order {
        let kids = &p.nodes[i].children;
        bottom[i] = if kids.is_empty() {
            outcomes[i].mean.iter().map(|v| text::to_cents(*v)).collect::<Result<Vec<_>>>()?
        } else {
            let mut sum = vec![Decimal::ZERO; p.horizon];
            for &c in kids {
                for (s, v) in sum.iter_mut().zip(&bottom[c]) {
                    *s = s.checked_add(*v).ok_or_else(|| Error::new(Code::Overflow, "bottom-up sums overflow"))?;
                }
            }
            sum
        };
    }
    let series = (0..p.nodes.len())
        .map(|i| {
            let own = (!p.nodes[i].children.is_empty()).then_some(bottom[i].as_slice());
            report::series(&p, i, &outcomes[i], own)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(ForecastResultDto {
        schema_version: 1,
        horizon: p.horizon as u32,
        intervals: p.levels.iter().map(|l| l.0.clone()).collect(),
        series,
    })
}

/// The pipeline forecast of a JSON input.
///
/// # Errors
/// The JSON errors of `spm_base::json::from_str`, then those of [`pipeline`].
pub fn pipeline_json(text: &str) -> Result<PipelineForecastDto> {
    let dto: PipelineInputDto = spm_base::json::from_str(text, "the pipeline")?;
    pipeline(&dto)
}

/// [`pipeline_json`] written as compact JSON text.
///
/// # Errors
/// Those of [`pipeline_json`].
pub fn pipeline_json_text(text: &str) -> Result<String> {
    serde_json::to_string(&pipeline_json(text)?).map_err(|e| Error::new(Code::Internal, e.to_string()))
}

/// Expected bookings per close month with a P10–P90 range, and the stage probabilities used.
///
/// # Errors
/// Every problem of the input, located (see the `pipeline` module).
pub fn pipeline(input: &PipelineInputDto) -> Result<PipelineForecastDto> {
    pipeline::pipeline(input)
}

/// Point forecasts of `y` (seasonal period `m`) by ETS with automatic model choice: every
/// admissible model of `fit::candidates` fitted, the lowest AICc kept; the naive forecast when
/// the series is too short for any.
pub fn auto_forecast(y: &[f64], m: usize, h: usize) -> Vec<f64> {
    match fit::select(y, m, &fit::candidates(y, m, true)) {
        Some(s) => s.best.forecast(h),
        None => vec![y.last().copied().unwrap_or(0.0); h],
    }
}
