//! The estimate documents: hypothetical deals and the answers (each deal's effect, every deal
//! together, a pipeline's expected and best-case payout, a payout curve). The payee's state is
//! read by `spm-wire` (`spec::estimate`), since it holds a payee and transactions.
//! Decimals are strings; unknown fields are rejected. See docs/estimate.md.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::dec::Dec;
use spm_base::schema::{DateString, DecimalString, SchemaVersion};

/// A hypothetical deal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DealDto {
    /// Identifier (generated when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Deal amount.
    pub amount: Dec,
    /// Close date (the state's `asOf` when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DateString>")]
    pub date: Option<String>,
    /// Product.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    /// Deal type.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    /// The payee's share of the deal (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<Dec>,
    /// Probability of closing, 0–1 (pipelines).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<Dec>,
}

/// The answer for some hypothetical deals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EstimateDto {
    /// Wire-format version.
    #[schemars(with = "SchemaVersion")]
    pub schema_version: u32,
    /// Plan currency.
    pub currency: String,
    /// Payee id.
    pub payee_id: String,
    /// Today.
    #[schemars(with = "DateString")]
    pub as_of: String,
    /// Each deal alone on top of the state.
    pub deals: Vec<DealEstimateDto>,
    /// Every deal together, when there is more than one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all: Option<TotalDto>,
}

/// Payout before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TotalDto {
    /// Without the deals.
    #[schemars(with = "DecimalString")]
    pub before: String,
    /// With them.
    #[schemars(with = "DecimalString")]
    pub after: String,
    /// The difference.
    #[schemars(with = "DecimalString")]
    pub adds: String,
}

/// One deal's effect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DealEstimateDto {
    /// Deal id.
    pub id: String,
    /// Deal amount.
    #[schemars(with = "DecimalString")]
    pub amount: String,
    /// Credited to the payee (amount × share).
    #[schemars(with = "DecimalString")]
    pub credit: String,
    /// The period it closes in.
    pub period: String,
    /// The period's payout without the deal.
    #[schemars(with = "DecimalString")]
    pub before: String,
    /// With it.
    #[schemars(with = "DecimalString")]
    pub after: String,
    /// After − before (in later periods of the year too, such as a true-up).
    #[schemars(with = "DecimalString")]
    pub adds: String,
    /// Adds / credit.
    #[schemars(with = "DecimalString")]
    pub marginal_rate: String,
    /// After / the period's credited amount with the deal.
    #[schemars(with = "DecimalString")]
    pub blended_rate: String,
    /// Per component.
    pub components: Vec<ComponentEstimateDto>,
    /// In words: the summary first.
    pub explanation: Vec<String>,
}

/// One component's part of a deal's effect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ComponentEstimateDto {
    /// Component id.
    pub component_id: String,
    /// Name.
    pub component_name: String,
    /// Earning without the deal.
    #[schemars(with = "DecimalString")]
    pub before: String,
    /// With it.
    #[schemars(with = "DecimalString")]
    pub after: String,
    /// The difference.
    #[schemars(with = "DecimalString")]
    pub adds: String,
    /// Attainment without the deal (6 places).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub attainment_before: Option<String>,
    /// With it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub attainment_after: Option<String>,
    /// Tiers whose lower bound the deal reaches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tiers_crossed: Vec<TierRefDto>,
    /// The gate the deal opens, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gate_unlocked: Option<String>,
    /// What a cap took off the deal's effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<DecimalString>")]
    pub capped: Option<String>,
    /// The next tier and the credit still needed to reach it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_tier: Option<NextTierDto>,
    /// The engine's sentences for the component with the deal.
    pub explanation: Vec<String>,
}

/// A tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TierRefDto {
    /// 1-based tier number.
    pub tier: usize,
    /// Lower bound (attainment ratio or amount).
    #[schemars(with = "DecimalString")]
    pub from: String,
    /// Rate.
    #[schemars(with = "DecimalString")]
    pub rate: String,
    /// Whether reaching it re-rates earlier credit.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retroactive: bool,
}

/// The next tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NextTierDto {
    /// 1-based tier number.
    pub tier: usize,
    /// Lower bound.
    #[schemars(with = "DecimalString")]
    pub from: String,
    /// Rate.
    #[schemars(with = "DecimalString")]
    pub rate: String,
    /// Credit still needed.
    #[schemars(with = "DecimalString")]
    pub credit_needed: String,
}

/// A pipeline's payout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PipelineDto {
    /// Wire-format version.
    #[schemars(with = "SchemaVersion")]
    pub schema_version: u32,
    /// Plan currency.
    pub currency: String,
    /// Each deal alone.
    pub deals: Vec<PipelineDealDto>,
    /// Expected payout increase (exact, over every combination).
    #[schemars(with = "DecimalString")]
    pub expected: String,
    /// Every deal closes.
    #[schemars(with = "DecimalString")]
    pub best_case: String,
    /// None closes.
    #[schemars(with = "DecimalString")]
    pub worst_case: String,
    /// How `expected` was computed.
    pub method: String,
}

/// A pipeline deal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PipelineDealDto {
    /// Deal id.
    pub id: String,
    /// Amount.
    #[schemars(with = "DecimalString")]
    pub amount: String,
    /// Probability.
    #[schemars(with = "DecimalString")]
    pub probability: String,
    /// What it adds alone.
    #[schemars(with = "DecimalString")]
    pub adds: String,
}

/// Payout against deal size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CurveDto {
    /// Plan currency.
    pub currency: String,
    /// The period of the deal.
    pub period: String,
    /// Points from 0 to the deal's amount.
    pub points: Vec<CurvePointDto>,
    /// Deal sizes at which a tier boundary is reached.
    pub breaks: Vec<CurveBreakDto>,
}

/// A point of the curve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CurvePointDto {
    /// Deal amount.
    #[schemars(with = "DecimalString")]
    pub amount: String,
    /// What it adds.
    #[schemars(with = "DecimalString")]
    pub adds: String,
    /// The period's payout with it.
    #[schemars(with = "DecimalString")]
    pub after: String,
}

/// A tier break on the curve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CurveBreakDto {
    /// Deal amount at which the tier starts.
    #[schemars(with = "DecimalString")]
    pub amount: String,
    /// Component id.
    pub component_id: String,
    /// 1-based tier.
    pub tier: usize,
    /// Its rate.
    #[schemars(with = "DecimalString")]
    pub rate: String,
}
