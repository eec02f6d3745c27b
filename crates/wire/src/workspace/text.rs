//! The workspace's text-in, text-out front door, shared by the binding (`src/workspace.rs`) and
//! any native caller: each function reads its documents as JSON text (people, accounts,
//! territories, options) and CSV text, and returns JSON text.

use super::derive::{accounts_from_deals, quota_input, scoring_input, territory_input, QuotaOptionsDto};
use super::{WorkspaceAccountDto, WorkspaceTerritoryDto};
use crate::spec::data::PayeeDto;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::error::{Code, Error, Result};
use spm_base::json;

/// Accounts and territories derived from the deals (`accountsFor`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorkspacePlacesDto {
    /// One account per customer.
    pub accounts: Vec<WorkspaceAccountDto>,
    /// One territory per account owner.
    pub territories: Vec<WorkspaceTerritoryDto>,
}

fn people(text: &str) -> Result<Vec<PayeeDto>> {
    let people: Vec<PayeeDto> = json::from_str(text, "the people")?;
    spm_base::limits::check(
        "people",
        "people in one workspace",
        people.len(),
        spm_base::limits::MAX_PAYEES,
        "split the company",
    )?;
    Ok(people)
}

fn text_of<T: Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::new(Code::Internal, e.to_string()))
}

/// The sample workspace's canonical text.
pub fn sample_json() -> String {
    super::write(&super::sample_workspace())
}

/// [`territory_input`] over JSON texts of the people, accounts and territories.
///
/// # Errors
/// Located JSON errors of each document.
pub fn territory_input_json(people_json: &str, accounts_json: &str, territories_json: &str) -> Result<String> {
    let accounts: Vec<WorkspaceAccountDto> = json::from_str(accounts_json, "the accounts")?;
    let territories: Vec<WorkspaceTerritoryDto> = json::from_str(territories_json, "the territories")?;
    text_of(&territory_input(&people(people_json)?, &accounts, &territories))
}

/// [`quota_input`] over the people's JSON, the deals CSV and the options' JSON.
///
/// # Errors
/// Located JSON errors; those of [`quota_input`].
pub fn quota_input_json(people_json: &str, deals_csv: &str, options_json: &str) -> Result<String> {
    let options: QuotaOptionsDto = json::from_str(options_json, "the options")?;
    text_of(&quota_input(&people(people_json)?, deals_csv, &options)?)
}

/// [`scoring_input`] over the people's JSON and the deals and activity CSV.
///
/// # Errors
/// Located JSON errors; those of [`scoring_input`].
pub fn scoring_input_json(people_json: &str, deals_csv: &str, activity_csv: &str) -> Result<String> {
    text_of(&scoring_input(&people(people_json)?, deals_csv, activity_csv)?)
}

/// [`accounts_from_deals`] over the people's JSON and the deals CSV, as a [`WorkspacePlacesDto`].
///
/// # Errors
/// Located JSON errors; those of [`accounts_from_deals`].
pub fn accounts_json(people_json: &str, deals_csv: &str) -> Result<String> {
    let (accounts, territories) = accounts_from_deals(&people(people_json)?, deals_csv)?;
    text_of(&WorkspacePlacesDto { accounts, territories })
}
