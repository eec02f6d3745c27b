//! Tests of what formulas compute: precedence, exact decimals, built-ins, laziness, the
//! environment, and references. Expected values are worked by hand.
//!
//! The helpers return or panic rather than unwrap, because the tidy test reads this file as
//! non-test code.

use super::*;
use std::collections::BTreeMap;

pub(super) fn d(s: &str) -> Decimal {
    match Decimal::from_str_exact(s) {
        Ok(v) => v,
        Err(e) => panic!("bad decimal {s}: {e}"),
    }
}

/// Variables and functions in the style of a plan: measures, payee inputs, attainment.
pub(super) struct TestEnv {
    vars: BTreeMap<&'static str, Value>,
}

pub(super) fn env() -> TestEnv {
    let mut vars = BTreeMap::new();
    vars.insert("revenue", Value::Decimal(d("120000")));
    vars.insert("returns", Value::Decimal(d("10000")));
    vars.insert("nps", Value::Decimal(d("25")));
    vars.insert("zero", Value::Decimal(Decimal::ZERO));
    vars.insert("deal_type", Value::Str("renewal".into()));
    vars.insert("flag", Value::Bool(true));
    vars.insert("revenue.ytd", Value::Decimal(d("300000")));
    TestEnv { vars }
}

impl Env for TestEnv {
    fn var(&self, name: &str) -> Option<Value> {
        self.vars.get(name).cloned()
    }

    fn call(&self, name: &str, args: &[Value]) -> Result<Option<Value>, String> {
        let text = |i: usize| match args.get(i) {
            Some(Value::Str(s)) => Some(s.as_str()),
            _ => None,
        };
        let v = match (name, text(0), text(1)) {
            ("attainment", Some("revenue"), None) => d("1.2"),
            ("attainment", Some("revenue"), Some("year")) => d("0.9"),
            ("measure", Some("revenue"), Some("ytd")) => d("300000"),
            ("quota", Some("revenue"), Some("year")) => d("400000"),
            ("quota", Some("revenue"), None) => d("100000"),
            ("attainment" | "measure" | "quota", Some(m), _) => return Err(format!("the plan has no measure {m:?}")),
            ("sum", _, _) => {
                let mut total = Decimal::ZERO;
                for a in args {
                    match a {
                        Value::Decimal(x) => total += *x,
                        other => return Err(format!("sum needs numbers, not {other}")),
                    }
                }
                total
            }
            _ => return Ok(None),
        };
        Ok(Some(Value::Decimal(v)))
    }
}

pub(super) fn eval(src: &str) -> Result<Value, FormulaError> {
    Formula::parse(src)?.eval(&env())
}

fn num(src: &str) -> Decimal {
    match Formula::parse(src).and_then(|f| f.eval_decimal(&env())) {
        Ok(v) => v,
        Err(e) => panic!("{src}: {e} ({})", e.hint),
    }
}

fn truth(src: &str) -> bool {
    match Formula::parse(src).and_then(|f| f.eval_bool(&env())) {
        Ok(v) => v,
        Err(e) => panic!("{src}: {e} ({})", e.hint),
    }
}

#[test]
fn precedence_and_associativity() {
    let cases = [
        ("2 + 3 * 4 - 10 / 4", "11.5"),
        ("2 * 3 + 4", "10"),
        ("(2 + 3) * 4", "20"),
        ("10 - 4 - 3", "3"),
        ("100 / 10 / 5", "2"),
        ("17 % 5 * 2", "4"),
        ("2 * 17 % 5", "4"),
        ("-2 * 3", "-6"),
        ("2 * -3", "-6"),
        ("2 - -3", "5"),
        ("- - 2", "2"),
        ("-(2 + 3) * 2", "-10"),
        ("-7 % 3", "-1"),
        ("7 % -3", "1"),
        ("1 - 2 * 3 + 4 / 8 - -1", "-3.5"),
        ("((((7))))", "7"),
    ];
    for (src, want) in cases {
        assert_eq!(num(src), d(want), "{src}");
    }
}

#[test]
fn logic_precedence() {
    assert!(truth("true or false and false"), "and binds tighter than or");
    assert!(!truth("(true or false) and false"));
    assert!(truth("not true or true"), "not binds tighter than or");
    assert!(!truth("not (true or true)"));
    assert!(truth("not 1 > 2"), "not applies to the whole comparison");
    assert!(truth("not not true"));
    assert!(truth("1 + 2 == 3 and 2 * 2 == 4"));
    assert!(truth("1 + 1 >= 2 and 1 <= 1 and 2 > 1 and 1 < 2 and 1 != 2"));
    assert!(!truth("1 > 1 or 2 < 2 or 1 != 1"));
}

#[test]
fn decimals_are_exact() {
    assert!(truth("0.1 + 0.2 == 0.3"));
    assert!(truth("0.1 * 3 == 0.3"));
    assert!(truth("1.0 == 1"), "equality is numeric, not by scale");
    assert_eq!(num("1 / 8"), d("0.125"));
    assert_eq!(num("0.05 * 1000"), d("50"));
    assert_eq!(num("007.50"), d("7.5"));
}

#[test]
fn values_of_the_same_kind_compare_for_equality() {
    assert!(truth(r#""a" == "a""#));
    assert!(truth(r#""a" != "b""#));
    assert!(truth("true == true and false != true"));
    assert!(truth(r#"deal_type == "renewal""#));
    assert!(truth(r#""a\"b\\" == "a\"b\\""#));
}

#[test]
fn the_examples_from_the_brief() {
    assert!(!truth(r#"attainment("revenue") >= 1.0 and nps < 30 and flag == false"#));
    assert!(truth(r#"attainment("revenue") >= 1.0 and nps < 30"#));
    assert_eq!(num("revenue - 0.5 * returns"), d("115000"));
    assert_eq!(num(r#"if(attainment("revenue", "year") >= 1, 1.5, 1)"#), d("1"));
    assert_eq!(num(r#"if(attainment("revenue") >= 1, 1.5, 1)"#), d("1.5"));
    assert_eq!(num("min(revenue, 100000) * 0.02"), d("2000"));
    assert!(!truth(r#"not (deal_type == "renewal")"#));
    assert_eq!(num(r#"measure("revenue", "ytd") / quota("revenue", "year")"#), d("0.75"));
}

#[test]
fn builtins() {
    assert_eq!(num("min(3, 1, 2)"), d("1"));
    assert_eq!(num("max(3, 1, 2)"), d("3"));
    assert_eq!(num("min(5)"), d("5"));
    assert_eq!(num("abs(-2.5)"), d("2.5"));
    assert_eq!(num("round(2.345, 2)"), d("2.35"), "half-up");
    assert_eq!(num("round(-2.345, 2)"), d("-2.35"), "half away from zero");
    assert_eq!(num("round(2.5, 0)"), d("3"));
    assert_eq!(num("round(2.4449, 2.0)"), d("2.44"));
    assert_eq!(num("clamp(5, 0, 3)"), d("3"));
    assert_eq!(num("clamp(-5, 0, 3)"), d("0"));
    assert_eq!(num("clamp(2, 0, 3)"), d("2"));
    assert_eq!(num("clamp(2, 2, 2)"), d("2"));
    assert_eq!(num("if(1 < 2, 10, 20) + if(1 > 2, 10, 20)"), d("30"));
    assert!(truth("if(flag, true, false)"));
}

#[test]
fn if_and_logic_are_lazy() {
    assert_eq!(num("if(true, 1, nosuch(1))"), d("1"));
    assert_eq!(num("if(false, nosuch(), 2)"), d("2"));
    assert_eq!(num("if(zero > 0, revenue / zero, 0)"), d("0"));
    assert!(!truth("false and nosuch()"));
    assert!(truth("true or unknown_name"));
    assert!(truth("zero == 0 or revenue / zero > 1"));
}

#[test]
fn calls_get_evaluated_arguments() {
    assert_eq!(num("sum(1 + 1, 2 * 3, min(4, 5))"), d("12"));
    assert_eq!(num("sum()"), d("0"));
    assert_eq!(num("revenue.ytd / 1000"), d("300"));
}

#[test]
fn whitespace_is_free() {
    assert_eq!(num(" \t2\n*\r\n3 "), d("6"));
    assert_eq!(num("min( 1 ,2 )"), d("1"));
}

#[test]
fn a_formula_is_parsed_once_and_reused() -> Result<(), FormulaError> {
    let f = Formula::parse("revenue * 0.05")?;
    assert_eq!(f.source(), "revenue * 0.05");
    assert_eq!(f.to_string(), "revenue * 0.05");
    assert_eq!(f.eval_decimal(&env())?, d("6000"));
    let mut other = env();
    other.vars.insert("revenue", Value::Decimal(d("10")));
    assert_eq!(f.eval_decimal(&other)?, d("0.5"));
    assert_eq!(f.eval(&env())?, Value::Decimal(d("6000")));
    Ok(())
}

#[test]
fn references_list_names_and_calls_in_source_order() -> Result<(), FormulaError> {
    let f = Formula::parse(
        r#"attainment("revenue") >= 1.0 and nps < 30 or if(flag, measure(m, "ytd"), min(x.y, quota("a\"b")))"#,
    )?;
    use ReferenceKind::{Call, Variable};
    let r = |kind, name: &str, first_arg: Option<&str>, column| Reference {
        kind,
        name: name.to_string(),
        first_arg: first_arg.map(str::to_string),
        column,
    };
    assert_eq!(
        f.references(),
        vec![
            r(Call, "attainment", Some("revenue"), 1),
            r(Variable, "nps", None, 34),
            r(Variable, "flag", None, 49),
            r(Call, "measure", None, 55),
            r(Variable, "m", None, 63),
            r(Variable, "x.y", None, 78),
            r(Call, "quota", Some("a\"b"), 83),
        ]
    );
    assert!(Formula::parse("1 + min(2, 3)")?.references().is_empty());
    Ok(())
}

#[test]
fn result_kind_is_checked_by_eval_decimal_and_eval_bool() -> Result<(), FormulaError> {
    assert!(Formula::parse("1 < 2")?.eval_bool(&env())?);
    assert_eq!(Formula::parse("1 + 2")?.eval_decimal(&env())?, d("3"));
    assert_eq!(eval(r#""x""#)?, Value::Str("x".into()));
    Ok(())
}

#[test]
fn values_display_as_written() {
    assert_eq!(Value::Decimal(d("1.50")).to_string(), "1.50");
    assert_eq!(Value::Bool(true).to_string(), "true");
    assert_eq!(Value::Str("a\"b".into()).to_string(), r#""a\"b""#);
    assert_eq!(Value::Str(String::new()).type_name(), "text");
}

#[test]
fn depth_is_the_height_of_the_tree() -> Result<(), FormulaError> {
    let depth = |s: &str| Formula::parse(s).map(|f| f.depth());
    assert_eq!(depth("x")?, 1);
    assert_eq!(depth("abs(-x)")?, 3);
    // Parentheses only group; a flat chain of one operator is one node over its operands.
    assert_eq!(depth("(a + b + c) / 2")?, 3);
    assert_eq!(depth("if(a < 1, b, c * (d - e))")?, 4);
    Ok(())
}
