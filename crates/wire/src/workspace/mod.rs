//! The company workspace file (issue 20): one document holding a company's people, plans with
//! their versions, deals, ledger events, exchange rates, accounts and territories, scoring
//! definitions and activity, and import settings, so that every page works on the same company
//! and a workspace can be handed on as one file. docs/workspace.md describes the format.
//!
//! [`read`] migrates an older document (`migrate`), then validates every part and collects every
//! problem with its path (`check`); [`write`] gives the canonical text, which [`read`] gives back
//! unchanged. `derive` turns a workspace into the inputs of the Territories, Quotas and
//! Leaderboard pages; `sample` builds the built-in company.

mod check;
pub mod derive;
#[cfg(test)]
mod derive_tests;
mod migrate;
pub mod sample;
#[cfg(test)]
mod tests;
pub mod text;

pub use derive::{quota_input, scoring_input, territory_input, QuotaOptionsDto, ScoringInputDto};
pub use sample::sample_workspace;
pub use text::WorkspacePlacesDto;

use crate::spec::data::PayeeDto;
use crate::spec::import::MappingDto;
use crate::spec::plan::PlanDto;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::dec::Dec;
use spm_base::error::{Code, Diagnostic, DiagnosticDto, Error, Result, Severity};
use spm_base::schema::SchemaVersion;
use spm_planning::territory::dto::{CapacityDto, PointDto};
use spm_scoring::dto::ScoringDefsDto;

/// The value of `format` in every workspace file.
pub const FORMAT: &str = "spm-workspace";
/// The schema version this engine reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// A company workspace: everything every page computes on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorkspaceDto {
    /// Always "spm-workspace".
    #[schemars(extend("enum" = ["spm-workspace"]))]
    pub format: String,
    /// The workspace format's version: 1.
    #[schemars(with = "SchemaVersion")]
    pub schema_version: u32,
    /// The company's name.
    pub name: String,
    /// The people: payees with roles, teams, managers, dates, quotas and target incentives.
    #[serde(default)]
    pub people: Vec<PayeeDto>,
    /// The plans, each with its saved versions.
    #[serde(default)]
    pub plans: Vec<WorkspacePlanDto>,
    /// The deals as the canonical transactions CSV (what `Dataset.fromCsv` reads).
    #[serde(default)]
    pub deals_csv: String,
    /// Ledger events as CSV (`transactionId,kind,date,amount`); may be empty.
    #[serde(default)]
    pub events_csv: String,
    /// Exchange rates as CSV (`from,to,date,rate`); may be empty.
    #[serde(default)]
    pub rates_csv: String,
    /// The accounts (customers) with their potential and owner.
    #[serde(default)]
    pub accounts: Vec<WorkspaceAccountDto>,
    /// The territories, each usually held by one person.
    #[serde(default)]
    pub territories: Vec<WorkspaceTerritoryDto>,
    /// The scoring definitions `ScoringModel` takes, or null.
    #[serde(default)]
    pub scoring_definitions: Option<ScoringDefsDto>,
    /// Scoring activity events as CSV (`id,payeeId,type,date[,amount]`); may be empty.
    #[serde(default)]
    pub activity_csv: String,
    /// Settings: the company currency and remembered import mappings.
    #[serde(default)]
    pub settings: WorkspaceSettingsDto,
}

/// A plan and its saved versions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorkspacePlanDto {
    /// The plan's id (unique in the workspace).
    pub id: String,
    /// The number of the version in use.
    pub active: u32,
    /// The saved versions, oldest first.
    pub versions: Vec<WorkspacePlanVersionDto>,
}

/// One saved version of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorkspacePlanVersionDto {
    /// The version number (1, 2, …; unique within the plan).
    pub version: u32,
    /// When it was saved (an ISO 8601 time such as "2026-01-05T10:00:00Z"), or null.
    #[serde(default)]
    pub saved_at: Option<String>,
    /// What changed, or null.
    #[serde(default)]
    pub note: Option<String>,
    /// The plan document.
    pub plan: PlanDto,
}

/// An account (customer) of the company.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorkspaceAccountDto {
    /// Unique id (the `customer` of its deals).
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Sales potential (not negative).
    pub potential: Dec,
    /// Workload, such as visits a year ("1" when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workload: Option<Dec>,
    /// Where it is (planar coordinates); the origin when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<PointDto>,
    /// The person who owns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    /// The territory it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub territory_id: Option<String>,
    /// Whether it must stay in its territory when territories are rebalanced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locked: Option<bool>,
}

/// A territory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorkspaceTerritoryDto {
    /// Unique id.
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The person who holds it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner_id: Option<String>,
    /// Upper limits of workload and accounts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<CapacityDto>,
    /// A fixed centre (the holder's office).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub center: Option<PointDto>,
}

/// The workspace's settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorkspaceSettingsDto {
    /// The company's reporting currency (ISO 4217), or null.
    #[serde(default)]
    pub currency: Option<String>,
    /// Import mappings remembered per source.
    #[serde(default)]
    pub mappings: Vec<WorkspaceMappingDto>,
    /// The last imports' data-quality reports, newest first (the Company page keeps five), so
    /// the report of an import survives a reload and travels with an exported workspace.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub import_reports: Vec<ImportLogDto>,
}

/// One import as the Company page logged it. The engine carries it through unread: the report
/// and the changes are the import functions' own output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ImportLogDto {
    /// When (ISO 8601 date and time).
    pub at: String,
    /// The file's name.
    pub file: String,
    /// What the file held: deals, people, hierarchy or quotas.
    pub kind: String,
    /// The mapping preset used, when one was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    /// The import report (an `ImportReport`, its lines possibly cut to the first few thousand).
    pub report: serde_json::Value,
    /// What the merge by id changed (added, updated, unchanged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<serde_json::Value>,
}

/// An import mapping remembered for a source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorkspaceMappingDto {
    /// Where the file comes from (such as "salesforce-deals" or a file name).
    pub source: String,
    /// What the file holds: "transactions", "payees", "hierarchy", "quotas", or another label.
    pub kind: String,
    /// The column mapping.
    pub mapping: MappingDto,
}

/// What `readWorkspace` returns: the workspace as version 1 and the warnings found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct WorkspaceReadDto {
    /// The workspace, migrated to the current version.
    pub workspace: WorkspaceDto,
    /// Problems that do not stop the workspace from being used.
    pub warnings: Vec<DiagnosticDto>,
}

impl WorkspaceDto {
    /// An empty workspace of the current version named `name`.
    pub fn empty(name: &str) -> Self {
        WorkspaceDto {
            format: FORMAT.into(),
            schema_version: SCHEMA_VERSION,
            name: name.into(),
            people: Vec::new(),
            plans: Vec::new(),
            deals_csv: String::new(),
            events_csv: String::new(),
            rates_csv: String::new(),
            accounts: Vec::new(),
            territories: Vec::new(),
            scoring_definitions: None,
            activity_csv: String::new(),
            settings: WorkspaceSettingsDto::default(),
        }
    }
}

/// Reads a workspace document of any known version: migrates it to version 1, then validates
/// every part (people, plans and their versions, the CSV texts, accounts, territories, scoring)
/// and returns it with the warnings.
///
/// # Errors
/// `JSON_SYNTAX`, `SCHEMA_VERSION` (a version newer than this engine reads), `LIMIT_EXCEEDED`,
/// and every error-level problem found, each located by its path (`people[3].id`,
/// `plans[0].versions[1].plan.components[2].rateTable`, `dealsCsv, line 7, column amount`), in
/// one error that also carries the warnings.
pub fn read(text: &str) -> Result<(WorkspaceDto, Vec<Diagnostic>)> {
    let value = migrate::to_current(text)?;
    let (ws, mut diags, broken) = check::typed(value)?;
    diags.extend(check::check(&ws, &broken));
    // At most MAX_DIAGNOSTICS are listed (a million people with an unknown manager are not a
    // million messages), errors first so none hides behind warnings.
    diags.sort_by_key(|d| d.severity != Severity::Error);
    if diags.iter().any(|d| d.severity == Severity::Error) {
        spm_core::data::finish(&mut diags);
        return Err(Error::from_diagnostics(diags));
    }
    let max = spm_core::data::MAX_DIAGNOSTICS;
    if diags.len() > max {
        let more = diags.len().saturating_sub(max);
        diags.truncate(max);
        diags.push(Diagnostic::warning(
            "$",
            Code::FieldIgnored,
            format!("{more} more warnings were found and not listed"),
            "fix the ones above to see the rest",
        ));
    }
    Ok((ws, diags))
}

/// [`read`] as the JSON text of a [`WorkspaceReadDto`] (`{ workspace, warnings }`), the
/// workspace in canonical form.
///
/// # Errors
/// Those of [`read`].
pub fn read_json(text: &str) -> Result<String> {
    let (workspace, warnings) = read(text)?;
    let dto = WorkspaceReadDto { workspace, warnings: warnings.iter().map(DiagnosticDto::from).collect() };
    serde_json::to_string(&dto).map_err(|e| Error::new(Code::Internal, e.to_string()))
}

/// The canonical text of a workspace: members in a fixed order, two-space indentation, the
/// version fields as this engine writes them. Deterministic, and `read(write(x))` is `x`.
pub fn write(ws: &WorkspaceDto) -> String {
    let mut out = ws.clone();
    out.format = FORMAT.into();
    out.schema_version = SCHEMA_VERSION;
    // Serializing these DTOs cannot fail (string keys, no maps with other keys).
    serde_json::to_string_pretty(&out).unwrap_or_default()
}
