//! Issue 10: every CSV the engine exports neutralizes cells a spreadsheet would run as a formula
//! (leading `=`, `+`, `-`, `@`, tab, carriage return get a `'`), quotes cells with commas, quotes
//! or line breaks, and leaves amounts as plain numbers. Inputs here are hostile names and ids as
//! a plan, roster or CSV from a stranger could carry them.
use serde_json::json;
use spm_planning::territory::Model;
use spm_scoring::Scoreboard;

#[test]
fn spiff_rows_from_a_hostile_contest_are_neutralized() {
    // One contest, two reps; "@evil" has 2 deals, "=cmd" 1: prizes 100.00 and 50.00.
    let defs = json!({"schemaVersion": 1, "asOf": "2026-04-30", "contests": [{
        "id": "c", "name": "=HYPERLINK(\"http://x.test\",\"win\")", "metric": "count:deal",
        "from": "2026-04-01", "to": "2026-04-30", "currency": "USD",
        "prizes": [{"place": 1, "amount": "100.00"}, {"place": 2, "amount": "50.00"}]}]});
    let events = "id,payeeId,type,date,amount\n\
                  e1,@evil,deal,2026-04-02,10\n\
                  e2,@evil,deal,2026-04-03,10\n\
                  e3,=cmd,deal,2026-04-04,10\n";
    let sb = Scoreboard::from_text(&defs.to_string(), None, events).unwrap();
    let csv = sb.spiff_csv().unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "payeeId,date,amount,currency,reason");
    assert_eq!(lines.len(), 3, "{csv}");
    // The ids get a leading quote mark; the amounts stay numbers; the reason, which starts with the
    // contest's name, is neutralized and quoted (it holds commas and quotes).
    assert!(lines[1].starts_with("'@evil,2026-04-30,100.00,USD,\"'=HYPERLINK(\"\"http://x.test\"\""), "{csv}");
    assert!(lines[2].starts_with("'=cmd,2026-04-30,50.00,USD,\"'=HYPERLINK("), "{csv}");
    for line in &lines[1..] {
        for cell in split(line) {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "cell {cell:?} in {line}");
        }
    }
}

#[test]
fn territory_assignment_export_is_neutralized() {
    let input = json!({
        "accounts": [
            {"id": "=1+1", "potential": "100", "x": "0", "y": "0", "owner": "+T"},
            {"id": "-a2", "potential": "100", "x": "1", "y": "0", "owner": "+T"}
        ],
        "territories": [{"id": "+T"}, {"id": "@U"}]
    });
    let md = Model::from_json(&input.to_string()).unwrap();
    let csv = md.assignment_csv();
    assert_eq!(csv, "accountId,territoryId,previousOwner,moved\n'=1+1,'+T,'+T,false\n'-a2,'+T,'+T,false\n");
}

/// Splits one CSV line into its cells (quotes handled, quote marks dropped).
fn split(line: &str) -> Vec<String> {
    let (mut out, mut cur, mut quoted) = (Vec::new(), String::new(), false);
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}
