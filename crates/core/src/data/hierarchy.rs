//! The effective-dated hierarchy: each payee's manager over time (a timeline of segments, so a
//! roll-up finds the manager on a date by binary search), and the check that no manager chain
//! loops back on itself on any date, in O((payees + spans) log payees).
//!
//! The check sweeps the dates where some payee's manager changes, in order, and keeps the
//! hierarchy of that day as a forest in a link-cut tree (Sleator and Tarjan, 1983): a changed
//! payee is cut from its old manager and linked to the new one unless the new manager is already
//! below it, which is a loop. A loop's closing edge stays aside ("pending") and is tried again
//! whenever a payee under it changes manager, so a loop is found on the first day it exists and
//! never walked again while it lasts. Walking every chain on every date, as the check did
//! before, took minutes for one chain of 20,000 people.

use super::{Payee, Spans};
use spm_base::error::{clip, Code, Diagnostic};
use spm_base::period::Date;
use std::collections::BTreeSet;

/// Where a payee's manager changes: from `start` (`None`: since always) the manager is the one
/// of span `span.0` (the first span in the payee's list in effect then), payee `span.1`; `None`
/// when no span is in effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Segment {
    pub(crate) start: Option<Date>,
    pub(crate) span: Option<(usize, usize)>,
}

/// A payee's manager over time, from its spans (from, to, manager; inclusive, open when absent):
/// on each day the first span in list order that covers it, as `Payee::manager_on` reads the
/// spans. A sweep over the spans' starts and ends with the spans in effect in an ordered set,
/// O(k log k) for k spans; consecutive equal segments are merged.
pub(crate) fn timeline(spans: &[(Option<Date>, Option<Date>, usize)]) -> Vec<Segment> {
    // (day, opens?, span): a span opens on its first day and closes the day after its last.
    let mut events: Vec<(Option<Date>, bool, usize)> = Vec::with_capacity(2 * spans.len());
    for (j, (from, to, _)) in spans.iter().enumerate() {
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                continue; // never in effect
            }
        }
        events.push((*from, true, j));
        if let Some(after) = to.and_then(|t| t.add_days(1)) {
            events.push((Some(after), false, j));
        }
    }
    events.sort_unstable();
    let mut active: BTreeSet<usize> = BTreeSet::new();
    let mut out: Vec<Segment> = Vec::new();
    let mut k = 0;
    while let Some(&(day, _, _)) = events.get(k) {
        while let Some(&(d, opens, j)) = events.get(k) {
            if d != day {
                break;
            }
            if opens {
                active.insert(j);
            } else {
                active.remove(&j);
            }
            k += 1;
        }
        let span = active.first().and_then(|&j| spans.get(j).map(|s| (j, s.2)));
        if out.last().is_none_or(|s| s.span != span) {
            out.push(Segment { start: day, span });
        }
    }
    out
}

/// The manager segment in effect on `date`, if any.
pub(crate) fn on(timeline: &[Segment], date: Date) -> Option<(usize, usize)> {
    let after = timeline.partition_point(|s| s.start.is_none_or(|d| d <= date));
    timeline.get(after.checked_sub(1)?)?.span
}

/// A payee's change of manager: (day, payee, the new segment's span and manager).
type Change = (Option<Date>, usize, Option<(usize, usize)>);

/// A manager chain that loops back on itself, on any date, is an error on the first payee in
/// the loop (at the manager entry in effect that day): one diagnostic per loop, on the first day
/// it exists, naming the chain from its first payee in input order; a loop whose payees were all
/// named in an earlier one is not repeated.
pub(crate) fn check(payees: &[Payee], managers: &[Spans], timelines: &[Vec<Segment>], diags: &mut Vec<Diagnostic>) {
    let n = payees.len();
    // Every change of manager, by day (since always first), then payee.
    let mut changes: Vec<Change> = Vec::new();
    for (p, t) in timelines.iter().enumerate() {
        changes.extend(t.iter().map(|s| (s.start, p, s.span)));
    }
    changes.sort_by_key(|c| (c.0, c.1));
    let mut forest = Forest::new(n);
    // Each payee's manager entry of the day (span, manager), linked or pending.
    let mut current: Vec<Option<(usize, usize)>> = vec![None; n];
    let mut pending = vec![false; n];
    let mut retry: Vec<usize> = Vec::new();
    let mut found: Vec<usize> = Vec::new();
    // The day (its number in the sweep) each payee last changed manager.
    let mut changed = vec![usize::MAX; n];
    let mut k = 0;
    let mut number = 0usize;
    while let Some(&(day, _, _)) = changes.get(k) {
        let first = k;
        while changes.get(k).is_some_and(|c| c.0 == day) {
            k += 1;
        }
        number += 1;
        let today = changes.get(first..k).unwrap_or_default();
        for &(_, p, _) in today {
            if let Some(c) = changed.get_mut(p) {
                *c = number;
            }
        }
        // Cut every changed payee from yesterday's manager; a loop above it may be broken now.
        for &(_, p, _) in today {
            if pending.get(p) == Some(&true) {
                set(&mut pending, p, false);
            } else if current.get(p).copied().flatten().is_some() {
                let root = forest.root(p);
                if pending.get(root) == Some(&true) {
                    retry.push(root);
                }
                forest.cut(p);
            }
        }
        for &(_, p, span) in today {
            if let Some(c) = current.get_mut(p) {
                *c = span;
            }
        }
        // Link every changed payee to today's manager, unless that closes a loop.
        for &(_, p, span) in today {
            if let Some((_, m)) = span {
                if forest.root(m) == p {
                    set(&mut pending, p, true);
                    found.push(p);
                } else {
                    forest.link(p, m);
                }
            }
        }
        retry.sort_unstable();
        retry.dedup();
        for r in std::mem::take(&mut retry) {
            // A loop closed by a payee that changed today was tried when it was linked.
            if pending.get(r) != Some(&true) || changed.get(r) == Some(&number) {
                continue;
            }
            let Some((_, m)) = current.get(r).copied().flatten() else { continue };
            if forest.root(m) == r {
                found.push(r);
            } else {
                set(&mut pending, r, false);
                forest.link(r, m);
            }
        }
        // Each loop found today, from its first payee not named yet; none when all were.
        let mut loops: Vec<(usize, usize)> = Vec::new();
        for p in found.drain(..) {
            let Some((_, m)) = current.get(p).copied().flatten() else { continue };
            if let Some(start) = forest.first_unflagged(m) {
                loops.push((start, p));
            }
        }
        loops.sort_unstable();
        for (start, _) in loops {
            report(start, day, payees, managers, &current, &mut forest, diags);
        }
    }
}

fn set(v: &mut [bool], i: usize, to: bool) {
    if let Some(x) = v.get_mut(i) {
        *x = to;
    }
}

/// The diagnostic of the loop through `start`, whose payees are then flagged.
fn report(
    start: usize,
    day: Option<Date>,
    payees: &[Payee],
    managers: &[Spans],
    current: &[Option<(usize, usize)>],
    forest: &mut Forest,
    diags: &mut Vec<Diagnostic>,
) {
    let mut chain = vec![start];
    let mut cur = current.get(start).copied().flatten().map(|(_, m)| m);
    while let Some(c) = cur {
        if c == start || chain.len() > payees.len() {
            break;
        }
        chain.push(c);
        cur = current.get(c).copied().flatten().map(|(_, m)| m);
    }
    let id = |s: usize| payees.get(s).map_or("", |x| x.id.as_str());
    // Point at the dated entry that made the loop, if one did; else at the first payee's.
    let dated = chain.iter().find_map(|&s| {
        let (j, _) = current.get(s).copied().flatten()?;
        let (f, t, _) = managers.get(s)?.get(j)?;
        (f.is_some() || t.is_some()).then_some((s, j))
    });
    let (who, j) = dated.unwrap_or((start, current.get(start).copied().flatten().map_or(0, |(j, _)| j)));
    let multi = payees.get(who).is_some_and(|x| x.managers.len() > 1);
    let path =
        if multi { format!("payees[{who}].managers[{j}].managerId") } else { format!("payees[{who}].managerId") };
    let when = day.map_or(String::new(), |d| format!(" from {d}"));
    // A loop of thousands is named by its ends.
    const SHOWN: usize = 12;
    let names: Vec<String> = if chain.len() <= SHOWN {
        chain.iter().map(|&s| clip(id(s)).into_owned()).collect()
    } else {
        let mut v: Vec<String> = chain.iter().take(SHOWN / 2).map(|&s| clip(id(s)).into_owned()).collect();
        v.push(format!("… {} more …", chain.len() - SHOWN + 1));
        v.extend(chain.iter().skip(chain.len() - SHOWN / 2 + 1).map(|&s| clip(id(s)).into_owned()));
        v
    };
    diags.push(Diagnostic::error(
        path,
        Code::HierarchyCycle,
        format!(
            "{} manages themselves{when} through the chain {} → {}",
            clip(id(start)),
            names.join(" → "),
            clip(id(start))
        ),
        "break the loop: someone in the chain needs another manager",
    ));
    for s in chain {
        forest.flag(s);
    }
}

const NIL: u32 = u32::MAX;

/// One node of the link-cut tree: its children in its splay tree, its parent there (or, for a
/// splay tree's root, the path's parent), and the smallest payee index not yet named in a loop
/// over its splay subtree.
#[derive(Debug, Clone, Copy)]
struct Node {
    left: u32,
    right: u32,
    parent: u32,
    unflagged: u32,
    min: u32,
}

/// A forest of rooted trees (each payee under its manager) with link, cut, the root of a
/// payee's tree and the smallest unflagged payee on a path to it, each in amortized O(log n).
struct Forest {
    nodes: Vec<Node>,
}

impl Forest {
    fn new(n: usize) -> Forest {
        let nodes = (0..n)
            .map(|i| {
                let i = u32::try_from(i).unwrap_or(NIL);
                Node { left: NIL, right: NIL, parent: NIL, unflagged: i, min: i }
            })
            .collect();
        Forest { nodes }
    }

    fn node(&self, x: u32) -> Node {
        self.nodes.get(x as usize).copied().unwrap_or(Node {
            left: NIL,
            right: NIL,
            parent: NIL,
            unflagged: NIL,
            min: NIL,
        })
    }

    fn with(&mut self, x: u32, f: impl FnOnce(&mut Node)) {
        if let Some(n) = self.nodes.get_mut(x as usize) {
            f(n);
        }
    }

    fn update(&mut self, x: u32) {
        let n = self.node(x);
        let min = n.unflagged.min(self.node(n.left).min).min(self.node(n.right).min);
        self.with(x, |n| n.min = min);
    }

    /// Whether `x` is the root of its splay tree (its parent link, if any, is a path parent).
    fn is_splay_root(&self, x: u32) -> bool {
        let p = self.node(self.node(x).parent);
        p.left != x && p.right != x
    }

    fn rotate(&mut self, x: u32) {
        let p = self.node(x).parent;
        let g = self.node(p).parent;
        let p_was_root = self.is_splay_root(p);
        if self.node(p).left == x {
            let b = self.node(x).right;
            self.with(p, |n| n.left = b);
            self.with(b, |n| n.parent = p);
            self.with(x, |n| n.right = p);
        } else {
            let b = self.node(x).left;
            self.with(p, |n| n.right = b);
            self.with(b, |n| n.parent = p);
            self.with(x, |n| n.left = p);
        }
        self.with(p, |n| n.parent = x);
        self.with(x, |n| n.parent = g);
        if !p_was_root {
            self.with(g, |n| {
                if n.left == p {
                    n.left = x;
                } else {
                    n.right = x;
                }
            });
        }
        self.update(p);
        self.update(x);
    }

    fn splay(&mut self, x: u32) {
        while !self.is_splay_root(x) {
            let p = self.node(x).parent;
            if !self.is_splay_root(p) {
                let g = self.node(p).parent;
                let zigzig = (self.node(g).left == p) == (self.node(p).left == x);
                self.rotate(if zigzig { p } else { x });
            }
            self.rotate(x);
        }
    }

    /// Makes the path from `x`'s root down to `x` one splay tree, with `x` at its root.
    fn access(&mut self, x: u32) {
        let mut last = NIL;
        let mut y = x;
        while y != NIL {
            self.splay(y);
            self.with(y, |n| n.right = last);
            self.update(y);
            last = y;
            y = self.node(y).parent;
        }
        self.splay(x);
    }

    /// The root of `x`'s tree (the top of its manager chain).
    fn root(&mut self, x: usize) -> usize {
        let x = u32::try_from(x).unwrap_or(NIL);
        self.access(x);
        let mut r = x;
        while self.node(r).left != NIL {
            r = self.node(r).left;
        }
        self.splay(r);
        r as usize
    }

    /// Puts `child`, the root of its tree, under `parent`.
    fn link(&mut self, child: usize, parent: usize) {
        let (c, p) = (u32::try_from(child).unwrap_or(NIL), u32::try_from(parent).unwrap_or(NIL));
        self.access(c);
        self.with(c, |n| n.parent = p);
    }

    /// Cuts `x` from its parent.
    fn cut(&mut self, x: usize) {
        let x = u32::try_from(x).unwrap_or(NIL);
        self.access(x);
        let above = self.node(x).left;
        self.with(above, |n| n.parent = NIL);
        self.with(x, |n| n.left = NIL);
        self.update(x);
    }

    /// The smallest unflagged payee on the path from `x` up to its root.
    fn first_unflagged(&mut self, x: usize) -> Option<usize> {
        let x = u32::try_from(x).unwrap_or(NIL);
        self.access(x);
        let m = self.node(x).min;
        (m != NIL).then_some(m as usize)
    }

    /// Marks `x` as named in a loop.
    fn flag(&mut self, x: usize) {
        let x = u32::try_from(x).unwrap_or(NIL);
        self.access(x);
        self.with(x, |n| n.unflagged = NIL);
        self.update(x);
    }
}

#[cfg(test)]
#[path = "hierarchy_tests.rs"]
mod tests;
