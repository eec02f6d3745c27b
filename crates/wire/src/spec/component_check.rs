//! Validation of plan components: commission, bonus, MBO and SPIFF settings, and the gate,
//! multipliers, cap and floor every component may carry.

use super::filter_check::{check_filter, filter};
use super::plan::*;
use super::plan_check::{cap, date, dec, err, errors, formula, non_negative, target, weights, Diags, Names};
use rust_decimal::Decimal;
use spm_base::error::Code;
use spm_plan::*;

fn wrong_kind(d: &mut Diags, p: &str, field: &str, present: bool, kind: &str) {
    if present {
        err(
            d,
            format!("{p}.{field}"),
            Code::UnknownField,
            format!("{field} does not apply to a {kind} component"),
            "remove it, or change the component's kind",
        );
    }
}

pub(crate) fn component(c: &ComponentDto, p: &str, names: &Names, d: &mut Diags) -> Option<Component> {
    let before = errors(d);
    check_filter(c.filter.as_ref(), &format!("{p}.filter"), d);
    let quota = c.quota.as_ref().and_then(|q| {
        let path = format!("{p}.quota");
        let v = dec(q, &path, d)?;
        if v <= Decimal::ZERO {
            err(
                d,
                path,
                Code::QuotaInvalid,
                format!("the quota {v} is not above zero"),
                "give a positive quota per period, or leave it out and give each payee a quota",
            );
            return None;
        }
        Some(v)
    });
    let kind_name = match c.kind {
        ComponentKindDto::Commission => "commission",
        ComponentKindDto::Bonus => "bonus",
        ComponentKindDto::Mbo => "MBO",
        ComponentKindDto::Spiff => "SPIFF",
    };
    let is = |k: ComponentKindDto| c.kind == k;
    wrong_kind(d, p, "rateTable", c.rate_table.is_some() && !is(ComponentKindDto::Commission), kind_name);
    wrong_kind(d, p, "trueUp", c.true_up.is_some() && !is(ComponentKindDto::Commission), kind_name);
    wrong_kind(d, p, "measure", c.measure.is_some() && !is(ComponentKindDto::Commission), kind_name);
    wrong_kind(d, p, "attainment", !c.attainment.is_empty() && !is(ComponentKindDto::Bonus), kind_name);
    wrong_kind(d, p, "thresholds", !c.thresholds.is_empty() && !is(ComponentKindDto::Bonus), kind_name);
    wrong_kind(d, p, "style", c.style.is_some() && !is(ComponentKindDto::Bonus), kind_name);
    wrong_kind(d, p, "goals", !c.goals.is_empty() && !is(ComponentKindDto::Mbo), kind_name);
    wrong_kind(d, p, "window", c.window.is_some() && !is(ComponentKindDto::Spiff), kind_name);
    wrong_kind(d, p, "pay", c.pay.is_some() && !is(ComponentKindDto::Spiff), kind_name);
    wrong_kind(
        d,
        p,
        "target",
        c.target.is_some() && !(is(ComponentKindDto::Bonus) || is(ComponentKindDto::Mbo)),
        kind_name,
    );
    wrong_kind(
        d,
        p,
        "scope",
        c.scope.is_some() && !(is(ComponentKindDto::Commission) || is(ComponentKindDto::Bonus)),
        kind_name,
    );
    let scope = match c.scope {
        Some(ScopeDto::QuarterToDate) => Scope::QuarterToDate,
        Some(ScopeDto::YearToDate) => Scope::YearToDate,
        _ => Scope::Period,
    };
    let kind = match c.kind {
        ComponentKindDto::Commission => {
            let measure_id = c.measure.clone().unwrap_or_else(|| c.id.clone());
            let measure = names.measure(&measure_id);
            if measure.is_none() {
                err(
                    d,
                    format!("{p}.measure"),
                    Code::UnknownReference,
                    format!("there is no measure {:?}", spm_base::error::clip(&measure_id)),
                    format!("use one of: {}", names.list()),
                );
            }
            if c.true_up == Some(true) && scope != Scope::YearToDate {
                err(
                    d,
                    format!("{p}.trueUp"),
                    Code::WrongType,
                    "a true-up needs year-to-date scope",
                    "set \"scope\": \"yearToDate\"",
                );
            }
            let table = match &c.rate_table {
                Some(t) => super::tiers::rate_table(t, &format!("{p}.rateTable"), d),
                None => {
                    err(
                        d,
                        format!("{p}.rateTable"),
                        Code::MissingField,
                        "a commission needs a rate table",
                        "add a rateTable with tiers",
                    );
                    None
                }
            };
            ComponentKind::Commission {
                measure: measure.unwrap_or(0),
                scope,
                true_up: c.true_up.unwrap_or(false),
                quota,
                table: table?,
            }
        }
        ComponentKindDto::Bonus => {
            let attainment = if c.attainment.is_empty() {
                match names.measure(&c.id) {
                    Some(i) => vec![(i, Decimal::ONE)],
                    None => {
                        err(
                            d,
                            format!("{p}.attainment"),
                            Code::MissingField,
                            "a bonus needs the measures its attainment is made of",
                            "add \"attainment\": [{\"measure\": \"revenue\", \"weight\": \"1\"}]",
                        );
                        Vec::new()
                    }
                }
            } else {
                weights(&c.attainment, &format!("{p}.attainment"), names, true, d)
            };
            let mut thresholds = Vec::new();
            for (i, t) in c.thresholds.iter().enumerate() {
                let tp = format!("{p}.thresholds[{i}]");
                let a = non_negative(&t.attainment, &format!("{tp}.attainment"), d);
                let pay = non_negative(&t.payout, &format!("{tp}.payout"), d);
                if let (Some(a), Some(pay)) = (a, pay) {
                    if thresholds.last().is_some_and(|(prev, _): &(Decimal, Decimal)| a <= *prev) {
                        err(
                            d,
                            format!("{tp}.attainment"),
                            Code::TierOverlap,
                            "thresholds must rise",
                            "list thresholds in increasing attainment",
                        );
                    }
                    thresholds.push((a, pay));
                }
            }
            if c.thresholds.is_empty() {
                err(
                    d,
                    format!("{p}.thresholds"),
                    Code::MissingField,
                    "a bonus needs thresholds",
                    "add [{\"attainment\": \"1\", \"payout\": \"1\"}]",
                );
            }
            let style = match c.style {
                Some(BonusStyleDto::Linear) => BonusStyle::Linear,
                _ => BonusStyle::Step,
            };
            ComponentKind::Bonus {
                attainment,
                thresholds,
                style,
                target: target(c.target.as_ref(), &format!("{p}.target"), d)?,
                quota,
            }
        }
        ComponentKindDto::Mbo => {
            let mut goals = Vec::new();
            let mut sum = Decimal::ZERO;
            let mut ids = std::collections::BTreeMap::new();
            for (i, g) in c.goals.iter().enumerate() {
                let gp = format!("{p}.goals[{i}]");
                // A payee's MBO result names its goal by id: two goals with one id would share it.
                let first = ids.get(g.id.as_str()).copied();
                if first.is_none() {
                    ids.insert(g.id.as_str(), i);
                }
                if let Some(first) = first {
                    err(
                        d,
                        format!("{gp}.id"),
                        Code::IdInvalid,
                        format!("goal id {:?} is used twice: at {p}.goals[{first}].id and at {gp}.id", g.id),
                        "give each goal its own id",
                    );
                }
                let weight = non_negative(&g.weight, &format!("{gp}.weight"), d);
                let due = date(&g.due, &format!("{gp}.due"), d);
                let points: Vec<Decimal> = g
                    .points
                    .iter()
                    .enumerate()
                    .filter_map(|(j, x)| non_negative(x, &format!("{gp}.points[{j}]"), d))
                    .collect();
                if g.points.is_empty() {
                    err(
                        d,
                        format!("{gp}.points"),
                        Code::MissingField,
                        "the goal has no payout points",
                        "add points such as [\"0\", \"0.5\", \"1\", \"1.25\", \"1.5\"]",
                    );
                }
                if let (Some(weight), Some(due)) = (weight, due) {
                    sum = sum.checked_add(weight).unwrap_or(Decimal::MAX);
                    goals.push(Goal { id: g.id.clone(), name: g.name.clone(), weight, due, points });
                }
            }
            if c.goals.is_empty() {
                err(
                    d,
                    format!("{p}.goals"),
                    Code::MissingField,
                    "an MBO component needs goals",
                    "add goals with weights, due dates and payout points",
                );
            } else if goals.len() == c.goals.len() && sum != Decimal::ONE {
                err(
                    d,
                    format!("{p}.goals"),
                    Code::WeightSum,
                    format!("the goal weights sum to {sum}, not 1"),
                    "make the weights add up to exactly 1",
                );
            }
            ComponentKind::Mbo { goals, target: target(c.target.as_ref(), &format!("{p}.target"), d)? }
        }
        ComponentKindDto::Spiff => {
            let (from, to) = match &c.window {
                Some(w) => (date(&w.from, &format!("{p}.window.from"), d), date(&w.to, &format!("{p}.window.to"), d)),
                None => {
                    err(
                        d,
                        format!("{p}.window"),
                        Code::MissingField,
                        "a SPIFF needs a window",
                        "add \"window\": {\"from\": \"2026-03-01\", \"to\": \"2026-03-31\"}",
                    );
                    (None, None)
                }
            };
            if let (Some(f), Some(t)) = (from, to) {
                if t < f {
                    err(
                        d,
                        format!("{p}.window.to"),
                        Code::RangeReversed,
                        format!("the window ends on {t}, before it starts on {f}"),
                        "make to on or after from",
                    );
                }
            }
            let pay = match &c.pay {
                Some(SpiffPayDto { per_deal: Some(a), per_unit: None, percent: None }) => {
                    non_negative(a, &format!("{p}.pay.perDeal"), d).map(SpiffPay::PerDeal)
                }
                Some(SpiffPayDto { per_deal: None, per_unit: Some(a), percent: None }) => {
                    non_negative(a, &format!("{p}.pay.perUnit"), d).map(SpiffPay::PerUnit)
                }
                Some(SpiffPayDto { per_deal: None, per_unit: None, percent: Some(a) }) => {
                    non_negative(a, &format!("{p}.pay.percent"), d).map(SpiffPay::Percent)
                }
                _ => {
                    err(
                        d,
                        format!("{p}.pay"),
                        Code::MissingField,
                        "a SPIFF pays exactly one of perDeal, perUnit and percent",
                        "add \"pay\": {\"perDeal\": \"500\"}",
                    );
                    None
                }
            };
            ComponentKind::Spiff { from: from?, to: to?, pay: pay? }
        }
    };
    let gate = c.gate.as_ref().and_then(|g| {
        let when = formula(&g.when, &format!("{p}.gate.when"), names, d)?;
        let effect = match g.effect {
            Some(GateEffectDto::NoAccelerators) => {
                let ComponentKind::Commission { table, .. } = &kind else {
                    err(
                        d,
                        format!("{p}.gate.effect"),
                        Code::WrongType,
                        "only a commission has accelerators",
                        "use \"effect\": \"zero\"",
                    );
                    return None;
                };
                let k = match g.from_tier {
                    Some(t) => usize::try_from(t).unwrap_or(0).saturating_sub(1),
                    None => table.tiers.iter().position(|t| t.from >= Decimal::ONE).unwrap_or(table.tiers.len()),
                };
                if k == 0 || k >= table.tiers.len() {
                    err(
                        d,
                        format!("{p}.gate.fromTier"),
                        Code::TierBounds,
                        "the first accelerator tier must be a tier after the first",
                        "set fromTier to the 1-based number of the first accelerator tier",
                    );
                    return None;
                }
                GateEffect::NoAcceleratorsFrom(k)
            }
            _ => GateEffect::Zero,
        };
        Some(Gate { when, effect })
    });
    let modifiers = c
        .modifiers
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let mp = format!("{p}.modifiers[{i}]");
            let when = formula(&m.when, &format!("{mp}.when"), names, d);
            let multiply = non_negative(&m.multiply, &format!("{mp}.multiply"), d);
            Some(Modifier {
                label: m.label.clone().unwrap_or_else(|| format!("multiplier {}", i + 1)),
                when: when?,
                multiply: multiply?,
            })
        })
        .collect();
    let cap = c.cap.as_ref().and_then(|x| cap(x, &format!("{p}.cap"), d));
    let floor = c.floor.as_ref().and_then(|f| non_negative(f, &format!("{p}.floor"), d));
    if let (Some(cap), Some(floor)) = (cap, floor) {
        if floor > cap.amount {
            err(
                d,
                format!("{p}.floor"),
                Code::WrongType,
                format!("the floor {floor} is above the cap {}", cap.amount),
                "lower the floor or raise the cap",
            );
        }
    }
    if errors(d) > before {
        return None;
    }
    Some(Component {
        id: c.id.clone(),
        name: c.name.clone(),
        kind,
        filter: c.filter.as_ref().map(filter).unwrap_or_default(),
        gate,
        modifiers,
        cap,
        floor,
        roles: c.roles.clone(),
    })
}
