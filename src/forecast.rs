//! Forecasting at the JS boundary (issue 8): `forecastSeries` (monthly bookings per rep, team and
//! company by ETS with intervals and an optional back-test), `forecastPipeline` (open deals
//! weighted by stage probability), and `forecastJson` / `forecastPipelineJson`, which return the
//! same results as JSON text, byte for byte the native output. Inputs are objects or JSON text,
//! parsed by the same serde code as natively (a JS number where a decimal belongs is
//! `DECIMAL_NOT_STRING`). The types are generated (src/generated/types.ts).

use super::{args, to_js, to_js_error, Dataset};
use wasm_bindgen::prelude::*;

/// Forecasts monthly series. Throws an `SpmError` listing every problem, each with its path
/// (`series[0].values[3]`).
#[wasm_bindgen(js_name = forecastSeries, unchecked_return_type = "ForecastResult")]
pub fn forecast_series(
    #[wasm_bindgen(unchecked_param_type = "ForecastInput | string")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let text = args::document(&input, "input", args::Shape::Object, "a ForecastInput object or its JSON text")?;
    to_js(&spm_analytics::forecast::forecast_json(&text).map_err(to_js_error)?)
}

/// The pipeline-weighted forecast of open deals.
#[wasm_bindgen(js_name = forecastPipeline, unchecked_return_type = "PipelineForecast")]
pub fn forecast_pipeline(
    #[wasm_bindgen(unchecked_param_type = "PipelineInput | string")] input: JsValue,
) -> Result<JsValue, JsValue> {
    let text = args::document(&input, "input", args::Shape::Object, "a PipelineInput object or its JSON text")?;
    to_js(&spm_analytics::forecast::pipeline_json(&text).map_err(to_js_error)?)
}

/// `forecastSeries` on JSON text, returning JSON text.
#[wasm_bindgen(js_name = forecastJson)]
pub fn forecast_json(#[wasm_bindgen(unchecked_param_type = "string")] input: JsValue) -> Result<String, JsValue> {
    let text = args::text(&input, "input", "JSON text of a ForecastInput (a string)")?;
    spm_analytics::forecast::forecast_json_text(&text).map_err(to_js_error)
}

/// `forecastPipeline` on JSON text, returning JSON text.
#[wasm_bindgen(js_name = forecastPipelineJson)]
pub fn forecast_pipeline_json(
    #[wasm_bindgen(unchecked_param_type = "string")] input: JsValue,
) -> Result<String, JsValue> {
    let text = args::text(&input, "input", "JSON text of a PipelineInput (a string)")?;
    spm_analytics::forecast::pipeline_json_text(&text).map_err(to_js_error)
}

/// Three years of monthly bookings for the sample company's reps, teams and company, as a
/// `ForecastInput` in JSON text (12 months ahead, 80% and 95% intervals, a 6-origin back-test).
#[wasm_bindgen(js_name = forecastSample)]
pub fn forecast_sample(
    #[wasm_bindgen(unchecked_param_type = "number | bigint")] seed: JsValue,
) -> Result<String, JsValue> {
    Ok(spm_analytics::forecast::sample::sample_json(args::seed(&seed, "seed")?))
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
        forecast_json(JsValue::from_str(input))
    }

    /// `forecastPipelineJson`.
    ///
    /// # Errors
    /// The `SpmError` of `forecastPipelineJson`.
    pub fn forecast_pipeline_json(input: &str) -> Result<String, JsValue> {
        forecast_pipeline_json(JsValue::from_str(input))
    }
}

#[wasm_bindgen]
impl Dataset {
    /// A `ForecastInput` (JSON text) of this dataset's own bookings: one series per person by
    /// month, rolled up to teams (managers) and the company named `company`, 12 months ahead at
    /// most. Throws an `SpmError` (`OUT_OF_RANGE` at `dealsCsv`) when the deals span fewer than
    /// three months.
    #[wasm_bindgen(js_name = forecastInput)]
    pub fn forecast_input(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] company: JsValue,
    ) -> Result<String, JsValue> {
        let company = args::text(&company, "company", "a string (the company's name)")?;
        let input = spm_analytics::forecast::bookings::from_dataset(&self.inner, &company).map_err(to_js_error)?;
        serde_json::to_string(&input)
            .map_err(|e| to_js_error(spm_base::error::Error::new(spm_base::error::Code::Internal, e.to_string())))
    }
}
