//! From the wire format to a checked [`Plan`]: every value in range, every reference resolved,
//! every input the method needs present; all problems collected with their JSON paths. Inputs
//! that have no effect (an over-assignment on a leaf, a potential on a parent) are warnings.
//! Checks of single values (shared with the capacity plan) are in `fields`.

use super::fields::{
    currency, date, mode, non_negative, ramp, schema_version, seasonality, share, target, weight_sum, year,
};
use super::phase::Profile;
use super::{tree, Blend, BottomUp, Level, Node, Plan, Split, MAX_NODES};
use crate::quota::dto::{
    QuotaBottomUpDto, QuotaLevelDto, QuotaMethodDto, QuotaNodeInputDto, QuotaPlanInputDto, QuotaSplitDto,
};
use rust_decimal::Decimal;
use spm_base::error::{Code, Diagnostic, Error, Result, Severity};
use std::collections::BTreeSet;

/// Checks a quota plan.
pub(crate) fn plan(v: &QuotaPlanInputDto) -> Result<Plan> {
    let mut d = Vec::new();
    schema_version(v.schema_version, &mut d);
    let currency = currency(&v.currency, &mut d);
    let year = year(v.year, &mut d);
    let target = target(&v.target, "target", currency, &mut d);
    let mode = mode(v.rounding);
    let levels = v.over_assignment.clone().unwrap_or_default();
    let level_oa = [
        levels.company.as_ref().and_then(|x| share(x, "overAssignment.company", &mut d)),
        levels.region.as_ref().and_then(|x| share(x, "overAssignment.region", &mut d)),
        levels.team.as_ref().and_then(|x| share(x, "overAssignment.team", &mut d)),
    ];
    let plan_ramp = v.ramp.as_ref().map(|r| ramp(r, "ramp", &mut d)).unwrap_or_default();
    let profile = v.seasonality.as_ref().map_or(Some(Profile::flat()), |s| seasonality(s, "seasonality", &mut d));
    let m = &v.method;
    let split = split(m.split);
    let bottom_up = m.bottom_up.map(bottom_up).or(match split {
        Split::Potential => Some(BottomUp::Potential),
        Split::History => Some(BottomUp::History),
        Split::Capacity => Some(BottomUp::Capacity),
        Split::Equal | Split::Weight => None,
    });
    let potential_rate = match &m.potential_rate {
        Some(r) => share(r, "method.potentialRate", &mut d),
        None => Some(Decimal::ONE),
    };
    let blend = m.history.as_ref().and_then(|h| {
        let weights: Vec<Option<Decimal>> = h
            .weights
            .iter()
            .enumerate()
            .map(|(i, w)| non_negative(w, &format!("method.history.weights[{i}]"), &mut d))
            .collect();
        let growth = h.growth.as_ref().map_or(Some(Decimal::ZERO), |g| {
            g.get("method.history.growth", &mut d).filter(|g| {
                let ok = *g > Decimal::NEGATIVE_ONE;
                if !ok {
                    d.push(Diagnostic::error(
                        "method.history.growth",
                        Code::OutOfRange,
                        format!("a growth of {g} would leave nothing"),
                        "give growth above -1 (\"-0.10\" is a 10% decline)",
                    ));
                }
                ok
            })
        });
        let attrition =
            h.attrition.as_ref().map_or(Some(Decimal::ZERO), |a| share(a, "method.history.attrition", &mut d));
        let weights: Option<Vec<Decimal>> = weights.into_iter().collect();
        let weights = weights.filter(|w| weight_sum(w, "method.history.weights", &mut d));
        Some(Blend { weights: weights?, growth: growth?, attrition: attrition? })
    });
    let productivity =
        m.capacity.as_ref().and_then(|c| non_negative(&c.productivity, "method.capacity.productivity", &mut d));
    if v.nodes.len() > MAX_NODES {
        d.push(Diagnostic::error(
            "nodes",
            Code::LimitExceeded,
            format!("{} nodes, more than the {MAX_NODES} a plan may have", v.nodes.len()),
            "split the plan by region",
        ));
        return Err(Error::from_diagnostics(d));
    }
    let mut nodes: Vec<Node> = v.nodes.iter().enumerate().map(|(i, n)| node(i, n, &mut d)).collect();
    ids(&v.nodes, &mut d);
    let ids: Vec<&str> = v.nodes.iter().map(|n| n.id.as_str()).collect();
    let parents: Vec<Option<&str>> = v.nodes.iter().map(|n| n.parent.as_deref()).collect();
    if v.nodes.is_empty() {
        d.push(Diagnostic::error("nodes", Code::MissingField, "the plan has no nodes", "add the company as the root"));
    }
    let tree = tree::build(&ids, &parents, &mut d);
    if let Some(t) = &tree {
        shape(&mut nodes, t, &v.nodes, split, &level_oa, &plan_ramp, productivity, &mut d);
        needs(&nodes, t, &v.nodes, bottom_up, m, blend.as_ref(), &mut d);
    }
    if d.iter().any(|x| x.severity == Severity::Error) {
        return Err(Error::from_diagnostics(d));
    }
    match (currency, year, target, potential_rate, profile, tree) {
        (Some(currency), Some(year), Some(target), Some(potential_rate), Some(profile), Some(t)) => Ok(Plan {
            currency,
            year,
            target,
            mode,
            split,
            bottom_up,
            potential_rate,
            blend,
            profile,
            nodes,
            root: t.root,
            order: t.order,
            warnings: d,
        }),
        _ => Err(Error::new(Code::Internal, "a checked quota plan lost a value")),
    }
}

/// A node's own fields.
fn node(i: usize, n: &QuotaNodeInputDto, d: &mut Vec<Diagnostic>) -> Node {
    let at = |f: &str| format!("nodes[{i}].{f}");
    let hire = n.hire_date.as_ref().and_then(|s| date(s, &at("hireDate"), d));
    let termination = n.termination_date.as_ref().and_then(|s| date(s, &at("terminationDate"), d));
    if let (Some(h), Some(t)) = (hire, termination) {
        if t < h {
            d.push(Diagnostic::error(
                at("terminationDate"),
                Code::OutOfRange,
                format!("the last day {t} is before the first day {h}"),
                "check the dates",
            ));
        }
    }
    let mut history: Vec<(String, Decimal)> = Vec::new();
    let mut periods = BTreeSet::new();
    for (j, h) in n.history.iter().flatten().enumerate() {
        let p = format!("{}[{j}]", at("history"));
        if h.period.is_empty() || !periods.insert(h.period.as_str()) {
            d.push(Diagnostic::error(
                format!("{p}.period"),
                Code::IdInvalid,
                format!("period {:?} is empty or given twice", h.period),
                "give each past period once",
            ));
        }
        if let Some(a) = non_negative(&h.amount, &format!("{p}.amount"), d) {
            history.push((h.period.clone(), a));
        }
    }
    // Newest first: labels sort as text ("2023" < "2024" < "2025").
    history.sort_by(|a, b| b.0.cmp(&a.0));
    Node {
        id: n.id.clone(),
        name: n.name.clone(),
        parent: None,
        children: Vec::new(),
        depth: 0,
        level: Level::Rep,
        over_assignment: n
            .over_assignment
            .as_ref()
            .and_then(|x| share(x, &at("overAssignment"), d))
            .unwrap_or_default(),
        split: n.split.map(split),
        weight: n.weight.as_ref().and_then(|x| non_negative(x, &at("weight"), d)),
        potential: n.potential.as_ref().and_then(|x| non_negative(x, &at("potential"), d)),
        history,
        hire,
        termination,
        ramp: n.ramp.as_ref().map(|r| ramp(r, &at("ramp"), d)).unwrap_or_default(),
        productivity: n.productivity.as_ref().and_then(|x| non_negative(x, &at("productivity"), d)),
    }
}

/// Empty and repeated ids.
fn ids(nodes: &[QuotaNodeInputDto], d: &mut Vec<Diagnostic>) {
    let mut seen = BTreeSet::new();
    for (i, n) in nodes.iter().enumerate() {
        if n.id.is_empty() || !seen.insert(n.id.as_str()) {
            d.push(Diagnostic::error(
                format!("nodes[{i}].id"),
                Code::IdInvalid,
                format!("id {:?} is empty or used by an earlier node", n.id),
                "give every node its own id",
            ));
        }
    }
}

/// Places the nodes in the tree: parents, children, depth, level, over-assignment, split,
/// ramp and productivity; warns about inputs that have no effect where they are.
#[allow(clippy::too_many_arguments)]
fn shape(
    nodes: &mut [Node],
    t: &tree::Tree,
    dto: &[QuotaNodeInputDto],
    split: Split,
    level_oa: &[Option<Decimal>; 3],
    plan_ramp: &[Decimal],
    productivity: Option<Decimal>,
    d: &mut Vec<Diagnostic>,
) {
    for (i, (n, v)) in nodes.iter_mut().zip(dto).enumerate() {
        n.parent = t.parent.get(i).copied().flatten();
        n.children = t.children.get(i).cloned().unwrap_or_default();
        n.depth = t.depth.get(i).copied().unwrap_or(0);
        let leaf = n.children.is_empty();
        n.level = match v.level {
            Some(QuotaLevelDto::Company) => Level::Company,
            Some(QuotaLevelDto::Region) => Level::Region,
            Some(QuotaLevelDto::Team) => Level::Team,
            Some(QuotaLevelDto::Rep) => Level::Rep,
            None if i == t.root => Level::Company,
            None if leaf => Level::Rep,
            None if n.depth == 1 => Level::Region,
            None => Level::Team,
        };
        let ignored = |f: &str, why: &str, d: &mut Vec<Diagnostic>| {
            d.push(Diagnostic::warning(
                format!("nodes[{i}].{f}"),
                Code::OutOfRange,
                format!("{f} of {:?} has no effect: {why}", n.id),
                "remove it, or move it to where it applies",
            ));
        };
        if leaf {
            if v.over_assignment.is_some() {
                ignored("overAssignment", "a leaf has no children to split among", d);
            }
            if v.split.is_some() {
                ignored("split", "a leaf has no children to split among", d);
            }
            n.over_assignment = Decimal::ZERO;
            n.split = None;
            if v.ramp.is_none() {
                n.ramp = plan_ramp.to_vec();
            }
            n.productivity = n.productivity.or(productivity);
        } else {
            let why = "a parent's value is the sum of its leaves'";
            for (f, given) in [
                ("potential", v.potential.is_some()),
                ("history", v.history.is_some()),
                ("productivity", v.productivity.is_some()),
            ] {
                if given {
                    ignored(f, why, d);
                }
            }
            for (f, given) in [
                ("hireDate", v.hire_date.is_some()),
                ("terminationDate", v.termination_date.is_some()),
                ("ramp", v.ramp.is_some()),
            ] {
                if given {
                    ignored(f, "proration and ramp apply to leaves (reps)", d);
                }
            }
            n.potential = None;
            n.history.clear();
            n.hire = None;
            n.termination = None;
            n.ramp.clear();
            n.productivity = None;
            if v.over_assignment.is_none() {
                let slot = match n.level {
                    Level::Company => level_oa.first(),
                    Level::Region => level_oa.get(1),
                    Level::Team => level_oa.get(2),
                    Level::Rep => None,
                };
                n.over_assignment = slot.copied().flatten().unwrap_or_default();
            }
            n.split = Some(n.split.unwrap_or(split));
        }
    }
    for (i, n) in nodes.iter().enumerate() {
        let parent_split = n.parent.and_then(|p| nodes.get(p)).and_then(|p| p.split);
        if n.weight.is_some() && parent_split.is_some_and(|s| s != Split::Weight) {
            d.push(Diagnostic::warning(
                format!("nodes[{i}].weight"),
                Code::OutOfRange,
                format!("weight of {:?} has no effect: its parent does not split by weight", n.id),
                "remove it, or set the parent's split to \"weight\"",
            ));
        }
    }
}

/// The inputs the splits and the bottom-up need: weights under a weight split; each leaf's
/// potential, history or productivity under a split or bottom-up that reads it.
fn needs(
    nodes: &[Node],
    t: &tree::Tree,
    dto: &[QuotaNodeInputDto],
    bottom_up: Option<BottomUp>,
    m: &QuotaMethodDto,
    blend: Option<&Blend>,
    d: &mut Vec<Diagnostic>,
) {
    // Bits: 1 potential, 2 history, 4 capacity, passed down from every splitting ancestor.
    let bit = |s: Option<Split>| match s {
        Some(Split::Potential) => 1u8,
        Some(Split::History) => 2,
        Some(Split::Capacity) => 4,
        _ => 0,
    };
    let own = match bottom_up {
        Some(BottomUp::Potential) => 1u8,
        Some(BottomUp::History) => 2,
        Some(BottomUp::Capacity) => 4,
        None => 0,
    };
    let mut need = vec![own; nodes.len()];
    let (mut history_missing, mut capacity_missing) = (false, false);
    for &i in &t.order {
        let Some(n) = nodes.get(i) else { continue };
        let here = need.get(i).copied().unwrap_or(0) | bit(n.split);
        for &c in &n.children {
            if let Some(x) = need.get_mut(c) {
                *x = here;
            }
            if n.split == Some(Split::Weight) && nodes.get(c).is_some_and(|c| c.weight.is_none()) {
                d.push(Diagnostic::error(
                    format!("nodes[{c}].weight"),
                    Code::MissingField,
                    format!("{:?} splits by weight, and this child has none", n.id),
                    "give every child of a weight split a weight (relative shares: \"2\" and \"3\" split 40/60)",
                ));
            }
        }
        if !n.is_leaf() {
            continue;
        }
        let why = |b: u8| {
            if own & b != 0 {
                "the bottom-up reads it".to_string()
            } else {
                "a node above it splits by it".to_string()
            }
        };
        let w = need.get(i).copied().unwrap_or(0);
        if w & 1 != 0 && n.potential.is_none() && dto.get(i).is_some_and(|x| x.potential.is_none()) {
            d.push(Diagnostic::error(
                format!("nodes[{i}].potential"),
                Code::MissingField,
                format!("leaf {:?} has no potential, and {}", n.id, why(1)),
                "give its account potential (\"0.00\" if it has none)",
            ));
        }
        if w & 2 != 0 {
            history_missing |= blend.is_none();
            let k = blend.map_or(0, |b| b.weights.len());
            if dto.get(i).is_some_and(|x| x.history.is_none()) {
                d.push(Diagnostic::error(
                    format!("nodes[{i}].history"),
                    Code::MissingField,
                    format!("leaf {:?} has no history, and {}", n.id, why(2)),
                    "give its past periods (a new hire may carry the history of the territory taken over)",
                ));
            } else if n.history.len() < k {
                d.push(Diagnostic::error(
                    format!("nodes[{i}].history"),
                    Code::OutOfRange,
                    format!("{k} blend weights need the {k} most recent periods; {:?} has {}", n.id, n.history.len()),
                    "add the missing periods, or blend fewer periods",
                ));
            }
        }
        if w & 4 != 0 && n.productivity.is_none() {
            capacity_missing = true;
        }
    }
    if history_missing && m.history.is_none() {
        d.push(Diagnostic::error(
            "method.history",
            Code::MissingField,
            "the method splits or compares by history, and gives no blend",
            "add {\"weights\": [\"0.5\", \"0.3\", \"0.2\"], \"growth\": \"0.1\"}",
        ));
    }
    if capacity_missing && m.capacity.is_none() {
        d.push(Diagnostic::error(
            "method.capacity",
            Code::MissingField,
            "the method splits or compares by capacity, and gives no productivity",
            "add {\"productivity\": \"1200000\"} (or a productivity on every leaf)",
        ));
    }
    let used = |b: u8| own & b != 0 || nodes.iter().any(|n| !n.is_leaf() && bit(n.split) == b);
    for (given, b, path) in [
        (m.potential_rate.is_some(), 1u8, "method.potentialRate"),
        (m.history.is_some(), 2, "method.history"),
        (m.capacity.is_some(), 4, "method.capacity"),
    ] {
        if given && !used(b) {
            d.push(Diagnostic::warning(
                path,
                Code::OutOfRange,
                format!("{path} has no effect: neither a split nor the bottom-up reads it"),
                "remove it, or choose the split or bottom-up that uses it",
            ));
        }
    }
}

/// The wire's split.
fn split(s: QuotaSplitDto) -> Split {
    match s {
        QuotaSplitDto::Equal => Split::Equal,
        QuotaSplitDto::Weight => Split::Weight,
        QuotaSplitDto::Potential => Split::Potential,
        QuotaSplitDto::History => Split::History,
        QuotaSplitDto::Capacity => Split::Capacity,
    }
}

fn bottom_up(b: QuotaBottomUpDto) -> BottomUp {
    match b {
        QuotaBottomUpDto::Potential => BottomUp::Potential,
        QuotaBottomUpDto::History => BottomUp::History,
        QuotaBottomUpDto::Capacity => BottomUp::Capacity,
    }
}
