//! Warnings about the plan and the data together, which neither shows alone: transactions dated
//! where no plan version is in effect (they earn nothing), and payee entries that name what the
//! plan does not have (a quota for a component it lacks, a quota for a period label it never
//! uses, an MBO result for a goal it does not set). Each used to be accepted without a word
//! (issue 19, item 5); the run is still correct for what the plan says, so these are warnings in
//! the report's `warnings`, not errors.

use crate::data::Dataset;
use spm_base::error::{Code, Diagnostic};
use spm_base::period::{Calendar, Date, PeriodKind};
use spm_plan::{ComponentKind, PlanSet};
use std::collections::{BTreeMap, BTreeSet};

/// How many transaction ids one warning lists before saying how many more there are.
const LISTED: usize = 5;

/// Every warning about the plan and the data together, in a fixed order: transactions outside
/// the versions (by gap, in date order), then payees in input order.
pub fn warnings(set: &PlanSet, data: &Dataset) -> Vec<Diagnostic> {
    let mut out = outside_versions(set, data);
    payee_references(set, data, &mut out);
    out
}

/// The deals of one gap between versions: how many, and the first few (date, id).
type Gap<'a> = (usize, Vec<(Date, &'a str)>);

/// Transactions dated before the first version, between two versions or after the last: no
/// version is in effect on their date, so no component counts them. One warning per gap.
fn outside_versions(set: &PlanSet, data: &Dataset) -> Vec<Diagnostic> {
    let versions = &set.versions;
    // Versions are in date order without overlaps (plan_check), so the version that could hold a
    // date is the last one starting on or before it: a binary search, not a scan per deal.
    // Gap k lies before version k (k = versions.len(): after the last one); per gap, the count
    // and the first deals (transactions are in date order, so the earliest).
    let mut gaps: BTreeMap<usize, Gap<'_>> = BTreeMap::new();
    for t in &data.transactions {
        let k = versions.partition_point(|v| v.effective_from.is_none_or(|f| f <= t.date));
        if k.checked_sub(1).and_then(|i| versions.get(i)).is_some_and(|v| v.in_effect(t.date)) {
            continue;
        }
        let (count, first) = gaps.entry(k).or_default();
        *count += 1;
        if first.len() < LISTED {
            first.push((t.date, data.id_of(t)));
        }
    }
    let label = |i: usize| versions.get(i).map_or(String::new(), |v| format!("{:?}", v.version));
    let day = |d: Option<Date>| d.map_or(String::new(), |d| d.to_string());
    gaps.into_iter()
        .map(|(k, (count, mut list))| {
            list.sort();
            let before = k.checked_sub(1).and_then(|i| versions.get(i));
            let after = versions.get(k);
            let gap = match (before, after) {
                (Some(b), Some(a)) => format!(
                    "between version {} (in effect to {}) and version {} (from {})",
                    label(k - 1),
                    day(b.effective_to),
                    label(k),
                    day(a.effective_from)
                ),
                (None, Some(a)) => {
                    format!("before version {}, the first, starts on {}", label(k), day(a.effective_from))
                }
                (Some(b), None) => format!("after version {}, the last, ends on {}", label(k - 1), day(b.effective_to)),
                (None, None) => "with no plan version".to_string(),
            };
            let shown: Vec<String> = list.iter().take(LISTED).map(|(d, id)| format!("{id:?} ({d})")).collect();
            let more = count.saturating_sub(list.len());
            let more = if more > 0 { format!(" and {more} more") } else { String::new() };
            let (n, is, earns) = if count == 1 {
                ("1 transaction".to_string(), "is", "earns")
            } else {
                (format!("{count} transactions"), "are", "earn")
            };
            Diagnostic::warning(
                "transactions",
                Code::OutsideVersions,
                format!(
                    "{n} {is} dated {gap}, where no plan version is in effect, and {earns} nothing: {}{more}",
                    shown.join(", ")
                ),
                "give the versions dates that cover every deal (effectiveTo of one version the day before the next \
                 one's effectiveFrom), or leave those deals out of this run",
            )
        })
        .collect()
}

/// Payee entries naming what no version of the plan has.
fn payee_references(set: &PlanSet, data: &Dataset, out: &mut Vec<Diagnostic>) {
    let mut keys: BTreeSet<&str> = BTreeSet::new();
    let mut goals: BTreeSet<&str> = BTreeSet::new();
    for v in &set.versions {
        keys.extend(v.components.iter().map(|c| c.id.as_str()));
        keys.extend(v.measures.iter().map(|m| m.id.as_str()));
        for c in &v.components {
            if let ComponentKind::Mbo { goals: g, .. } = &c.kind {
                goals.extend(g.iter().map(|g| g.id.as_str()));
            }
        }
    }
    let Some(head) = set.head() else { return };
    let fiscal = matches!(head.calendar, Calendar::Fiscal { .. });
    let listed = |set: &BTreeSet<&str>| {
        let names: Vec<String> = set.iter().take(10).map(|k| format!("{k:?}")).collect();
        if set.len() > 10 {
            format!("{}, …", names.join(", "))
        } else {
            names.join(", ")
        }
    };
    for (i, p) in data.payees.iter().enumerate() {
        for (j, q) in p.quotas.iter().enumerate() {
            if !keys.contains(q.key.as_str()) {
                out.push(Diagnostic::warning(
                    format!("payees[{i}].quotas[{j}].component"),
                    Code::UnknownReference,
                    format!(
                        "{}'s quota for {:?} names no component or measure of the plan, so it is never used",
                        p.id, q.key
                    ),
                    format!("use the id of a component or measure: {}", listed(&keys)),
                ));
            }
            if let Some(label) = q.period.as_deref().filter(|l| !label_fits(l, head.period, fiscal)) {
                out.push(Diagnostic::warning(
                    format!("payees[{i}].quotas[{j}].period"),
                    Code::UnknownReference,
                    format!(
                        "{}'s quota for {:?} is for period {label:?}, which is not a {} label of the plan, so it is never used",
                        p.id,
                        q.key,
                        kind_name(head.period)
                    ),
                    format!("write the plan's period labels, such as {:?}", example(head.period, fiscal)),
                ));
            }
        }
        for (j, m) in p.mbo.iter().enumerate() {
            if !goals.contains(m.goal.as_str()) {
                out.push(Diagnostic::warning(
                    format!("payees[{i}].mbo[{j}].goal"),
                    Code::UnknownReference,
                    format!(
                        "{}'s MBO result for goal {:?} names no goal of the plan, so it is never used",
                        p.id, m.goal
                    ),
                    if goals.is_empty() {
                        "the plan has no MBO component: remove the result, or add the component".to_string()
                    } else {
                        format!("use the id of a goal: {}", listed(&goals))
                    },
                ));
            }
        }
    }
}

fn kind_name(kind: PeriodKind) -> &'static str {
    match kind {
        PeriodKind::Month => "month",
        PeriodKind::Quarter => "quarter",
        PeriodKind::Half => "half-year",
        PeriodKind::Year => "year",
    }
}

fn example(kind: PeriodKind, fiscal: bool) -> String {
    let y = if fiscal { "FY2026" } else { "2026" };
    match (kind, fiscal) {
        (PeriodKind::Month, false) => format!("{y}-03"),
        (PeriodKind::Month, true) => format!("{y}-P03"),
        (PeriodKind::Quarter, _) => format!("{y}-Q1"),
        (PeriodKind::Half, _) => format!("{y}-H1"),
        (PeriodKind::Year, _) => y.to_string(),
    }
}

/// Whether `label` is written as the plan's periods are (`Period::label`): `2026-03`,
/// `FY2026-P03`, `2026-Q1`, `2026-H2`, `2026`.
fn label_fits(label: &str, kind: PeriodKind, fiscal: bool) -> bool {
    let rest = if fiscal {
        match label.strip_prefix("FY") {
            Some(r) => r,
            None => return false,
        }
    } else {
        label
    };
    let (year, tail) = rest.split_once('-').map_or((rest, None), |(y, t)| (y, Some(t)));
    if year.len() < 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let number = |s: &str, max: u32| s.parse::<u32>().is_ok_and(|n| (1..=max).contains(&n));
    match (kind, tail) {
        (PeriodKind::Year, None) => true,
        (PeriodKind::Month, Some(t)) => {
            let t = if fiscal { t.strip_prefix('P').unwrap_or("") } else { t };
            t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit()) && number(t, 12)
        }
        (PeriodKind::Quarter, Some(t)) => t.strip_prefix('Q').is_some_and(|n| n.len() == 1 && number(n, 4)),
        (PeriodKind::Half, Some(t)) => t.strip_prefix('H').is_some_and(|n| n.len() == 1 && number(n, 2)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::label_fits;
    use spm_base::period::PeriodKind;

    #[test]
    fn labels_are_written_as_periods_write_them() {
        assert!(label_fits("2026-03", PeriodKind::Month, false));
        assert!(!label_fits("2026-3", PeriodKind::Month, false));
        assert!(!label_fits("2026-13", PeriodKind::Month, false));
        assert!(label_fits("FY2026-P12", PeriodKind::Month, true));
        assert!(!label_fits("2026-P12", PeriodKind::Month, true));
        assert!(label_fits("2026-Q4", PeriodKind::Quarter, false));
        assert!(!label_fits("2026-Q5", PeriodKind::Quarter, false));
        assert!(!label_fits("2026-03", PeriodKind::Quarter, false));
        assert!(label_fits("FY2026-H2", PeriodKind::Half, true));
        assert!(label_fits("2026", PeriodKind::Year, false));
        assert!(!label_fits("2026-Q1", PeriodKind::Year, false));
    }
}
