//! The sample company's ledger data: what happened to its deals after booking (cancellations
//! and refunds, some inside and some outside the 90-day clawback window; deals entered late and
//! amounts corrected after their quarter closed; staged cash payments for
//! the deals of the June SPIFF, which is paid on cash collection; early contract terminations)
//! and monthly USD→EUR rates for the team paid in euros. Derived from the transactions CSV with a
//! fixed seed, so every build shows the same ledger.

use super::Rng;
use spm_base::period::Date;

/// Events for the sample's transactions (`id,date,payeeId,amount,product,type,...` CSV).
pub fn events(transactions_csv: &str) -> String {
    let mut rng = Rng(4_340_340);
    let mut out = String::from("transactionId,kind,date,amount\n");
    for line in transactions_csv.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        let (Some(id), Some(date), Some(payee), Some(amount), Some(product), Some(kind)) =
            (f.first(), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5))
        else {
            continue;
        };
        let (Some(date), Some(cents)) = (Date::parse(date), cents(amount)) else { continue };
        let after =
            |days: u64| date.add_days(i64::try_from(days).unwrap_or(0)).map_or(String::new(), |d| d.to_string());
        // Avery Quinn (r001) keeps her hand-worked quarter untouched.
        let showcase = *payee == "r001";
        let roll = rng.below(1000);
        if !showcase && roll < 3 {
            // About 0.3% of deals are cancelled 10–160 days after booking.
            out.push_str(&format!("{id},cancel,{},\n", after(10 + rng.below(151))));
        } else if !showcase && roll < 5 {
            // About 0.2% are partly refunded (20–60%) 15–75 days after booking.
            let part = cents * (20 + rng.below(41)) / 100;
            out.push_str(&format!("{id},refund,{},{}\n", after(15 + rng.below(61)), money(part)));
        } else if !showcase && roll < 8 && *kind != "renewal" {
            // About 0.3% of contracts end early, 100–300 days in (accelerated amortization).
            out.push_str(&format!("{id},terminate,{},\n", after(100 + rng.below(201))));
        } else if !showcase && roll < 11 {
            // About 0.3% are entered late, 20–70 days after their date: a closed quarter is
            // recalculated and the difference settled when they arrive.
            out.push_str(&format!("{id},enter,{},\n", after(20 + rng.below(51))));
        } else if !showcase && roll < 13 {
            // About 0.2% have their amount corrected (80–120%) 20–100 days later.
            let to = cents * (80 + rng.below(41)) / 100;
            out.push_str(&format!("{id},correct,{},{}\n", after(20 + rng.below(81)), money(to)));
        }
        // The June Analytics SPIFF pays on cash: customers pay in one go or in two instalments.
        if *product == "Analytics" && *kind == "new" && date.month() == 6 && date.year() == 2026 {
            if rng.below(10) < 7 {
                out.push_str(&format!("{id},payment,{},{}\n", after(15 + rng.below(66)), money(cents)));
            } else {
                let first = cents / 2;
                out.push_str(&format!("{id},payment,{},{}\n", after(20 + rng.below(21)), money(first)));
                out.push_str(&format!("{id},payment,{},{}\n", after(60 + rng.below(61)), money(cents - first)));
            }
        }
    }
    out
}

/// USD→EUR on the first of each month of 2026 and the first half of 2027, and on each month's
/// last day (payouts convert at the period's last day).
pub fn rates() -> String {
    let mut out = String::from("from,to,date,rate\n");
    let mut rate: i64 = 9200;
    for (year, months) in [(2026, 12u8), (2027, 6)] {
        for m in 1..=months {
            let days = spm_base::period::days_in_month(year, m);
            out.push_str(&format!("USD,EUR,{year}-{m:02}-01,0.{rate:04}\n"));
            rate += if m % 3 == 0 { -35 } else { 20 };
            out.push_str(&format!("USD,EUR,{year}-{m:02}-{days:02},0.{rate:04}\n"));
        }
    }
    out
}

fn cents(amount: &str) -> Option<u64> {
    let (whole, frac) = amount.split_once('.')?;
    Some(whole.parse::<u64>().ok()? * 100 + frac.parse::<u64>().ok()?)
}

fn money(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}
