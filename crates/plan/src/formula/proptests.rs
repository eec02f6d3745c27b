//! Property tests: no input panics the parser or the evaluator, error columns stay inside the
//! text, and random arithmetic evaluates deterministically to what checked decimal arithmetic
//! gives directly.

use super::tests::env;
use super::*;
use proptest::prelude::*;

/// Parses and evaluates `src`, checking the properties every input must have.
fn never_panics(src: &str) -> Result<(), TestCaseError> {
    let len = src.chars().count();
    match Formula::parse(src) {
        Err(e) => {
            prop_assert!((1..=len + 1).contains(&e.column), "{src:?}: column {} outside 1..={}", e.column, len + 1);
            prop_assert!(e.to_string().starts_with("column "));
        }
        Ok(f) => {
            let first = f.eval(&env());
            prop_assert_eq!(&first, &f.eval(&env()), "{:?} is not deterministic", src);
            if let Err(e) = first {
                prop_assert!((1..=len).contains(&e.column), "{src:?}: {e}");
            }
            prop_assert!(f.references().iter().all(|r| r.column <= len));
        }
    }
    Ok(())
}

/// Pieces that make formulas likely to get past the lexer and deep into the parser.
const VOCABULARY: &[&str] = &[
    "(",
    ")",
    ",",
    "0",
    "1",
    "2.5",
    "-",
    "+",
    "*",
    "/",
    "%",
    "==",
    "!=",
    "<",
    ">=",
    "and",
    "or",
    "not",
    "true",
    "false",
    "nps",
    "deal_type",
    "flag",
    "zero",
    "min(",
    "max(",
    "abs(",
    "if(",
    "round(",
    "clamp(",
    "sum(",
    "nosuch(",
    "\"renewal\"",
    "attainment(\"revenue\")",
    "&&",
    "!",
    "\"",
    "\\",
    "é",
    ".",
];

/// A small arithmetic expression, rendered fully parenthesised so its meaning does not depend
/// on precedence (which `tests.rs` checks by hand).
#[derive(Debug, Clone)]
enum Expr {
    Lit(Decimal),
    Neg(Box<Expr>),
    Bin(Box<Expr>, ArithSym, Box<Expr>),
}

#[derive(Debug, Clone, Copy)]
enum ArithSym {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

impl Expr {
    fn render(&self) -> String {
        match self {
            Expr::Lit(d) => d.to_string(),
            Expr::Neg(e) => format!("-({})", e.render()),
            Expr::Bin(a, op, b) => {
                let sym = match op {
                    ArithSym::Add => "+",
                    ArithSym::Sub => "-",
                    ArithSym::Mul => "*",
                    ArithSym::Div => "/",
                    ArithSym::Rem => "%",
                };
                format!("({} {sym} {})", a.render(), b.render())
            }
        }
    }

    /// The value by direct checked arithmetic; None where the formula must fail.
    fn value(&self) -> Option<Decimal> {
        match self {
            Expr::Lit(d) => Some(*d),
            Expr::Neg(e) => e.value().map(|v| -v),
            Expr::Bin(a, op, b) => {
                let (a, b) = (a.value()?, b.value()?);
                match op {
                    ArithSym::Add => a.checked_add(b),
                    ArithSym::Sub => a.checked_sub(b),
                    ArithSym::Mul => a.checked_mul(b),
                    ArithSym::Div => a.checked_div(b),
                    ArithSym::Rem => a.checked_rem(b),
                }
            }
        }
    }
}

fn expr() -> impl Strategy<Value = Expr> {
    let lit = (any::<i32>(), 0u32..6).prop_map(|(m, s)| Expr::Lit(Decimal::new(i64::from(m), s)));
    let small = (-3i64..4).prop_map(|m| Expr::Lit(Decimal::new(m, 0)));
    let leaf = prop_oneof![lit, small];
    leaf.prop_recursive(6, 48, 2, |inner| {
        let sym = prop_oneof![
            Just(ArithSym::Add),
            Just(ArithSym::Sub),
            Just(ArithSym::Mul),
            Just(ArithSym::Div),
            Just(ArithSym::Rem),
        ];
        prop_oneof![
            inner.clone().prop_map(|e| Expr::Neg(Box::new(e))),
            (inner.clone(), sym, inner).prop_map(|(a, op, b)| Expr::Bin(Box::new(a), op, Box::new(b))),
        ]
    })
}

proptest! {
    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        never_panics(&String::from_utf8_lossy(&bytes))?;
    }

    #[test]
    fn random_token_soup_never_panics(
        words in proptest::collection::vec(proptest::sample::select(VOCABULARY), 0..60),
        glue in proptest::sample::select(&[" ", ""][..]),
    ) {
        never_panics(&words.join(glue))?;
    }

    #[test]
    fn arithmetic_is_deterministic_and_exact(e in expr()) {
        let src = e.render();
        let f = Formula::parse(&src);
        prop_assert!(f.is_ok(), "{} does not parse: {:?}", src, f);
        if let Ok(f) = f {
            let got = f.eval_decimal(&env());
            prop_assert_eq!(&got, &f.eval_decimal(&env()));
            match (e.value(), got) {
                (Some(want), Ok(got)) => prop_assert_eq!(want, got, "{}", src),
                (None, Err(err)) => prop_assert_eq!(err.kind, FormulaErrorKind::Arithmetic),
                (want, got) => prop_assert!(false, "{}: expected {:?}, got {:?}", src, want, got),
            }
        }
    }
}
