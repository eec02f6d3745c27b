//! Formula errors: what went wrong, at which column, and how to fix it; and the messages the
//! parser gives.

use super::ast::Builtin;
use super::lexer::{Tok, Token};
use super::{MAX_ARGS, MAX_DEPTH, MAX_NODES};
use spm_base::error::{Code, Diagnostic};
use std::fmt;

/// The kind of a [`FormulaError`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FormulaErrorKind {
    /// The text is not a formula: an unexpected character or token, an unclosed string or
    /// parenthesis, a built-in called with the wrong number of arguments.
    Syntax,
    /// A value of the wrong kind: adding true/false to a number, `if` with a condition that is
    /// not true/false, comparing text with a number.
    Type,
    /// A variable or function the environment does not know, or a call it refused.
    UnknownName,
    /// The formula exceeds one of the limits that keep evaluation cheap.
    Limit,
    /// Division by zero, a result too large for a decimal, or an argument out of range.
    Arithmetic,
}

impl FormulaErrorKind {
    /// The engine's stable error code for this kind.
    ///
    /// Syntax and type errors share `WRONG_TYPE` until the engine has formula-specific codes.
    pub fn code(self) -> Code {
        match self {
            FormulaErrorKind::Syntax => Code::FormulaSyntax,
            FormulaErrorKind::Type | FormulaErrorKind::Arithmetic => Code::FormulaEval,
            FormulaErrorKind::UnknownName => Code::UnknownReference,
            FormulaErrorKind::Limit => Code::LimitExceeded,
        }
    }
}

/// A located problem with a formula, from parsing or from evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormulaError {
    /// What kind of problem.
    pub kind: FormulaErrorKind,
    /// Where it is: 1-based, counted in characters.
    pub column: usize,
    /// What is wrong, in a sentence.
    pub message: String,
    /// How to fix it, in a sentence; may be empty.
    pub hint: String,
}

impl FormulaError {
    /// An error of `kind` at `column`.
    pub fn new(kind: FormulaErrorKind, column: usize, message: impl Into<String>, hint: impl Into<String>) -> Self {
        FormulaError { kind, column, message: message.into(), hint: hint.into() }
    }

    /// The engine's stable error code for this error.
    pub fn code(&self) -> Code {
        self.kind.code()
    }

    /// A diagnostic for the formula found at `path` (such as `components[0].condition`); the
    /// message starts with the column.
    pub fn to_diagnostic(&self, path: impl Into<String>) -> Diagnostic {
        Diagnostic::error(path, self.code(), self.to_string(), self.hint.clone())
    }
}

impl fmt::Display for FormulaError {
    /// `column 12: expected ')' to close the '(' at column 4`; the hint is left to the caller.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column, self.message)
    }
}

impl std::error::Error for FormulaError {}

/// The internal result type. Errors stay boxed inside the parser and the evaluator: they
/// recurse as deep as the formula nests, and a small `Result` keeps every stack frame small,
/// which matters in debug builds and on wasm's 1 MiB stack.
pub(super) type Fallible<T> = Result<T, Box<FormulaError>>;

/// A boxed error of `kind`; out of line and cold so that building messages costs the
/// recursive callers no stack.
#[cold]
#[inline(never)]
pub(super) fn fail(
    kind: FormulaErrorKind,
    column: usize,
    message: impl Into<String>,
    hint: impl Into<String>,
) -> Box<FormulaError> {
    Box::new(FormulaError::new(kind, column, message, hint))
}

/// A syntax error, the most common kind when parsing.
pub(super) fn syntax(column: usize, message: impl Into<String>, hint: impl Into<String>) -> Box<FormulaError> {
    fail(FormulaErrorKind::Syntax, column, message, hint)
}

/// A limit error naming the limit.
pub(super) fn limit(column: usize, message: impl Into<String>, hint: impl Into<String>) -> Box<FormulaError> {
    fail(FormulaErrorKind::Limit, column, message, hint)
}

// The parser's error builders. They are out of line and cold so that formatting messages
// takes no room in the frames of the parser's recursive functions.

/// More than `MAX_NODES` nodes.
#[cold]
#[inline(never)]
pub(super) fn too_many_nodes(column: usize) -> Box<FormulaError> {
    limit(
        column,
        format!("the formula has more than {MAX_NODES} parts (numbers, names, operators and calls)"),
        "split the calculation into several measures",
    )
}

/// Nesting deeper than `MAX_DEPTH`.
#[cold]
#[inline(never)]
pub(super) fn too_deep(column: usize) -> Box<FormulaError> {
    limit(
        column,
        format!("the formula nests more than {MAX_DEPTH} levels deep (parentheses, calls, '-' and 'not')"),
        "remove redundant parentheses, or split the calculation into several measures",
    )
}

/// A call with more than `MAX_ARGS` arguments.
#[cold]
#[inline(never)]
pub(super) fn too_many_args(name: &str, column: usize) -> Box<FormulaError> {
    limit(column, format!("'{name}' is given more than {MAX_ARGS} arguments"), "split the call into several calls")
}

/// A missing `)`, reported where it was expected and naming the `(` it would close.
#[cold]
#[inline(never)]
pub(super) fn unclosed(open: usize, found: &Token, hint_if_not_end: &str) -> Box<FormulaError> {
    let hint = if found.tok == Tok::Eof {
        "add ')' at the end".to_string()
    } else {
        format!("found {}; {hint_if_not_end}", found.tok.describe())
    };
    syntax(found.column, format!("expected ')' to close the '(' at column {open}"), hint)
}

/// The error for a token where a value should start.
#[cold]
#[inline(never)]
pub(super) fn expected_value(found: &Tok, column: usize) -> Box<FormulaError> {
    match found {
        Tok::Eof => syntax(column, "the formula ends where a value is expected", "complete the expression"),
        Tok::RParen | Tok::Comma => syntax(
            column,
            format!("expected a value before {}", found.describe()),
            "a number, name, string or parenthesised expression is missing",
        ),
        Tok::Plus => syntax(column, "expected a value, found '+'", "there is no unary '+'; remove it"),
        _ => syntax(
            column,
            format!("expected a value, found {}", found.describe()),
            "write a number, a name, a string or a parenthesised expression here",
        ),
    }
}

/// A built-in called with the wrong number of arguments.
#[cold]
#[inline(never)]
pub(super) fn wrong_arity(f: Builtin, given: usize, column: usize) -> Box<FormulaError> {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    let (lo, hi) = f.arity();
    let wanted = if hi == usize::MAX {
        format!("at least {lo} argument{}", plural(lo))
    } else {
        format!("{lo} argument{}", plural(lo))
    };
    syntax(
        column,
        format!("'{}' takes {wanted}, but {given} {} given", f.name(), if given == 1 { "is" } else { "are" }),
        format!("call it as {}", f.signature()),
    )
}
