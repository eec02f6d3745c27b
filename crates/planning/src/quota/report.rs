//! A quota plan's result in the wire format, with the sentences that say how every number was
//! made: the share a node got of its parent's padded pool, the padding it passes down, its
//! bottom-up number and the gap, proration and ramp, and the plan's totals.

use super::cascade::Figures;
use super::fields::mode_dto;
use super::phase::{self, Source};
use super::{BottomUp, Level, Node, Plan, Split};
use crate::quota::dto::{
    QuotaBottomUpDto, QuotaLevelDto, QuotaNodeDto, QuotaPlanResultDto, QuotaSplitDto, QuotaTotalsDto,
    SeasonalityResultDto,
};
use rust_decimal::Decimal;
use spm_base::error::DiagnosticDto;
use spm_base::error::Result;
use spm_base::fmt::{money, pct, rate, ratio};
use spm_base::money::{add, div, mul, percent, round_to, sub, RoundingMode};

/// The result of a checked plan and its figures.
pub(crate) fn result(plan: &Plan, fig: &[Figures]) -> Result<QuotaPlanResultDto> {
    let mut nodes = Vec::with_capacity(plan.order.len());
    for &i in &plan.order {
        if let (Some(n), Some(f)) = (plan.nodes.get(i), fig.get(i)) {
            nodes.push(node(plan, fig, i, n, f)?);
        }
    }
    let root = fig.get(plan.root);
    let leaf_sum = root.map_or(Decimal::ZERO, |f| f.leaf_sum);
    let effective = root.map_or(Decimal::ZERO, |f| f.effective);
    let bottom_up = root.and_then(|f| f.bottom_up);
    let gap = bottom_up.map(|b| sub(plan.target, b)).transpose()?;
    let leaves = plan.nodes.iter().filter(|n| n.is_leaf()).count();
    let shares = (0..12).map(|m| plan.profile.share(m).map(ratio)).collect::<Result<Vec<_>>>()?;
    let totals = QuotaTotalsDto {
        target: amt(plan, plan.target),
        leaf_sum: amt(plan, leaf_sum),
        over_assignment: ratio(sub(div(leaf_sum, plan.target)?, Decimal::ONE)?),
        bottom_up: bottom_up.map(|b| amt(plan, b)),
        gap: gap.map(|g| amt(plan, g)),
        gap_ratio: gap_ratio(gap, bottom_up)?,
        effective: amt(plan, effective),
        ramp_gap: amt(plan, sub(leaf_sum, effective)?),
        nodes: u32::try_from(plan.nodes.len()).unwrap_or(u32::MAX),
        leaves: u32::try_from(leaves).unwrap_or(u32::MAX),
    };
    Ok(QuotaPlanResultDto {
        schema_version: 1,
        currency: plan.currency.code().to_string(),
        year: plan.year,
        target: amt(plan, plan.target),
        rounding: mode_dto(plan.mode),
        split: split_dto(plan.split),
        bottom_up: plan.bottom_up.map(|b| match b {
            BottomUp::Potential => QuotaBottomUpDto::Potential,
            BottomUp::History => QuotaBottomUpDto::History,
            BottomUp::Capacity => QuotaBottomUpDto::Capacity,
        }),
        seasonality: SeasonalityResultDto { source: plan.profile.source.word().to_string(), shares },
        explanation: summary(plan, leaf_sum, effective, bottom_up, gap, leaves)?,
        nodes,
        totals,
        warnings: plan.warnings.iter().map(DiagnosticDto::from).collect(),
    })
}

fn node(plan: &Plan, fig: &[Figures], i: usize, n: &Node, f: &Figures) -> Result<QuotaNodeDto> {
    let parent = n.parent.and_then(|p| plan.nodes.get(p));
    let gap = f.bottom_up.map(|b| sub(f.quota, b)).transpose()?;
    let factors = match (&f.factors, n.is_leaf()) {
        (Some(x), true) => Some(x.iter().map(|x| x.value().map(ratio)).collect::<Result<Vec<_>>>()?),
        _ => None,
    };
    Ok(QuotaNodeDto {
        id: n.id.clone(),
        name: n.name.clone(),
        parent: parent.map(|p| p.id.clone()),
        level: match n.level {
            Level::Company => QuotaLevelDto::Company,
            Level::Region => QuotaLevelDto::Region,
            Level::Team => QuotaLevelDto::Team,
            Level::Rep => QuotaLevelDto::Rep,
        },
        depth: n.depth,
        index: u32::try_from(i).unwrap_or(u32::MAX),
        children: n.children.iter().filter_map(|c| plan.nodes.get(*c)).map(|c| c.id.clone()).collect(),
        split: n.split.map(split_dto),
        basis: f.basis.normalize().to_string(),
        share: ratio(f.share),
        quota: amt(plan, f.quota),
        over_assignment: n.over_assignment.to_string(),
        children_sum: f.pool.map(|p| amt(plan, p)),
        padding: f.pool.map(|p| sub(p, f.quota).map(|x| amt(plan, x))).transpose()?,
        bottom_up: f.bottom_up.map(|b| amt(plan, b)),
        gap: gap.map(|g| amt(plan, g)),
        gap_ratio: gap_ratio(gap, f.bottom_up)?,
        months: f.months.iter().map(|m| amt(plan, *m)).collect(),
        quarters: phase::quarters(&f.months)?.iter().map(|q| amt(plan, *q)).collect(),
        leaf_sum: amt(plan, f.leaf_sum),
        effective: amt(plan, f.effective),
        effective_months: f.effective_months.iter().map(|m| amt(plan, *m)).collect(),
        effective_quarters: phase::quarters(&f.effective_months)?.iter().map(|q| amt(plan, *q)).collect(),
        ramp_gap: amt(plan, sub(f.leaf_sum, f.effective)?),
        factors,
        explanation: sentences(plan, fig, n, f, parent)?,
    })
}

/// The node's sentences.
fn sentences(plan: &Plan, fig: &[Figures], n: &Node, f: &Figures, parent: Option<&Node>) -> Result<Vec<String>> {
    let cur = plan.currency;
    let m = |v: Decimal| money(v, cur);
    let mut out = Vec::new();
    match parent {
        None => out.push(format!("{} carries the company target, {}.", n.name, m(f.quota))),
        Some(p) => {
            let pool = n.parent.and_then(|i| fig.get(i)).and_then(|x| x.pool).unwrap_or_default();
            let of = match p.split.unwrap_or(Split::Equal) {
                Split::Equal => format!("an equal share of {}'s {}: 1 of {} parts", p.name, m(pool), p.children.len()),
                Split::Weight => format!(
                    "a share of {}'s {} by weight: {} of {} ({})",
                    p.name,
                    m(pool),
                    f.basis.normalize(),
                    f.basis_sum.normalize(),
                    pct(f.share)
                ),
                s => format!(
                    "a share of {}'s {} by {}: {} of {} ({})",
                    p.name,
                    m(pool),
                    basis_word(s),
                    m(f.basis),
                    m(f.basis_sum),
                    pct(f.share)
                ),
            };
            let tail = if f.exact == f.quota {
                String::new()
            } else {
                format!("; allocated {} by largest remainder (ties by id)", m(f.quota))
            };
            out.push(format!("{} gets {of} = {}{tail}.", n.name, m(f.exact)));
        }
    }
    if let (Some(pool), Some(split)) = (f.pool, n.split) {
        let how = match split {
            Split::Equal => "equally".to_string(),
            s => format!("by {}", basis_word(s)),
        };
        let k = n.children.len();
        let kids = if k == 1 { "Its child gets".to_string() } else { format!("Its {k} children share") };
        if n.over_assignment.is_zero() {
            out.push(format!("{kids} its {}, split {how}.", m(f.quota)));
        } else {
            let exact = mul(f.quota, add(Decimal::ONE, n.over_assignment)?)?;
            let rounded = if exact == pool { String::new() } else { format!(" (rounded {})", plan.mode.label()) };
            out.push(format!(
                "{kids} {} × (1 + {} over-assignment) = {}{rounded}, split {how}; the padding is {}.",
                m(f.quota),
                rate(n.over_assignment),
                m(pool),
                m(sub(pool, f.quota)?)
            ));
        }
    }
    if let Some(b) = f.bottom_up {
        out.push(bottom_up_sentence(plan, n, f, b)?);
        out.push(gap_sentence(plan, f.quota, b)?);
    }
    if let Some(fs) = f.factors.as_ref().filter(|x| n.is_leaf() && !x.iter().all(phase::Factor::is_full)) {
        let mut what = Vec::new();
        if let Some(h) = n.hire {
            what.push(format!("hired {h}"));
        }
        if let Some(t) = n.termination {
            what.push(format!("leaving {t}"));
        }
        if !n.ramp.is_empty() && n.hire.is_some() {
            what.push(format!("ramp {}", n.ramp.iter().map(|r| rate(*r)).collect::<Vec<_>>().join(", ")));
        }
        out.push(format!("Proration and ramp ({}): {}.", what.join("; "), phase::describe(fs).join("; ")));
        out.push(format!(
            "Effective quota {} (each month × its factor, the total rounded {}); {} is left unassigned, not re-spread to other reps.",
            m(f.effective),
            plan.mode.label(),
            m(sub(f.leaf_sum, f.effective)?)
        ));
    } else if !n.is_leaf() && f.effective != f.leaf_sum {
        out.push(format!(
            "Its leaves carry {} of their {} after proration and ramp; {} is unassigned.",
            m(f.effective),
            m(f.leaf_sum),
            m(sub(f.leaf_sum, f.effective)?)
        ));
    }
    Ok(out)
}

fn bottom_up_sentence(plan: &Plan, n: &Node, f: &Figures, b: Decimal) -> Result<String> {
    let m = |v: Decimal| money(v, plan.currency);
    if !n.is_leaf() {
        return Ok(format!("Bottom-up: the sum of its children's, {}.", m(b)));
    }
    Ok(match plan.bottom_up {
        Some(BottomUp::Potential) => format!(
            "Bottom-up from potential: {} × {} = {}.",
            m(f.potential.unwrap_or_default()),
            rate(plan.potential_rate),
            m(b)
        ),
        Some(BottomUp::History) => {
            let blend = plan.blend.as_ref();
            let terms: Vec<String> = blend
                .map(|bl| {
                    bl.weights
                        .iter()
                        .zip(&n.history)
                        .map(|(w, (p, h))| format!("{} × {} ({p})", rate(*w), m(*h)))
                        .collect()
                })
                .unwrap_or_default();
            let mut s = format!("Bottom-up from history: {} = {}", terms.join(" + "), m(f.blended.unwrap_or_default()));
            if let Some(bl) = blend.filter(|bl| !bl.growth.is_zero() || !bl.attrition.is_zero()) {
                s.push_str(&format!(
                    "; × (1 + {} growth) × (1 − {} attrition) = {}",
                    rate(bl.growth),
                    rate(bl.attrition),
                    m(b)
                ));
            }
            s.push('.');
            s
        }
        _ => {
            let frac = f.year_fraction.unwrap_or_default();
            let hundred = mul(frac, Decimal::ONE_HUNDRED)?;
            let shown = round_to(hundred, 4, RoundingMode::HalfUp);
            let approx = if shown == hundred { "" } else { "≈" };
            format!(
                "Bottom-up from capacity: {} a year at full productivity × {approx}{}% of the year sold at full ramp (after hire date, ramp and leaving) = {}.",
                m(n.productivity.unwrap_or_default()),
                shown.normalize(),
                m(b)
            )
        }
    })
}

fn gap_sentence(plan: &Plan, quota: Decimal, b: Decimal) -> Result<String> {
    let m = |v: Decimal| money(v, plan.currency);
    let gap = sub(quota, b)?;
    let rel = if b.is_zero() { String::new() } else { format!(" ({})", pct(div(gap.abs(), b)?)) };
    Ok(if gap.is_zero() {
        "Top-down and bottom-up agree.".to_string()
    } else if gap > Decimal::ZERO {
        format!("Top-down {} is {} above bottom-up{rel}.", m(quota), m(gap))
    } else {
        format!("Top-down {} is {} below bottom-up{rel}.", m(quota), m(gap.abs()))
    })
}

/// The plan's sentences.
fn summary(
    plan: &Plan,
    leaf_sum: Decimal,
    effective: Decimal,
    bottom_up: Option<Decimal>,
    gap: Option<Decimal>,
    leaves: usize,
) -> Result<Vec<String>> {
    let m = |v: Decimal| money(v, plan.currency);
    let overridden = plan.nodes.iter().any(|n| n.split.is_some_and(|s| s != plan.split));
    let how = match plan.split {
        Split::Equal => "equally".to_string(),
        s => format!("by {}", basis_word(s)),
    };
    let mut out = vec![format!(
        "Target {} for {}, cascaded top-down over {} nodes ({leaves} leaves): each parent's quota × (1 + its over-assignment), rounded {} to the minor unit, is split among its children {how}{} by largest remainder (ties by id), so the children sum exactly to it.",
        m(plan.target),
        plan.year,
        plan.nodes.len(),
        plan.mode.label(),
        if overridden { " (some nodes split their own way)" } else { "" }
    )];
    out.push(format!(
        "The leaves' quotas sum to {}: {} over the target.",
        m(leaf_sum),
        percent(sub(div(leaf_sum, plan.target)?, Decimal::ONE)?, 2)
    ));
    if let (Some(b), Some(g)) = (bottom_up, gap) {
        let from = match plan.bottom_up {
            Some(BottomUp::Potential) => format!("potential × {}", rate(plan.potential_rate)),
            Some(BottomUp::History) => "blended history with growth and attrition".to_string(),
            _ => "capacity".to_string(),
        };
        let rel = if b.is_zero() { String::new() } else { format!(" ({})", pct(div(g.abs(), b)?)) };
        let side = if g >= Decimal::ZERO { "above" } else { "below" };
        out.push(format!("Bottom-up from {from} sums to {}; the target is {} {side} it{rel}.", m(b), m(g.abs())));
    }
    let by = match plan.profile.source {
        Source::Flat => "evenly (1/12 each)",
        Source::Profile => "by the given monthly profile",
        Source::History => "by the shares of monthly history (a month's total over the years / the grand total)",
    };
    out.push(format!(
        "Every quota is phased into months {by}; the months sum to it by largest remainder (ties to the earlier month) and quarters are sums of months."
    ));
    let gap = sub(leaf_sum, effective)?;
    if gap.is_zero() {
        out.push(format!("No leaf is prorated or ramped in {}.", plan.year));
    } else {
        out.push(format!(
            "Proration and ramp leave {} of the leaves' quotas unassigned: it is shown, not re-spread.",
            m(gap)
        ));
    }
    Ok(out)
}

fn basis_word(s: Split) -> &'static str {
    match s {
        Split::Equal => "equal parts",
        Split::Weight => "weight",
        Split::Potential => "potential",
        Split::History => "blended history",
        Split::Capacity => "capacity",
    }
}

fn split_dto(s: Split) -> QuotaSplitDto {
    match s {
        Split::Equal => QuotaSplitDto::Equal,
        Split::Weight => QuotaSplitDto::Weight,
        Split::Potential => QuotaSplitDto::Potential,
        Split::History => QuotaSplitDto::History,
        Split::Capacity => QuotaSplitDto::Capacity,
    }
}

fn gap_ratio(gap: Option<Decimal>, b: Option<Decimal>) -> Result<Option<String>> {
    match (gap, b) {
        (Some(g), Some(b)) if !b.is_zero() => Ok(Some(ratio(div(g, b)?))),
        _ => Ok(None),
    }
}

/// An amount at the currency's minor units.
fn amt(plan: &Plan, v: Decimal) -> String {
    amount(v, plan.minor())
}

/// An amount at `minor` places (amounts here are whole minor units already).
pub(crate) fn amount(v: Decimal, minor: u32) -> String {
    spm_base::fmt::fixed(v, minor)
}
