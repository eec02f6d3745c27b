//! The numbers of a quota plan: each leaf's bottom-up inputs (blended history, capacity), their
//! sums up the tree, the split basis of every node, the top-down cascade (children sum exactly
//! to the parent's quota × (1 + over-assignment), by largest remainder with ties by id), the
//! bottom-up numbers, and the phasing with proration and ramp.

use super::phase::{self, Factor};
use super::{BottomUp, Plan, Split};
use rust_decimal::Decimal;
use spm_base::error::{Code, Diagnostic, Error, Result};
use spm_base::money::{add, allocate, div, mul, round_to, sub};

/// A node's numbers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Figures {
    /// What its parent split by (1 for the root).
    pub basis: Decimal,
    /// The siblings' bases summed (1 for the root).
    pub basis_sum: Decimal,
    /// `basis / basis_sum`.
    pub share: Decimal,
    /// The parent's pool × share before allocation (the target for the root).
    pub exact: Decimal,
    pub quota: Decimal,
    /// What its children get in all (`None` for a leaf).
    pub pool: Option<Decimal>,
    /// Blended history before growth and attrition (summed for a parent).
    pub blended: Option<Decimal>,
    /// Capacity, unrounded (summed for a parent).
    pub capacity: Option<Decimal>,
    /// A leaf's share of a full year at full productivity.
    pub year_fraction: Option<Decimal>,
    pub potential: Option<Decimal>,
    pub bottom_up: Option<Decimal>,
    pub months: [Decimal; 12],
    /// A leaf's monthly factors.
    pub factors: Option<[Factor; 12]>,
    pub effective_months: [Decimal; 12],
    pub effective: Decimal,
    pub leaf_sum: Decimal,
}

/// Computes every node's figures, indexed like `plan.nodes`.
pub(crate) fn run(plan: &Plan) -> Result<Vec<Figures>> {
    let n = plan.nodes.len();
    let blank = Figures {
        basis: Decimal::ONE,
        basis_sum: Decimal::ONE,
        share: Decimal::ONE,
        exact: Decimal::ZERO,
        quota: Decimal::ZERO,
        pool: None,
        blended: None,
        capacity: None,
        year_fraction: None,
        potential: None,
        bottom_up: None,
        months: [Decimal::ZERO; 12],
        factors: None,
        effective_months: [Decimal::ZERO; 12],
        effective: Decimal::ZERO,
        leaf_sum: Decimal::ZERO,
    };
    let mut fig = vec![blank; n];
    leaves(plan, &mut fig)?;
    roll_up(plan, &mut fig, |f| f.potential, |f, v| f.potential = v)?;
    roll_up(plan, &mut fig, |f| f.blended, |f, v| f.blended = v)?;
    roll_up(plan, &mut fig, |f| f.capacity, |f, v| f.capacity = v)?;
    cascade(plan, &mut fig)?;
    bottom_up(plan, &mut fig)?;
    phasing(plan, &mut fig)?;
    Ok(fig)
}

/// Each leaf's factors, blended history and capacity.
fn leaves(plan: &Plan, fig: &mut [Figures]) -> Result<()> {
    for (node, f) in plan.nodes.iter().zip(fig.iter_mut()) {
        if !node.is_leaf() {
            continue;
        }
        let factors = phase::factors(plan.year, node.hire, node.termination, &node.ramp);
        f.potential = node.potential;
        if let Some(b) = &plan.blend {
            if node.history.len() >= b.weights.len() {
                let mut sum = Decimal::ZERO;
                for (w, (_, h)) in b.weights.iter().zip(&node.history) {
                    sum = add(sum, mul(*w, *h)?)?;
                }
                f.blended = Some(sum);
            }
        }
        if let Some(p) = node.productivity {
            f.year_fraction = Some(phase::year_fraction(&plan.profile, &factors)?);
            f.capacity = Some(phase::capacity(p, &plan.profile, &factors)?);
        }
        f.factors = Some(factors);
    }
    Ok(())
}

/// A parent's value is the sum of its children's, when every child has one.
fn roll_up(
    plan: &Plan,
    fig: &mut [Figures],
    get: impl Fn(&Figures) -> Option<Decimal>,
    set: impl Fn(&mut Figures, Option<Decimal>),
) -> Result<()> {
    for &i in plan.order.iter().rev() {
        let Some(node) = plan.nodes.get(i) else { continue };
        if node.is_leaf() {
            continue;
        }
        let mut sum = Some(Decimal::ZERO);
        for &c in &node.children {
            sum = match (sum, fig.get(c).and_then(&get)) {
                (Some(s), Some(v)) => Some(add(s, v)?),
                _ => None,
            };
        }
        if let Some(f) = fig.get_mut(i) {
            set(f, sum);
        }
    }
    Ok(())
}

/// The top-down cascade, parents first.
fn cascade(plan: &Plan, fig: &mut [Figures]) -> Result<()> {
    let minor = plan.minor();
    let mut d = Vec::new();
    if let Some(r) = fig.get_mut(plan.root) {
        r.quota = plan.target;
        r.exact = plan.target;
    }
    for &p in &plan.order {
        let Some(node) = plan.nodes.get(p) else { continue };
        let Some(split) = node.split else { continue };
        let quota = fig.get(p).map_or(Decimal::ZERO, |f| f.quota);
        let pool = round_to(mul(quota, add(Decimal::ONE, node.over_assignment)?)?, minor, plan.mode);
        // Largest remainder breaks ties by id: allocate in id order.
        let mut kids = node.children.clone();
        kids.sort_by(|a, b| {
            let id = |i: &usize| plan.nodes.get(*i).map_or("", |n| n.id.as_str());
            id(a).cmp(id(b))
        });
        let mut basis = Vec::with_capacity(kids.len());
        for &c in &kids {
            let (child, f) = (plan.nodes.get(c), fig.get(c));
            let b = match split {
                Split::Equal => Some(Decimal::ONE),
                Split::Weight => child.and_then(|x| x.weight),
                Split::Potential => f.and_then(|x| x.potential),
                Split::History => f.and_then(|x| x.blended),
                Split::Capacity => f.and_then(|x| x.capacity),
            };
            basis.push(b.ok_or_else(|| Error::new(Code::Internal, format!("no split basis for node {c}")))?);
        }
        let sum = basis.iter().try_fold(Decimal::ZERO, |a, b| add(a, *b))?;
        let parts = if sum.is_zero() {
            if !pool.is_zero() {
                d.push(zero_basis(plan, p, split, kids.first().copied()));
            }
            vec![Decimal::ZERO; kids.len()]
        } else {
            allocate(pool, &basis, minor)?
        };
        if let Some(f) = fig.get_mut(p) {
            f.pool = Some(pool);
        }
        for ((c, b), q) in kids.iter().zip(&basis).zip(parts) {
            let Some(f) = fig.get_mut(*c) else { continue };
            f.basis = *b;
            f.basis_sum = sum;
            f.share = if sum.is_zero() { Decimal::ZERO } else { div(*b, sum)? };
            f.exact = if sum.is_zero() { Decimal::ZERO } else { div(mul(pool, *b)?, sum)? };
            let mut q = q;
            q.rescale(minor);
            f.quota = q;
        }
    }
    if d.is_empty() {
        Ok(())
    } else {
        Err(Error::from_diagnostics(d))
    }
}

/// A split whose bases sum to zero while there is quota to split.
fn zero_basis(plan: &Plan, p: usize, split: Split, first: Option<usize>) -> Diagnostic {
    let id = plan.nodes.get(p).map_or("", |n| n.id.as_str());
    let (path, what) = match (split, first) {
        (Split::Weight, Some(c)) => (format!("nodes[{c}].weight"), "weights"),
        (Split::Potential, _) => (format!("nodes[{p}].split"), "potentials"),
        (Split::History, _) => (format!("nodes[{p}].split"), "blended histories"),
        _ => (format!("nodes[{p}].split"), "capacities"),
    };
    Diagnostic::error(
        path,
        Code::AllocationInvalid,
        format!("the {what} of {id:?}'s children sum to zero: its quota cannot be split by them"),
        "give at least one child a share above zero, or split this node another way (\"split\": \"equal\")",
    )
}

/// Each leaf's bottom-up number, rounded; a parent's is the sum of its children's.
fn bottom_up(plan: &Plan, fig: &mut [Figures]) -> Result<()> {
    let Some(kind) = plan.bottom_up else { return Ok(()) };
    let minor = plan.minor();
    for &i in plan.order.iter().rev() {
        let Some(node) = plan.nodes.get(i) else { continue };
        let value = if node.is_leaf() {
            let Some(f) = fig.get(i) else { continue };
            let exact = match kind {
                BottomUp::Potential => f.potential.map(|p| mul(p, plan.potential_rate)).transpose()?,
                BottomUp::History => match (&plan.blend, f.blended) {
                    (Some(b), Some(x)) => {
                        let grown = mul(x, add(Decimal::ONE, b.growth)?)?;
                        Some(mul(grown, sub(Decimal::ONE, b.attrition)?)?)
                    }
                    _ => None,
                },
                BottomUp::Capacity => f.capacity,
            };
            exact.map(|x| round_to(x, minor, plan.mode))
        } else {
            let mut sum = Some(Decimal::ZERO);
            for &c in &node.children {
                sum = match (sum, fig.get(c).and_then(|f| f.bottom_up)) {
                    (Some(s), Some(v)) => Some(add(s, v)?),
                    _ => None,
                };
            }
            sum
        };
        if let Some(f) = fig.get_mut(i) {
            f.bottom_up = value;
        }
    }
    Ok(())
}

/// Months, effective months and leaf sums: leaves from their quota and factors, parents as the
/// sums of their children.
fn phasing(plan: &Plan, fig: &mut [Figures]) -> Result<()> {
    let minor = plan.minor();
    for &i in plan.order.iter().rev() {
        let Some(node) = plan.nodes.get(i) else { continue };
        let quota = fig.get(i).map_or(Decimal::ZERO, |f| f.quota);
        let months = plan.profile.phase(quota, minor)?;
        let (eff_months, eff, leaf_sum) = if node.is_leaf() {
            let factors = fig.get(i).and_then(|f| f.factors).unwrap_or(phase::factors(plan.year, None, None, &[]));
            let (m, e) = phase::effective(&months, &factors, minor, plan.mode)?;
            (m, e, quota)
        } else {
            let mut m = [Decimal::ZERO; 12];
            let (mut e, mut s) = (Decimal::ZERO, Decimal::ZERO);
            for &c in &node.children {
                let Some(f) = fig.get(c) else { continue };
                for (a, b) in m.iter_mut().zip(&f.effective_months) {
                    *a = add(*a, *b)?;
                }
                e = add(e, f.effective)?;
                s = add(s, f.leaf_sum)?;
            }
            (m, e, s)
        };
        if let Some(f) = fig.get_mut(i) {
            f.months = months;
            f.effective_months = eff_months;
            f.effective = eff;
            f.leaf_sum = leaf_sum;
        }
    }
    Ok(())
}
