//! Insight at the JS boundary (issue 8): `PlanEngine.insights` (analytics, coaching and
//! sentiment over the plan's back-test on a dataset and an opportunity set), `insightsJson`
//! (the same as JSON text, byte for byte the native output), `sentiment` (one text's score) and
//! `insightSample` (the sample company's opportunities as JSON text). Inputs are objects or JSON
//! text, parsed by the same serde code as natively (a JS number where a decimal belongs is
//! `DECIMAL_NOT_STRING`). The scored notes are read in the page's memory and sent nowhere. The
//! types are generated (src/generated/types.ts).

use super::{args, to_js, to_js_error, Dataset, PlanEngine};
use wasm_bindgen::prelude::*;

/// The opportunity set and the options (`None` for `null`/`undefined`) as JSON text.
fn inputs(opportunities: &JsValue, options: &JsValue) -> Result<(String, Option<String>), JsValue> {
    let expected = "an OpportunitySet object or its JSON text";
    let set = args::document(opportunities, "opportunities", args::Shape::Object, expected)?;
    let expected = "an InsightOptions object, its JSON text, null or undefined";
    Ok((set, args::opt_document(options, "options", args::Shape::Object, expected)?))
}

#[wasm_bindgen]
impl PlanEngine {
    /// Every insight: the plan back-tested over `data`, and the opportunity set (an
    /// `OpportunitySet` object or its JSON text) with `options` (or `null`). Throws an
    /// `SpmError` listing every problem, each with its path (`deals[3].stageHistory[1].date`).
    #[wasm_bindgen(unchecked_return_type = "InsightsResult")]
    pub fn insights(
        &self,
        data: &Dataset,
        #[wasm_bindgen(unchecked_param_type = "OpportunitySet | string")] opportunities: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "InsightOptions | string | null")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let (set, opts) = inputs(&opportunities, &options)?;
        let out = spm_analytics::insight::insights_json(&self.compiled, &data.inner, &set, opts.as_deref())
            .map_err(to_js_error)?;
        to_js(&out)
    }

    /// `insights` returning JSON text.
    #[wasm_bindgen(js_name = insightsJson)]
    pub fn insights_json(
        &self,
        data: &Dataset,
        #[wasm_bindgen(unchecked_param_type = "OpportunitySet | string")] opportunities: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "InsightOptions | string | null")] options: JsValue,
    ) -> Result<String, JsValue> {
        let (set, opts) = inputs(&opportunities, &options)?;
        spm_analytics::insight::insights_json_text(&self.compiled, &data.inner, &set, opts.as_deref())
            .map_err(to_js_error)
    }
}

/// The sentiment of one English text: compound score in [−1, 1], label, and the words that
/// drove it with the rules that changed them. Throws an `SpmError`: `INVALID_ARGUMENT` for an
/// argument that is not a string, `LIMIT_EXCEEDED` at `text` for a text longer than 10,000
/// characters (`limits::MAX_NOTE_CHARS`).
#[wasm_bindgen(unchecked_return_type = "SentimentScore")]
pub fn sentiment(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> Result<JsValue, JsValue> {
    let text = args::text(&text, "text", "a string")?;
    to_js(&spm_analytics::insight::sentiment(&text).map_err(to_js_error)?)
}

/// The sample company's opportunity set (`OpportunitySet` as JSON text) for a seed: the same
/// text natively and in wasm.
#[wasm_bindgen(js_name = insightSample)]
pub fn insight_sample(
    #[wasm_bindgen(unchecked_param_type = "number | bigint")] seed: JsValue,
) -> Result<String, JsValue> {
    Ok(spm_analytics::insight::sample_json(args::seed(&seed, "seed")?))
}

/// The free functions for Rust callers (the wasm-bindgen tests in `tests/wasm_insight.rs`):
/// `src/wasm/mod.rs` keeps this module private, so they are reached through the public
/// `Dataset` type. Not exported to JS.
impl Dataset {
    /// `sentiment`.
    pub fn insight_sentiment(text: &str) -> Result<JsValue, JsValue> {
        sentiment(JsValue::from_str(text))
    }

    /// `insightSample`.
    pub fn insight_sample(seed: u64) -> String {
        insight_sample(JsValue::from(seed)).unwrap_or_default()
    }
}
