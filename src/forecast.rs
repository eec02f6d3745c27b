//! Forecasting at the JS boundary (issue 8): `forecastSeries` (monthly bookings per rep, team and
//! company by ETS with intervals and an optional back-test), `forecastPipeline` (open deals
//! weighted by stage probability), and `forecastJson` / `forecastPipelineJson`, which return the
//! same results as JSON text, byte for byte the native output. Inputs are objects or JSON text,
//! parsed by the same serde code as natively (a JS number where a decimal belongs is
//! `DECIMAL_NOT_STRING`). The types are generated (src/generated/types.ts).

use super::{input_text, to_js, to_js_error};
use wasm_bindgen::prelude::*;

/// Forecasts monthly series. Throws an `SpmError` listing every problem, each with its path
/// (`series[0].values[3]`).
#[wasm_bindgen(js_name = forecastSeries, unchecked_return_type = "ForecastResult")]
pub fn forecast_series(
    #[wasm_bindgen(unchecked_param_type = "ForecastInput | string")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let text = input_text(&input, "the forecast input").map_err(to_js_error)?;
    to_js(&spm_analytics::forecast::forecast_json(&text).map_err(to_js_error)?)
}

/// The pipeline-weighted forecast of open deals.
#[wasm_bindgen(js_name = forecastPipeline, unchecked_return_type = "PipelineForecast")]
pub fn forecast_pipeline(
    #[wasm_bindgen(unchecked_param_type = "PipelineInput | string")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let text = input_text(&input, "the pipeline").map_err(to_js_error)?;
    to_js(&spm_analytics::forecast::pipeline_json(&text).map_err(to_js_error)?)
}

/// `forecastSeries` on JSON text, returning JSON text.
#[wasm_bindgen(js_name = forecastJson)]
pub fn forecast_json(input: &str) -> Result<String, JsValue> {
    spm_analytics::forecast::forecast_json_text(input).map_err(to_js_error)
}

/// `forecastPipeline` on JSON text, returning JSON text.
#[wasm_bindgen(js_name = forecastPipelineJson)]
pub fn forecast_pipeline_json(input: &str) -> Result<String, JsValue> {
    spm_analytics::forecast::pipeline_json_text(input).map_err(to_js_error)
}

/// Three years of monthly bookings for the sample company's reps, teams and company, as a
/// `ForecastInput` in JSON text (12 months ahead, 80% and 95% intervals, a 6-origin back-test).
#[wasm_bindgen(js_name = forecastSample)]
pub fn forecast_sample(seed: u64) -> String {
    spm_analytics::forecast::sample::sample_json(seed)
}

/// The four functions for Rust callers (the wasm-bindgen tests in `tests/wasm_forecast.rs`):
/// `src/wasm/mod.rs` keeps this module private, so they are reached through the public
/// `Dataset` type. Not exported to JS.
impl super::Dataset {
    /// `forecastSeries`.
    ///
    /// # Errors
    /// The `SpmError` of `forecastSeries`.
    pub fn forecast_series(input: JsValue) -> Result<JsValue, JsValue> {
        forecast_series(input)
    }

    /// `forecastPipeline`.
    ///
    /// # Errors
    /// The `SpmError` of `forecastPipeline`.
    pub fn forecast_pipeline(input: JsValue) -> Result<JsValue, JsValue> {
        forecast_pipeline(input)
    }

    /// `forecastJson`.
    ///
    /// # Errors
    /// The `SpmError` of `forecastJson`.
    pub fn forecast_json(input: &str) -> Result<String, JsValue> {
        forecast_json(input)
    }

    /// `forecastPipelineJson`.
    ///
    /// # Errors
    /// The `SpmError` of `forecastPipelineJson`.
    pub fn forecast_pipeline_json(input: &str) -> Result<String, JsValue> {
        forecast_pipeline_json(input)
    }
}
