//! The measure graph of a plan version: which measures each weighted or formula measure reads,
//! checked for loops and for depth in time linear in the graph's size.
//!
//! A measure that reads another twice (`"parts": [a, a]`, `a + a`) is one edge, and each
//! measure is visited once: the check used to follow every path from every measure, which
//! doubled with each level of such measures (40 levels never finished). Loops are found as the
//! strongly connected components of the graph (Tarjan's algorithm, with an explicit stack so a
//! long chain of measures cannot overflow the stack); the nesting of every measure outside a
//! loop is then computed once, from the measures it reads, which Tarjan's algorithm finishes
//! first.
//!
//! Nesting is how deep computing a measure recurses: a weighted measure adds one level to the
//! deepest measure it reads, a formula measure its formula's depth. Bounding it by
//! `limits::MAX_MEASURE_DEPTH` bounds the stack a payout run needs, whatever the plan.

use super::plan_check::{err, Diags, Names};
use spm_base::error::{clip, Code};
use spm_base::limits::{self, MAX_MEASURE_DEPTH};
use spm_plan::formula::ReferenceKind;
use spm_plan::{Measure, MeasureKind};

/// Reports every weighted or formula measure that reads itself (directly or through other
/// measures) with `HIERARCHY_CYCLE`, and every measure whose nesting first passes
/// [`MAX_MEASURE_DEPTH`] (the measures it reads are within it) with `LIMIT_EXCEEDED`, each at
/// its `parts` or `formula`.
pub(crate) fn check(ms: &[Measure], p: &str, names: &Names, d: &mut Diags) {
    let edges: Vec<Vec<usize>> = ms.iter().map(|m| reads(m, names, ms.len())).collect();
    let (comp, order) = strongly_connected(&edges);
    let on_loop = |i: usize| {
        let members = comp.get(i).and_then(|&c| order.get(c)).map_or(0, Vec::len);
        members > 1 || edges.get(i).is_some_and(|e| e.contains(&i))
    };
    // Nesting of each measure (None: on a loop or reading one), sinks first.
    let mut nesting: Vec<Option<usize>> = vec![Some(0); ms.len()];
    for members in &order {
        for &i in members {
            let mut below = Some(0usize);
            if on_loop(i) {
                below = None;
            } else {
                for &j in edges.get(i).map_or(&[][..], Vec::as_slice) {
                    below = below.zip(nesting.get(j).copied().flatten()).map(|(b, n)| b.max(n));
                }
            }
            let own = ms.get(i).map_or(0, |m| own_nesting(&m.kind));
            if let Some(x) = nesting.get_mut(i) {
                *x = below.map(|b| b + own);
            }
        }
    }
    let too_deep = |i: usize| nesting.get(i).copied().flatten().is_some_and(|n| n > MAX_MEASURE_DEPTH);
    for (i, m) in ms.iter().enumerate() {
        let field = match m.kind {
            MeasureKind::Weighted(_) => "parts",
            MeasureKind::Formula(_) => "formula",
            _ => continue,
        };
        let path = format!("{p}measures[{i}].{field}");
        if on_loop(i) {
            match m.kind {
                MeasureKind::Weighted(_) => err(
                    d,
                    path,
                    Code::HierarchyCycle,
                    format!("measure {:?} contains itself", clip(&m.id)),
                    "remove the loop between weighted measures",
                ),
                _ => err(
                    d,
                    path,
                    Code::HierarchyCycle,
                    format!("measure {:?} reads itself through other measures", clip(&m.id)),
                    "remove the loop: a formula cannot read the measure it defines",
                ),
            }
        } else if too_deep(i) && !edges.get(i).is_some_and(|e| e.iter().any(|&j| too_deep(j))) {
            // Only where the nesting first passes the limit: the measures above it read this one.
            d.push(limits::diagnostic(
                path,
                &format!(
                    "levels of nesting of measure {:?} (its formula's and those of the measures it reads)",
                    clip(&m.id)
                ),
                nesting.get(i).copied().flatten().unwrap_or(0),
                MAX_MEASURE_DEPTH,
                "flatten the measures: let weighted and formula measures read the simple measures directly",
            ));
        }
    }
}

/// The levels a measure adds to the nesting of the deepest measure it reads: one for a weighted
/// measure, its formula's depth (`Formula::depth`) for a formula measure.
fn own_nesting(kind: &MeasureKind) -> usize {
    match kind {
        MeasureKind::Weighted(_) => 1,
        MeasureKind::Formula(f) => f.depth(),
        _ => 0,
    }
}

/// The measures `m` reads when it is computed: a weighted measure's parts, a formula's measure
/// names and the measures its `measure()` and `attainment()` calls name (`quota()` reads no
/// measure). Each once, in order.
fn reads(m: &Measure, names: &Names, n: usize) -> Vec<usize> {
    let mut out: Vec<usize> = match &m.kind {
        MeasureKind::Weighted(parts) => parts.iter().map(|(j, _)| *j).collect(),
        MeasureKind::Formula(f) => f
            .references()
            .iter()
            .filter_map(|r| match r.kind {
                ReferenceKind::Variable => names.measure(&r.name),
                ReferenceKind::Call if matches!(r.name.as_str(), "measure" | "attainment") => {
                    r.first_arg.as_deref().and_then(|a| names.measure(a))
                }
                ReferenceKind::Call => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    out.retain(|&j| j < n);
    out.sort_unstable();
    out.dedup();
    out
}

/// Tarjan's strongly connected components without recursion: each node's component number,
/// and the components' members in the order they complete (every component after all the
/// components it has edges into).
fn strongly_connected(edges: &[Vec<usize>]) -> (Vec<usize>, Vec<Vec<usize>>) {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![UNSEEN; n];
    let mut order: Vec<Vec<usize>> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    // The explicit call stack: (node, how many of its edges were followed).
    let mut calls: Vec<(usize, usize)> = Vec::new();
    let mut next = 0usize;
    let mut visit = |v: usize, index: &mut Vec<usize>, low: &mut Vec<usize>, stack: &mut Vec<usize>| {
        if let (Some(i), Some(l)) = (index.get_mut(v), low.get_mut(v)) {
            *i = next;
            *l = next;
        }
        next += 1;
        stack.push(v);
    };
    for root in 0..n {
        if index.get(root) != Some(&UNSEEN) {
            continue;
        }
        visit(root, &mut index, &mut low, &mut stack);
        if let Some(s) = on_stack.get_mut(root) {
            *s = true;
        }
        calls.push((root, 0));
        while let Some(&(v, k)) = calls.last() {
            if let Some(&w) = edges.get(v).and_then(|e| e.get(k)) {
                if let Some(top) = calls.last_mut() {
                    top.1 += 1;
                }
                if index.get(w) == Some(&UNSEEN) {
                    visit(w, &mut index, &mut low, &mut stack);
                    if let Some(s) = on_stack.get_mut(w) {
                        *s = true;
                    }
                    calls.push((w, 0));
                } else if on_stack.get(w) == Some(&true) {
                    let iw = index.get(w).copied().unwrap_or(UNSEEN);
                    if let Some(lv) = low.get_mut(v) {
                        *lv = (*lv).min(iw);
                    }
                }
                continue;
            }
            calls.pop();
            let lv = low.get(v).copied().unwrap_or(0);
            if let Some(&(u, _)) = calls.last() {
                if let Some(lu) = low.get_mut(u) {
                    *lu = (*lu).min(lv);
                }
            }
            if Some(&lv) == index.get(v) {
                let c = order.len();
                let mut members = Vec::new();
                while let Some(w) = stack.pop() {
                    if let Some(s) = on_stack.get_mut(w) {
                        *s = false;
                    }
                    if let Some(x) = comp.get_mut(w) {
                        *x = c;
                    }
                    members.push(w);
                    if w == v {
                        break;
                    }
                }
                order.push(members);
            }
        }
    }
    (comp, order)
}

#[cfg(test)]
mod tests {
    use super::strongly_connected;

    #[test]
    fn components_complete_after_what_they_read() {
        // 0 → 1 → 2 → 1, 3 → 0, 4 alone.
        let edges = vec![vec![1], vec![2], vec![1], vec![0], vec![]];
        let (comp, order) = strongly_connected(&edges);
        assert_eq!(comp[1], comp[2]);
        assert_ne!(comp[0], comp[1]);
        assert!(comp[1] < comp[0] && comp[0] < comp[3]);
        assert_eq!(order.iter().map(Vec::len).sum::<usize>(), 5);
    }

    #[test]
    fn a_chain_of_a_million_does_not_recurse() {
        let n = 1_000_000;
        let edges: Vec<Vec<usize>> = (0..n).map(|i| if i + 1 < n { vec![i + 1] } else { vec![] }).collect();
        let (_, order) = strongly_connected(&edges);
        assert_eq!(order.len(), n);
        assert_eq!(order[0], vec![n - 1]);
    }
}
