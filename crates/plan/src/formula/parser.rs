//! The formula parser: tokens to a syntax tree by recursive descent, one function per
//! precedence level (see the grammar in the module docs).
//!
//! Every construct that recurses (parentheses, calls, prefix `-` and `not`) first checks the
//! nesting depth, so even `((((…` a hundred thousand deep fails fast instead of overflowing the
//! stack; binary operators loop rather than recurse. Nodes and call arguments are counted as
//! they are built.

use super::ast::{ArithOp, ArithStep, Builtin, CmpOp, Node, NodeKind};
use super::error::{expected_value, syntax, too_deep, too_many_args, too_many_nodes, unclosed, wrong_arity, Fallible};
use super::lexer::{Tok, Token};
use super::{MAX_ARGS, MAX_DEPTH, MAX_NODES};

/// Parses a whole formula; `char_len` is the source length in characters.
pub(super) fn parse(tokens: &[Token], char_len: usize) -> Fallible<Node> {
    let mut p = Parser { tokens, pos: 0, eof: Token { tok: Tok::Eof, column: char_len + 1 }, depth: 0, nodes: 0 };
    if p.peek().tok == Tok::Eof {
        return Err(syntax(1, "the formula is empty", "write an expression such as revenue * 0.05"));
    }
    let root = p.or()?;
    let next = p.peek();
    match next.tok {
        Tok::Eof => Ok(root),
        Tok::RParen => Err(syntax(next.column, "this ')' has no matching '('", "remove it, or add the '(' it closes")),
        _ => Err(syntax(
            next.column,
            format!("found {} after a complete expression", next.tok.describe()),
            "is an operator or a comma missing before it?",
        )),
    }
}

struct Parser<'t> {
    tokens: &'t [Token],
    pos: usize,
    /// Returned by `peek` past the end, so running off the tokens cannot panic.
    eof: Token,
    depth: usize,
    nodes: usize,
}

impl Parser<'_> {
    fn peek(&self) -> &Token {
        self.tokens.get(self.pos).unwrap_or(&self.eof)
    }

    fn bump(&mut self) -> Token {
        let t = self.peek().clone();
        if self.pos < self.tokens.len() {
            self.pos += 1;
        }
        t
    }

    /// Counts one node; called for every literal, name, operator and call.
    fn count(&mut self, column: usize) -> Fallible<()> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(too_many_nodes(column));
        }
        Ok(())
    }

    /// Enters one nesting level; called before every recursion that the input controls.
    fn enter(&mut self, column: usize) -> Fallible<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(too_deep(column));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn or(&mut self) -> Fallible<Node> {
        let first = self.and()?;
        if self.peek().tok != Tok::Or {
            return Ok(first);
        }
        let column = first.column;
        let mut items = vec![first];
        while self.peek().tok == Tok::Or {
            let op = self.bump();
            self.count(op.column)?;
            items.push(self.and()?);
        }
        Ok(Node { kind: NodeKind::Or(items), column })
    }

    fn and(&mut self) -> Fallible<Node> {
        let first = self.not()?;
        if self.peek().tok != Tok::And {
            return Ok(first);
        }
        let column = first.column;
        let mut items = vec![first];
        while self.peek().tok == Tok::And {
            let op = self.bump();
            self.count(op.column)?;
            items.push(self.not()?);
        }
        Ok(Node { kind: NodeKind::And(items), column })
    }

    fn not(&mut self) -> Fallible<Node> {
        if self.peek().tok != Tok::Not {
            return self.comparison();
        }
        let column = self.bump().column;
        self.enter(column)?;
        self.count(column)?;
        let inner = self.not()?;
        self.leave();
        Ok(Node { kind: NodeKind::Not(Box::new(inner)), column })
    }

    fn comparison(&mut self) -> Fallible<Node> {
        let lhs = self.chain(sum_op, Self::product)?;
        let Some(op) = cmp_op(&self.peek().tok) else {
            return Ok(lhs);
        };
        let op_column = self.bump().column;
        self.count(op_column)?;
        let rhs = self.chain(sum_op, Self::product)?;
        let next = self.peek();
        if cmp_op(&next.tok).is_some() {
            return Err(syntax(
                next.column,
                "comparisons cannot be chained",
                "join them with 'and', as in a < b and b < c",
            ));
        }
        Ok(Node {
            column: lhs.column,
            kind: NodeKind::Compare { op, op_column, lhs: Box::new(lhs), rhs: Box::new(rhs) },
        })
    }

    fn product(&mut self) -> Fallible<Node> {
        self.chain(product_op, Self::unary)
    }

    /// One left-associative precedence level, kept flat: `operand (op operand)*`.
    fn chain(
        &mut self,
        op_of: fn(&Tok) -> Option<ArithOp>,
        operand: fn(&mut Self) -> Fallible<Node>,
    ) -> Fallible<Node> {
        let first = operand(self)?;
        let mut rest = Vec::new();
        while let Some(op) = op_of(&self.peek().tok) {
            let op_column = self.bump().column;
            self.count(op_column)?;
            rest.push(ArithStep { op, op_column, rhs: operand(self)? });
        }
        if rest.is_empty() {
            return Ok(first);
        }
        Ok(Node { column: first.column, kind: NodeKind::Arith { first: Box::new(first), rest } })
    }

    fn unary(&mut self) -> Fallible<Node> {
        let next = self.peek();
        match next.tok {
            Tok::Minus => {
                let column = self.bump().column;
                self.enter(column)?;
                self.count(column)?;
                let inner = self.unary()?;
                self.leave();
                Ok(Node { kind: NodeKind::Neg(Box::new(inner)), column })
            }
            Tok::Not => Err(syntax(
                next.column,
                "'not' cannot stand inside a calculation or comparison",
                "put it in parentheses, as in a == (not b)",
            )),
            _ => self.primary(),
        }
    }

    fn primary(&mut self) -> Fallible<Node> {
        let t = self.bump();
        let kind = match t.tok {
            Tok::Number(d) => NodeKind::Number(d),
            Tok::Text(s) => NodeKind::Text(s),
            Tok::True => NodeKind::Bool(true),
            Tok::False => NodeKind::Bool(false),
            Tok::Ident(name) if self.peek().tok == Tok::LParen => return self.call(name, t.column),
            Tok::Ident(name) => NodeKind::Var(name),
            Tok::LParen => {
                self.enter(t.column)?;
                let inner = self.or()?;
                self.close(t.column, "is an operator missing?")?;
                self.leave();
                // Parentheses only group: the node keeps the inner expression's column.
                return Ok(inner);
            }
            other => return Err(expected_value(&other, t.column)),
        };
        self.count(t.column)?;
        Ok(Node { kind, column: t.column })
    }

    /// A call `name(args)`; the '(' is next.
    fn call(&mut self, name: String, column: usize) -> Fallible<Node> {
        let open = self.bump().column;
        self.enter(open)?;
        self.count(column)?;
        let mut args = Vec::new();
        if self.peek().tok != Tok::RParen {
            loop {
                if args.len() == MAX_ARGS {
                    return Err(too_many_args(&name, self.peek().column));
                }
                args.push(self.or()?);
                if self.peek().tok != Tok::Comma {
                    break;
                }
                self.bump();
            }
        }
        self.close(open, "separate arguments with ','")?;
        self.leave();
        let kind = match Builtin::from_name(&name) {
            Some(f) => {
                check_arity(f, args.len(), column)?;
                NodeKind::Builtin { f, args }
            }
            None => NodeKind::Call { name, args },
        };
        Ok(Node { kind, column })
    }

    /// Consumes the ')' matching the '(' at `open`.
    fn close(&mut self, open: usize, hint_if_not_end: &str) -> Fallible<()> {
        let next = self.peek();
        if next.tok == Tok::RParen {
            self.bump();
            return Ok(());
        }
        Err(unclosed(open, next, hint_if_not_end))
    }
}

fn sum_op(t: &Tok) -> Option<ArithOp> {
    match t {
        Tok::Plus => Some(ArithOp::Add),
        Tok::Minus => Some(ArithOp::Sub),
        _ => None,
    }
}

fn product_op(t: &Tok) -> Option<ArithOp> {
    match t {
        Tok::Star => Some(ArithOp::Mul),
        Tok::Slash => Some(ArithOp::Div),
        Tok::Percent => Some(ArithOp::Rem),
        _ => None,
    }
}

fn cmp_op(t: &Tok) -> Option<CmpOp> {
    match t {
        Tok::Eq => Some(CmpOp::Eq),
        Tok::Ne => Some(CmpOp::Ne),
        Tok::Lt => Some(CmpOp::Lt),
        Tok::Le => Some(CmpOp::Le),
        Tok::Gt => Some(CmpOp::Gt),
        Tok::Ge => Some(CmpOp::Ge),
        _ => None,
    }
}

/// Checks a built-in's argument count when the formula is parsed, not when it runs.
fn check_arity(f: Builtin, given: usize, column: usize) -> Fallible<()> {
    let (lo, hi) = f.arity();
    if (lo..=hi).contains(&given) {
        return Ok(());
    }
    Err(wrong_arity(f, given, column))
}
