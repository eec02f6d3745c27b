//! Writing CSV that is safe to open in a spreadsheet (issue 10). Every text cell an export writes
//! goes through [`cell`]: a cell that a spreadsheet would run as a formula (it starts with `=`,
//! `+`, `-`, `@`, a tab or a carriage return; the OWASP "CSV injection" list) gets a leading `'`,
//! which spreadsheets show as text; then it is quoted when it holds a comma, a quote or a line
//! break. Amount cells are written as plain decimals, not through here, so that a negative
//! amount stays a number.

/// One CSV text cell: neutralized when it could run as a formula, quoted when needed.
#[must_use]
pub fn cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formulas_are_neutralized_and_quoted() {
        assert_eq!(cell("=HYPERLINK(\"http://x\",\"y\")"), "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("Ann, Lee"), "\"Ann, Lee\"");
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a=b"), "a=b");
    }
}
