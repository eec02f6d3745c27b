//! Tests (compiled only under #[cfg(test)]) of `io::guess`: presets ranked for headers, and previews.

use super::*;

fn top(header: &str, kind: Option<&str>) -> Vec<(String, u32)> {
    guess(header, kind).into_iter().take(3).map(|g| (g.name, g.score)).collect()
}

#[test]
fn the_header_picks_its_preset() {
    // Salesforce: Opportunity ID, Close Date, Opportunity Owner, Amount and the Stage filter.
    let sf = "Opportunity ID,Opportunity Name,Close Date,Opportunity Owner,Amount,Stage";
    let g = guess(sf, None);
    assert_eq!((g[0].name.as_str(), g[0].kind.as_str(), g[0].score), ("salesforce-opportunities", "transactions", 100));
    assert_eq!(
        g[0].matched,
        ["Opportunity ID", "Opportunity Name", "Close Date", "Opportunity Owner", "Amount", "Stage"]
    );
    assert!(g[0].missing.is_empty());
    // The splits preset needs the split owner and share instead of the owner: 4 of its 6
    // required columns, 66% (rounded down).
    let splits = g.iter().find(|x| x.name == "salesforce-opportunity-splits").unwrap();
    assert_eq!(
        (splits.score, splits.missing.clone()),
        (66, vec!["Split Owner".to_string(), "Split Percentage".to_string()])
    );
    // Our own transaction header: spm first; HubSpot has no match.
    assert_eq!(top("id,date,payeeId,amount", Some("transactions"))[0], ("spm".into(), 100));
    // A tie: "id,name" is all spm-payees needs; Workday needs other names.
    assert_eq!(
        top("id,name", Some("payees")),
        [("spm-payees".into(), 100), ("workday-workers".into(), 0), ("bamboohr-employees".into(), 0)]
    );
    // Semicolons, a byte-order mark and quotes are read as the importer reads them.
    let bamboo = "\u{feff}\"Employee #\";\"First Name\";\"Last Name\";Department";
    let g = guess(bamboo, Some("payees"));
    assert_eq!((g[0].name.as_str(), g[0].score), ("bamboohr-employees", 100));
    assert_eq!(g[0].matched, ["Employee #", "First Name", "Last Name", "Department"]);
    let workday = g.iter().find(|x| x.name == "workday-workers").unwrap();
    assert_eq!(workday.missing, ["Employee ID", "Legal Name"]);
    let spm = g.iter().find(|x| x.name == "spm-payees").unwrap();
    assert_eq!((spm.score, spm.missing.clone()), (0, vec!["id".to_string(), "name".to_string()]));
    assert!(guess("a,b", Some("nope")).is_empty());
}

#[test]
fn a_preview_splits_as_the_importer_does() {
    let p = preview("\u{feff}id;amount;note\n1;2,5;\"a;b\"\n\n2;3;x\n3;4;y\n", 2).unwrap();
    assert_eq!(p.delimiter, ";");
    assert_eq!(p.header, ["id", "amount", "note"]);
    assert_eq!(p.rows, [vec!["1", "2,5", "a;b"], vec!["2", "3", "x"]]);
    let p = preview("a\tb\n 1 \t2\n", 10).unwrap();
    assert_eq!((p.delimiter.as_str(), p.rows.clone()), ("\t", vec![vec!["1".to_string(), "2".to_string()]]));
    assert_eq!(preview(" \n", 3).unwrap_err().code, spm_base::Code::CsvInvalid);
    assert_eq!(preview("a,b\n1,2\n", 0).unwrap().rows.len(), 0);
}

#[test]
fn our_own_format_wins_a_tie() {
    // Both spm (id, date, amount) and HubSpot (Record ID, Close Date, Amount, Deal Stage) are
    // complete here, and HubSpot would read more columns: the tie goes to our own format.
    let g = guess("id,date,amount,Record ID,Close Date,Deal Stage,Deal owner,Deal Name", Some("transactions"));
    assert_eq!((g[0].name.as_str(), g[0].score), ("spm", 100));
    assert_eq!((g[1].name.as_str(), g[1].score), ("hubspot-deals", 100));
}
