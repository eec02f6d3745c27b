//! The formula language: a small, sandboxed expression language over exact decimals for plan
//! conditions (`attainment("revenue") >= 1.0 and nps < 30`) and custom measures
//! (`revenue - 0.5 * returns`).
//!
//! A formula can only read what its [`Env`] offers: it cannot define functions, loop, or reach
//! anything else, and hard limits keep a hostile formula from hanging or crashing the page.
//!
//! # Grammar
//!
//! From the lowest precedence to the highest:
//!
//! ```text
//! formula    = or EOF
//! or         = and ( "or" and )*
//! and        = not ( "and" not )*
//! not        = "not" not | comparison
//! comparison = sum ( ( "==" | "!=" | "<" | "<=" | ">" | ">=" ) sum )?   -- never chained
//! sum        = product ( ( "+" | "-" ) product )*
//! product    = unary ( ( "*" | "/" | "%" ) unary )*
//! unary      = "-" unary | primary
//! primary    = NUMBER | STRING | "true" | "false" | NAME | NAME "(" args? ")" | "(" or ")"
//! args       = or ( "," or )*
//! NUMBER     = digits ( "." digits )?                  -- exact decimal, at most 28 digits
//! STRING     = '"' ( any char but '"' and '\' | '\"' | '\\' )* '"'
//! NAME       = [A-Za-z_] [A-Za-z0-9_.]*               -- not and, or, not, true, false
//! ```
//!
//! Built-in functions are `min`, `max`, `abs`, `if` (lazy: only the chosen branch runs), `round`
//! (half-up) and `clamp`; every other call and every bare name is resolved through the [`Env`].
//!
//! # Limits
//!
//! [`MAX_SOURCE_BYTES`], [`MAX_DEPTH`], [`MAX_NODES`] and [`MAX_ARGS`] are checked by the parser,
//! [`MAX_STEPS`] by the evaluator. Evaluation visits each node at most once and recurses no deeper
//! than the tree, which the depth limit bounds.
//!
//! # Example
//!
//! ```
//! use spm_plan::formula::{Env, Formula, Value};
//!
//! struct Inputs;
//! impl Env for Inputs {
//!     fn var(&self, name: &str) -> Option<Value> {
//!         (name == "nps").then(|| Value::Decimal(25.into()))
//!     }
//!     fn call(&self, _name: &str, _args: &[Value]) -> Result<Option<Value>, String> {
//!         Ok(None)
//!     }
//! }
//!
//! let f = Formula::parse("if(nps < 30, 0.5, 1) * 2")?;
//! assert_eq!(f.eval_decimal(&Inputs)?.to_string(), "1.0");
//! # Ok::<(), spm_plan::formula::FormulaError>(())
//! ```

mod ast;
mod error;
mod eval;
mod lexer;
mod parser;

pub use error::{FormulaError, FormulaErrorKind};

use rust_decimal::Decimal;
use std::fmt;

/// The most arguments one call may take.
pub use spm_base::limits::MAX_FORMULA_ARGS as MAX_ARGS;
/// The longest formula source accepted, in bytes.
pub use spm_base::limits::MAX_FORMULA_BYTES as MAX_SOURCE_BYTES;
/// The deepest nesting accepted: each parenthesis, call and prefix `-` or `not` adds a level.
pub use spm_base::limits::MAX_FORMULA_DEPTH as MAX_DEPTH;
/// The most nodes accepted: every literal, name, operator and call counts as one.
pub use spm_base::limits::MAX_FORMULA_NODES as MAX_NODES;
/// The most evaluation steps one evaluation may take. Evaluation visits each node at most once,
/// so a parsed formula never reaches this; it is a second guard should that ever change.
pub use spm_base::limits::MAX_FORMULA_STEPS as MAX_STEPS;

/// A value a formula computes or its environment supplies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// An exact decimal number.
    Decimal(Decimal),
    /// A truth value.
    Bool(bool),
    /// Text, for comparisons and function arguments.
    Str(String),
}

impl Value {
    /// What kind of value this is, as a message names it ("a number").
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Decimal(_) => "a number",
            Value::Bool(_) => "true/false",
            Value::Str(_) => "text",
        }
    }

    /// The kind and the value, for messages ("true/false (true)").
    fn describe(&self) -> String {
        format!("{} ({self})", self.type_name())
    }
}

impl fmt::Display for Value {
    /// Numbers and truth values as written in a formula, text in double quotes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Decimal(d) => write!(f, "{d}"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Str(s) => write!(f, "{s:?}"),
        }
    }
}

/// What a formula can read: variables (measures, payee inputs) and non-built-in functions.
pub trait Env {
    /// Value of a bare identifier, or None if unknown.
    fn var(&self, name: &str) -> Option<Value>;

    /// Calls a non-built-in function; Ok(None) if the function is unknown.
    ///
    /// # Errors
    /// A message saying why the call cannot be answered (for example a measure the plan does
    /// not define); the formula reports it at the call's column.
    fn call(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String>;
}

/// Whether a [`Reference`] is a bare name or a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReferenceKind {
    /// A bare name such as `nps`.
    Variable,
    /// A non-built-in call such as `attainment("revenue")`.
    Call,
}

/// One thing a formula needs from its environment, for validating a plan before it runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Variable or call.
    pub kind: ReferenceKind,
    /// The variable's or function's name.
    pub name: String,
    /// For a call whose first argument is a string literal, that string (the measure's name in
    /// `attainment("revenue")`).
    pub first_arg: Option<String>,
    /// Where the name starts, 1-based, in characters.
    pub column: usize,
}

/// A parsed formula: its source and its syntax tree. Parse once, evaluate many times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formula {
    source: String,
    root: ast::Node,
}

impl Formula {
    /// Parses a formula.
    ///
    /// # Errors
    /// `Syntax` with the column of the offending character or token, or `Limit` when the source
    /// is longer than [`MAX_SOURCE_BYTES`], nests deeper than [`MAX_DEPTH`], has more than
    /// [`MAX_NODES`] nodes or a call has more than [`MAX_ARGS`] arguments.
    pub fn parse(src: &str) -> Result<Formula, FormulaError> {
        let tokens = lexer::lex(src).map_err(|e| *e)?;
        let root = parser::parse(&tokens, src.chars().count()).map_err(|e| *e)?;
        Ok(Formula { source: src.to_string(), root })
    }

    /// The source text as given to [`Formula::parse`].
    pub fn source(&self) -> &str {
        &self.source
    }

    /// How deep evaluating the formula recurses: the height of its syntax tree (a single name
    /// or number is 1, `abs(-x)` is 3). At most about [`MAX_DEPTH`] plus a level per operator
    /// between two parentheses.
    pub fn depth(&self) -> usize {
        self.root.height()
    }

    /// Every variable name and every non-built-in call (name + its string-literal first
    /// argument if any), with columns, in source order, for validation ("a formula that
    /// references an unknown measure"). Names inside both branches of `if` are included.
    pub fn references(&self) -> Vec<Reference> {
        let mut out = Vec::new();
        self.root.references(&mut out);
        out
    }

    /// Evaluates the formula against `env`.
    ///
    /// # Errors
    /// `Type` (an operator or function given the wrong kind of value), `UnknownName` (the
    /// environment knows no such variable or function, or refused a call), `Arithmetic`
    /// (division by zero, overflow, an invalid `round` or `clamp` argument) or `Limit`; the
    /// column points at the failing node.
    pub fn eval(&self, env: &dyn Env) -> Result<Value, FormulaError> {
        eval::eval(&self.root, env, MAX_STEPS).map_err(|e| *e)
    }

    /// Evaluates a formula that must give a number, such as a custom measure.
    ///
    /// # Errors
    /// As [`Formula::eval`], and `Type` when the result is not a number.
    pub fn eval_decimal(&self, env: &dyn Env) -> Result<Decimal, FormulaError> {
        match self.eval(env)? {
            Value::Decimal(d) => Ok(d),
            other => Err(self.result_type_error("a number", &other)),
        }
    }

    /// Evaluates a formula that must give true or false, such as a condition.
    ///
    /// # Errors
    /// As [`Formula::eval`], and `Type` when the result is not true/false.
    pub fn eval_bool(&self, env: &dyn Env) -> Result<bool, FormulaError> {
        match self.eval(env)? {
            Value::Bool(b) => Ok(b),
            other => Err(self.result_type_error("true/false", &other)),
        }
    }

    fn result_type_error(&self, wanted: &str, got: &Value) -> FormulaError {
        FormulaError::new(
            FormulaErrorKind::Type,
            self.root.column,
            format!("the formula must give {wanted}, but it gives {}", got.describe()),
            if wanted == "a number" {
                "use a calculation here, not a condition"
            } else {
                "use a condition here, such as a comparison with '>='"
            },
        )
    }
}

impl fmt::Display for Formula {
    /// The source text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod tests_errors;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod proptests;
