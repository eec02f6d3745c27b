//! The shape of a quota tree: parents resolved by id, exactly one root, no loops, and the depth
//! first order (parents before children, siblings in input order) every later step walks in.
//! Every problem is reported with its path (`nodes[3].parent`); nothing here recurses, so a
//! deep tree cannot exhaust the stack.

use spm_base::error::{Code, Diagnostic};
use std::collections::BTreeMap;

/// The resolved shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tree {
    pub parent: Vec<Option<usize>>,
    /// In input order.
    pub children: Vec<Vec<usize>>,
    pub root: usize,
    /// Depth first from the root.
    pub order: Vec<usize>,
    pub depth: Vec<u32>,
}

/// Resolves `parents` (ids, `None` for the root) against `ids`. Duplicated ids are reported by
/// the caller; the first node with an id is the one a parent reference means.
pub(crate) fn build(ids: &[&str], parents: &[Option<&str>], d: &mut Vec<Diagnostic>) -> Option<Tree> {
    let errors_before = d.len();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, id) in ids.iter().enumerate() {
        index.entry(id).or_insert(i);
    }
    let n = ids.len();
    let mut parent = vec![None; n];
    let mut broken = vec![false; n];
    let mut roots = Vec::new();
    for (i, p) in parents.iter().enumerate() {
        let path = format!("nodes[{i}].parent");
        let id = ids.get(i).copied().unwrap_or("");
        match p {
            None => roots.push(i),
            Some(p) if *p == id => {
                broken[i] = true;
                d.push(Diagnostic::error(
                    path,
                    Code::HierarchyCycle,
                    format!("{id:?} is its own parent"),
                    "name the node it reports to, or leave parent out for the root",
                ));
            }
            Some(p) => match index.get(p) {
                Some(j) => parent[i] = Some(*j),
                None => {
                    broken[i] = true;
                    d.push(Diagnostic::error(
                        path,
                        Code::UnknownReference,
                        format!("parent {p:?} of {id:?} is not a node's id"),
                        "use the id of another node (ids are case-sensitive)",
                    ));
                }
            },
        }
    }
    let mut children = vec![Vec::new(); n];
    for (i, p) in parent.iter().enumerate() {
        if let Some(p) = p {
            if let Some(c) = children.get_mut(*p) {
                c.push(i);
            }
        }
    }
    let root = roots.first().copied();
    if root.is_none() && n > 0 {
        d.push(Diagnostic::error(
            "nodes",
            Code::MissingField,
            "no node is the root: every node names a parent",
            "leave parent out on the top node (the company)",
        ));
    }
    for &j in roots.iter().skip(1) {
        let first = root.and_then(|r| ids.get(r)).copied().unwrap_or("");
        d.push(Diagnostic::error(
            format!("nodes[{j}].parent"),
            Code::MissingField,
            format!("{:?} has no parent, but {first:?} is already the root", ids.get(j).copied().unwrap_or("")),
            "a plan has one root: give this node the parent it reports to",
        ));
    }
    let mut order = Vec::with_capacity(n);
    let mut depth = vec![0u32; n];
    let mut reached = vec![false; n];
    if let Some(r) = root {
        let mut stack = vec![r];
        while let Some(i) = stack.pop() {
            if reached.get(i).copied().unwrap_or(true) {
                continue;
            }
            if let Some(x) = reached.get_mut(i) {
                *x = true;
            }
            order.push(i);
            let dep = depth.get(i).copied().unwrap_or(0);
            for &c in children.get(i).map(Vec::as_slice).unwrap_or(&[]).iter().rev() {
                if let Some(x) = depth.get_mut(c) {
                    *x = dep + 1;
                }
                stack.push(c);
            }
        }
    }
    report_loops(ids, &parent, &broken, &reached, d);
    if d.len() > errors_before {
        return None;
    }
    Some(Tree { parent, children, root: root?, order, depth })
}

/// Every loop among the nodes the root does not reach, once, at the parent of its first node.
fn report_loops(ids: &[&str], parent: &[Option<usize>], broken: &[bool], reached: &[bool], d: &mut Vec<Diagnostic>) {
    // 0: not seen, 1: on the walk in progress, 2: done.
    let mut color = vec![0u8; parent.len()];
    for start in 0..parent.len() {
        if reached.get(start).copied().unwrap_or(true) || broken.get(start).copied().unwrap_or(true) {
            continue;
        }
        let mut walk = Vec::new();
        let mut cur = Some(start);
        while let Some(c) = cur {
            if color.get(c).copied() != Some(0) {
                break;
            }
            if let Some(x) = color.get_mut(c) {
                *x = 1;
            }
            walk.push(c);
            cur = parent.get(c).copied().flatten();
        }
        if let Some(c) = cur {
            if color.get(c).copied() == Some(1) {
                let from = walk.iter().position(|x| *x == c).unwrap_or(0);
                let cycle = walk.get(from..).unwrap_or(&[]);
                let first = cycle.iter().copied().min().unwrap_or(c);
                let mut names: Vec<String> =
                    cycle.iter().map(|i| format!("{:?}", ids.get(*i).copied().unwrap_or(""))).collect();
                names.push(format!("{:?}", ids.get(c).copied().unwrap_or("")));
                d.push(Diagnostic::error(
                    format!("nodes[{first}].parent"),
                    Code::HierarchyCycle,
                    format!("the parents loop: {}", names.join(" → ")),
                    "every chain of parents must end at the root",
                ));
            }
        }
        for w in walk {
            if let Some(x) = color.get_mut(w) {
                *x = 2;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_is_depth_first_in_input_order() {
        let ids = ["c", "a", "root", "b"];
        let parents = [Some("root"), Some("root"), None, Some("a")];
        let mut d = Vec::new();
        let t = build(&ids, &parents, &mut d).unwrap();
        assert!(d.is_empty());
        assert_eq!(t.order, vec![2, 0, 1, 3]);
        assert_eq!(t.depth, vec![1, 1, 0, 2]);
    }

    #[test]
    fn loops_unknown_parents_and_second_roots_are_located() {
        let ids = ["root", "a", "b", "c", "x"];
        let parents = [None, Some("b"), Some("a"), Some("nope"), None];
        let mut d = Vec::new();
        assert!(build(&ids, &parents, &mut d).is_none());
        let got: Vec<(String, Code)> = d.iter().map(|x| (x.path.clone(), x.code)).collect();
        assert_eq!(
            got,
            vec![
                ("nodes[3].parent".to_string(), Code::UnknownReference),
                ("nodes[4].parent".to_string(), Code::MissingField),
                ("nodes[1].parent".to_string(), Code::HierarchyCycle),
            ]
        );
        assert!(d[2].message.contains("\"a\" → \"b\" → \"a\""), "{}", d[2].message);
    }
}
