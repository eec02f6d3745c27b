//! Tests of formula errors: every kind with its exact column, the messages people see, and
//! every limit, including inputs built to exhaust the stack or the clock.
//!
//! The helpers return or panic rather than unwrap, because the tidy test reads this file as
//! non-test code.

use super::tests::{d, env, eval};
use super::*;

/// The error `src` gives when parsed and evaluated; panics if it succeeds.
fn err(src: &str) -> FormulaError {
    match eval(src) {
        Ok(v) => panic!("{src} gave {v}, expected an error"),
        Err(e) => e,
    }
}

/// Asserts the kind and column of the error for `src` and returns it for further checks.
fn check(src: &str, kind: FormulaErrorKind, column: usize) -> FormulaError {
    let e = err(src);
    assert_eq!((e.kind, e.column), (kind, column), "{src}: {e} ({})", e.hint);
    e
}

use FormulaErrorKind::{Arithmetic, Limit, Syntax, Type, UnknownName};

#[test]
fn syntax_errors_point_at_the_right_column() {
    let e = check("1 + * 2", Syntax, 5);
    assert_eq!(e.to_string(), "column 5: expected a value, found '*'");
    // An unterminated string is reported at its opening quote.
    check(r#"deal_type == "renewal"#, Syntax, 14);
    let e = check("min(revenue, 100000 * 0.02", Syntax, 27);
    assert_eq!(e.to_string(), "column 27: expected ')' to close the '(' at column 4");
    assert_eq!(e.hint, "add ')' at the end");
    let e = check("(1 + 2 3)", Syntax, 8);
    assert_eq!(e.message, "expected ')' to close the '(' at column 1");
    assert!(e.hint.contains("the number 3"), "{}", e.hint);
    check("min(1 2)", Syntax, 7);
    // Trailing garbage after a complete expression.
    let e = check("revenue * 2 3", Syntax, 13);
    assert!(e.message.starts_with("found the number 3 after"), "{}", e.message);
    check("1 + 2)", Syntax, 6);
    check("a b", Syntax, 3);
    check("1 < 2 < 3", Syntax, 7);
    check("a == not b", Syntax, 6);
    check("min(1,)", Syntax, 7);
    check("+1", Syntax, 1);
    check("()", Syntax, 2);
    check("", Syntax, 1);
    check("   ", Syntax, 1);
    check("1 +", Syntax, 4);
}

#[test]
fn other_languages_spellings_suggest_the_word() {
    let e = check("revenue > 1 && nps < 30", Syntax, 13);
    assert_eq!(e.hint, "write 'and'");
    assert_eq!(check("a || b", Syntax, 3).hint, "write 'or'");
    assert!(check("!flag", Syntax, 1).hint.contains("write 'not'"));
    assert!(check("a & b", Syntax, 3).hint.contains("'and'"));
    assert!(check("a = 1", Syntax, 3).hint.contains("'=='"));
    assert!(check("'x' == a", Syntax, 1).message.contains("double quotes"));
    // `!=` is the not-equal operator, not a misspelt `not`.
    assert_eq!(eval("1 != 2"), Ok(Value::Bool(true)));
}

#[test]
fn lexical_errors_point_at_the_right_column() {
    check(".5", Syntax, 1);
    check("1.", Syntax, 3);
    check("1.2.3", Syntax, 4);
    check("2x", Syntax, 2);
    check(r#"x == "a\n""#, Syntax, 8);
    check("1 # 2", Syntax, 3);
    // Columns count characters, not bytes: 'é' is two bytes but one column.
    check(r#""héllo" # 1"#, Syntax, 9);
    let e = check("123456789012345678901234567890", Syntax, 1);
    assert!(e.message.contains("does not fit"), "{}", e.message);
    check("0.00000000000000000000000000001", Syntax, 1);
    // Very long literals are refused, not rounded and not a panic.
    check(&"9".repeat(4000), Syntax, 1);
    check(&format!("1 + 0.{}1", "0".repeat(4000)), Syntax, 5);
    assert_eq!(eval(&format!("0{}1.50", "0".repeat(4000))), Ok(Value::Decimal(d("1.5"))));
}

#[test]
fn builtins_are_called_with_the_right_number_of_arguments() {
    let e = check("1 + abs(1, 2)", Syntax, 5);
    assert_eq!(e.message, "'abs' takes 1 argument, but 2 are given");
    assert_eq!(e.hint, "call it as abs(x)");
    check("if(true, 1)", Syntax, 1);
    check("round(1)", Syntax, 1);
    check("clamp(1, 2)", Syntax, 1);
    let e = check("min()", Syntax, 1);
    assert_eq!(e.message, "'min' takes at least 1 argument, but 0 are given");
}

#[test]
fn type_errors_point_at_the_offending_value() {
    let e = check("revenue + true", Type, 11);
    assert_eq!(e.message, "'+' needs a number, but this is true/false (true)");
    check("true * 2", Type, 1);
    check("if(nps, 1, 2)", Type, 4);
    let e = check(r#""a" < 1"#, Type, 5);
    assert!(e.message.contains("compares numbers"), "{}", e.message);
    check(r#"deal_type == 1"#, Type, 11);
    check("flag != 0", Type, 6);
    check("not 5", Type, 5);
    check("1 and true", Type, 1);
    check("false or 2", Type, 10);
    check(r#"-"x""#, Type, 2);
    check(r#"min(1, "a")"#, Type, 8);
    check(r#"abs(flag)"#, Type, 5);
    check(r#"round(1, "2")"#, Type, 10);
}

#[test]
fn the_result_must_have_the_kind_asked_for() -> Result<(), FormulaError> {
    let e = Formula::parse("1 < 2")?.eval_decimal(&env());
    assert!(matches!(e, Err(FormulaError { kind: Type, column: 1, .. })));
    let e = Formula::parse(" (1 + 2)")?.eval_bool(&env());
    assert!(matches!(e, Err(FormulaError { kind: Type, column: 3, .. })));
    Ok(())
}

#[test]
fn unknown_names_point_at_the_name() {
    let e = check("revnue * 2", UnknownName, 1);
    assert_eq!(e.message, "unknown name 'revnue'");
    let e = check("2 * nosuch(1)", UnknownName, 5);
    assert_eq!(e.message, "unknown function 'nosuch'");
    assert!(check("Min(1, 2)", UnknownName, 1).hint.contains("'min'"));
    // The environment refused the call: its reason is in the message.
    let e = check(r#"1 + attainment("revnue")"#, UnknownName, 5);
    assert!(e.message.contains(r#"no measure "revnue""#), "{}", e.message);
}

#[test]
fn arithmetic_errors_point_at_the_operator_or_argument() {
    let e = check("1 / 0", Arithmetic, 3);
    assert_eq!(e.message, "division by zero in '/'");
    check("revenue / zero", Arithmetic, 9);
    check("1 % (2 - 2)", Arithmetic, 3);
    let max = "79228162514264337593543950335";
    check(&format!("{max} * 2"), Arithmetic, 31);
    check(&format!("{max} - 1 + 2"), Arithmetic, 35);
    check(&format!("-{max} - 1"), Arithmetic, 32);
    check("round(1, -1)", Arithmetic, 10);
    check("round(1, 0.5)", Arithmetic, 10);
    check("round(1, 29)", Arithmetic, 10);
    check("clamp(1, 5, 3)", Arithmetic, 1);
}

#[test]
fn errors_map_to_engine_codes_and_diagnostics() {
    use spm_base::error::Code;
    assert_eq!(FormulaErrorKind::Limit.code(), Code::LimitExceeded);
    assert_eq!(FormulaErrorKind::UnknownName.code(), Code::UnknownReference);
    assert_eq!(FormulaErrorKind::Arithmetic.code(), Code::FormulaEval);
    assert_eq!(FormulaErrorKind::Type.code(), Code::FormulaEval);
    assert_eq!(FormulaErrorKind::Syntax.code(), Code::FormulaSyntax);
    let diag = err("1 +").to_diagnostic("components[0].condition");
    assert_eq!(diag.path, "components[0].condition");
    assert_eq!(diag.code, Code::FormulaSyntax);
    assert_eq!(diag.message, "column 4: the formula ends where a value is expected");
    assert_eq!(diag.hint, "complete the expression");
}

#[test]
fn source_length_is_limited() {
    // 4,091 bytes of `1 + 10 + 10 ...` padded with spaces to exactly the limit parses.
    let mut src = format!("1{}", " + 10".repeat(818));
    src.push_str(&" ".repeat(MAX_SOURCE_BYTES - src.len()));
    assert_eq!(src.len(), MAX_SOURCE_BYTES);
    assert_eq!(eval(&src), Ok(Value::Decimal(d("8181"))));
    src.push(' ');
    check(&src, Limit, 4097);
    let e = check(&"1+".repeat(2500), Limit, 4097);
    assert_eq!(e.message, "the formula is 5000 bytes long; the limit is 4096");
    // The column counts characters: the 4,097th byte is here the 2,049th character.
    check(&"é".repeat(3000), Limit, 2049);
}

#[test]
fn nesting_depth_is_limited() {
    let nested = |open: &str, n: usize, close: &str| format!("{}1{}", open.repeat(n), close.repeat(n));
    assert_eq!(eval(&nested("(", 64, ")")), Ok(Value::Decimal(d("1"))));
    let e = check(&nested("(", 65, ")"), Limit, 65);
    assert!(e.message.contains("64 levels"), "{}", e.message);
    assert_eq!(eval(&nested("abs(", 64, ")")), Ok(Value::Decimal(d("1"))));
    check(&nested("abs(", 65, ")"), Limit, 4 * 64 + 4);
    assert_eq!(eval(&nested("-", 64, "")), Ok(Value::Decimal(d("1"))));
    check(&nested("-", 65, ""), Limit, 65);
    assert_eq!(eval(&format!("{}true", "not ".repeat(64))), Ok(Value::Bool(true)));
    check(&format!("{}true", "not ".repeat(65)), Limit, 4 * 64 + 1);
    // As deep as the source length allows: still the depth limit, at the 65th '('.
    check(&"(".repeat(4000), Limit, 65);
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn hostile_nesting_fails_fast_without_overflowing_the_stack() {
    let start = std::time::Instant::now();
    check(&"(".repeat(100_000), Limit, 4097);
    check(&format!("{}1{}", "(".repeat(50_000), ")".repeat(50_000)), Limit, 4097);
    assert!(start.elapsed() < std::time::Duration::from_secs(1));
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn the_deepest_formula_parses_and_evaluates_on_a_small_stack() {
    // Each level goes through every precedence level, making the tree as deep as the limits
    // allow; a 1 MiB stack is what wasm32 gives by default.
    let level = "(false or true and 1 == 1 + 1 * ";
    let src = format!("{}1{}", level.repeat(63), ")".repeat(63));
    let run = move || match eval(&src) {
        Err(e) => (e.kind, e.column),
        Ok(v) => panic!("expected a type error, got {v}"),
    };
    let joined = std::thread::Builder::new().stack_size(1 << 20).spawn(run).map(|h| h.join());
    match joined {
        // The innermost level compares 1 with a number and feeds the result to '*'.
        Ok(Ok(got)) => assert_eq!(got, (Type, 62 * level.len() + 2)),
        _ => panic!("the evaluation thread failed"),
    }
}

#[test]
fn node_count_is_limited() {
    // In `1+1+...` the n-th node is at column n.
    let ones = |n: usize| format!("1{}", "+1".repeat(n - 1));
    assert_eq!(eval(&ones(1000)), Ok(Value::Decimal(d("1000"))));
    let e = check(&ones(1500), Limit, MAX_NODES + 1);
    assert!(e.message.contains("2000 parts"), "{}", e.message);
}

#[test]
fn call_arguments_are_limited() {
    let args = |n: usize| vec!["1"; n].join(",");
    assert_eq!(eval(&format!("max({})", args(MAX_ARGS))), Ok(Value::Decimal(d("1"))));
    let e = check(&format!("max({})", args(MAX_ARGS + 1)), Limit, 5 + 2 * MAX_ARGS);
    assert!(e.message.contains("more than 32 arguments"), "{}", e.message);
    check(&format!("nosuch({})", args(40)), Limit, 8 + 2 * MAX_ARGS);
}

#[test]
fn evaluation_steps_are_limited() -> Result<(), FormulaError> {
    let f = Formula::parse("1 + 2 + 3")?;
    match super::eval::eval(&f.root, &env(), 3) {
        Err(e) => assert_eq!((e.kind, e.column), (Limit, 9)),
        Ok(v) => panic!("expected a step limit, got {v}"),
    }
    let enough = super::eval::eval(&f.root, &env(), 4).map_err(|e| *e)?;
    assert_eq!(enough, Value::Decimal(d("6")));
    Ok(())
}
