//! Validation of filters and crediting rules.

use super::plan::*;
use super::plan_check::{err, non_negative, Diags};
use rust_decimal::Decimal;
use spm_base::error::Code;
use spm_plan::*;

/// A filter's conditions in a fixed order.
pub fn filter(f: &FilterDto) -> Filter {
    let mut conditions = Vec::new();
    for (k, v) in [
        ("product", &f.products),
        ("type", &f.types),
        ("customer", &f.customers),
        ("territory", &f.territories),
        ("account", &f.accounts),
    ] {
        if let Some(v) = v {
            conditions.push((k.to_string(), v.clone()));
        }
    }
    for a in &f.attributes {
        conditions.push((a.name.clone(), a.values.clone()));
    }
    Filter { conditions }
}

pub(crate) fn check_filter(f: Option<&FilterDto>, p: &str, d: &mut Diags) {
    let Some(f) = f else { return };
    for (k, v) in [
        ("products", &f.products),
        ("types", &f.types),
        ("customers", &f.customers),
        ("territories", &f.territories),
        ("accounts", &f.accounts),
    ] {
        if v.as_ref().is_some_and(Vec::is_empty) {
            err(
                d,
                format!("{p}.{k}"),
                Code::MissingField,
                "the list is empty, so nothing would count",
                "list at least one value, or remove the field to count everything",
            );
        }
    }
}

pub(crate) fn crediting(c: Option<&CreditingDto>, p: &str, d: &mut Diags) -> Crediting {
    let Some(c) = c else {
        return Crediting::default();
    };
    let rules = c
        .rules
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let rp = format!("{p}.rules[{i}]");
            check_filter(Some(&r.filter), &format!("{rp}.filter"), d);
            if r.credit.is_empty() {
                err(
                    d,
                    format!("{rp}.credit"),
                    Code::MissingField,
                    "the rule credits nobody",
                    "add {\"payeeId\": \"...\", \"share\": \"1\"}",
                );
            }
            let credit: Vec<(String, Decimal)> = r
                .credit
                .iter()
                .enumerate()
                .filter_map(|(j, c)| {
                    Some((c.payee_id.clone(), non_negative(&c.share, &format!("{rp}.credit[{j}].share"), d)?))
                })
                .collect();
            let overlay = r.overlay.unwrap_or(false);
            let sum = credit.iter().try_fold(Decimal::ZERO, |a, (_, s)| a.checked_add(*s)).unwrap_or(Decimal::MAX);
            if !overlay && credit.len() == r.credit.len() && sum != Decimal::ONE {
                err(
                    d,
                    format!("{rp}.credit"),
                    Code::SplitSum,
                    format!("the rule's shares sum to {sum}, not exactly 1"),
                    "make the shares add up to 1, or mark the rule as an overlay",
                );
            }
            CreditRule {
                label: r.label.clone().unwrap_or_else(|| format!("rule {}", i + 1)),
                filter: filter(&r.filter),
                credit,
                overlay,
            }
        })
        .collect();
    Crediting {
        rules,
        rule_match: match c.rule_match {
            Some(RuleMatchDto::All) => RuleMatch::All,
            _ => RuleMatch::First,
        },
        rollup_levels: c.rollup.map_or(0, |r| r.levels),
    }
}
