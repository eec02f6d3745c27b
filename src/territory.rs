//! Territory balancing at the JS boundary (issue 7): a `TerritoryModel` kept on the Rust side
//! (accounts, territories and the current assignment) answering `balance`, `moveAccount`,
//! `result` and `assignmentCsv`, and `territorySample` (a generated instance as JSON text, for
//! demos and the browser benchmark).

use super::{args, to_js, to_js_error};
use spm_base::limits::{MAX_TERRITORIES, MAX_TERRITORY_ACCOUNTS};
use spm_planning::territory::dto::BalanceOptionsDto;
use spm_planning::territory::Model;
use wasm_bindgen::prelude::*;

/// An instance and its current assignment, kept on the Rust side.
#[wasm_bindgen]
pub struct TerritoryModel {
    inner: Model,
}

#[wasm_bindgen]
impl TerritoryModel {
    /// Validates an input (`TerritoryInput` object or JSON text); throws an `SpmError` listing
    /// every problem. The starting assignment is today's owners.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "TerritoryInput | string")] input: JsValue,
    ) -> Result<TerritoryModel, JsValue> {
        let text = args::document(&input, "input", args::Shape::Object, "a TerritoryInput object or its JSON text")?;
        Ok(TerritoryModel { inner: Model::from_json(&text).map_err(to_js_error)? })
    }

    /// Rebalances (options `{ weights?, seed?, maxIterations? }` over the input's, or `null`)
    /// and returns the `TerritoryResult`.
    #[wasm_bindgen(unchecked_return_type = "TerritoryResult")]
    pub fn balance(
        &mut self,
        #[wasm_bindgen(unchecked_optional_param_type = "BalanceOptions | string | null")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let expected = "a BalanceOptions object, its JSON text, null or undefined";
        let opts: BalanceOptionsDto = match args::opt_document(&options, "options", args::Shape::Object, expected)? {
            None => BalanceOptionsDto::default(),
            Some(text) => spm_base::json::from_str(&text, "the balance options").map_err(to_js_error)?,
        };
        to_js(&self.inner.balance(&opts).map_err(to_js_error)?)
    }

    /// Moves one account to a territory and returns the new `TerritorySummary` (figures
    /// without the assignment); a locked account, an unknown id or a full territory throws.
    #[wasm_bindgen(js_name = moveAccount, unchecked_return_type = "TerritorySummary")]
    pub fn move_account(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] account_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] territory_id: JsValue,
    ) -> Result<JsValue, JsValue> {
        let account_id = args::text(&account_id, "accountId", "an account id (a string)")?;
        let territory_id = args::text(&territory_id, "territoryId", "a territory id (a string)")?;
        to_js(&self.inner.move_account(&account_id, &territory_id).map_err(to_js_error)?)
    }

    /// Moves several accounts to one territory; those that cannot move (locked, unknown, no
    /// room left) are listed in `refused`. Returns a `MoveOutcome`; an unknown territory throws.
    #[wasm_bindgen(js_name = moveAccounts, unchecked_return_type = "MoveOutcome")]
    pub fn move_accounts(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string[]")] account_ids: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] territory_id: JsValue,
    ) -> Result<JsValue, JsValue> {
        let account_ids = args::texts(&account_ids, "accountIds")?;
        let territory_id = args::text(&territory_id, "territoryId", "a territory id (a string)")?;
        to_js(&self.inner.move_accounts(&account_ids, &territory_id).map_err(to_js_error)?)
    }

    /// The current assignment's figures without the assignment.
    #[wasm_bindgen(unchecked_return_type = "TerritorySummary")]
    pub fn summary(&self) -> JsValue {
        to_js(&self.inner.summary()).unwrap_or(JsValue::NULL)
    }

    /// The current assignment's `TerritoryResult`.
    #[wasm_bindgen(unchecked_return_type = "TerritoryResult")]
    pub fn result(&self) -> JsValue {
        to_js(&self.inner.result()).unwrap_or(JsValue::NULL)
    }

    /// The current assignment's result as JSON text (byte-identical to the native one).
    #[wasm_bindgen(js_name = resultJson)]
    pub fn result_json(&self) -> String {
        self.inner.result_json()
    }

    /// The assignment as CSV: `accountId,territoryId,previousOwner,moved`, cells that a
    /// spreadsheet would run as a formula prefixed with `'`.
    #[wasm_bindgen(js_name = assignmentCsv)]
    pub fn assignment_csv(&self) -> String {
        self.inner.assignment_csv()
    }
}

/// A generated instance (`TerritoryInput` as JSON text): `accounts` accounts clustered around
/// towns, `territories` territories, today's owners from a design that has drifted out of
/// balance; the same text natively and in wasm for the same seed. Up to the input limits
/// (`MAX_TERRITORY_ACCOUNTS`, `MAX_TERRITORIES`).
#[wasm_bindgen(js_name = territorySample)]
pub fn territory_sample(
    #[wasm_bindgen(unchecked_param_type = "number")] accounts: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] territories: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number | bigint")] seed: JsValue,
) -> Result<String, JsValue> {
    let accounts = args::count(&accounts, "accounts", MAX_TERRITORY_ACCOUNTS)?;
    let territories = args::count(&territories, "territories", MAX_TERRITORIES)?;
    let seed = args::seed(&seed, "seed")?;
    Ok(serde_json::to_string(&spm_planning::territory::sample(accounts, territories, seed)).unwrap_or_default())
}
