//! The formula syntax tree: nodes with columns, operators, the built-in functions, and the walk
//! that lists what a formula references.
//!
//! Chains of one precedence level (`a + b - c`, `a and b and c`) are kept flat rather than
//! nested, so a long sum does not make a deep tree: the tree's depth follows the formula's
//! nesting, which the parser bounds, and every walk over it recurses no deeper than that.

use super::{Reference, ReferenceKind};
use rust_decimal::Decimal;

/// One node and the column where its text starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Node {
    pub(super) kind: NodeKind,
    pub(super) column: usize,
}

/// What a node is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum NodeKind {
    Number(Decimal),
    Text(String),
    Bool(bool),
    Var(String),
    /// Prefix `-`.
    Neg(Box<Node>),
    /// Prefix `not`.
    Not(Box<Node>),
    /// `first op rhs op rhs ...`, evaluated left to right: one precedence level of `+ -` or
    /// `* / %`.
    Arith {
        first: Box<Node>,
        rest: Vec<ArithStep>,
    },
    /// `lhs op rhs`; comparisons never chain.
    Compare {
        op: CmpOp,
        op_column: usize,
        lhs: Box<Node>,
        rhs: Box<Node>,
    },
    /// `a and b and ...`, short-circuiting.
    And(Vec<Node>),
    /// `a or b or ...`, short-circuiting.
    Or(Vec<Node>),
    /// A call of a built-in function, whose argument count the parser has checked.
    Builtin {
        f: Builtin,
        args: Vec<Node>,
    },
    /// A call resolved through the environment.
    Call {
        name: String,
        args: Vec<Node>,
    },
}

/// One `op rhs` of an arithmetic chain; the operator's column locates arithmetic errors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ArithStep {
    pub(super) op: ArithOp,
    pub(super) op_column: usize,
    pub(super) rhs: Node,
}

/// An arithmetic operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ArithOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

impl ArithOp {
    pub(super) fn symbol(self) -> &'static str {
        match self {
            ArithOp::Add => "+",
            ArithOp::Sub => "-",
            ArithOp::Mul => "*",
            ArithOp::Div => "/",
            ArithOp::Rem => "%",
        }
    }
}

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub(super) fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }
}

/// A built-in function. Built-ins take precedence over the environment's functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Builtin {
    Min,
    Max,
    Abs,
    If,
    Round,
    Clamp,
}

impl Builtin {
    pub(super) const ALL: [Builtin; 6] =
        [Builtin::Min, Builtin::Max, Builtin::Abs, Builtin::If, Builtin::Round, Builtin::Clamp];

    pub(super) fn from_name(name: &str) -> Option<Builtin> {
        Builtin::ALL.into_iter().find(|b| b.name() == name)
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            Builtin::Min => "min",
            Builtin::Max => "max",
            Builtin::Abs => "abs",
            Builtin::If => "if",
            Builtin::Round => "round",
            Builtin::Clamp => "clamp",
        }
    }

    /// The fewest and the most arguments the function takes.
    pub(super) fn arity(self) -> (usize, usize) {
        match self {
            Builtin::Min | Builtin::Max => (1, usize::MAX),
            Builtin::Abs => (1, 1),
            Builtin::Round => (2, 2),
            Builtin::If | Builtin::Clamp => (3, 3),
        }
    }

    /// How the function is called, for hints.
    pub(super) fn signature(self) -> &'static str {
        match self {
            Builtin::Min => "min(a, b, ...)",
            Builtin::Max => "max(a, b, ...)",
            Builtin::Abs => "abs(x)",
            Builtin::If => "if(condition, then, else)",
            Builtin::Round => "round(x, places)",
            Builtin::Clamp => "clamp(x, low, high)",
        }
    }
}

impl Node {
    /// Appends every variable and non-built-in call under this node, in source order.
    /// The height of the tree under this node (a leaf is 1): how deep evaluation recurses.
    /// The parser's depth limit bounds it, so this recursion is bounded too.
    pub(super) fn height(&self) -> usize {
        let below = match &self.kind {
            NodeKind::Number(_) | NodeKind::Text(_) | NodeKind::Bool(_) | NodeKind::Var(_) => 0,
            NodeKind::Neg(inner) | NodeKind::Not(inner) => inner.height(),
            NodeKind::Arith { first, rest } => rest.iter().map(|s| s.rhs.height()).fold(first.height(), usize::max),
            NodeKind::Compare { lhs, rhs, .. } => lhs.height().max(rhs.height()),
            NodeKind::And(items)
            | NodeKind::Or(items)
            | NodeKind::Builtin { args: items, .. }
            | NodeKind::Call { args: items, .. } => items.iter().map(Node::height).max().unwrap_or(0),
        };
        below + 1
    }

    pub(super) fn references(&self, out: &mut Vec<Reference>) {
        match &self.kind {
            NodeKind::Number(_) | NodeKind::Text(_) | NodeKind::Bool(_) => {}
            NodeKind::Var(name) => out.push(Reference {
                kind: ReferenceKind::Variable,
                name: name.clone(),
                first_arg: None,
                column: self.column,
            }),
            NodeKind::Neg(inner) | NodeKind::Not(inner) => inner.references(out),
            NodeKind::Arith { first, rest } => {
                first.references(out);
                for step in rest {
                    step.rhs.references(out);
                }
            }
            NodeKind::Compare { lhs, rhs, .. } => {
                lhs.references(out);
                rhs.references(out);
            }
            NodeKind::And(items) | NodeKind::Or(items) | NodeKind::Builtin { args: items, .. } => {
                for item in items {
                    item.references(out);
                }
            }
            NodeKind::Call { name, args } => {
                let first_arg = match args.first().map(|a| &a.kind) {
                    Some(NodeKind::Text(s)) => Some(s.clone()),
                    _ => None,
                };
                out.push(Reference { kind: ReferenceKind::Call, name: name.clone(), first_arg, column: self.column });
                for arg in args {
                    arg.references(out);
                }
            }
        }
    }
}
