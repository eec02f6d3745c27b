//! The sample company's sales activity for the leaderboard: calls, meetings and demos of the
//! same reps the payouts pay, made in the weeks before each of their deals, so a busy rep is
//! also a rep who closes. Seeded, so every build makes the same text.

use spm_base::period::Date;
use spm_base::rng::Rng;
use std::fmt::Write;

/// The seed of the sample company's activity.
pub const SEED: u64 = 20_261_231;

/// Activity events as scoring CSV (`id,payeeId,type,date`) from the deals of `transactions_csv`
/// (the sample's own CSV: `id,date,payeeId,…` without quoted cells). Per deal: one call on a day
/// 1–20 days before it, a second call with chance 1/2, a meeting with chance 1/3 and a demo
/// with chance 1/6 (1/2 for new business), none before 2026-01-01, none before `r041`'s hire on
/// 2026-04-16 and none during `r042`'s leave in August, like the deals themselves.
pub fn activity_csv(transactions_csv: &str, seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut out = String::with_capacity(transactions_csv.len());
    out.push_str("id,payeeId,type,date\n");
    let mut n = 0usize;
    let first = Date::new(2026, 1, 1);
    let hire = Date::new(2026, 4, 16);
    for line in transactions_csv.lines().skip(1) {
        let mut cells = line.split(',');
        let (_, Some(date), Some(rep)) = (cells.next(), cells.next(), cells.next()) else { continue };
        let kind = cells.nth(2).unwrap_or("");
        let Some(deal) = Date::parse(date) else { continue };
        let demo_chance = if kind == "new" { 2 } else { 6 };
        let wanted = [
            ("call", true),
            ("call", rng.below(2) == 0),
            ("meeting", rng.below(3) == 0),
            ("demo", rng.below(demo_chance) == 0),
        ];
        for (what, yes) in wanted {
            let back = i64::try_from(rng.below(20)).unwrap_or(0).saturating_add(1);
            if !yes {
                continue;
            }
            let Some(day) = deal.add_days(-back) else { continue };
            let early = first.is_some_and(|f| day < f) || (rep == "r041" && hire.is_some_and(|h| day < h));
            if early || (rep == "r042" && day.month() == 8) {
                continue;
            }
            n += 1;
            let _ = writeln!(out, "A{n:06},{rep},{what},{day}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activity_precedes_deals_and_respects_hire_and_leave() {
        let deals = "id,date,payeeId,amount,product,type,customer\n\
                     T1,2026-01-03,r001,10.00,Platform,new,C1\n\
                     T2,2026-05-10,r041,10.00,Platform,new,C1\n\
                     T3,2026-09-02,r042,10.00,Platform,renewal,C1\n";
        let csv = activity_csv(deals, 7);
        assert_eq!(csv, activity_csv(deals, 7), "seeded");
        assert!(csv.starts_with("id,payeeId,type,date\n"));
        for line in csv.lines().skip(1) {
            let cells: Vec<&str> = line.split(',').collect();
            let day = Date::parse(cells[3]).unwrap();
            assert!(day >= Date::new(2026, 1, 1).unwrap(), "{line}");
            if cells[1] == "r001" {
                assert!(day < Date::new(2026, 1, 3).unwrap(), "{line}");
            }
            if cells[1] == "r041" {
                assert!(day >= Date::new(2026, 4, 20).unwrap() && day < Date::new(2026, 5, 10).unwrap(), "{line}");
            }
            if cells[1] == "r042" {
                assert_ne!(day.month(), 8, "{line}");
            }
        }
        // Every deal far enough into the year has at least its one call.
        assert!(csv.lines().any(|l| l.contains(",r041,call,")));
    }
}
