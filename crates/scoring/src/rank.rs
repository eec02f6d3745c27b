//! Ranking with declared tie rules ("1224" competition, "1223" dense, "1234" ordinal) and
//! prize splitting: tied entrants share the prizes of the places they cover equally, to the
//! minor unit, the leftover units going one each in id order, so the prizes paid always sum to
//! the prize table's total when there are at least as many entrants as places.

use crate::dto::TiesDto;
use rust_decimal::Decimal;
use std::cmp::Ordering;

/// One entrant: its value, its secondary key (ordinal ties), its id.
#[derive(Debug, Clone, Copy)]
pub struct Entrant<'a> {
    /// The value ranked, higher first.
    pub value: Decimal,
    /// The ordinal tie-break, higher first; absent last.
    pub secondary: Option<Decimal>,
    /// The id, the last tie-break (ascending).
    pub id: &'a str,
}

/// Ranks entrants: (index into `entrants`, rank), best first. Ties are listed by id.
pub fn rank(entrants: &[Entrant<'_>], ties: TiesDto) -> Vec<(usize, u32)> {
    let mut order: Vec<usize> = (0..entrants.len()).collect();
    let key = |i: usize| entrants.get(i).copied();
    order.sort_by(|&a, &b| {
        let (Some(x), Some(y)) = (key(a), key(b)) else { return Ordering::Equal };
        let by_value = y.value.cmp(&x.value);
        let by_secondary = if ties == TiesDto::Ordinal {
            match (x.secondary, y.secondary) {
                (Some(p), Some(q)) => q.cmp(&p),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        } else {
            Ordering::Equal
        };
        by_value.then(by_secondary).then_with(|| x.id.cmp(y.id))
    });
    let mut out = Vec::with_capacity(order.len());
    let mut prev: Option<Decimal> = None;
    let mut rank = 0u32;
    let mut dense = 0u32;
    for (pos, &i) in order.iter().enumerate() {
        let v = entrants.get(i).map(|e| e.value);
        let position = u32::try_from(pos + 1).unwrap_or(u32::MAX);
        let same = prev.is_some() && prev == v;
        if !same {
            dense += 1;
            rank = position;
        }
        let r = match ties {
            TiesDto::Competition => rank,
            TiesDto::Dense => dense,
            TiesDto::Ordinal => position,
        };
        prev = v;
        out.push((i, r));
    }
    out
}

/// What a split pays: per ranked entrant (index, amount in minor units), and the places nobody
/// took with their prizes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Split {
    /// (entrant index, minor units), in ranking order; entrants paid nothing are left out.
    pub paid: Vec<(usize, i128)>,
    /// (place, minor units) of places with no entrant.
    pub unclaimed: Vec<(u32, i128)>,
}

/// Splits `prizes` ((place, minor units)) over `ranked` ((index, competition rank), best first,
/// ties by id as [`rank`] lists them). A group tied at rank r of k entrants covers places
/// r..r+k−1 and shares their prizes: each gets the pool divided by k rounded down, and the
/// leftover units (fewer than k) go one each to the first in id order.
pub fn split(ranked: &[(usize, u32)], prizes: &[(u32, i128)]) -> Split {
    let prize = |place: u32| prizes.iter().filter(|p| p.0 == place).map(|p| p.1).sum::<i128>();
    let mut out = Split::default();
    let mut i = 0;
    while i < ranked.len() {
        let r = ranked.get(i).map_or(0, |x| x.1);
        let mut j = i;
        while ranked.get(j).is_some_and(|x| x.1 == r) {
            j += 1;
        }
        let k = j - i;
        let first = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let last = u32::try_from(j).unwrap_or(u32::MAX);
        let pool: i128 = (first..=last).map(prize).sum::<i128>();
        if pool > 0 {
            let kk = i128::try_from(k).unwrap_or(1);
            let (each, left) = (pool / kk, pool % kk);
            for (n, x) in ranked.get(i..j).unwrap_or_default().iter().enumerate() {
                let extra = i128::from(i128::try_from(n).unwrap_or(i128::MAX) < left);
                out.paid.push((x.0, each + extra));
            }
        }
        i = j;
    }
    let taken = u32::try_from(ranked.len()).unwrap_or(u32::MAX);
    out.unclaimed = prizes.iter().filter(|p| p.0 > taken).copied().collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(v: i64, id: &str) -> Entrant<'_> {
        Entrant { value: Decimal::from(v), secondary: None, id }
    }

    #[test]
    fn tie_rules() {
        let es = [e(10, "d"), e(20, "a"), e(10, "b"), e(5, "c")];
        let ranks = |t| rank(&es, t).iter().map(|x| (es[x.0].id, x.1)).collect::<Vec<_>>();
        assert_eq!(ranks(TiesDto::Competition), vec![("a", 1), ("b", 2), ("d", 2), ("c", 4)]);
        assert_eq!(ranks(TiesDto::Dense), vec![("a", 1), ("b", 2), ("d", 2), ("c", 3)]);
        assert_eq!(ranks(TiesDto::Ordinal), vec![("a", 1), ("b", 2), ("d", 3), ("c", 4)]);
    }

    #[test]
    fn three_way_split_of_a_thousand() {
        // 100000 cents / 3 = 33333 rest 1: the first by id gets 33334.
        let es = [e(7, "z"), e(7, "m"), e(7, "a")];
        let r = rank(&es, TiesDto::Competition);
        let s = split(&r, &[(1, 50_000), (2, 30_000), (3, 20_000)]);
        let paid: Vec<(&str, i128)> = s.paid.iter().map(|x| (es[x.0].id, x.1)).collect();
        assert_eq!(paid, vec![("a", 33_334), ("m", 33_333), ("z", 33_333)]);
    }
}
