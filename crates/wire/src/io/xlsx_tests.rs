//! Tests (compiled only under #[cfg(test)]) of `io::xlsx`: workbooks built here with
//! rust_xlsxwriter, read back, and the writer's workbooks read back through the reader.

use super::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};

fn build(f: impl FnOnce(&mut Workbook)) -> Vec<u8> {
    let mut book = Workbook::new();
    f(&mut book);
    book.save_to_buffer().unwrap()
}

#[test]
fn cells_become_the_text_a_person_sees() {
    let bytes = build(|book| {
        let s = book.add_worksheet().set_name("Deals").unwrap();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let when = Format::new().set_num_format("yyyy-mm-dd hh:mm");
        for (c, h) in ["id", "name", "amount", "share", "closed", "at", "won", "note"].iter().enumerate() {
            s.write_string(0, u16::try_from(c).unwrap(), *h).unwrap();
        }
        s.write_string(1, 0, "d1").unwrap();
        s.write_string(1, 1, "Lee, \"Ann\"").unwrap();
        s.write_number(1, 2, 1234.5).unwrap();
        s.write_number(1, 3, 0.1 + 0.2).unwrap();
        s.write_datetime_with_format(1, 4, ExcelDateTime::from_ymd(2026, 3, 31).unwrap(), &date).unwrap();
        let at = ExcelDateTime::from_ymd(2026, 1, 2).unwrap().and_hms(23, 30, 0).unwrap();
        s.write_datetime_with_format(1, 5, at, &when).unwrap();
        s.write_boolean(1, 6, true).unwrap();
        s.write_string(1, 7, "=HYPERLINK(\"x\")").unwrap();
        s.write_string(2, 0, "d2").unwrap();
        s.write_number(2, 2, 42.0).unwrap();
        s.write_number(2, 3, -0.0).unwrap();
        // The serial number 46112 with a date format is 2026-03-31 too (46112 days after 1899-12-30).
        s.write_number_with_format(2, 4, 46112.0, &date).unwrap();
        s.write_formula(2, 5, Formula::new("=1/0").set_result("#DIV/0!")).unwrap();
        s.write_boolean(2, 6, false).unwrap();
        s.write_string(2, 7, "two\nlines").unwrap();
        book.add_worksheet().set_name("Empty").unwrap();
    });
    let got = sheets(&bytes).unwrap();
    assert_eq!(got.len(), 2);
    let deals = &got[0];
    assert_eq!(deals.name, "Deals");
    assert_eq!(deals.rows, 3);
    assert_eq!(
        deals.csv,
        "id,name,amount,share,closed,at,won,note\n\
         d1,\"Lee, \"\"Ann\"\"\",1234.5,0.3,2026-03-31,2026-01-02,true,\"=HYPERLINK(\"\"x\"\")\"\n\
         d2,,42,0,2026-03-31,,false,\"two\nlines\"\n"
    );
    assert_eq!(deals.warnings.len(), 1);
    let w = &deals.warnings[0];
    assert_eq!((w.path.as_str(), w.code), ("Deals!F3", Code::FormulaEval));
    assert!(w.message.contains("#DIV/0!"), "{}", w.message);
    assert_eq!(got[1], Sheet { name: "Empty".into(), csv: String::new(), rows: 0, warnings: vec![] });
}

#[test]
fn the_csv_starts_at_the_used_cells_and_reads_through_the_importer() {
    let bytes = build(|book| {
        let s = book.add_worksheet().set_name("Q1 deals").unwrap();
        // Header at B3; one row has nothing in its first column, and a gap row between.
        s.write_string(2, 1, "id").unwrap();
        s.write_string(2, 2, "date").unwrap();
        s.write_string(2, 3, "amount").unwrap();
        s.write_string(3, 1, "t1").unwrap();
        s.write_string(3, 2, "2026-01-05").unwrap();
        s.write_number(3, 3, 100.0).unwrap();
        s.write_string(5, 2, "2026-01-06").unwrap();
        s.write_number(5, 3, 7.25).unwrap();
        s.write_formula(5, 4, Formula::new("=NA()").set_result("#N/A")).unwrap();
    });
    let got = sheets(&bytes).unwrap();
    // The error cell at E6 is read as empty, so it does not widen the used range.
    assert_eq!(got[0].csv, "id,date,amount\nt1,2026-01-05,100\n,,\n,2026-01-06,7.25\n");
    assert_eq!(got[0].warnings[0].path, "'Q1 deals'!E6");
    let m = crate::spec::import::MappingDto { preset: Some("spm".into()), ..Default::default() };
    let r = crate::io::import::import_transactions(&got[0].csv, &m, None).unwrap();
    assert_eq!((r.report.rows, r.report.imported, r.report.rejected, r.report.skipped.len()), (3, 1, 1, 1));
}

#[test]
fn other_files_are_refused_with_a_hint() {
    for bytes in [&b"id,date\n1,2"[..], &[0xD0, 0xCF, 0x11, 0xE0, 0, 0][..], b"PK\x03\x04broken", b""] {
        let e = sheets(bytes).unwrap_err();
        assert_eq!(e.code, Code::CsvInvalid, "{e}");
        assert_eq!(e.diagnostics[0].path, "workbook");
        assert!(e.diagnostics[0].hint.contains(".xlsx"));
    }
}

#[test]
fn numbers_addresses_and_sheet_names() {
    assert_eq!(number(1234.5), "1234.5");
    assert_eq!(number(1_234.500_000_000_000_2), "1234.5");
    assert_eq!(number(5.0), "5");
    assert_eq!(number(-0.0), "0");
    assert_eq!(number(1e20), "100000000000000000000");
    assert_eq!(number(0.000_001_5), "0.0000015");
    assert_eq!(number(f64::NAN), "");
    assert_eq!(
        (address(0, 0), address(6, 2), address(0, 25), address(0, 26), address(9, 701)),
        ("A1".into(), "C7".into(), "Z1".into(), "AA1".into(), "ZZ10".into())
    );
    assert_eq!((quote_sheet("Sheet1"), quote_sheet("Bob's deals")), ("Sheet1".into(), "'Bob''s deals'".into()));
}

#[test]
fn written_workbooks_read_back_cell_for_cell() {
    let tables = vec![
        (
            "Statements".to_string(),
            "payeeId,period,earned,note\n\
             r1,2026-01,1234.50,'=SUM(A1)\n\
             r2,2026-02,-10,'-5 bonus\n\
             007,2026-03,12345678901234.56,'plain\n"
                .to_string(),
        ),
        ("Statements".to_string(), "a\n1\n".to_string()),
        ("bad/name:*".to_string(), "x\n".to_string()),
    ];
    let bytes = workbook(&tables).unwrap();
    let back = sheets(&bytes).unwrap();
    let names: Vec<&str> = back.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Statements", "Statements (2)", "bad_name__"]);
    // 1234.50 is a number shown with two places and read back as 1234.5; the 16-digit amount
    // and the id with a leading zero stay text; the guards are gone and the texts stay texts.
    assert_eq!(
        back[0].csv,
        "payeeId,period,earned,note\n\
         r1,2026-01,1234.5,=SUM(A1)\n\
         r2,2026-02,-10,-5 bonus\n\
         007,2026-03,12345678901234.56,'plain\n"
    );
    assert_eq!(back[1].csv, "a\n1\n");
    assert_eq!(exact_number("1234.50"), Some((1234.5, 2)));
    assert_eq!(exact_number("-0"), Some((0.0, 0)));
    assert_eq!(exact_number("999999999999999"), Some((999_999_999_999_999.0, 0)));
    for no in ["9999999999999999", "007", "1e5", ".5", "1,234", "", "-", "1.", "+1"] {
        assert_eq!(exact_number(no), None, "{no}");
    }
}

#[test]
fn the_same_tables_give_the_same_bytes() {
    let tables = vec![("Payroll".to_string(), "payeeId,amount\nr1,10.00\n".to_string())];
    let first = workbook(&tables).expect("workbook");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(first, workbook(&tables).expect("workbook"), "no clock in the file");
}
