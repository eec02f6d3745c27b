//! Tests of commission expense accounting: hand-worked schedules (spread, catch-up, termination,
//! reversal), classification, journal entries and their CSV, and a property test that every
//! schedule sums exactly to what was capitalized and ends at a balance of 0.

use super::*;

fn c(cents: i64) -> Decimal {
    Decimal::new(cents, 2)
}

fn m(year: i32, month: u8) -> Month {
    Month::from_index(year * 12 + i32::from(month) - 1)
}

fn cap(payee: &str, deal: &str, incurred: Month, cents: i64, start: Month, months: u32) -> Tranche {
    Tranche {
        payee: payee.into(),
        transaction: deal.into(),
        component: "new-business".into(),
        incurred,
        amount: c(cents),
        treatment: Treatment::Capitalize { start, months },
    }
}

fn expensed(payee: &str, deal: &str, incurred: Month, cents: i64) -> Tranche {
    Tranche {
        payee: payee.into(),
        transaction: deal.into(),
        component: "bonus".into(),
        incurred,
        amount: c(cents),
        treatment: Treatment::Expense { reason: "not incremental to obtaining a contract".into() },
    }
}

fn total_amortization(a: &Asset) -> Decimal {
    a.rows.iter().map(|r| r.amortization).sum()
}

#[test]
fn months_count_and_print() {
    assert_eq!(m(2026, 3).to_string(), "2026-03");
    assert_eq!(m(2026, 12).next(), m(2027, 1));
    assert_eq!(m(2026, 11).plus(14), m(2028, 1));
    assert_eq!(m(2026, 1).months_until(m(2026, 4)), 3);
    assert_eq!(m(2027, 1).months_until(m(2026, 12)), -1);
    assert_eq!(m(2028, 2).last_day().map(|d| d.to_string()), Some("2028-02-29".to_string()));
    assert_eq!(Month::new(2026, 13), None);
    assert_eq!(Month::new(2026, 0), None);
    assert_eq!(Date::new(2026, 7, 14).map(Month::of), Some(m(2026, 7)));
    assert!(m(2025, 12) < m(2026, 1));
}

#[test]
fn thousand_over_36_months_sums_exactly() -> Result<()> {
    // 1000/36 = 27.777…; 100000 cents = 36 × 2777 + 28, so months 1–28 get 27.78, months 29–36 27.77.
    let s = schedule(&[cap("ana", "D1", m(2026, 1), 100_000, m(2026, 1), 36)], &[], 2)?;
    let a = &s.assets[0];
    assert_eq!(a.rows.len(), 36);
    assert_eq!((a.rows[0].month, a.rows[0].amortization), (m(2026, 1), c(2778)));
    assert_eq!(a.rows[0].balance, c(97_222));
    assert_eq!(a.rows[27].amortization, c(2778));
    assert_eq!((a.rows[28].month, a.rows[28].amortization), (m(2028, 5), c(2777)));
    assert_eq!((a.rows[35].month, a.rows[35].amortization), (m(2028, 12), c(2777)));
    // 28 × 27.78 + 8 × 27.77 = 777.84 + 222.16 = 1,000.00.
    assert_eq!(total_amortization(a), c(100_000));
    assert_eq!(a.capitalized.to_string(), "1000.00");
    assert_eq!(a.rows[35].balance.to_string(), "0.00");
    assert!(a.rows.iter().all(|r| r.catch_up.is_zero() && r.note.is_empty() || r.month == m(2026, 1)));
    assert_eq!(a.rows[0].note, "capitalized 1000.00");
    Ok(())
}

#[test]
fn termination_accelerates_the_rest() -> Result<()> {
    // 1000.00 over 24: 100000 = 24 × 4166 + 16, so months 1–16 get 41.67, months 17–24 41.66.
    // Terminated in month 10 (2026-10): months 1–9 are 9 × 41.67 = 375.03; month 10 takes
    // its own 41.67 + 6 × 41.67 (months 11–16) + 8 × 41.66 (months 17–24) = 624.97.
    let ends = [Termination { payee: "ana".into(), transaction: "D1".into(), month: m(2026, 10) }];
    let s = schedule(&[cap("ana", "D1", m(2026, 1), 100_000, m(2026, 1), 24)], &ends, 2)?;
    let a = &s.assets[0];
    assert_eq!(a.terminated, Some(m(2026, 10)));
    assert_eq!(a.rows.len(), 10);
    assert!(a.rows[..9].iter().all(|r| r.amortization == c(4167) && r.catch_up.is_zero()));
    assert_eq!(a.rows[8].balance, c(62_497));
    assert_eq!((a.rows[9].amortization, a.rows[9].catch_up), (c(62_497), c(58_330)));
    assert_eq!(a.rows[9].balance, Decimal::ZERO);
    assert_eq!(a.rows[9].note, "14 later months accelerated: contract terminated");
    Ok(())
}

#[test]
fn a_later_tranche_catches_up() -> Result<()> {
    // 240.00 over 24 months is 10.00 a month; incurred in April, the shares of January to
    // March are recognised in April: 4 × 10.00 = 40.00, of which 30.00 is catch-up.
    let s = schedule(&[cap("ana", "D1", m(2026, 4), 24_000, m(2026, 1), 24)], &[], 2)?;
    let a = &s.assets[0];
    assert_eq!(a.rows.len(), 24);
    assert!(a.rows[..3].iter().all(|r| r.amortization.is_zero() && r.balance.is_zero()));
    assert_eq!((a.rows[3].month, a.rows[3].amortization, a.rows[3].catch_up), (m(2026, 4), c(4000), c(3000)));
    assert_eq!(a.rows[3].balance, c(20_000));
    assert_eq!(a.rows[3].note, "capitalized 240.00; catch-up of 3 earlier months");
    assert!(a.rows[4..].iter().all(|r| r.amortization == c(1000) && r.catch_up.is_zero()));
    assert_eq!(a.rows[23].balance, Decimal::ZERO);
    // On top of 1,200.00 paid in January (50.00 a month), April recognises 50.00 + 40.00.
    let both =
        [cap("ana", "D1", m(2026, 1), 120_000, m(2026, 1), 24), cap("ana", "D1", m(2026, 4), 24_000, m(2026, 1), 24)];
    let s = schedule(&both, &[], 2)?;
    assert_eq!(s.assets.len(), 1);
    let a = &s.assets[0];
    assert_eq!((a.capitalized, a.rows[2].amortization, a.rows[3].amortization), (c(144_000), c(5000), c(9000)));
    assert_eq!(a.rows[3].balance, c(144_000 - 3 * 5000 - 9000));
    Ok(())
}

#[test]
fn a_tranche_after_the_schedule_is_recognised_at_once() -> Result<()> {
    let s = schedule(&[cap("ana", "D1", m(2027, 3), 12_000, m(2026, 1), 12)], &[], 2)?;
    let a = &s.assets[0];
    assert_eq!((a.rows.len(), a.rows[14].month), (15, m(2027, 3)));
    assert_eq!((a.rows[14].amortization, a.rows[14].catch_up, a.rows[14].balance), (c(12_000), c(12_000), c(0)));
    Ok(())
}

#[test]
fn a_cost_paid_before_the_contract_starts_waits() -> Result<()> {
    let s = schedule(&[cap("ana", "D1", m(2025, 12), 24_000, m(2026, 1), 24)], &[], 2)?;
    let a = &s.assets[0];
    assert_eq!((a.rows[0].month, a.rows[0].amortization, a.rows[0].balance), (m(2025, 12), c(0), c(24_000)));
    assert_eq!((a.rows[1].amortization, a.rows[1].balance), (c(1000), c(23_000)));
    assert_eq!(s.months[0].balance, c(24_000));
    Ok(())
}

#[test]
fn a_full_reversal_returns_the_balance_to_zero() -> Result<()> {
    // 1,000.00 from January over 36 months (27.78 a month at first), reversed in May: January to
    // April recognise 4 × 27.78 = 111.12; May recognises its own 27.78 and the reversal's five
    // shares −5 × 27.78 = −138.90, so −111.12; later months net to zero.
    let t =
        [cap("ana", "D1", m(2026, 1), 100_000, m(2026, 1), 36), cap("ana", "D1", m(2026, 5), -100_000, m(2026, 1), 36)];
    let s = schedule(&t, &[], 2)?;
    let a = &s.assets[0];
    assert_eq!(a.capitalized, Decimal::ZERO);
    assert_eq!(a.rows[3].balance, c(88_888));
    assert_eq!((a.rows[4].amortization, a.rows[4].catch_up), (c(-11_112), c(-11_112)));
    assert!(a.rows[4..].iter().all(|r| r.balance.is_zero()));
    assert!(a.rows[5..].iter().all(|r| r.amortization.is_zero()));
    assert_eq!(total_amortization(a), Decimal::ZERO);
    assert_eq!(a.rows[4].note, "reversed 1000.00; catch-up of 4 earlier months");
    Ok(())
}

#[test]
fn company_rows_add_up_assets_and_expenses() -> Result<()> {
    let t = [
        cap("bo", "D2", m(2026, 2), 24_000, m(2026, 2), 24),
        cap("ana", "D1", m(2026, 1), 120_000, m(2026, 1), 24),
        expensed("ana", "", m(2026, 3), 5_000),
    ];
    let s = schedule(&t, &[], 2)?;
    let order: Vec<_> = s.assets.iter().map(|a| a.payee.as_str()).collect();
    assert_eq!(order, ["ana", "bo"]);
    let r = &s.months;
    assert_eq!(
        (r[0].month, r[0].capitalized, r[0].amortization, r[0].balance),
        (m(2026, 1), c(120_000), c(5000), c(115_000))
    );
    assert_eq!((r[1].capitalized, r[1].amortization, r[1].balance), (c(24_000), c(6000), c(133_000)));
    assert_eq!((r[2].expensed, r[2].capitalized, r[2].balance), (c(5000), c(0), c(127_000)));
    assert_eq!((r.len(), r[24].month, r[24].balance), (25, m(2028, 1), c(0)));
    assert_eq!(r[24].balance.to_string(), "0.00");
    Ok(())
}

#[test]
fn bad_input_is_rejected_with_its_place() {
    let code = |t: Tranche, ends: &[Termination]| schedule(&[t], ends, 2).map_err(|e| (e.code, e.message));
    let e = code(cap("a", "d", m(2026, 1), 100, m(2026, 1), 0), &[]);
    assert!(matches!(e, Err((Code::AllocationInvalid, ref s)) if s.starts_with("tranches[0].treatment")));
    let mut t = cap("a", "d", m(2026, 1), 100, m(2026, 1), 3);
    t.amount = Decimal::new(1005, 3);
    assert!(matches!(code(t, &[]), Err((Code::AllocationInvalid, ref s)) if s.starts_with("tranches[0].amount")));
    // Year 0 (a month the type can hold but no date has).
    assert!(code(cap("a", "d", Month::from_index(0), 100, m(2026, 1), 3), &[]).is_err());
    assert!(code(cap("a", "d", m(2026, 1), 100, m(9999, 1), 13), &[]).is_err());
    assert!(code(cap("a", "d", m(2026, 1), 100, m(2026, 1), u32::MAX), &[]).is_err());
    let bad_end = [Termination { payee: "a".into(), transaction: "d".into(), month: Month::from_index(0) }];
    assert!(code(cap("a", "d", m(2026, 1), 100, m(2026, 1), 3), &bad_end).is_err());
    assert!(schedule(&[], &[], 29).is_err());
    let big = [cap("a", "d", m(2026, 1), 1, m(2026, 1), 3), cap("a", "d", m(2026, 1), 1, m(2026, 1), 3)];
    let mut big = big.to_vec();
    big.iter_mut().for_each(|t| t.amount = Decimal::MAX);
    assert!(matches!(schedule(&big, &[], 0), Err(Error { code: Code::Overflow, .. })));
}

#[test]
fn classify_follows_the_benefit_period() {
    let p = Policy::default();
    let start = m(2026, 1);
    assert!(matches!(classify(true, start, Some(12), true, None, &p),
        Treatment::Expense { reason } if reason == "practical expedient: a benefit period of 12 months (12 or less) is expensed when incurred"));
    assert_eq!(classify(true, start, Some(36), true, None, &p), Treatment::Capitalize { start, months: 36 });
    assert_eq!(classify(true, start, Some(12), false, Some(60), &p), Treatment::Capitalize { start, months: 60 });
    // Renewals commensurate: the customer life does not matter.
    assert!(matches!(classify(true, start, Some(12), true, Some(60), &p), Treatment::Expense { .. }));
    assert!(matches!(classify(false, start, Some(36), true, None, &p),
        Treatment::Expense { reason } if reason == "not incremental to obtaining a contract"));
    assert!(matches!(classify(true, start, None, true, None, &p),
        Treatment::Expense { reason } if reason.contains("term missing")));
    assert_eq!(classify(true, start, None, false, Some(48), &p), Treatment::Capitalize { start, months: 48 });
    let no_expedient = Policy { practical_expedient: false, ..p };
    assert_eq!(classify(true, start, Some(12), true, None, &no_expedient), Treatment::Capitalize { start, months: 12 });
    assert!(matches!(classify(true, start, Some(0), true, None, &no_expedient), Treatment::Expense { .. }));
}

#[test]
fn journal_entries_balance_and_clawbacks_debit_the_payable() -> Result<()> {
    let t = [
        cap("ana", "A", m(2026, 3), 30_000, m(2026, 3), 36),
        expensed("ana", "B", m(2026, 3), 12_000),
        cap("bo", "C", m(2026, 3), 48_000, m(2026, 3), 24),
        cap("ana", "A", m(2026, 4), -30_000, m(2026, 3), 36),
    ];
    let s = schedule(&t, &[], 2)?;
    let j = journal(&t, &s, &Accounts::default())?;
    let mut sums: BTreeMap<&str, (Decimal, Decimal)> = BTreeMap::new();
    for l in &j {
        let e = sums.entry(l.entry.as_str()).or_default();
        *e = (e.0 + l.debit, e.1 + l.credit);
        assert!(!l.debit.is_sign_negative() && !l.credit.is_sign_negative());
    }
    assert!(sums.values().all(|(d, c)| d == c));
    let early: Vec<_> =
        sums.keys().copied().filter(|k| k.as_bytes().get(..10) < Some(b"JE-2026-05".as_slice())).collect();
    let want = ["JE-2026-03-001", "JE-2026-03-002", "JE-2026-03-003", "JE-2026-03-004", "JE-2026-03-005"];
    assert_eq!(
        early,
        want.into_iter().chain(["JE-2026-04-001", "JE-2026-04-002", "JE-2026-04-003"]).collect::<Vec<_>>()
    );
    // From May only bo's asset amortizes: one entry a month until February 2028.
    assert_eq!(sums.len(), 8 + 22);
    let line = |entry: &str, account: &str| j.iter().find(|l| l.entry == entry && l.account == account);
    // March: ana capitalizes 300.00 and expenses 120.00; 300/36 → first month 8.34.
    let first = line("JE-2026-03-001", "Capitalized commission costs");
    assert_eq!(first.map(|l| (l.debit, l.date.to_string())), Some((c(30_000), "2026-03-31".into())));
    assert_eq!(first.map(|l| l.memo.as_str()), Some("Capitalized commissions on 1 deal, 2026-03"));
    assert_eq!(line("JE-2026-03-002", "Commission expense").map(|l| l.debit), Some(c(12_000)));
    assert_eq!(line("JE-2026-03-003", "Amortization of commission costs").map(|l| l.debit), Some(c(834)));
    assert_eq!(line("JE-2026-03-005", "Capitalized commission costs").map(|l| l.credit), Some(c(2000)));
    // April: the clawback debits the payable and credits the asset.
    let payable = line("JE-2026-04-001", "Commissions payable");
    assert_eq!(payable.map(|l| (l.debit, l.credit)), Some((c(30_000), c(0))));
    assert_eq!(payable.map(|l| l.memo.as_str()), Some("Capitalized commissions on 1 deal (1 reversal), 2026-04"));
    // April amortization: 8.34 − 2 × 8.34 = −8.34, so the asset is debited back.
    let back = line("JE-2026-04-002", "Capitalized commission costs");
    assert_eq!(back.map(|l| (l.debit, l.credit)), Some((c(834), c(0))));
    assert_eq!(
        back.map(|l| l.memo.as_str()),
        Some("Amortization of capitalized commissions on 1 deal, 2026-04 (includes -8.34 of catch-up or acceleration)")
    );
    assert_eq!(line("JE-2026-04-003", "Amortization of commission costs").map(|l| l.payee.as_str()), Some("bo"));
    Ok(())
}

#[test]
fn csv_quotes_and_defuses_formulas() -> Result<()> {
    let date = m(2026, 3).last_day().ok_or_else(|| Error::new(Code::Internal, "date"))?;
    let entry = |account: &str, payee: &str, memo: &str| JournalEntry {
        date,
        entry: "JE-2026-03-001".into(),
        account: account.into(),
        debit: c(12_000),
        credit: c(0),
        payee: payee.into(),
        memo: memo.into(),
    };
    let csv = journal_csv(&[
        entry("Cash, main", "=HYPERLINK(\"x\")", "Capitalized commissions on 3 deals, 2026-03"),
        entry("Commission expense", "-5", "@sum\nnext"),
    ]);
    let lines: Vec<_> = csv.split_inclusive('\n').collect();
    assert_eq!(lines[0], "date,entry,account,debit,credit,payee,memo\n");
    assert_eq!(
        lines[1],
        "2026-03-31,JE-2026-03-001,\"Cash, main\",120.00,0.00,\"'=HYPERLINK(\"\"x\"\")\",\"Capitalized commissions on 3 deals, 2026-03\"\n"
    );
    assert_eq!(lines[2], "2026-03-31,JE-2026-03-001,Commission expense,120.00,0.00,'-5,\"'@sum\n");
    assert_eq!(lines[3], "next\"\n");
    Ok(())
}

#[test]
fn journal_amounts_carry_the_minor_units() -> Result<()> {
    let mut t = expensed("ana", "D1", m(2026, 3), 0);
    t.amount = Decimal::from(120);
    let s = schedule(std::slice::from_ref(&t), &[], 2)?;
    let csv = journal_csv(&journal(std::slice::from_ref(&t), &s, &Accounts::default())?);
    assert!(csv.contains(",Commission expense,120.00,0.00,ana,\"Expensed commissions on 1 deal, 2026-03\"\n"));
    assert!(csv.contains(",Commissions payable,0.00,120.00,ana,"));
    Ok(())
}

#[cfg(not(target_arch = "wasm32"))]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn schedules_sum_exactly_and_end_at_zero(
            cents in -1_000_000_000i64..1_000_000_000,
            later in -1_000_000_000i64..1_000_000_000,
            months in 1u32..=120,
            start in 0u32..120,
            incurred in 0u32..300,
            adjusted in 0u32..300,
            end in proptest::option::of(0u32..300),
        ) {
            let base = m(2020, 1);
            let t = [
                cap("ana", "D1", base.plus(incurred.into()), cents, base.plus(start.into()), months),
                cap("ana", "D1", base.plus(adjusted.into()), later, base.plus(start.into()), months),
            ];
            let ends: Vec<_> =
                end.map(|e| Termination { payee: "ana".into(), transaction: "D1".into(), month: base.plus(e.into()) }).into_iter().collect();
            let s = schedule(&t, &ends, 2)?;
            prop_assert_eq!(s.assets.len(), 1);
            let a = &s.assets[0];
            prop_assert_eq!(a.capitalized, c(cents + later));
            prop_assert_eq!(total_amortization(a), a.capitalized);
            prop_assert_eq!(a.rows.last().map(|r| r.balance), Some(Decimal::ZERO));
            let months_total: Decimal = s.months.iter().map(|r| r.amortization).sum();
            prop_assert_eq!(months_total, a.capitalized);
            prop_assert_eq!(s.months.last().map(|r| r.balance), Some(Decimal::ZERO));
            let j = journal(&t, &s, &Accounts::default())?;
            let debits: Decimal = j.iter().map(|l| l.debit).sum();
            let credits: Decimal = j.iter().map(|l| l.credit).sum();
            prop_assert_eq!(debits, credits);
        }
    }
}
