//! The payout ledger at the JS boundary: exchange rates on a dataset, a ledger run kept on the
//! Rust side, and its report and exports (payroll, statements, journal entries).

use super::{args, to_js, to_js_error, Dataset, PlanEngine};
use spm_wire::api;
use spm_wire::spec::ledger_export;
use spm_wire::spec::ledger_report::LedgerDto;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Dataset {
    /// Sets exchange rates (an array of `{from, to, date, rate}`, its JSON text, or CSV text
    /// `from,to,date,rate`) for transactions and payees in other currencies.
    #[wasm_bindgen(js_name = setRates)]
    pub fn set_rates(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "RateSpec[] | string")] rates: JsValue,
    ) -> Result<(), JsValue> {
        let expected = "an array of RateSpec, its JSON text, or CSV text";
        let text = args::document(&rates, "rates", args::Shape::Array, expected)?;
        api::set_rates(&mut self.inner, &text).map_err(to_js_error)
    }
}

#[wasm_bindgen]
impl PlanEngine {
    /// Runs the payout ledger over a dataset with its events (an array of `EventSpec`, its JSON
    /// text, or CSV text `transactionId,kind,date,amount`; `null` for none), through the period
    /// labelled `through` (or the last with data), with payee adjustments: SPIFF prizes and
    /// manual corrections (an array of `AdjustmentSpec` such as a contest's `spiffRows()`, its
    /// JSON text, or CSV text `payeeId,date,amount,currency,reason` such as `spiffCsv()`;
    /// `undefined` or `null` for none).
    pub fn ledger(
        &self,
        data: &Dataset,
        #[wasm_bindgen(unchecked_param_type = "EventSpec[] | string | null | undefined")] events: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string | null")] through: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "AdjustmentSpec[] | string | null")] adjustments: JsValue,
    ) -> Result<LedgerRun, JsValue> {
        let expected = "an array of EventSpec, its JSON text, CSV text, or null";
        let events = args::opt_document(&events, "events", args::Shape::Array, expected)?.unwrap_or_default();
        let through = args::opt_text(&through, "through", "a period label (a string), null or undefined")?;
        let expected = "an array of AdjustmentSpec, its JSON text, CSV text, null or undefined";
        let adjustments = args::opt_document(&adjustments, "adjustments", args::Shape::Array, expected)?;
        let dto = api::ledger_with(
            &self.compiled,
            &data.inner,
            &events,
            through.as_deref(),
            adjustments.as_deref().unwrap_or_default(),
        )
        .map_err(to_js_error)?;
        Ok(LedgerRun { dto })
    }
}

/// A ledger run: the report and its exports.
#[wasm_bindgen]
pub struct LedgerRun {
    dto: LedgerDto,
}

#[wasm_bindgen]
impl LedgerRun {
    /// The ledger report as a plain object.
    #[wasm_bindgen(unchecked_return_type = "LedgerReport")]
    pub fn report(&self) -> Result<JsValue, JsValue> {
        to_js(&self.dto)
    }

    /// The ledger without entries, accounting rows or journal: periods, each payee's totals and
    /// period summaries, conversions, notes, and the accounting's monthly totals. For pages.
    #[wasm_bindgen(unchecked_return_type = "LedgerReport")]
    pub fn overview(&self) -> Result<JsValue, JsValue> {
        let mut d = self.dto.clone();
        for p in &mut d.payees {
            p.entries.clear();
        }
        for b in d.accounting.iter_mut().flatten() {
            b.costs.clear();
            b.assets.clear();
            b.journal.clear();
        }
        to_js(&d)
    }

    /// One payee's ledger (entries, period summaries, totals); `undefined` for an unknown id.
    #[wasm_bindgen(unchecked_return_type = "PayeeLedger | undefined")]
    pub fn payee(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] payee_id: JsValue,
    ) -> Result<JsValue, JsValue> {
        let payee_id = args::text(&payee_id, "payeeId", "a payee id (a string)")?;
        match self.dto.payees.iter().find(|p| p.payee_id == payee_id) {
            Some(p) => to_js(p),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// One payee's accounting: the costs and capitalized assets of their deals, per currency.
    #[wasm_bindgen(js_name = payeeAccounting, unchecked_return_type = "AccountingBooks[]")]
    pub fn payee_accounting(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] payee_id: JsValue,
    ) -> Result<JsValue, JsValue> {
        let payee_id = args::text(&payee_id, "payeeId", "a payee id (a string)")?;
        let books: Vec<_> = self
            .dto
            .accounting
            .iter()
            .flatten()
            .map(|b| {
                let mut b = b.clone();
                b.costs.retain(|c| c.payee_id == payee_id);
                b.assets.retain(|a| a.payee_id == payee_id);
                b.journal.retain(|j| j.payee_id == payee_id);
                b
            })
            .filter(|b| !b.costs.is_empty())
            .collect();
        to_js(&books)
    }

    /// The ledger report as JSON text.
    pub fn json(&self) -> Result<String, JsValue> {
        serde_json::to_string(&self.dto)
            .map_err(|e| to_js_error(spm_base::Error::new(spm_base::Code::Internal, e.to_string())))
    }

    /// Payroll export (CSV).
    #[wasm_bindgen(js_name = payrollCsv)]
    pub fn payroll_csv(&self) -> String {
        ledger_export::payroll_csv(&self.dto)
    }

    /// Every ledger entry (CSV).
    #[wasm_bindgen(js_name = statementsCsv)]
    pub fn statements_csv(&self) -> String {
        ledger_export::statements_csv(&self.dto)
    }

    /// Journal entries for the general ledger (CSV).
    #[wasm_bindgen(js_name = journalCsv)]
    pub fn journal_csv(&self) -> String {
        ledger_export::journal_csv(&self.dto)
    }
}
