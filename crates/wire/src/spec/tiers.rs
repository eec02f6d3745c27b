//! Validation of rate tables: contiguous half-open tiers from zero, the last one open, no negative rates, mode-specific fields only where they apply.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use spm_base::dec::Dec;
use spm_base::error::{Code, Diagnostic, Severity};
use spm_plan::rate_table::{Evaluation, RateTable, Tier, TierBase, TierMode};

/// A rate table on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RateTableDto {
    /// Tier semantic: how the tiers turn credit into earning.
    pub mode: TierModeDto,
    /// Unit of the tier bounds: attainment ratios or amounts.
    pub base: TierBaseDto,
    /// Running or per transaction.
    pub evaluation: EvaluationDto,
    /// The bands: contiguous, the first from "0", only the last open (`to` null).
    pub tiers: Vec<TierDto>,
}

/// Tier mode on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum TierModeDto {
    /// Whole base at the highest tier's rate.
    Flat,
    /// Each slice at its own rate.
    Marginal,
    /// Rate linear inside the band.
    Interpolated,
    /// Marginal with retroactive unlocks.
    Retroactive,
}

/// Tier base on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum TierBaseDto {
    /// Ratio of quota.
    Attainment,
    /// Plan-currency amount.
    Amount,
}

/// Evaluation on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum EvaluationDto {
    /// Running total.
    Running,
    /// Each transaction alone.
    PerTransaction,
}

/// A tier on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TierDto {
    /// Inclusive lower bound of the half-open band [from, to).
    pub from: Dec,
    /// Exclusive upper bound; null on the last tier.
    #[serde(default)]
    pub to: Option<Dec>,
    /// Rate as a fraction of the credited amount: "0.05" is 5%.
    pub rate: Dec,
    /// Interpolated mode: rate at `to`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_to: Option<Dec>,
    /// Retroactive mode: re-rates everything below.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retroactive: Option<bool>,
}

fn errors(d: &[Diagnostic]) -> usize {
    d.iter().filter(|x| x.severity == Severity::Error).count()
}

/// Validates a rate table, adding a located diagnostic for each problem.
pub fn rate_table(t: &RateTableDto, path: &str, diags: &mut Vec<Diagnostic>) -> Option<RateTable> {
    let before = errors(diags);
    let mode = match t.mode {
        TierModeDto::Flat => TierMode::Flat,
        TierModeDto::Marginal => TierMode::Marginal,
        TierModeDto::Interpolated => TierMode::Interpolated,
        TierModeDto::Retroactive => TierMode::Retroactive,
    };
    if t.tiers.is_empty() {
        diags.push(Diagnostic::error(
            format!("{path}.tiers"),
            Code::TierStart,
            "the rate table has no tiers",
            "add a first tier starting at \"0\"",
        ));
        return None;
    }
    let n = t.tiers.len();
    let mut tiers = Vec::with_capacity(n);
    let mut prev_to: Option<Decimal> = None;
    for (i, tier) in t.tiers.iter().enumerate() {
        let tp = format!("{path}.tiers[{i}]");
        let from = tier.from.get(&format!("{tp}.from"), diags);
        let to = match &tier.to {
            Some(v) => v.get(&format!("{tp}.to"), diags).map(Some),
            None => Some(None),
        };
        let rate = tier.rate.get(&format!("{tp}.rate"), diags);
        let rate_to = match &tier.rate_to {
            Some(v) => v.get(&format!("{tp}.rateTo"), diags),
            None => rate,
        };
        for (field, value) in [("rate", rate), ("rateTo", if tier.rate_to.is_some() { rate_to } else { None })] {
            if let Some(r) = value {
                if r < Decimal::ZERO {
                    diags.push(Diagnostic::error(
                        format!("{tp}.{field}"),
                        Code::RateNegative,
                        format!("the rate {r} is negative"),
                        "rates are fractions of the credited amount, zero or more; \"0.05\" is 5%",
                    ));
                } else if r > Decimal::ONE {
                    diags.push(Diagnostic::warning(
                        format!("{tp}.{field}"),
                        Code::RateNegative,
                        format!("the rate {r} is more than 100% of the credited amount"),
                        "rates are fractions: write \"0.05\" for 5%",
                    ));
                }
            }
        }
        if tier.rate_to.is_some() && mode != TierMode::Interpolated {
            diags.push(Diagnostic::error(
                format!("{tp}.rateTo"),
                Code::TierModeField,
                "rateTo only applies to interpolated tables",
                "remove rateTo, or set the table's mode to \"interpolated\"",
            ));
        }
        if tier.retroactive.is_some() && mode != TierMode::Retroactive {
            diags.push(Diagnostic::error(
                format!("{tp}.retroactive"),
                Code::TierModeField,
                "retroactive only applies to retroactive tables",
                "remove retroactive, or set the table's mode to \"retroactive\"",
            ));
        }
        if let Some(f) = from {
            if f < Decimal::ZERO {
                diags.push(Diagnostic::error(
                    format!("{tp}.from"),
                    Code::NegativeValue,
                    format!("the bound {f} is negative"),
                    "tiers start at \"0\"",
                ));
            }
            if i == 0 && !f.is_zero() {
                diags.push(Diagnostic::error(
                    format!("{tp}.from"),
                    Code::TierStart,
                    format!("the first tier starts at {f}, not 0, so credits below it have no rate"),
                    "start the first tier at \"0\" (use a zero rate for a threshold)",
                ));
            }
            if let Some(p) = prev_to {
                if f > p {
                    diags.push(Diagnostic::error(
                        format!("{tp}.from"),
                        Code::TierGap,
                        format!("there is a gap between the previous tier's end {p} and this tier's start {f}"),
                        format!("start this tier at \"{p}\""),
                    ));
                } else if f < p {
                    diags.push(Diagnostic::error(
                        format!("{tp}.from"),
                        Code::TierOverlap,
                        format!("this tier starts at {f}, inside the previous tier that ends at {p}"),
                        format!("start this tier at \"{p}\" or end the previous one at \"{f}\""),
                    ));
                }
            }
        }
        match to {
            Some(None) if i + 1 < n => diags.push(Diagnostic::error(
                format!("{tp}.to"),
                Code::TierBounds,
                "only the last tier may be open-ended",
                "give this tier an upper bound equal to the next tier's from",
            )),
            Some(Some(v)) if i + 1 == n => diags.push(Diagnostic::error(
                format!("{tp}.to"),
                Code::TierBounds,
                format!("the last tier ends at {v}, so credits above it have no rate"),
                "set the last tier's to to null (use a cap to limit payout)",
            )),
            Some(Some(v)) => {
                if let Some(f) = from {
                    if v <= f {
                        diags.push(Diagnostic::error(
                            format!("{tp}.to"),
                            Code::TierBounds,
                            format!("the tier ends at {v}, not above its start {f}"),
                            "make to greater than from",
                        ));
                    }
                }
            }
            _ => {}
        }
        if mode == TierMode::Interpolated && i + 1 == n && tier.rate_to.is_some() && rate_to != rate {
            diags.push(Diagnostic::error(
                format!("{tp}.rateTo"),
                Code::TierBounds,
                "an open-ended tier has no end to interpolate to",
                "remove rateTo from the last tier",
            ));
        }
        prev_to = to.flatten();
        if let (Some(f), Some(t_), Some(r), Some(rt)) = (from, to, rate, rate_to) {
            tiers.push(Tier { from: f, to: t_, rate: r, rate_to: rt, retroactive: tier.retroactive.unwrap_or(false) });
        }
    }
    if errors(diags) > before {
        return None;
    }
    Some(RateTable {
        mode,
        base: match t.base {
            TierBaseDto::Attainment => TierBase::Attainment,
            TierBaseDto::Amount => TierBase::Amount,
        },
        evaluation: match t.evaluation {
            EvaluationDto::Running => Evaluation::Running,
            EvaluationDto::PerTransaction => Evaluation::PerTransaction,
        },
        tiers,
    })
}
