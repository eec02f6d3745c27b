//! Plan diff: what changes for each payee, period and component when a new plan version runs
//! over the same transactions as the old one.
//!
//! Works on the two wire-format reports (`api::diff` runs the plans), so it compares exactly the
//! rounded amounts and sentences a payee would see. Amounts are parsed back with the strict
//! decimal parser and combined with checked `Decimal` arithmetic only. Statements are matched by
//! payee and period, components by id (a component in several plan-version parts of one period
//! is summed, its explanations joined), explanation lines as multisets.

use crate::spec::diff::{
    AmountDiffDto, ChangeDto, ComponentDiffDto, DiffDto, DiffSummaryDto, PayeeDiffDto, PlanRefDto, StatementDiffDto,
};
use crate::spec::report::{ReportDto, StatementDto};
use rust_decimal::Decimal;
use spm_base::dec::parse_decimal;
use spm_base::error::{Code, Error, Result};
use spm_base::money::{add, sub, Currency};
use spm_core::data::Dataset;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// How many winners and losers the summary lists.
pub const TOP: usize = 10;

/// Compares two reports of the same dataset: `old` from the plan compared from, `new` from the
/// plan compared to. Differences are `new − old`.
///
/// # Errors
/// `CURRENCY_MISMATCH` when the plans pay in different currencies, `OVERFLOW`, and `INTERNAL`
/// if a report holds an amount that is not a decimal.
pub fn compare(old: &ReportDto, new: &ReportDto, data: &Dataset) -> Result<DiffDto> {
    if !old.currency.is_empty() && !new.currency.is_empty() && old.currency != new.currency {
        return Err(Error::at(
            "currency",
            Code::CurrencyMismatch,
            format!("the old plan pays in {} and the new plan in {}", old.currency, new.currency),
            "compare plan versions that pay in the same currency",
        ));
    }
    let currency = if new.currency.is_empty() { old.currency.clone() } else { new.currency.clone() };
    let zero = Decimal::new(0, Currency::from_code(&currency).map(|c| c.minor_units()).unwrap_or(0));

    let index: BTreeMap<&str, usize> = data.payees.iter().enumerate().map(|(i, p)| (p.id.as_str(), i)).collect();
    let mut pairs: BTreeMap<Key, Pair> = BTreeMap::new();
    for s in &old.statements {
        pairs.entry(key(&index, s)).or_default().old = Some(s);
    }
    for s in &new.statements {
        pairs.entry(key(&index, s)).or_default().new = Some(s);
    }

    // Every payee of the dataset, in input order, then any the reports name that it lacks.
    let mut payees: Vec<PayeeSums> = data
        .payees
        .iter()
        .map(|p| PayeeSums { id: p.id.clone(), name: p.name.clone(), old: zero, new: zero })
        .collect();
    let mut statements = Vec::with_capacity(pairs.len());
    for (k, pair) in &pairs {
        let (d, old_total, new_total) = statement(pair, zero)?;
        let sums = match payees.get_mut(k.payee) {
            Some(s) => s,
            None => {
                if payees.last().is_none_or(|p| p.id != d.payee_id) {
                    payees.push(PayeeSums { id: d.payee_id.clone(), name: d.payee_name.clone(), old: zero, new: zero });
                }
                payees.last_mut().ok_or_else(|| Error::new(Code::Internal, "no payee to add a statement to"))?
            }
        };
        sums.old = add(sums.old, old_total)?;
        sums.new = add(sums.new, new_total)?;
        statements.push(d);
    }

    let mut rows = Vec::with_capacity(payees.len());
    for p in payees {
        let difference = sub(p.new, p.old)?;
        rows.push((difference, p));
    }
    let summary = summary(&rows);
    let old_total = amount_or(&old.totals.payout, zero)?;
    let new_total = amount_or(&new.totals.payout, zero)?;
    Ok(DiffDto {
        schema_version: 1,
        old_plan: PlanRefDto { id: old.plan_id.clone(), name: old.plan_name.clone() },
        new_plan: PlanRefDto { id: new.plan_id.clone(), name: new.plan_name.clone() },
        currency,
        totals: AmountDiffDto {
            old: text(old_total),
            new: text(new_total),
            difference: text(sub(new_total, old_total)?),
        },
        summary,
        payees: rows.iter().map(|(d, p)| p.dto(*d)).collect(),
        statements,
    })
}

/// Explanation lines of `a` that `b` does not have, counted as multisets, in `a`'s order: a line
/// that appears twice in `a` and once in `b` is reported once.
pub fn lines_not_in(a: &[String], b: &[String]) -> Vec<String> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for line in b {
        *counts.entry(line.as_str()).or_default() += 1;
    }
    a.iter()
        .filter(|line| match counts.get_mut(line.as_str()) {
            Some(n) if *n > 0 => {
                *n -= 1;
                false
            }
            _ => true,
        })
        .cloned()
        .collect()
}

/// Sort key of a statement: payee input order (payees the dataset lacks last, by id), then
/// period start, then period label.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    payee: usize,
    unknown_payee: String,
    period_start: String,
    period: String,
}

fn key(index: &BTreeMap<&str, usize>, s: &StatementDto) -> Key {
    let payee = index.get(s.payee_id.as_str()).copied();
    Key {
        payee: payee.unwrap_or(usize::MAX),
        unknown_payee: if payee.is_some() { String::new() } else { s.payee_id.clone() },
        period_start: s.period_start.clone(),
        period: s.period.clone(),
    }
}

#[derive(Default)]
struct Pair<'a> {
    old: Option<&'a StatementDto>,
    new: Option<&'a StatementDto>,
}

struct PayeeSums {
    id: String,
    name: String,
    old: Decimal,
    new: Decimal,
}

impl PayeeSums {
    fn dto(&self, difference: Decimal) -> PayeeDiffDto {
        PayeeDiffDto {
            payee_id: self.id.clone(),
            payee_name: self.name.clone(),
            old: text(self.old),
            new: text(self.new),
            difference: text(difference),
        }
    }
}

/// A component's earning and sentences in one statement, summed over plan-version parts.
struct Side<'a> {
    id: &'a str,
    name: &'a str,
    earning: Decimal,
    explanation: Vec<String>,
}

fn sides(s: Option<&StatementDto>) -> Result<Vec<Side<'_>>> {
    let mut out: Vec<Side<'_>> = Vec::new();
    for c in s.map(|s| s.components.as_slice()).unwrap_or_default() {
        let earning = amount(&c.earning)?;
        match out.iter_mut().find(|x| x.id == c.component_id) {
            Some(x) => {
                x.earning = add(x.earning, earning)?;
                x.explanation.extend(c.explanation.iter().cloned());
            }
            None => out.push(Side {
                id: &c.component_id,
                name: &c.component_name,
                earning,
                explanation: c.explanation.clone(),
            }),
        }
    }
    Ok(out)
}

/// One payee-period compared, with its old and new totals as decimals for the payee sums.
fn statement(pair: &Pair<'_>, zero: Decimal) -> Result<(StatementDiffDto, Decimal, Decimal)> {
    let (first, change) = match (pair.old, pair.new) {
        (Some(_), Some(n)) => (n, ChangeDto::Unchanged),
        (Some(o), None) => (o, ChangeDto::Removed),
        (None, Some(n)) => (n, ChangeDto::Added),
        (None, None) => return Err(Error::new(Code::Internal, "a statement pair with neither side")),
    };
    let old_total = pair.old.map(|s| amount(&s.total)).transpose()?.unwrap_or(zero);
    let new_total = pair.new.map(|s| amount(&s.total)).transpose()?.unwrap_or(zero);
    let olds = sides(pair.old)?;
    let news = sides(pair.new)?;
    let mut components = Vec::with_capacity(olds.len().max(news.len()));
    for o in &olds {
        components.push(component(Some(o), news.iter().find(|n| n.id == o.id))?);
    }
    for n in news.iter().filter(|n| !olds.iter().any(|o| o.id == n.id)) {
        components.push(component(None, Some(n))?);
    }
    let change = match change {
        ChangeDto::Unchanged
            if old_total != new_total || components.iter().any(|c| c.change != ChangeDto::Unchanged) =>
        {
            ChangeDto::Changed
        }
        c => c,
    };
    let dto = StatementDiffDto {
        payee_id: first.payee_id.clone(),
        payee_name: first.payee_name.clone(),
        period: first.period.clone(),
        period_start: first.period_start.clone(),
        change,
        old: text(old_total),
        new: text(new_total),
        difference: text(sub(new_total, old_total)?),
        components,
    };
    Ok((dto, old_total, new_total))
}

fn component(old: Option<&Side<'_>>, new: Option<&Side<'_>>) -> Result<ComponentDiffDto> {
    let no_lines: &[String] = &[];
    let old_lines = old.map(|s| s.explanation.as_slice()).unwrap_or(no_lines);
    let new_lines = new.map(|s| s.explanation.as_slice()).unwrap_or(no_lines);
    let explanation_added = lines_not_in(new_lines, old_lines);
    let explanation_removed = lines_not_in(old_lines, new_lines);
    let change = match (old, new) {
        (None, _) => ChangeDto::Added,
        (_, None) => ChangeDto::Removed,
        (Some(o), Some(n))
            if o.earning != n.earning || !explanation_added.is_empty() || !explanation_removed.is_empty() =>
        {
            ChangeDto::Changed
        }
        _ => ChangeDto::Unchanged,
    };
    let old_earning = old.map(|s| s.earning);
    let new_earning = new.map(|s| s.earning);
    let difference = match (old_earning, new_earning) {
        (Some(o), Some(n)) => sub(n, o)?,
        (Some(o), None) => sub(Decimal::ZERO, o)?,
        (None, Some(n)) => n,
        (None, None) => Decimal::ZERO,
    };
    let named = new.or(old);
    Ok(ComponentDiffDto {
        component_id: named.map(|s| s.id.to_string()).unwrap_or_default(),
        component_name: named.map(|s| s.name.to_string()).unwrap_or_default(),
        change,
        old_earning: old_earning.map(text),
        new_earning: new_earning.map(text),
        difference: text(difference),
        explanation_added,
        explanation_removed,
    })
}

fn summary(rows: &[(Decimal, PayeeSums)]) -> DiffSummaryDto {
    let direction = |d: &Decimal| d.cmp(&Decimal::ZERO);
    let count =
        |sign: Ordering| u32::try_from(rows.iter().filter(|(d, _)| direction(d) == sign).count()).unwrap_or(u32::MAX);
    let top = |sign: Ordering| {
        let mut picked: Vec<&(Decimal, PayeeSums)> = rows.iter().filter(|(d, _)| direction(d) == sign).collect();
        // Largest change first: descending for gains, ascending (most negative) for losses.
        picked.sort_by(|(a, pa), (b, pb)| {
            let by_size = if sign == Ordering::Greater { b.cmp(a) } else { a.cmp(b) };
            by_size.then_with(|| pa.id.cmp(&pb.id))
        });
        picked.into_iter().take(TOP).map(|(d, p)| p.dto(*d)).collect()
    };
    DiffSummaryDto {
        better_off: count(Ordering::Greater),
        worse_off: count(Ordering::Less),
        unchanged: count(Ordering::Equal),
        top_winners: top(Ordering::Greater),
        top_losers: top(Ordering::Less),
    }
}

/// A report amount as a decimal.
fn amount(s: &str) -> Result<Decimal> {
    parse_decimal(s)
        .ok_or_else(|| Error::new(Code::Internal, format!("the report holds {s:?}, which is not a decimal")))
}

/// A report amount, or `zero` when the report left it empty.
fn amount_or(s: &str, zero: Decimal) -> Result<Decimal> {
    if s.is_empty() {
        Ok(zero)
    } else {
        amount(s)
    }
}

/// A decimal for the wire, keeping its scale ("400.00"); never "-0.00".
fn text(mut d: Decimal) -> String {
    if d.is_zero() {
        d.set_sign_positive(true);
    }
    d.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::report::{ComponentDto, TotalsDto};

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn component(id: &str, earning: &str, explanation: &[&str]) -> ComponentDto {
        ComponentDto {
            component_id: id.into(),
            component_name: id.to_uppercase(),
            kind: "commission".into(),
            version: String::new(),
            credit: "0.00".into(),
            quota: None,
            attainment: None,
            base: earning.into(),
            earning: earning.into(),
            transaction_count: 0,
            tiers: Vec::new(),
            lines: Vec::new(),
            steps: Vec::new(),
            explanation: strings(explanation),
        }
    }

    fn statement(payee: &str, period: &str, start: &str, components: Vec<ComponentDto>) -> StatementDto {
        let total = spm_base::money::sum(components.iter().map(|c| parse_decimal(&c.earning).unwrap())).unwrap();
        StatementDto {
            payee_id: payee.into(),
            payee_name: format!("{payee} name"),
            period: period.into(),
            period_start: start.into(),
            period_end: String::new(),
            currency: "USD".into(),
            total: total.to_string(),
            parts: Vec::new(),
            components,
            steps: Vec::new(),
            explanation: Vec::new(),
        }
    }

    fn report(id: &str, statements: Vec<StatementDto>) -> ReportDto {
        let total = spm_base::money::sum(statements.iter().map(|s| parse_decimal(&s.total).unwrap())).unwrap();
        ReportDto {
            schema_version: 1,
            plan_id: id.into(),
            plan_name: id.into(),
            currency: "USD".into(),
            periods: Vec::new(),
            statements,
            totals: TotalsDto { payout: total.to_string(), by_period: Vec::new(), by_payee: Vec::new() },
            warnings: Vec::new(),
        }
    }

    fn dataset(ids: &[&str]) -> Dataset {
        let payees: Vec<serde_json::Value> =
            ids.iter().map(|id| serde_json::json!({ "id": id, "name": format!("{id} name") })).collect();
        crate::api::load_json("[]", &serde_json::Value::from(payees).to_string()).unwrap()
    }

    #[test]
    fn explanation_lines_compare_as_multisets_in_order() {
        let a = strings(&["x", "y", "x", "z"]);
        let b = strings(&["x", "z", "w"]);
        assert_eq!(lines_not_in(&a, &b), strings(&["y", "x"]));
        assert_eq!(lines_not_in(&b, &a), strings(&["w"]));
        assert!(lines_not_in(&a, &a).is_empty());
        assert_eq!(lines_not_in(&a, &[]), a);
    }

    #[test]
    fn statements_follow_payee_input_order_then_period_start() {
        let old = report(
            "old",
            vec![
                statement("a", "2026-Q2", "2026-04-01", vec![component("c", "10.00", &["a2"])]),
                statement("b", "2026-Q1", "2026-01-01", vec![component("c", "5.00", &["b1"])]),
            ],
        );
        let new = report(
            "new",
            vec![
                statement("zed", "2026-Q1", "2026-01-01", vec![component("c", "1.00", &[])]),
                statement("a", "2026-Q1", "2026-01-01", vec![component("c", "7.00", &["a1"])]),
                statement("b", "2026-Q1", "2026-01-01", vec![component("c", "5.00", &["b1"])]),
            ],
        );
        let d = compare(&old, &new, &dataset(&["b", "a"])).unwrap();
        let order: Vec<(&str, &str, ChangeDto)> =
            d.statements.iter().map(|s| (s.payee_id.as_str(), s.period.as_str(), s.change)).collect();
        assert_eq!(
            order,
            vec![
                ("b", "2026-Q1", ChangeDto::Unchanged),
                ("a", "2026-Q1", ChangeDto::Added),
                ("a", "2026-Q2", ChangeDto::Removed),
                ("zed", "2026-Q1", ChangeDto::Added),
            ]
        );
        let added = &d.statements[1];
        assert_eq!((added.old.as_str(), added.new.as_str(), added.difference.as_str()), ("0.00", "7.00", "7.00"));
        let removed = &d.statements[2];
        assert_eq!(removed.difference, "-10.00");
        assert_eq!(removed.components[0].change, ChangeDto::Removed);
        let payees: Vec<(&str, &str)> = d.payees.iter().map(|p| (p.payee_id.as_str(), p.difference.as_str())).collect();
        assert_eq!(payees, vec![("b", "0.00"), ("a", "-3.00"), ("zed", "1.00")]);
        assert_eq!((d.summary.better_off, d.summary.worse_off, d.summary.unchanged), (1, 1, 1));
        assert_eq!(d.totals.difference, "-2.00");
    }

    #[test]
    fn a_component_in_two_parts_is_summed_and_its_lines_joined() {
        let old = report(
            "old",
            vec![statement(
                "a",
                "2026-Q1",
                "2026-01-01",
                vec![component("c", "10.00", &["part 1", "same"]), component("c", "5.00", &["part 2", "same"])],
            )],
        );
        let new = report(
            "new",
            vec![statement("a", "2026-Q1", "2026-01-01", vec![component("c", "15.00", &["same", "same", "whole"])])],
        );
        let d = compare(&old, &new, &dataset(&["a"])).unwrap();
        let c = &d.statements[0].components;
        assert_eq!(c.len(), 1);
        assert_eq!((c[0].old_earning.as_deref(), c[0].new_earning.as_deref()), (Some("15.00"), Some("15.00")));
        assert_eq!(c[0].difference, "0.00");
        assert_eq!(c[0].change, ChangeDto::Changed, "same money, different sentences");
        assert_eq!(c[0].explanation_added, strings(&["whole"]));
        assert_eq!(c[0].explanation_removed, strings(&["part 1", "part 2"]));
        assert_eq!(d.summary.unchanged, 1, "a payee paid the same is unchanged");
    }

    #[test]
    fn top_ten_by_difference_ties_by_payee_id() {
        let ids: Vec<String> = (0..13).map(|i| format!("p{i:02}")).collect();
        let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let old: Vec<StatementDto> =
            ids.iter().map(|id| statement(id, "2026-Q1", "2026-01-01", vec![component("c", "100.00", &[])])).collect();
        // p00..p11 gain 1, 2, 2, 3, 3, ... (pairs tie); p12 loses 50.
        let new: Vec<StatementDto> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let earning = if i == 12 { "50.00".to_string() } else { format!("{}.00", 101 + i.div_ceil(2)) };
                statement(id, "2026-Q1", "2026-01-01", vec![component("c", &earning, &[])])
            })
            .collect();
        let d = compare(&report("old", old), &report("new", new), &dataset(&id_refs)).unwrap();
        assert_eq!((d.summary.better_off, d.summary.worse_off, d.summary.unchanged), (12, 1, 0));
        let winners: Vec<&str> = d.summary.top_winners.iter().map(|p| p.payee_id.as_str()).collect();
        assert_eq!(winners, vec!["p11", "p09", "p10", "p07", "p08", "p05", "p06", "p03", "p04", "p01"]);
        assert_eq!(d.summary.top_winners[0].difference, "7.00");
        let losers: Vec<&str> = d.summary.top_losers.iter().map(|p| p.payee_id.as_str()).collect();
        assert_eq!(losers, vec!["p12"]);
        assert_eq!(d.summary.top_losers[0].difference, "-50.00");
    }

    #[test]
    fn zero_is_never_negative_and_keeps_the_currency_scale() {
        assert_eq!(text(sub(Decimal::new(500, 2), Decimal::new(500, 2)).unwrap()), "0.00");
        assert_eq!(text(-Decimal::new(0, 2)), "0.00");
        let empty = compare(&report("old", Vec::new()), &report("new", Vec::new()), &dataset(&["a"])).unwrap();
        assert_eq!(empty.payees[0].old, "0.00");
        assert_eq!(empty.totals.difference, "0");
    }

    #[test]
    fn a_report_amount_that_is_not_a_decimal_is_an_internal_error() {
        let mut bad = report("old", vec![statement("a", "2026-Q1", "2026-01-01", vec![component("c", "1.00", &[])])]);
        bad.statements[0].total = "1e3".into();
        let err = compare(&bad, &report("new", Vec::new()), &dataset(&["a"])).unwrap_err();
        assert_eq!(err.code, Code::Internal);
    }
}
