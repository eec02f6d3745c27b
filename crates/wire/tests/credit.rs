//! Crediting's filter matching and evaluation order, checked on datasets read from the wire
//! format (the core crate cannot read JSON itself, so these tests live here).

use spm_core::credit::{evaluation_order, matches, Resolved};
use spm_plan::Filter;

#[test]
fn resolved_filters_agree_with_string_matching() {
    let txns = r#"[{"id":"t1","date":"2026-01-01","payeeId":"a","amount":"1","product":"A","type":"new","attributes":[{"name":"region","value":"West"}]},
        {"id":"t2","date":"2026-01-02","payeeId":"a","amount":"1","product":"B","type":"renewal"},
        {"id":"t3","date":"2026-01-03","payeeId":"a","amount":"1"}]"#;
    let data = spm_wire::api::load_json(txns, r#"[{"id":"a","name":"A"}]"#).unwrap();
    let f = |conds: &[(&str, &[&str])]| Filter {
        conditions: conds.iter().map(|(k, v)| (k.to_string(), v.iter().map(|x| x.to_string()).collect())).collect(),
    };
    let filters = [
        f(&[]),
        f(&[("product", &["A"])]),
        f(&[("product", &["A", "B"]), ("type", &["renewal"])]),
        f(&[("region", &["West"])]),
        f(&[("region", &["East"])]),
        f(&[("product", &["Z"])]),
        f(&[("territory", &[""])]),
    ];
    for filter in &filters {
        let r = Resolved::new(&data, filter);
        for t in &data.transactions {
            assert_eq!(r.matches(&data, t), matches(&data, t, filter), "{filter:?} on {}", data.id_of(t));
        }
    }
}

#[test]
fn evaluation_order_is_date_then_id_then_input_order() {
    // Loading keeps transactions in evaluation order; the order is checked on the input order.
    // Loading refuses a repeated id (ID_INVALID), so rows are loaded with unique ids and given
    // their listed ids after: equal ids still meet in the estimator, which adds deals itself.
    let load = |rows: &[(&str, &str, &str)]| {
        let txns: Vec<String> = rows
            .iter()
            .enumerate()
            .map(|(i, (id, d, amount))| {
                format!(r#"{{"id":"{id}~{i}","date":"{d}","payeeId":"a","amount":"{amount}"}}"#)
            })
            .collect();
        let mut data =
            spm_wire::api::load_json(&format!("[{}]", txns.join(",")), r#"[{"id":"a","name":"A"}]"#).unwrap();
        // Back to input order (amounts number the rows), to test the ordering itself.
        data.transactions.sort_by_key(|t| t.amount);
        data.ids.clear();
        for (t, (id, _, _)) in data.transactions.iter_mut().zip(rows) {
            t.id = (data.ids.len() as u32, id.len() as u32);
            data.ids.push_str(id);
        }
        data
    };
    // Already in order: kept as it is.
    let rows = [("a", "2026-01-01", "0"), ("b", "2026-01-01", "1"), ("a", "2026-01-02", "2")];
    assert_eq!(evaluation_order(&load(&rows)), [0, 1, 2]);
    // Bucketed by day; ids longer than the eight-byte key and equal ids (input order) tie-break.
    let rows = [
        ("deal-000000002", "2026-03-01", "0"),
        ("z", "2026-01-05", "1"),
        ("deal-000000001", "2026-03-01", "2"),
        ("same", "2026-01-05", "3"),
        ("same", "2026-01-05", "4"),
        ("a", "2026-12-31", "5"),
    ];
    let data = load(&rows);
    assert_eq!(evaluation_order(&data), [3, 4, 1, 2, 0, 5]);
    // The same rows with unique ids ("samf" sorts right after "same"), loaded as they are.
    let mut rows = rows;
    rows[4].0 = "samf";
    let loaded = spm_wire::api::load_json(
        &format!(
            "[{}]",
            rows.iter()
                .map(|(id, d, a)| format!(r#"{{"id":"{id}","date":"{d}","payeeId":"a","amount":"{a}"}}"#))
                .collect::<Vec<_>>()
                .join(",")
        ),
        r#"[{"id":"a","name":"A"}]"#,
    )
    .unwrap();
    let amounts: Vec<String> = loaded.transactions.iter().map(|t| t.amount.to_string()).collect();
    assert_eq!(amounts, ["3", "4", "1", "2", "0", "5"], "loading sorts the same way");
    // Dates spread over many more days than transactions: the comparison sort.
    let rows = [("b", "2030-01-01", "0"), ("a", "2030-01-01", "1"), ("c", "1990-06-01", "2")];
    assert_eq!(evaluation_order(&load(&rows)), [2, 1, 0]);
}
