//! Ledger exports as CSV: payroll (one row per payee and period with something paid or owed),
//! statements (every ledger entry), and journal entries (commission expense accounting).
//! Text cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab
//! or a carriage return) are prefixed with `'`; amount cells are plain decimals.

use super::ledger_report::LedgerDto;

/// One CSV text cell (neutralized, quoted when needed): the engine's one cell writer.
fn text(s: &str) -> String {
    spm_base::csv_out::cell(s)
}

fn row(cells: &[&str], numeric: &[usize]) -> String {
    let mut out: Vec<String> = Vec::with_capacity(cells.len());
    for (i, c) in cells.iter().enumerate() {
        out.push(if numeric.contains(&i) { (*c).to_string() } else { text(c) });
    }
    out.join(",") + "\n"
}

/// Payroll: `payeeId,name,period,payDate,currency,amount,earned,adjustments,clawbacks,held,released,draw,recovered,collected,carried,spiffs,payeeAdjustments`
/// (the last two, payee adjustments, appended so that existing column positions stay).
pub fn payroll_csv(l: &LedgerDto) -> String {
    let mut out = String::from(
        "payeeId,name,period,payDate,currency,amount,earned,adjustments,clawbacks,held,released,draw,recovered,collected,carried,spiffs,payeeAdjustments\n",
    );
    for p in &l.payees {
        for s in &p.periods {
            let nothing = [
                &s.paid,
                &s.earned,
                &s.adjustments,
                &s.clawbacks,
                &s.closing,
                &s.draw,
                &s.held,
                &s.spiffs,
                &s.payee_adjustments,
            ]
            .iter()
            .all(|v| v.trim_start_matches('-').chars().all(|c| c == '0' || c == '.'));
            if nothing {
                continue;
            }
            out.push_str(&row(
                &[
                    &p.payee_id,
                    &p.name,
                    &s.period,
                    &s.end,
                    &p.currency,
                    &s.paid,
                    &s.earned,
                    &s.adjustments,
                    &s.clawbacks,
                    &s.held,
                    &s.released,
                    &s.draw,
                    &s.recovered,
                    &s.collected,
                    &s.closing,
                    &s.spiffs,
                    &s.payee_adjustments,
                ],
                &[5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16],
            ));
        }
    }
    out
}

/// Statements: every ledger entry, `payeeId,name,period,kind,origin,componentId,transactionId,currency,amount,balance,planAmount,text`.
pub fn statements_csv(l: &LedgerDto) -> String {
    let mut out = String::from(
        "payeeId,name,period,kind,origin,componentId,transactionId,currency,amount,balance,planAmount,text\n",
    );
    for p in &l.payees {
        for e in &p.entries {
            out.push_str(&row(
                &[
                    &p.payee_id,
                    &p.name,
                    &e.period,
                    &e.kind,
                    e.origin.as_deref().unwrap_or(""),
                    e.component_id.as_deref().unwrap_or(""),
                    e.transaction_id.as_deref().unwrap_or(""),
                    &p.currency,
                    &e.amount,
                    &e.balance,
                    e.plan_amount.as_deref().unwrap_or(""),
                    &e.text,
                ],
                &[8, 9, 10],
            ));
        }
    }
    out
}

/// Journal entries: `date,entry,account,debit,credit,currency,payeeId,memo` (empty when the plan
/// declares no accounting).
pub fn journal_csv(l: &LedgerDto) -> String {
    let mut out = String::from("date,entry,account,debit,credit,currency,payeeId,memo\n");
    for b in l.accounting.iter().flatten() {
        for j in &b.journal {
            out.push_str(&row(
                &[&j.date, &j.entry, &j.account, &j.debit, &j.credit, &b.currency, &j.payee_id, &j.memo],
                &[3, 4],
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_would_run_as_formulas_are_neutralized() {
        assert_eq!(text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("Rita, One"), "\"Rita, One\"");
        assert_eq!(row(&["-5.00", "-x"], &[0]), "-5.00,'-x\n");
    }
}
