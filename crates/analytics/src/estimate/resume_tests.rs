//! Unit tests of resumed runs, compiled only under #[cfg(test)]: a resumed run equals a run from
//! scratch for the sample company's plans, payees of every kind, deals before, in and after the
//! state's periods, alone and together, both details.

use crate::estimate::{Deal, Estimator};
use rust_decimal::Decimal;
use spm_base::period::Date;
use spm_core::data::Dataset;
use spm_core::payout::{Detail, Statement};
use spm_wire::api;

fn deal(id: &str, date: &str, amount: i64, product: &str, kind: &str) -> Deal {
    Deal {
        id: id.to_string(),
        amount: Decimal::from(amount),
        credit: Decimal::from(amount),
        date: Date::parse(date).unwrap(),
        attrs: vec![("product".into(), product.into()), ("type".into(), kind.into())],
        probability: Decimal::ONE,
    }
}

/// Each line's transaction id (the scratch data no longer holds the deals: their ids come from
/// `deals`, by position after the state's transactions).
fn lines_by_id(s: &Statement, data: &Dataset, deals: &[&Deal]) -> Vec<Vec<String>> {
    s.components
        .iter()
        .map(|c| {
            c.lines
                .iter()
                .map(|l| match data.transactions.get(l.transaction) {
                    Some(t) => data.id_of(t).to_string(),
                    None => deals.get(l.transaction - data.transactions.len()).map_or("?".into(), |d| d.id.clone()),
                })
                .collect()
        })
        .collect()
}

fn blank_lines(s: &Statement) -> Statement {
    let mut s = s.clone();
    for c in &mut s.components {
        for l in &mut c.lines {
            l.transaction = 0;
        }
    }
    s
}

#[test]
fn resumed_runs_equal_runs_from_scratch() {
    let s = spm_sample::generate();
    let data = api::load_csv(&s.transactions_csv, &s.payees).unwrap();
    let deals = [
        deal("x1", "2026-01-15", 5_000, "Platform", "new"),
        deal("x2", "2026-03-31", 250_000, "Platform", "new"),
        deal("x3", "2026-05-20", 40_000, "Services", "renewal"),
        deal("a0", "2026-05-20", 0, "Platform", "new"),
        deal("x4", "2026-08-02", 75_000, "Platform", "expansion"),
        deal("x5", "2026-12-31", 1_000_000, "Analytics", "new"),
    ];
    let mut resumed = 0;
    for plan_json in &s.plans {
        let plan = api::compile_plan(plan_json).unwrap();
        for payee in ["r001", "r003", "r017", "r030", "r041", "m01", "d01"] {
            let Ok(est) = Estimator::from_dataset(&plan, &data, payee, Date::parse("2026-05-20")) else { continue };
            if est.resume.is_none() {
                continue;
            }
            resumed += 1;
            let mut cases: Vec<Vec<&Deal>> = deals.iter().map(|d| vec![d]).collect();
            cases.push(vec![&deals[1], &deals[4]]);
            cases.push(vec![&deals[2], &deals[3], &deals[5]]);
            for case in cases {
                for detail in [Detail::Summary, Detail::Full] {
                    let r = est.resume.as_ref().unwrap();
                    let Some(fast) = r.run(&est.plan, &case, detail, None).unwrap() else {
                        // Only a deal before the state's first period needs a run from scratch.
                        assert!(case.iter().any(|d| est.period_of(d.date) < r.periods.first().copied()));
                        continue;
                    };
                    let (with, _) = est.with_credits(&case);
                    let plain = est.run(&with, detail).unwrap();
                    let ids: Vec<&str> = case.iter().map(|d| d.id.as_str()).collect();
                    assert_eq!(fast.total, plain.total, "{payee}, {ids:?}");
                    assert_eq!(fast.periods, plain.periods, "{payee}, {ids:?}");
                    assert!(!fast.statements.is_empty() || plain.statements.is_empty());
                    let scratch = r.scratch.borrow().clone();
                    for st in &fast.statements {
                        let same = plain.statements.iter().find(|x| x.period == st.period).unwrap();
                        // Lines name transactions by index, which differ (the deals are appended):
                        // compare their ids, then the rest.
                        let (a, b) = (lines_by_id(st, &scratch, &case), lines_by_id(same, &with, &[]));
                        assert_eq!(a, b, "{payee}, {ids:?}, {}", st.period.label());
                        assert_eq!(blank_lines(st), blank_lines(same), "{payee}, {ids:?}, {}", st.period.label());
                    }
                    // Nothing is left in the scratch data.
                    assert_eq!(r.scratch.borrow().transactions.len(), est.data.transactions.len());
                }
            }
        }
    }
    assert!(resumed >= 4, "only {resumed} payees resumed");
}
