//! The formula evaluator: walks the syntax tree once, with checked decimal arithmetic, lazy
//! `if`, short-circuit `and`/`or`, and a step counter as a second guard behind the parser's
//! limits.

use super::ast::{ArithOp, ArithStep, Builtin, CmpOp, Node, NodeKind};
use super::error::{fail, limit, Fallible, FormulaError, FormulaErrorKind};
use super::{Env, Value};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use spm_base::money::{round_to, RoundingMode};
use std::cmp::Ordering;

/// Evaluates `root` against `env`, failing after `max_steps` nodes.
pub(super) fn eval(root: &Node, env: &dyn Env, max_steps: usize) -> Fallible<Value> {
    Evaluator { env, steps: 0, max_steps }.node(root)
}

struct Evaluator<'e> {
    env: &'e dyn Env,
    steps: usize,
    max_steps: usize,
}

impl Evaluator<'_> {
    /// Evaluates one node. This is the function that recurses, so it only dispatches: each
    /// kind of node has its own function, whose locals are on the stack only while it runs.
    fn node(&mut self, n: &Node) -> Fallible<Value> {
        self.steps += 1;
        if self.steps > self.max_steps {
            return Err(too_many_steps(n.column, self.max_steps));
        }
        match &n.kind {
            NodeKind::Number(d) => Ok(Value::Decimal(*d)),
            NodeKind::Text(s) => Ok(Value::Str(s.clone())),
            NodeKind::Bool(b) => Ok(Value::Bool(*b)),
            NodeKind::Var(name) => self.env.var(name).ok_or_else(|| unknown_name(name, n.column)),
            NodeKind::Neg(inner) => Ok(Value::Decimal(-self.decimal(inner, "-")?)),
            NodeKind::Not(inner) => Ok(Value::Bool(!self.boolean(inner, "not")?)),
            NodeKind::Arith { first, rest } => self.arith(first, rest),
            NodeKind::Compare { op, op_column, lhs, rhs } => self.compare(*op, *op_column, lhs, rhs),
            NodeKind::And(items) => self.logic(items, false),
            NodeKind::Or(items) => self.logic(items, true),
            NodeKind::Builtin { f, args } => self.builtin(*f, args, n.column),
            NodeKind::Call { name, args } => self.call(name, args, n.column),
        }
    }

    /// Evaluates a node that must give a number; `what` names the operator or function that
    /// needs it (`+`, `min`), for the message.
    fn decimal(&mut self, n: &Node, what: &str) -> Fallible<Decimal> {
        match self.node(n)? {
            Value::Decimal(d) => Ok(d),
            other => Err(wrong_type(n.column, what, "a number", &other)),
        }
    }

    /// Evaluates a node that must give true or false.
    fn boolean(&mut self, n: &Node, what: &str) -> Fallible<bool> {
        match self.node(n)? {
            Value::Bool(b) => Ok(b),
            other => Err(wrong_type(n.column, what, "true/false", &other)),
        }
    }

    fn arith(&mut self, first: &Node, rest: &[ArithStep]) -> Fallible<Value> {
        let first_op = rest.first().map_or("", |s| s.op.symbol());
        let mut acc = self.decimal(first, first_op)?;
        for step in rest {
            let rhs = self.decimal(&step.rhs, step.op.symbol())?;
            acc = apply(step.op, acc, rhs, step.op_column)?;
        }
        Ok(Value::Decimal(acc))
    }

    fn compare(&mut self, op: CmpOp, column: usize, lhs: &Node, rhs: &Node) -> Fallible<Value> {
        let l = self.node(lhs)?;
        let r = self.node(rhs)?;
        compare(op, &l, &r, column).map(Value::Bool)
    }

    /// `and` (stop at the first false) or `or` (stop at the first true). Later operands are
    /// not evaluated once the answer is known, so a condition can guard a term that would
    /// otherwise fail.
    fn logic(&mut self, items: &[Node], is_or: bool) -> Fallible<Value> {
        let what = if is_or { "or" } else { "and" };
        for item in items {
            if self.boolean(item, what)? == is_or {
                return Ok(Value::Bool(is_or));
            }
        }
        Ok(Value::Bool(!is_or))
    }

    fn builtin(&mut self, f: Builtin, args: &[Node], column: usize) -> Fallible<Value> {
        let name = f.name();
        // The parser checked the argument count, so a missing argument is a bug; it still
        // gets an error rather than a panic.
        let arg = |i: usize| args.get(i).ok_or_else(|| missing_arg(f, i, column));
        let d = match f {
            // Lazy: only the chosen branch is evaluated.
            Builtin::If => {
                let branch = if self.boolean(arg(0)?, name)? { 1 } else { 2 };
                return self.node(arg(branch)?);
            }
            Builtin::Min | Builtin::Max => {
                let mut best = self.decimal(arg(0)?, name)?;
                for a in args.iter().skip(1) {
                    let v = self.decimal(a, name)?;
                    if (f == Builtin::Min && v < best) || (f == Builtin::Max && v > best) {
                        best = v;
                    }
                }
                best
            }
            Builtin::Abs => self.decimal(arg(0)?, name)?.abs(),
            Builtin::Round => {
                let x = self.decimal(arg(0)?, name)?;
                let places_node = arg(1)?;
                let places = self.decimal(places_node, name)?;
                let dp = places
                    .fract()
                    .is_zero()
                    .then(|| places.to_u32())
                    .flatten()
                    .filter(|dp| *dp <= 28)
                    .ok_or_else(|| bad_places(places, places_node.column))?;
                round_to(x, dp, RoundingMode::HalfUp)
            }
            Builtin::Clamp => {
                let x = self.decimal(arg(0)?, name)?;
                let lo = self.decimal(arg(1)?, name)?;
                let hi = self.decimal(arg(2)?, name)?;
                if lo > hi {
                    return Err(bad_clamp(lo, hi, column));
                }
                x.max(lo).min(hi)
            }
        };
        Ok(Value::Decimal(d))
    }

    /// A call resolved through the environment, with evaluated arguments.
    fn call(&mut self, name: &str, args: &[Node], column: usize) -> Fallible<Value> {
        let mut values = Vec::with_capacity(args.len());
        for a in args {
            values.push(self.node(a)?);
        }
        match self.env.call(name, &values) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => Err(unknown_function(name, column)),
            Err(why) => Err(fail(
                FormulaErrorKind::UnknownName,
                column,
                format!("'{name}' cannot be evaluated: {why}"),
                "check the function's arguments against the plan",
            )),
        }
    }
}

// The error builders below are out of line and cold so that formatting messages takes no
// room in the frames of the recursive functions above.

#[cold]
#[inline(never)]
fn too_many_steps(column: usize, max_steps: usize) -> Box<FormulaError> {
    limit(column, format!("evaluation took more than {max_steps} steps"), "split the calculation into several measures")
}

#[cold]
#[inline(never)]
fn unknown_name(name: &str, column: usize) -> Box<FormulaError> {
    fail(
        FormulaErrorKind::UnknownName,
        column,
        format!("unknown name '{name}'"),
        "check the spelling against the plan's measures and payee inputs",
    )
}

#[cold]
#[inline(never)]
fn unknown_function(name: &str, column: usize) -> Box<FormulaError> {
    let hint = match Builtin::from_name(&name.to_ascii_lowercase()) {
        Some(b) => format!("did you mean '{}'? names are case-sensitive", b.name()),
        None => "check the spelling; the built-ins are min, max, abs, if, round and clamp".into(),
    };
    fail(FormulaErrorKind::UnknownName, column, format!("unknown function '{name}'"), hint)
}

#[cold]
#[inline(never)]
fn wrong_type(column: usize, what: &str, wanted: &str, got: &Value) -> Box<FormulaError> {
    let hint = match (wanted, got) {
        ("a number", Value::Bool(_)) => "to turn a condition into a number, write if(condition, 1, 0)",
        ("a number", _) => "text cannot be used in arithmetic; use a number or a name here",
        _ => "use a condition here, such as revenue > 0",
    };
    fail(FormulaErrorKind::Type, column, format!("'{what}' needs {wanted}, but this is {}", got.describe()), hint)
}

#[cold]
#[inline(never)]
fn missing_arg(f: Builtin, i: usize, column: usize) -> Box<FormulaError> {
    fail(
        FormulaErrorKind::Syntax,
        column,
        format!("'{}' is missing argument {}", f.name(), i + 1),
        format!("call it as {}", f.signature()),
    )
}

#[cold]
#[inline(never)]
fn bad_places(places: Decimal, column: usize) -> Box<FormulaError> {
    fail(
        FormulaErrorKind::Arithmetic,
        column,
        format!("'round' needs a whole number of places from 0 to 28, not {places}"),
        "write round(x, 2) for cents",
    )
}

#[cold]
#[inline(never)]
fn bad_clamp(lo: Decimal, hi: Decimal, column: usize) -> Box<FormulaError> {
    fail(
        FormulaErrorKind::Arithmetic,
        column,
        format!("'clamp' has a low bound {lo} above its high bound {hi}"),
        "write clamp(x, low, high)",
    )
}

/// One checked arithmetic step; division by zero and overflow are errors at the operator.
fn apply(op: ArithOp, a: Decimal, b: Decimal, column: usize) -> Fallible<Decimal> {
    if matches!(op, ArithOp::Div | ArithOp::Rem) && b.is_zero() {
        return Err(fail(
            FormulaErrorKind::Arithmetic,
            column,
            format!("division by zero in '{}'", op.symbol()),
            "guard it with if(), as in if(quota > 0, revenue / quota, 0)",
        ));
    }
    let r = match op {
        ArithOp::Add => a.checked_add(b),
        ArithOp::Sub => a.checked_sub(b),
        ArithOp::Mul => a.checked_mul(b),
        ArithOp::Div => a.checked_div(b),
        ArithOp::Rem => a.checked_rem(b),
    };
    r.ok_or_else(|| {
        fail(
            FormulaErrorKind::Arithmetic,
            column,
            format!("the result of '{}' is too large for a decimal", op.symbol()),
            "check the inputs for values that are far too large",
        )
    })
}

/// A comparison; `==` and `!=` need two values of the same kind, ordering needs two numbers.
fn compare(op: CmpOp, l: &Value, r: &Value, column: usize) -> Fallible<bool> {
    if let (Value::Decimal(a), Value::Decimal(b)) = (l, r) {
        let ord = a.cmp(b);
        return Ok(match op {
            CmpOp::Eq => ord == Ordering::Equal,
            CmpOp::Ne => ord != Ordering::Equal,
            CmpOp::Lt => ord == Ordering::Less,
            CmpOp::Le => ord != Ordering::Greater,
            CmpOp::Gt => ord == Ordering::Greater,
            CmpOp::Ge => ord != Ordering::Less,
        });
    }
    let same_kind = std::mem::discriminant(l) == std::mem::discriminant(r);
    match op {
        CmpOp::Eq | CmpOp::Ne if same_kind => Ok((l == r) == (op == CmpOp::Eq)),
        CmpOp::Eq | CmpOp::Ne => Err(fail(
            FormulaErrorKind::Type,
            column,
            format!(
                "'{}' compares values of the same kind, but the left side is {} and the right side is {}",
                op.symbol(),
                l.describe(),
                r.describe()
            ),
            "compare a number with a number, text with text, or true/false with true/false",
        )),
        _ => Err(fail(
            FormulaErrorKind::Type,
            column,
            format!(
                "'{}' compares numbers, but the left side is {} and the right side is {}",
                op.symbol(),
                l.describe(),
                r.describe()
            ),
            "use '==' or '!=' to compare text or true/false",
        )),
    }
}
